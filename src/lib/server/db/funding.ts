/**
 * Funding lines (structure × partner × instrument × year × amount × status): yearly summaries,
 * and the scoped reads and audited writes of issue 6. Every read of lines takes the reader's row
 * scope (`rowScope(user, 'read')`) and applies it in SQL, so a partner never receives another
 * partner's unpublished line; every write checks `rowScope(user, 'write')` inside its transaction.
 * Amounts in euros.
 */
import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { Database } from './schema';
import { rowAllowed, rowScope, type Actor, type RowScope } from '../../domain/policy';
import type { FundingFact, FundingLine } from '../../funding/types';
import { EMPTY_FILTERS, NO_EPCI, type FundingFilters } from '../../funding/filters';
import { structurePanel } from '../../funding/aggregate';
import { partnerColours } from '../../charts/colours';
import type { LineCreate, LineEdit } from '../../funding/line-input';
import { record, type AuditActor } from './audit';
import { ConflictError, NotFoundError, createRow, deleteRow, updateRow } from './changes';
import { communeInTerritory, epciInTerritory, structureInTerritory } from './work-territory';

/** Filters of the yearly summaries (unscoped: staff pages and internal checks only). */
/** The years that have funding lines, ascending. */
export async function years(db: Kysely<Database>): Promise<number[]> {
	const rows = await db.selectFrom('funding_line').select('year').distinct().orderBy('year').execute();
	return rows.map((r) => Number(r.year));
}

// --- Scoped reads and audited writes of funding lines -----------------------------------------

type Db = Kysely<Database> | Transaction<Database>;

/** The reader may see the row, but not change it (a partner facing another partner's published line). */
export class AccessDeniedError extends Error {
	constructor(message = 'Vous ne pouvez modifier que les financements de votre organisme.') {
		super(message);
		this.name = 'AccessDeniedError';
	}
}

/** A form value the database refuses (unknown reference, duplicate line), with the field it concerns. */
export class FundingInputError extends Error {
	constructor(
		readonly field: string,
		message: string
	) {
		super(message);
		this.name = 'FundingInputError';
	}
}

/**
 * The SQL condition of a row scope on a table alias with `partner_id` and `published` columns:
 * `all` → true; `partner` → own rows (or published ones when reading); `published`; `none` → false.
 */
export function scopeCondition(scope: RowScope, alias: string): Expression<SqlBool> {
	const partner = sql.ref(`${alias}.partner_id`);
	const published = sql.ref(`${alias}.published`);
	switch (scope.kind) {
		case 'all':
			return sql<SqlBool>`true`;
		case 'partner':
			return scope.includePublished
				? sql<SqlBool>`(${partner} = ${scope.partnerId} or ${published} = true)`
				: sql<SqlBool>`${partner} = ${scope.partnerId}`;
		case 'published':
			return sql<SqlBool>`${published} = true`;
		case 'none':
			return sql<SqlBool>`false`;
	}
}

function linesQuery(db: Db, scope: RowScope, filters: FundingFilters) {
	let q = db
		.selectFrom('funding_line as l')
		.innerJoin('structure as s', 's.id', 'l.structure_id')
		.leftJoin('commune as c', 'c.code', 's.commune_code')
		.leftJoin('epci as e', 'e.siren', 'c.epci_siren')
		.innerJoin('partner as p', 'p.id', 'l.partner_id')
		.innerJoin('funding_instrument as i', 'i.id', 'l.instrument_id')
		.where(scopeCondition(scope, 'l'))
		// The département's funding only: a structure of the border band is never followed here.
		.where(structureInTerritory('s'));
	if (filters.year !== null) q = q.where('l.year', '=', filters.year);
	if (filters.partnerId !== null) q = q.where('l.partner_id', '=', filters.partnerId);
	if (filters.instrumentId !== null) q = q.where('l.instrument_id', '=', filters.instrumentId);
	if (filters.structureId !== null) q = q.where('l.structure_id', '=', filters.structureId);
	if (filters.structureType !== null) q = q.where('s.type', '=', filters.structureType);
	if (filters.epci === NO_EPCI) q = q.where('e.siren', 'is', null);
	else if (filters.epci !== null) q = q.where('e.siren', '=', filters.epci);
	if (filters.statuses.length > 0) q = q.where('l.status', 'in', filters.statuses);
	return q;
}

