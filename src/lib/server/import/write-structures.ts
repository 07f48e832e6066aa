/**
 * Stores the structures of a registry file inside the import transaction. Natural key: the
 * file's `id` (column `external_id`) first, else the SIRET. Planned first (reads only), so key
 * conflicts with stored structures are found before anything is written; then applied:
 * structure row, zone de compétence (replaced when the column is present) and agréments
 * (upserted by kind + start date; other periods are history and stay).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AgrementInput, StructureInput } from '../../domain/structure';
import { issueError, type ImportIssue } from '../../io/issues';
import type { Database, StructureTable } from '../db/schema';
import type { UpsertCounts } from './upsert';

/** The stored columns an import may set. */
const VALUE_KEYS = [
	'external_id',
	'siret',
	'establishment',
	'name',
	'type',
	'commune_code',
	'address',
	'lon',
	'lat',
	'location_approximate',
	'manager_name',
	'manager_siren',
	'management_mode',
	'first_agrement_date',
	'projet_familles'
] as const;

type StructureValues = Pick<Selectable<StructureTable>, (typeof VALUE_KEYS)[number]>;

interface StoredAgrement {
	id: number;
	kind: string;
	start_date: string;
	end_date: string;
	is_first: boolean;
}

export interface StructurePlan {
	item: StructureInput;
	/** The stored structure's id, or null for a new one. */
	id: number | null;
	values: StructureValues;
	rowChanged: boolean;
	/** The new zone (INSEE codes) when it differs from the stored one, else null. */
	zone: string[] | null;
	agrementInserts: AgrementInput[];
	agrementUpdates: { id: number; endDate: string; isFirst: boolean }[];
}

export interface StructurePlanning {
	plans: StructurePlan[];
	/** Key conflicts with stored structures (those items have no plan). */
	issues: ImportIssue[];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
	if (a.length !== b.length) return false;
	const set = new Set(a);
	return b.every((x) => set.has(x));
}

/** Matches items with stored structures and computes what changes; writes nothing. */
export async function planStructures(db: Kysely<Database>, items: readonly StructureInput[]): Promise<StructurePlanning> {
	const stored = await db.selectFrom('structure').select(['id', ...VALUE_KEYS]).execute();
	const byExternalId = new Map(stored.filter((s) => s.external_id).map((s) => [s.external_id!, s]));
	const bySiret = new Map<string, (typeof stored)[number][]>();
	for (const s of stored) if (s.siret) bySiret.set(s.siret, [...(bySiret.get(s.siret) ?? []), s]);
	const zones = new Map<number, string[]>();
	for (const z of await db.selectFrom('structure_zone_commune').select(['structure_id', 'commune_code']).execute()) {
		zones.set(z.structure_id, [...(zones.get(z.structure_id) ?? []), z.commune_code]);
	}
	const agrements = new Map<number, StoredAgrement[]>();
	for (const a of await db.selectFrom('agrement').select(['id', 'structure_id', 'kind', 'start_date', 'end_date', 'is_first']).execute()) {
		agrements.set(a.structure_id, [...(agrements.get(a.structure_id) ?? []), a]);
	}

	const plans: StructurePlan[] = [];
	const issues: ImportIssue[] = [];
	for (const item of items) {
		const byId = item.externalId ? byExternalId.get(item.externalId) : undefined;
		// SIRET + establishment is the key (multi-site); a file without the column names the SIRET's only structure.
		const sameSiret = item.siret ? (bySiret.get(item.siret) ?? []) : [];
		const candidates = item.establishment !== undefined ? sameSiret.filter((s) => (s.establishment ?? null) === item.establishment) : sameSiret;
		if (!byId && item.establishment === undefined && candidates.length > 1) {
			issues.push(issueError('structure-siret-ambiguous', { column: 'siret' }, { siret: item.siret ?? '', count: candidates.length }));
			continue;
		}
		const bySir = candidates.length === 1 ? candidates[0] : undefined;
		const existing = byId ?? bySir ?? null;
		const conflict =
			(byId && bySir && byId.id !== bySir.id) ||
			(!byId && bySir && item.externalId && bySir.external_id && bySir.external_id !== item.externalId);
		if (conflict) {
			issues.push(
				issueError('structure-key-conflict', { column: 'id' }, { externalId: item.externalId ?? '', siret: item.siret ?? '' })
			);
			continue;
		}
		const base: StructureValues = existing
			? (Object.fromEntries(VALUE_KEYS.map((k) => [k, existing[k]])) as unknown as StructureValues)
			: {
					external_id: null,
					siret: null,
					establishment: null,
					name: item.name,
					type: item.type,
					commune_code: item.communeCode,
					address: null,
					lon: item.lon,
					lat: item.lat,
					location_approximate: false,
					manager_name: null,
					manager_siren: null,
					management_mode: null,
					first_agrement_date: null,
					projet_familles: false
				};
		const values: StructureValues = {
			...base,
			external_id: item.externalId ?? base.external_id,
			siret: item.siret ?? base.siret,
			establishment: item.establishment !== undefined ? item.establishment : base.establishment,
			name: item.name,
			type: item.type,
			commune_code: item.communeCode,
			lon: item.lon,
			lat: item.lat,
			location_approximate: item.locationApproximate
		};
		if (item.address !== undefined) values.address = item.address;
		if (item.managerName !== undefined) values.manager_name = item.managerName;
		if (item.managerSiren !== undefined) values.manager_siren = item.managerSiren;
		if (item.managementMode !== undefined) values.management_mode = item.managementMode;
		if (item.firstAgrementDate !== undefined) values.first_agrement_date = item.firstAgrementDate;
		if (item.projetFamilles !== undefined) values.projet_familles = item.projetFamilles;
		const rowChanged = !existing || VALUE_KEYS.some((k) => existing[k] !== values[k]);

		const storedZone = existing ? (zones.get(existing.id) ?? []) : [];
		const zone = item.zoneCommuneCodes !== undefined && !sameSet(storedZone, item.zoneCommuneCodes) ? item.zoneCommuneCodes : null;

		const storedAgrements = existing ? (agrements.get(existing.id) ?? []) : [];
		const agrementInserts: AgrementInput[] = [];
		const agrementUpdates: StructurePlan['agrementUpdates'] = [];
		for (const a of item.agrements) {
			const isFirst = values.first_agrement_date === a.startDate;
			const match = storedAgrements.find((s) => s.kind === a.kind && s.start_date === a.startDate);
			if (!match) agrementInserts.push({ ...a, isFirst });
			else if (match.end_date !== a.endDate || match.is_first !== isFirst) {
				agrementUpdates.push({ id: match.id, endDate: a.endDate, isFirst });
			}
		}
		plans.push({ item, id: existing?.id ?? null, values, rowChanged, zone, agrementInserts, agrementUpdates });
	}
	return { plans, issues };
}

