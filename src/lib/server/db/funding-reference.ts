/**
 * Partners (funders) and funding instruments: the reference lists funding lines point to.
 * Readable by every signed-in user, written by CAF staff only (checked here and by the pages);
 * every write is audited and optimistically locked (`changes.ts`). A partner or instrument still
 * used by a line, a commitment or an account cannot be deleted.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { rowScope, type Actor } from '../../domain/policy';
import type { InstrumentInput, PartnerInput } from '../../funding/reference-input';
import { STANDARD_INSTRUMENTS } from '../../funding/reference-input';
import { createRow, deleteRow, updateRow } from './changes';
import { AccessDeniedError, FundingInputError, type Writer } from './funding';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface PartnerRow {
	id: number;
	code: string;
	name: string;
	kind: string;
	territoryCode: string | null;
	version: number;
	/** Funding lines, commitments and accounts pointing to it (deletion refused when > 0). */
	uses: number;
}

export interface InstrumentRow {
	id: number;
	code: string;
	label: string;
	family: string;
	partnerKind: string | null;
	validFrom: string | null;
	validUntil: string | null;
	version: number;
	uses: number;
}

function assertStaff(user: Actor): void {
	if (rowScope(user, 'write').kind !== 'all') throw new AccessDeniedError('Seule la Caf modifie les listes de financeurs et de dispositifs.');
}

/** The rows pointing to a partner (funding lines, commitments, signatures, accounts), or to an instrument. */
const PARTNER_USES = { funding_line: 'partner_id', commitment: 'partner_id', accord_cadre_signatory: 'partner_id', app_user: 'partner_id' } as const;
const INSTRUMENT_USES = { funding_line: 'instrument_id', eligible_expense: 'instrument_id', commitment: 'instrument_id' } as const;

/** How many rows of the tables of `uses` point to `id` (their column named there), in SQL. */
function usesOf(uses: Partial<Record<keyof Database, string>>, id: string) {
	const counts = Object.entries(uses).map(([table, column]) => sql`(select count(*) from ${sql.table(table)} where ${sql.ref(`${table}.${column}`)} = ${sql.ref(id)})`);
	return sql<number | string>`(${sql.join(counts, sql` + `)})`;
}

/** Every partner, by name, with how many rows use it. */
export async function listPartners(db: Db): Promise<PartnerRow[]> {
	const rows = await db
		.selectFrom('partner as p')
		.select(['p.id', 'p.code', 'p.name', 'p.kind', 'p.territory_code as territoryCode', 'p.version', usesOf(PARTNER_USES, 'p.id').as('uses')])
		.orderBy('p.name')
		.execute();
	return rows.map((r) => ({ ...r, version: Number(r.version), uses: Number(r.uses) }));
}

/** Every instrument, by label, with how many rows use it. */
export async function listInstruments(db: Db): Promise<InstrumentRow[]> {
	const rows = await db
		.selectFrom('funding_instrument as i')
		.select([
			'i.id',
			'i.code',
			'i.label',
			'i.family',
			'i.partner_kind as partnerKind',
			'i.valid_from as validFrom',
			'i.valid_until as validUntil',
			'i.version',
			usesOf(INSTRUMENT_USES, 'i.id').as('uses')
		])
		.orderBy('i.label')
		.execute();
	return rows.map((r) => ({ ...r, version: Number(r.version), uses: Number(r.uses) }));
}

async function codeTaken(db: Db, table: 'partner' | 'funding_instrument', code: string, exceptId: number | null): Promise<boolean> {
	let q = db.selectFrom(table).select('id').where('code', '=', code);
	if (exceptId !== null) q = q.where('id', '!=', exceptId);
	return (await q.executeTakeFirst()) !== undefined;
}

/** The partner table's row for `input` (also used by the demo seed and the territory's defaults). */
export function partnerValues(input: PartnerInput) {
	return { code: input.code, name: input.name, kind: input.kind, territory_code: input.territoryCode };
}

/** The instrument table's row for `input` (also used by the demo seed and the territory's defaults). */
export function instrumentValues(input: InstrumentInput) {
	return {
		code: input.code,
		label: input.label,
		family: input.family,
		partner_kind: input.partnerKind,
		valid_from: input.validFrom,
		valid_until: input.validUntil
	};
}