const LINE_COLUMNS = [
	'l.id',
	'l.structure_id',
	's.name as structure_name',
	's.type as structure_type',
	's.commune_code',
	's.external_id as structure_external_id',
	's.siret as structure_siret',
	'e.siren as epci_siren',
	'e.name as epci_name',
	'l.partner_id',
	'p.code as partner_code',
	'p.name as partner_name',
	'p.kind as partner_kind',
	'l.instrument_id',
	'i.code as instrument_code',
	'i.label as instrument_label',
	'i.family as instrument_family',
	'l.year',
	'l.amount',
	'l.status',
	'l.published',
	'l.comment',
	'l.version'
] as const;

type LineRow = {
	id: number;
	structure_id: number;
	structure_name: string;
	structure_type: 'CS' | 'EVS';
	commune_code: string;
	structure_external_id: string | null;
	structure_siret: string | null;
	epci_siren: string | null;
	epci_name: string | null;
	partner_id: number;
	partner_code: string;
	partner_name: string;
	partner_kind: string;
	instrument_id: number;
	instrument_code: string;
	instrument_label: string;
	instrument_family: string;
	year: number;
	amount: number | string;
	status: FundingLine['status'];
	published: boolean;
	comment: string | null;
	version: number;
};

function toLine(r: LineRow): FundingLine {
	return {
		id: r.id,
		structureId: r.structure_id,
		structureName: r.structure_name,
		structureType: r.structure_type,
		communeCode: r.commune_code,
		structureExternalId: r.structure_external_id,
		structureSiret: r.structure_siret,
		epciSiren: r.epci_siren,
		epciName: r.epci_name,
		partnerId: r.partner_id,
		partnerCode: r.partner_code,
		partnerName: r.partner_name,
		partnerKind: r.partner_kind,
		instrumentId: r.instrument_id,
		instrumentCode: r.instrument_code,
		instrumentLabel: r.instrument_label,
		instrumentFamily: r.instrument_family,
		year: Number(r.year),
		amount: Number(r.amount),
		status: r.status,
		published: r.published,
		comment: r.comment,
		version: Number(r.version)
	};
}

/** Keeps only the fact fields (what the views need, nothing to edit with). */
export function toFact(line: FundingLine): FundingFact {
	return {
		id: line.id,
		structureId: line.structureId,
		structureName: line.structureName,
		structureType: line.structureType,
		communeCode: line.communeCode,
		epciSiren: line.epciSiren,
		epciName: line.epciName,
		partnerId: line.partnerId,
		partnerName: line.partnerName,
		partnerKind: line.partnerKind,
		instrumentId: line.instrumentId,
		instrumentCode: line.instrumentCode,
		instrumentLabel: line.instrumentLabel,
		instrumentFamily: line.instrumentFamily,
		year: line.year,
		amount: line.amount,
		status: line.status,
		published: line.published
	};
}

/** Every line `scope` may see that passes `filters`, as facts (the one source of every view). */
export async function facts(db: Db, scope: RowScope, filters: FundingFilters): Promise<FundingFact[]> {
	const rows = await linesQuery(db, scope, filters)
		.select([...LINE_COLUMNS])
		.orderBy('l.year')
		.orderBy('l.id')
		.execute();
	return rows.map((r) => toFact(toLine(r as LineRow)));
}

export interface LinePage {
	lines: FundingLine[];
	/** Lines matching, all pages. */
	total: number;
	/** Sum of the matching lines (euros), all pages. */
	totalAmount: number;
}

/** One page of the lines `scope` may see, most recent year first, then structure, partner, instrument. */
export async function listLines(
	db: Db,
	scope: RowScope,
	filters: FundingFilters,
	page: { limit: number; offset: number } = { limit: 100_000, offset: 0 }
): Promise<LinePage> {
	const [rows, count] = await Promise.all([
		linesQuery(db, scope, filters)
			.select([...LINE_COLUMNS])
			.orderBy('l.year', 'desc')
			.orderBy('s.name')
			.orderBy('p.name')
			.orderBy('i.label')
			.orderBy('l.id')
			.limit(page.limit)
			.offset(page.offset)
			.execute(),
		linesQuery(db, scope, filters)
			.select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.coalesce(eb.fn.sum<number>('l.amount'), sql<number>`0`).as('amount')])
			.executeTakeFirstOrThrow()
	]);
	return { lines: rows.map((r) => toLine(r as LineRow)), total: Number(count.n), totalAmount: Number(count.amount) };
}

/** Line `id` if `scope` may see it, else null (a hidden line and a missing one look the same). */
export async function getLine(db: Db, scope: RowScope, id: number): Promise<FundingLine | null> {
	const row = await linesQuery(db, scope, EMPTY_FILTERS)
		.select([...LINE_COLUMNS])
		.where('l.id', '=', id)
		.executeTakeFirst();
	return row ? toLine(row as LineRow) : null;
}

