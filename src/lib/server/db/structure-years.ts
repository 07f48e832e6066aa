/**
 * The yearly data of a structure for the observatory: the `structure_year` row, its participation
 * levels (`participation_count`) and its detail (activities, partners, contracts). One version —
 * the structure-year's — locks the whole: the form names the version it was based on, an import
 * reads it inside its transaction; any change (a value, a level or a detail row) bumps it through
 * the shared optimistic locking (`changes.ts`) and is audited.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';
import { createRow, updateRow, ConflictError } from './changes';
import { record, type AuditActor } from './audit';
import {
	YEAR_FIELDS,
	emptyYearValues,
	sameYearValue,
	type StructureYearData,
	type YearActivity,
	type YearContract,
	type YearFieldKey,
	type YearPartner,
	type YearValue,
	type YearValues
} from '$lib/observatory/year-fields';

type Db = Kysely<Database> | Transaction<Database>;

/** A stored structure-year: its data, its row id and version. */
export interface StoredYear {
	id: number;
	structureId: number;
	version: number;
	data: StructureYearData;
}

const columnOf = (key: YearFieldKey): string | null => {
	const f = YEAR_FIELDS.find((d) => d.key === key)!;
	return 'column' in f.store ? f.store.column : null;
};

function valueOfColumn(key: YearFieldKey, raw: unknown): YearValue {
	if (key === 'axes_projet') return Array.isArray(raw) ? raw.map(String) : [];
	if (raw === null || raw === undefined) return null;
	const def = YEAR_FIELDS.find((d) => d.key === key)!;
	if (def.type === 'entier' || def.type === 'decimal' || def.type === 'euros') return Number(raw);
	if (def.type === 'booleen') return Boolean(raw);
	return String(raw);
}

type YearRow = Record<string, unknown> & { id: number; structure_id: number; year: number; version: number };

function toData(row: YearRow, participation: { level: number; count: number }[], activities: YearActivity[], partners: YearPartner[], contracts: YearContract[]): StructureYearData {
	const values = emptyYearValues();
	for (const f of YEAR_FIELDS) {
		if ('column' in f.store) values[f.key] = valueOfColumn(f.key, row[f.store.column]);
		else {
			const level = f.store.participationLevel;
			values[f.key] = participation.find((p) => p.level === level)?.count ?? null;
		}
	}
	return { year: Number(row.year), values, activities, partners, contracts };
}

function groupKey(structureId: number, year: number): string {
	return `${structureId}|${year}`;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
	const out = new Map<string, T[]>();
	for (const row of rows) out.set(key(row), [...(out.get(key(row)) ?? []), row]);
	return out;
}

/**
 * Every stored structure-year (of `structureIds`, or all), with participation and detail. The
 * participation of a year without a `structure_year` row (older data) is returned too.
 */
export async function list(db: Db, options: { structureIds?: readonly number[]; forUpdate?: boolean } = {}): Promise<StoredYear[]> {
	const ids = options.structureIds;
	if (ids && ids.length === 0) return [];
	let years = db.selectFrom('structure_year').selectAll();
	let participation = db.selectFrom('participation_count').select(['structure_id', 'year', 'level', 'count']);
	let activities = db.selectFrom('structure_year_activity').selectAll();
	let partners = db.selectFrom('structure_year_partner').selectAll();
	let contracts = db.selectFrom('structure_year_contract').selectAll();
	if (ids) {
		years = years.where('structure_id', 'in', ids);
		participation = participation.where('structure_id', 'in', ids);
		activities = activities.where('structure_id', 'in', ids);
		partners = partners.where('structure_id', 'in', ids);
		contracts = contracts.where('structure_id', 'in', ids);
	}
	if (options.forUpdate) years = years.forUpdate();
	const [y, p, a, pa, c] = await Promise.all([
		years.orderBy('structure_id').orderBy('year').execute(),
		participation.execute(),
		activities.orderBy('domain').orderBy('public').execute(),
		partners.orderBy('partner_kind').execute(),
		contracts.orderBy('contract_type').execute()
	]);
	const byKey = (r: { structure_id: number; year: number }) => groupKey(r.structure_id, Number(r.year));
	const pOf = groupBy(p, byKey);
	const aOf = groupBy(a, byKey);
	const paOf = groupBy(pa, byKey);
	const cOf = groupBy(c, byKey);
	const out: StoredYear[] = y.map((row) => {
		const k = byKey(row);
		return {
			id: row.id,
			structureId: row.structure_id,
			version: Number(row.version),
			data: toData(
				row as unknown as YearRow,
				(pOf.get(k) ?? []).map((x) => ({ level: x.level, count: x.count })),
				(aOf.get(k) ?? []).map((x) => ({ domain: x.domain, public: x.public, actions: x.actions, participants: x.participants })),
				(paOf.get(k) ?? []).map((x) => ({ partnerKind: x.partner_kind, partners: x.partners, conventions: x.conventions })),
				(cOf.get(k) ?? []).map((x) => ({ contractType: x.contract_type, headcount: x.headcount, etp: x.etp === null ? null : Number(x.etp) }))
			)
		};
	});
	// Participation of years without a row (entered before the yearly data existed): id 0, version 0.
	const withRow = new Set(y.map(byKey));
	for (const [k, levels] of pOf) {
		if (withRow.has(k)) continue;
		const [structureId, year] = k.split('|').map(Number);
		const values = emptyYearValues();
		for (const l of levels) values[`participation_${l.level}` as YearFieldKey] = l.count;
		out.push({ id: 0, structureId, version: 0, data: { year, values, activities: [], partners: [], contracts: [] } });
	}
	return out;
}