/** Applies plans; returns inserted / updated / unchanged structure counts. */
export async function applyStructurePlans(
	db: Kysely<Database>,
	plans: readonly StructurePlan[],
	onBatch?: (done: number) => void
): Promise<UpsertCounts> {
	const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
	let done = 0;
	for (const plan of plans) {
		const v = plan.values;
		let id = plan.id;
		if (id === null) {
			const row = await db
				.insertInto('structure')
				.values({ ...v, specificities: JSON.stringify([]) })
				.returning('id')
				.executeTakeFirstOrThrow();
			id = row.id;
			counts.inserted++;
		} else if (plan.rowChanged || plan.zone !== null) {
			await db
				.updateTable('structure')
				.set({ ...v, version: sql`version + 1`, updated_at: sql`now()` })
				.where('id', '=', id)
				.execute();
			counts.updated++;
		} else if (plan.agrementInserts.length > 0 || plan.agrementUpdates.length > 0) counts.updated++;
		else counts.unchanged++;

		if (plan.zone !== null) {
			await db.deleteFrom('structure_zone_commune').where('structure_id', '=', id).execute();
			if (plan.zone.length > 0) {
				await db
					.insertInto('structure_zone_commune')
					.values(plan.zone.map((commune_code) => ({ structure_id: id!, commune_code })))
					.execute();
			}
		}
		for (const a of plan.agrementInserts) {
			await db
				.insertInto('agrement')
				.values({ structure_id: id, kind: a.kind, start_date: a.startDate, end_date: a.endDate, is_first: a.isFirst })
				.execute();
		}
		for (const u of plan.agrementUpdates) {
			await db
				.updateTable('agrement')
				.set({ end_date: u.endDate, is_first: u.isFirst, version: sql`version + 1`, updated_at: sql`now()` })
				.where('id', '=', u.id)
				.execute();
		}
		if (++done % 50 === 0) onBatch?.(done);
	}
	onBatch?.(plans.length);
	return counts;
}