/** Sum of every line `scope` may see that passes `filters`, straight from SQL (euros). */
export async function sumAmount(db: Db, scope: RowScope, filters: FundingFilters): Promise<number> {
	const row = await linesQuery(db, scope, filters)
		.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('l.amount'), sql<number>`0`).as('amount'))
		.executeTakeFirstOrThrow();
	return Number(row.amount);
}

export interface FilterOptions {
	years: number[];
	partners: { id: number; code: string; name: string; kind: string }[];
	instruments: { id: number; code: string; label: string; family: string }[];
	structures: { id: number; name: string; type: 'CS' | 'EVS' }[];
	epcis: { siren: string; name: string }[];
}

/** The values the filter and creation forms offer (years: those with lines `scope` may see). */
export async function filterOptions(db: Db, scope: RowScope): Promise<FilterOptions> {
	const [years, partners, instruments, structures, epcis] = await Promise.all([
		db.selectFrom('funding_line as l').select('l.year').distinct().where(scopeCondition(scope, 'l')).orderBy('l.year').execute(),
		db.selectFrom('partner').select(['id', 'code', 'name', 'kind']).orderBy('name').execute(),
		db.selectFrom('funding_instrument').select(['id', 'code', 'label', 'family']).orderBy('label').execute(),
		db.selectFrom('structure').select(['id', 'name', 'type']).where(structureInTerritory('structure')).orderBy('name').orderBy('id').execute(),
		db.selectFrom('epci').select(['siren', 'name']).where(epciInTerritory('epci')).orderBy('name').execute()
	]);
	return { years: years.map((y) => Number(y.year)), partners, instruments, structures, epcis };
}

/** Who writes: the policy actor (for the scope) and the audit actor (for the trail). */
export interface Writer {
	user: Actor;
	audit: AuditActor;
}

async function lineOwner(trx: Db, id: number): Promise<{ partner_id: number; published: boolean } | undefined> {
	return trx.selectFrom('funding_line').select(['partner_id', 'published']).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Throws NotFoundError when the writer may not even see line `id`, AccessDeniedError when it may only read it. */
async function assertWritable(trx: Db, writer: Writer, id: number): Promise<void> {
	const owner = await lineOwner(trx, id);
	const row = owner ? { partnerId: owner.partner_id, published: owner.published } : null;
	if (!row || !rowAllowed(rowScope(writer.user, 'read'), row)) throw new NotFoundError('ligne de financement', id);
	if (!rowAllowed(rowScope(writer.user, 'write'), row)) throw new AccessDeniedError();
}

async function assertReferences(trx: Db, input: Pick<LineCreate, 'structureId' | 'partnerId' | 'instrumentId'>): Promise<void> {
	const [structure, partner, instrument] = await Promise.all([
		trx.selectFrom('structure').select('id').where('id', '=', input.structureId).executeTakeFirst(),
		trx.selectFrom('partner').select('id').where('id', '=', input.partnerId).executeTakeFirst(),
		trx.selectFrom('funding_instrument').select('id').where('id', '=', input.instrumentId).executeTakeFirst()
	]);
	if (!structure) throw new FundingInputError('structureId', 'Structure introuvable.');
	if (!partner) throw new FundingInputError('partnerId', 'Financeur introuvable.');
	if (!instrument) throw new FundingInputError('instrumentId', 'Dispositif introuvable.');
}

/**
 * Creates a line (audited). A partner may only create its own lines; staff any. A line with the
 * same structure, partner, instrument and year is refused (edit that one instead).
 */
export async function createLine(db: Kysely<Database>, writer: Writer, input: LineCreate): Promise<FundingLine> {
	const scope = rowScope(writer.user, 'write');
	if (scope.kind === 'none' || scope.kind === 'published') throw new AccessDeniedError('Votre rôle ne permet pas de saisir des financements.');
	if (scope.kind === 'partner' && input.partnerId !== scope.partnerId) {
		throw new AccessDeniedError('Un partenaire ne saisit que les financements de son propre organisme.');
	}
	const id = await db.transaction().execute(async (trx) => {
		await assertReferences(trx, input);
		const existing = await trx
			.selectFrom('funding_line')
			.select('id')
			.where('structure_id', '=', input.structureId)
			.where('partner_id', '=', input.partnerId)
			.where('instrument_id', '=', input.instrumentId)
			.where('year', '=', input.year)
			.executeTakeFirst();
		if (existing) {
			throw new FundingInputError('instrumentId', `Une ligne existe déjà pour cette structure, ce financeur, ce dispositif et cette année (n° ${existing.id}) : modifiez-la.`);
		}
		const row = await createRow(trx, writer.audit, 'funding_line', {
			structure_id: input.structureId,
			partner_id: input.partnerId,
			instrument_id: input.instrumentId,
			year: input.year,
			amount: input.amount,
			status: input.status,
			comment: input.comment
		});
		return Number(row.id);
	});
	return (await getLine(db, { kind: 'all' }, id))!;
}

/** Changes amount, status and comment of line `id` if still at `version` (ConflictError otherwise). */
export async function updateLine(db: Kysely<Database>, writer: Writer, id: number, version: number, edit: LineEdit): Promise<FundingLine> {
	await db.transaction().execute(async (trx) => {
		await assertWritable(trx, writer, id);
		await updateRow(trx, writer.audit, 'funding_line', id, version, { amount: edit.amount, status: edit.status, comment: edit.comment });
	});
	return (await getLine(db, { kind: 'all' }, id))!;
}

/** Deletes line `id` if still at `version`. */
export async function deleteLine(db: Kysely<Database>, writer: Writer, id: number, version: number): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await assertWritable(trx, writer, id);
		await deleteRow(trx, writer.audit, 'funding_line', id, version);
	});
}