/** The stored data of one structure-year, or null when nothing is stored. */
export async function get(db: Db, structureId: number, year: number): Promise<StoredYear | null> {
	return (await list(db, { structureIds: [structureId] })).find((y) => y.data.year === year) ?? null;
}

/** Years with stored data for a structure, ascending. */
export async function yearsOf(db: Db, structureId: number): Promise<number[]> {
	return (await list(db, { structureIds: [structureId] })).map((y) => y.data.year).sort((a, b) => a - b);
}

const sameList = <T>(a: readonly T[], b: readonly T[], key: (t: T) => string) =>
	a.length === b.length && [...a].map(key).sort().join('\n') === [...b].map(key).sort().join('\n');
const activityKey = (x: YearActivity) => JSON.stringify([x.domain, x.public, x.actions, x.participants]);
const partnerKey = (x: YearPartner) => JSON.stringify([x.partnerKind, x.partners, x.conventions]);
const contractKey = (x: YearContract) => JSON.stringify([x.contractType, x.headcount, x.etp]);

/** What changes between stored and new data: columns, participation levels, detail sections. */
export function diffYear(before: StructureYearData | null, after: StructureYearData) {
	const old = before ?? { year: after.year, values: emptyYearValues(), activities: [], partners: [], contracts: [] };
	const changed = YEAR_FIELDS.filter((f) => !sameYearValue(old.values[f.key], after.values[f.key])).map((f) => f.key);
	return {
		columns: changed.filter((k) => columnOf(k) !== null),
		participation: changed.filter((k) => columnOf(k) === null),
		activities: !sameList(old.activities, after.activities, activityKey),
		partners: !sameList(old.partners, after.partners, partnerKey),
		contracts: !sameList(old.contracts, after.contracts, contractKey)
	};
}

/** True when the diff changes nothing. */
export function isUnchanged(diff: ReturnType<typeof diffYear>): boolean {
	return diff.columns.length === 0 && diff.participation.length === 0 && !diff.activities && !diff.partners && !diff.contracts;
}

/** The `structure_year` columns of every entered value (a new row). */
export function yearColumns(values: YearValues): Record<string, unknown> {
	return columnValues(
		values,
		YEAR_FIELDS.map((f) => f.key)
	);
}

/** The participation and detail rows of one structure-year (for bulk writes, e.g. the demo). */
export function childRows(structureId: number, data: StructureYearData) {
	const year = data.year;
	return {
		participation: ([1, 2, 3, 4, 5] as const).flatMap((level) => {
			const count = data.values[`participation_${level}` as YearFieldKey];
			return typeof count === 'number' ? [{ structure_id: structureId, year, level, count }] : [];
		}),
		activities: data.activities.map((a) => ({ structure_id: structureId, year, domain: a.domain, public: a.public, actions: a.actions, participants: a.participants })),
		partners: data.partners.map((p) => ({ structure_id: structureId, year, partner_kind: p.partnerKind, partners: p.partners, conventions: p.conventions })),
		contracts: data.contracts.map((c) => ({ structure_id: structureId, year, contract_type: c.contractType, headcount: c.headcount, etp: c.etp }))
	};
}