/** What differs between the two reference lists for their create / update / delete. */
interface ReferenceList<I> {
	table: 'partner' | 'funding_instrument';
	values: (input: I) => Record<string, unknown>;
	list: (db: Db) => Promise<{ id: number; uses: number }[]>;
	/** `Le code « X » est déjà celui ${taken}.` */
	taken: string;
	inUse: string;
}

const PARTNERS: ReferenceList<PartnerInput> = {
	table: 'partner',
	values: partnerValues,
	list: listPartners,
	taken: 'd’un autre financeur',
	inUse: 'Ce financeur est utilisé (financements, engagements, signatures ou comptes) : il ne peut pas être supprimé.'
};

const INSTRUMENTS: ReferenceList<InstrumentInput> = {
	table: 'funding_instrument',
	values: instrumentValues,
	list: listInstruments,
	taken: 'd’un autre dispositif',
	inUse: 'Ce dispositif est utilisé (financements, dépenses éligibles ou engagements) : il ne peut pas être supprimé.'
};

async function assertCodeFree<I>(trx: Db, ref: ReferenceList<I>, code: string, exceptId: number | null): Promise<void> {
	if (await codeTaken(trx, ref.table, code, exceptId)) throw new FundingInputError('code', `Le code « ${code} » est déjà celui ${ref.taken}.`);
}

async function createReference<I extends { code: string }>(db: Kysely<Database>, writer: Writer, ref: ReferenceList<I>, input: I): Promise<number> {
	assertStaff(writer.user);
	return db.transaction().execute(async (trx) => {
		await assertCodeFree(trx, ref, input.code, null);
		return Number((await createRow(trx, writer.audit, ref.table, ref.values(input))).id);
	});
}

async function updateReference<I extends { code: string }>(db: Kysely<Database>, writer: Writer, ref: ReferenceList<I>, id: number, version: number, input: I): Promise<void> {
	assertStaff(writer.user);
	await db.transaction().execute(async (trx) => {
		await assertCodeFree(trx, ref, input.code, id);
		await updateRow(trx, writer.audit, ref.table, id, version, ref.values(input));
	});
}

async function deleteReference<I>(db: Kysely<Database>, writer: Writer, ref: ReferenceList<I>, id: number, version: number): Promise<void> {
	assertStaff(writer.user);
	await db.transaction().execute(async (trx) => {
		const used = (await ref.list(trx)).find((r) => r.id === id)?.uses ?? 0;
		if (used > 0) throw new FundingInputError('id', ref.inUse);
		await deleteRow(trx, writer.audit, ref.table, id, version);
	});
}

export const createPartner = (db: Kysely<Database>, writer: Writer, input: PartnerInput) => createReference(db, writer, PARTNERS, input);
export const updatePartner = (db: Kysely<Database>, writer: Writer, id: number, version: number, input: PartnerInput) => updateReference(db, writer, PARTNERS, id, version, input);
export const deletePartner = (db: Kysely<Database>, writer: Writer, id: number, version: number) => deleteReference(db, writer, PARTNERS, id, version);
export const createInstrument = (db: Kysely<Database>, writer: Writer, input: InstrumentInput) => createReference(db, writer, INSTRUMENTS, input);
export const updateInstrument = (db: Kysely<Database>, writer: Writer, id: number, version: number, input: InstrumentInput) =>
	updateReference(db, writer, INSTRUMENTS, id, version, input);
export const deleteInstrument = (db: Kysely<Database>, writer: Writer, id: number, version: number) => deleteReference(db, writer, INSTRUMENTS, id, version);

/** Adds the instruments of the standard list whose code is not taken yet; returns how many. */
export async function addStandardInstruments(db: Kysely<Database>, writer: Writer): Promise<number> {
	assertStaff(writer.user);
	return db.transaction().execute(async (trx) => {
		let added = 0;
		for (const input of STANDARD_INSTRUMENTS) {
			if (await codeTaken(trx, 'funding_instrument', input.code, null)) continue;
			await createRow(trx, writer.audit, 'funding_instrument', instrumentValues(input));
			added++;
		}
		return added;
	});
}