function assertStaff(user: Actor): void {
	if (rowScope(user, 'write').kind !== 'all') throw new AccessDeniedError('Seule la Caf publie ou retire les financements.');
}

/** Publishes (or withdraws) one line, if still at `version` (staff only). */
export async function setLinePublished(db: Kysely<Database>, writer: Writer, id: number, version: number, published: boolean): Promise<void> {
	assertStaff(writer.user);
	await db.transaction().execute(async (trx) => {
		await updateRow(trx, writer.audit, 'funding_line', id, version, { published });
	});
}

/**
 * Publishes (or withdraws) every line of a partner and year at once (staff only): one statement,
 * versions bumped (an edit based on the old version is then refused), one audit entry listing the
 * lines. Returns the number of lines changed.
 */
export async function setPublishedForPartnerYear(
	db: Kysely<Database>,
	writer: Writer,
	partnerId: number,
	year: number,
	published: boolean
): Promise<number> {
	assertStaff(writer.user);
	return db.transaction().execute(async (trx) => {
		const changed = await trx
			.updateTable('funding_line')
			.set({ published, version: sql`version + 1`, updated_at: sql`now()` })
			.where('partner_id', '=', partnerId)
			.where('year', '=', year)
			.where('published', '=', !published)
			.returning(['id'])
			.execute();
		if (changed.length > 0) {
			await record(trx, writer.audit, {
				action: 'update',
				entity: 'funding_line',
				entityId: null,
				after: { published, partnerId, year, lineIds: changed.map((r) => r.id) }
			});
		}
		return changed.length;
	});
}

export { ConflictError, NotFoundError };

/**
 * Every EPCI of the territory with its population: the sum of its territory communes' municipal
 * populations (null when no commune has one). Inhabitants, for funding per inhabitant.
 */
export async function epciPopulations(db: Db): Promise<{ siren: string; name: string; population: number | null }[]> {
	const rows = await db
		.selectFrom('epci as e')
		.leftJoin('commune as c', (join) => join.onRef('c.epci_siren', '=', 'e.siren').on(communeInTerritory('c')))
		.select((eb) => ['e.siren', 'e.name', eb.fn.sum<number>('c.population').as('population')])
		.where(epciInTerritory('e'))
		.groupBy(['e.siren', 'e.name'])
		.orderBy('e.name')
		.execute();
	return rows.map((r) => ({ siren: r.siren, name: r.name, population: r.population === null ? null : Number(r.population) }));
}

/**
 * The funding panel of one structure as `scope` may see it (for `/structures/[id]`): lines by year
 * and partner, partner colours (stable across charts), and a note when totals cover only part of
 * the lines (partners, observers).
 */
export async function structureFunding(db: Db, scope: RowScope, structureId: number) {
	const [lines, partners] = await Promise.all([
		facts(db, scope, { ...EMPTY_FILTERS, structureId }),
		db.selectFrom('partner').select('id').execute()
	]);
	return {
		panel: structurePanel(lines, structureId),
		colours: partnerColours(partners.map((p) => p.id)),
		scopeNote:
			scope.kind === 'all'
				? null
				: scope.kind === 'partner'
					? 'Seuls les financements de votre organisme et ceux publiés par la Caf sont comptés ici.'
					: 'Seuls les financements publiés par la Caf sont comptés ici.'
	};
}