function columnValues(values: YearValues, keys: readonly YearFieldKey[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of keys) {
		const column = columnOf(key);
		// jsonb: sent as JSON text (pg would send an array as a Postgres array).
		if (column) out[column] = key === 'axes_projet' ? JSON.stringify(values[key] ?? []) : values[key];
	}
	return out;
}

/**
 * Writes `after` over the stored structure-year (`stored`, read in the same transaction), changing
 * only what differs; returns what happened. `expectedVersion` is the version the writer based its
 * change on (a form's hidden field, or the stored one for an import); a different stored version
 * is a ConflictError.
 */
export async function write(
	trx: Transaction<Database>,
	actor: AuditActor,
	structureId: number,
	stored: StoredYear | null,
	after: StructureYearData,
	expectedVersion: number | null
): Promise<'inserted' | 'updated' | 'unchanged'> {
	const hasRow = stored !== null && stored.id !== 0;
	if (hasRow && expectedVersion === null) throw new ConflictError('structure_year', stored!.id, stored!.version);
	if (!hasRow && expectedVersion !== null && expectedVersion !== 0) throw new ConflictError('structure_year', `${structureId}-${after.year}`, null);
	const diff = diffYear(stored?.data ?? null, after);
	if (hasRow && isUnchanged(diff)) {
		if (stored!.version !== expectedVersion) throw new ConflictError('structure_year', stored!.id, stored!.version);
		return 'unchanged';
	}
	if (!hasRow && isUnchanged(diff)) return 'unchanged';
	const year = after.year;
	if (hasRow) {
		await updateRow(trx, actor, 'structure_year', stored!.id, expectedVersion!, columnValues(after.values, diff.columns));
	} else {
		await createRow(trx, actor, 'structure_year', { structure_id: structureId, year, ...yearColumns(after.values) });
	}
	const rows = childRows(structureId, after);
	const replace = async (table: 'participation_count' | 'structure_year_activity' | 'structure_year_partner' | 'structure_year_contract', values: Record<string, unknown>[]) => {
		await trx.deleteFrom(table).where('structure_id', '=', structureId).where('year', '=', year).execute();
		if (values.length > 0) await trx.insertInto(table).values(values as never).execute();
	};
	if (diff.participation.length > 0) await replace('participation_count', rows.participation);
	if (diff.activities) await replace('structure_year_activity', rows.activities);
	if (diff.partners) await replace('structure_year_partner', rows.partners);
	if (diff.contracts) await replace('structure_year_contract', rows.contracts);
	if (diff.participation.length > 0 || diff.activities || diff.partners || diff.contracts) {
		const pick = (d: StructureYearData | null) =>
			d && {
				participation: [1, 2, 3, 4, 5].map((l) => d.values[`participation_${l}` as YearFieldKey]),
				activities: d.activities,
				partners: d.partners,
				contracts: d.contracts
			};
		await record(trx, actor, { action: hasRow ? 'update' : 'create', entity: 'structure_year_detail', entityId: `${structureId}-${year}`, before: pick(stored?.data ?? null), after: pick(after) });
	}
	return hasRow ? 'updated' : 'inserted';
}

/**
 * Saves one structure-year from the staff form (every field and the whole detail), in one
 * transaction, if the stored version is still `version` (null: the form was opened on an empty
 * year). Returns the new version.
 */
export async function save(db: Kysely<Database>, actor: AuditActor, structureId: number, data: StructureYearData, version: number | null): Promise<{ outcome: 'inserted' | 'updated' | 'unchanged'; version: number }> {
	return db.transaction().execute(async (trx) => {
		const stored = (await list(trx, { structureIds: [structureId], forUpdate: true })).find((y) => y.data.year === data.year) ?? null;
		const outcome = await write(trx, actor, structureId, stored, data, version ?? (stored && stored.id === 0 ? 0 : null));
		const row = await trx.selectFrom('structure_year').select('version').where('structure_id', '=', structureId).where('year', '=', data.year).executeTakeFirst();
		return { outcome, version: row ? Number(row.version) : 0 };
	});
}
