/**
 * Everything the observatory records are built from, in a few queries: every structure with its
 * commune and EPCI, zone de compétence, agréments, key posts, yearly figures, participation
 * counts and funding lines (with the funder's kind), plus the QPVs and their communes.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { structureInTerritory } from './work-territory';
import type { ObservatoryContext, ObservatoryStructureInput } from '$lib/observatory/record';

function groupBy<T, K>(rows: readonly T[], key: (row: T) => K): Map<K, T[]> {
	const out = new Map<K, T[]>();
	for (const row of rows) {
		const k = key(row);
		const list = out.get(k);
		if (list) list.push(row);
		else out.set(k, [row]);
	}
	return out;
}

/** The input of `buildObservatoryRecords` for every structure of the territory of work. */
export async function loadObservatoryInput(db: Kysely<Database>): Promise<{ structures: ObservatoryStructureInput[]; context: ObservatoryContext }> {
	const [structures, zones, agrements, posts, years, participation, funding, qpvs] = await Promise.all([
		db
			.selectFrom('structure')
			.leftJoin('commune', 'commune.code', 'structure.commune_code')
			.leftJoin('epci', 'epci.siren', 'commune.epci_siren')
			.selectAll('structure')
			.select(['commune.name as commune_name', 'epci.siren as epci_siren', 'epci.name as epci_name'])
			// SENACS records of the département's structures only (never the border band's).
			.where(structureInTerritory('structure'))
			.orderBy('structure.id')
			.execute(),
		db.selectFrom('structure_zone_commune').select(['structure_id', 'commune_code']).orderBy('commune_code').execute(),
		db
			.selectFrom('agrement')
			.select(['id', 'structure_id', 'kind', 'start_date', 'end_date', 'is_first', 'decision'])
			.orderBy('start_date')
			.execute(),
		db
			.selectFrom('staff_post')
			.select(['id', 'structure_id', 'kind', 'etp', 'qualification_level', 'vacant_from', 'vacant_until'])
			.orderBy('id')
			.execute(),
		db.selectFrom('structure_year').selectAll().orderBy('year').execute(),
		db.selectFrom('participation_count').selectAll().execute(),
		db
			.selectFrom('funding_line')
			.innerJoin('partner', 'partner.id', 'funding_line.partner_id')
			.select(['funding_line.structure_id', 'funding_line.year', 'partner.kind as partner_kind', 'funding_line.amount', 'funding_line.status'])
			.execute(),
		db.selectFrom('zone').select(['code', 'commune_codes']).where('kind', '=', 'qpv').orderBy('code').execute()
	]);
	const zonesOf = groupBy(zones, (z) => z.structure_id);
	const agrementsOf = groupBy(agrements, (a) => a.structure_id);
	const postsOf = groupBy(posts, (p) => p.structure_id);
	const yearsOf = groupBy(years, (y) => y.structure_id);
	const participationOf = groupBy(participation, (p) => p.structure_id);
	const fundingOf = groupBy(funding, (f) => f.structure_id);
	return {
		structures: structures.map((s) => ({
			id: s.id,
			externalId: s.external_id,
			siret: s.siret,
			name: s.name,
			type: s.type,
			address: s.address,
			communeCode: s.commune_code,
			communeName: s.commune_name,
			epciSiren: s.epci_siren,
			epciName: s.epci_name,
			managementMode: s.management_mode,
			territoryType: s.territory_type,
			territorySize: s.territory_size,
			federationMember: s.federation_member,
			specificities: Array.isArray(s.specificities) ? s.specificities.map(String) : [],
			firstAgrementDate: s.first_agrement_date,
			closedOn: s.closed_on,
			zoneCommunes: (zonesOf.get(s.id) ?? []).map((z) => z.commune_code),
			agrements: (agrementsOf.get(s.id) ?? []).map((a) => ({
				id: a.id,
				kind: a.kind,
				startDate: a.start_date,
				endDate: a.end_date,
				isFirst: a.is_first,
				decision: a.decision
			})),
			posts: (postsOf.get(s.id) ?? []).map((p) => ({
				id: p.id,
				kind: p.kind,
				etp: Number(p.etp),
				qualificationLevel: p.qualification_level,
				vacantFrom: p.vacant_from,
				vacantUntil: p.vacant_until
			})),
			years: (yearsOf.get(s.id) ?? []).map((y) => ({
				year: y.year,
				staffHeadcount: y.staff_headcount,
				staffEtp: y.staff_etp === null ? null : Number(y.staff_etp),
				volunteersActivity: y.volunteers_activity,
				volunteersGovernance: y.volunteers_governance,
				zonePopulation: y.zone_population,
				budgetTotal: y.budget_total === null ? null : Number(y.budget_total),
				projectAxes: Array.isArray(y.project_axes) ? y.project_axes.map(String) : []
			})),
			participation: (participationOf.get(s.id) ?? []).map((p) => ({ year: p.year, level: p.level, count: p.count })),
			funding: (fundingOf.get(s.id) ?? []).map((f) => ({ year: Number(f.year), partnerKind: f.partner_kind, amount: Number(f.amount), status: f.status }))
		})),
		context: {
			qpvs: qpvs.map((q) => ({ code: q.code, communeCodes: Array.isArray(q.commune_codes) ? q.commune_codes.map(String) : [] }))
		}
	};
}

/** Years with yearly figures or funding lines, ascending. */
export async function observatoryYears(db: Kysely<Database>): Promise<number[]> {
	const [a, b] = await Promise.all([
		db.selectFrom('structure_year').select('year').distinct().execute(),
		db.selectFrom('funding_line').select('year').distinct().execute()
	]);
	return [...new Set([...a, ...b].map((r) => Number(r.year)))].sort((x, y) => x - y);
}
