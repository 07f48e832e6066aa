/**
 * Everything the observatory records are built from, in a few queries: every structure with its
 * commune and EPCI, zone de compétence, agréments, dated posts, yearly data (participation and
 * detail included), funding lines (with the funder's kind and the instrument's code and family),
 * the QPVs and their communes, the dated parameters (staff requirements, PS, observatory lists and
 * thresholds) and the PS check rows.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { structureInTerritory } from './work-territory';
import { structuresWithPlace } from './structures';
import type { ObservatoryContext, ObservatoryStructureInput, PsCheckFact } from '$lib/observatory/record';
import { psCoverageText } from '$lib/funding/ps-messages-fr';
import * as referenceParameters from './reference-parameters';
import * as structureYears from './structure-years';
import * as fundingPs from './funding-ps';

/** The parameters the observatory reads (staff requirements, PS rules, observatory lists and thresholds, grace period). */
export const OBSERVATORY_PARAMETER_PREFIXES = ['staff_requirement.', 'ps_rate.', 'ps_ceiling.', 'ps.', 'observatory.', 'agrement.renewal_'] as const;

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
	const [structures, zones, agrements, posts, years, funding, qpvs, parameters, psCheck] = await Promise.all([
		structuresWithPlace(db)
			.selectAll('structure')
			.select(['commune.name as commune_name', 'epci.siren as epci_siren', 'epci.name as epci_name'])
			// SENACS records of the département's structures only (never the border band's).
			.where(structureInTerritory('structure'))
			.orderBy('structure.id')
			.execute(),
		db.selectFrom('structure_zone_commune').select(['structure_id', 'commune_code']).orderBy('commune_code').execute(),
		db
			.selectFrom('agrement')
			.select(['id', 'structure_id', 'kind', 'start_date', 'end_date', 'is_first', 'decision', 'decision_date'])
			.orderBy('start_date')
			.execute(),
		db
			.selectFrom('staff_post')
			.select(['id', 'structure_id', 'kind', 'etp', 'qualification_level', 'vacant_from', 'vacant_until', 'start_date', 'end_date'])
			.orderBy('id')
			.execute(),
		structureYears.list(db),
		db
			.selectFrom('funding_line')
			.innerJoin('partner', 'partner.id', 'funding_line.partner_id')
			.innerJoin('funding_instrument', 'funding_instrument.id', 'funding_line.instrument_id')
			.select([
				'funding_line.structure_id',
				'funding_line.year',
				'partner.kind as partner_kind',
				'funding_instrument.code as instrument_code',
				'funding_instrument.family as instrument_family',
				'funding_line.amount',
				'funding_line.status'
			])
			.execute(),
		db.selectFrom('zone').select(['code', 'commune_codes', 'valid_from', 'valid_until']).where('kind', '=', 'qpv').orderBy('code').execute(),
		referenceParameters.list(db, OBSERVATORY_PARAMETER_PREFIXES),
		fundingPs.psCheck(db)
	]);
	const zonesOf = groupBy(zones, (z) => z.structure_id);
	const agrementsOf = groupBy(agrements, (a) => a.structure_id);
	const postsOf = groupBy(posts, (p) => p.structure_id);
	const yearsOf = groupBy(years, (y) => y.structureId);
	const fundingOf = groupBy(funding, (f) => f.structure_id);
	return {
		structures: structures.map((s) => ({
			id: s.id,
			externalId: s.external_id,
			siret: s.siret,
			establishment: s.establishment,
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
				decision: a.decision,
				decisionDate: a.decision_date
			})),
			posts: (postsOf.get(s.id) ?? []).map((p) => ({
				id: p.id,
				kind: p.kind,
				etp: Number(p.etp),
				qualificationLevel: p.qualification_level,
				vacantFrom: p.vacant_from,
				vacantUntil: p.vacant_until,
				startDate: p.start_date,
				endDate: p.end_date
			})),
			years: (yearsOf.get(s.id) ?? []).map((y) => y.data).sort((x, y) => x.year - y.year),
			funding: (fundingOf.get(s.id) ?? []).map((f) => ({
				year: Number(f.year),
				partnerKind: f.partner_kind,
				instrumentCode: f.instrument_code,
				instrumentFamily: f.instrument_family,
				amount: Number(f.amount),
				status: f.status
			}))
		})),
		context: {
			qpvs: qpvs.map((q) => ({
				code: q.code,
				communeCodes: Array.isArray(q.commune_codes) ? q.commune_codes.map(String) : [],
				validFrom: q.valid_from,
				validUntil: q.valid_until
			})),
			parameters,
			psChecks: psCheck.rows.map(
				(r): PsCheckFact => ({
					structureId: r.structureId,
					year: r.year,
					kind: r.kind,
					instrumentCode: r.instrumentCode,
					computed: r.computed,
					recorded: r.recorded,
					difference: r.difference,
					status: r.status,
					reason: psCoverageText(r)
				})
			)
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
