/**
 * Partners (funders) and funding instruments: the reference lists funding lines point to.
 * Readable by every signed-in user, written by CAF staff only (checked here and by the pages);
 * every write is audited and optimistically locked (`changes.ts`). A partner or instrument still
 * used by a line, a commitment or an account cannot be deleted.
 */
import type { Kysely, Transaction } from 'kysely';
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

/** Every partner, by name, with how many rows use it. */
export async function listPartners(db: Db): Promise<PartnerRow[]> {
	const rows = await db
		.selectFrom('partner as p')
		.select((eb) => [
			'p.id',
			'p.code',
			'p.name',
			'p.kind',
			'p.territory_code',
			'p.version',
			eb
				.selectFrom('funding_line')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('funding_line.partner_id', '=', 'p.id')
				.as('lines'),
			eb
				.selectFrom('commitment')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('commitment.partner_id', '=', 'p.id')
				.as('commitments'),
			eb
				.selectFrom('app_user')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('app_user.partner_id', '=', 'p.id')
				.as('accounts'),
			eb
				.selectFrom('accord_cadre_signatory')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('accord_cadre_signatory.partner_id', '=', 'p.id')
				.as('signatures')
		])
		.orderBy('p.name')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		code: r.code,
		name: r.name,
		kind: r.kind,
		territoryCode: r.territory_code,
		version: Number(r.version),
		uses: Number(r.lines ?? 0) + Number(r.commitments ?? 0) + Number(r.accounts ?? 0) + Number(r.signatures ?? 0)
	}));
}

/** Every instrument, by label, with how many rows use it. */
export async function listInstruments(db: Db): Promise<InstrumentRow[]> {
	const rows = await db
		.selectFrom('funding_instrument as i')
		.select((eb) => [
			'i.id',
			'i.code',
			'i.label',
			'i.family',
			'i.partner_kind',
			'i.valid_from',
			'i.valid_until',
			'i.version',
			eb
				.selectFrom('funding_line')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('funding_line.instrument_id', '=', 'i.id')
				.as('lines'),
			eb
				.selectFrom('eligible_expense')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('eligible_expense.instrument_id', '=', 'i.id')
				.as('expenses'),
			eb
				.selectFrom('commitment')
				.select((e) => e.fn.countAll<number>().as('n'))
				.whereRef('commitment.instrument_id', '=', 'i.id')
				.as('commitments')
		])
		.orderBy('i.label')
		.execute();
	return rows.map((r) => ({
		id: r.id,
		code: r.code,
		label: r.label,
		family: r.family,
		partnerKind: r.partner_kind,
		validFrom: r.valid_from,
		validUntil: r.valid_until,
		version: Number(r.version),
		uses: Number(r.lines ?? 0) + Number(r.expenses ?? 0) + Number(r.commitments ?? 0)
	}));
}

async function codeTaken(db: Db, table: 'partner' | 'funding_instrument', code: string, exceptId: number | null): Promise<boolean> {
	let q = db.selectFrom(table).select('id').where('code', '=', code);
	if (exceptId !== null) q = q.where('id', '!=', exceptId);
	return (await q.executeTakeFirst()) !== undefined;
}

function partnerValues(input: PartnerInput) {
	return { code: input.code, name: input.name, kind: input.kind, territory_code: input.territoryCode };
}

function instrumentValues(input: InstrumentInput) {
	return {
		code: input.code,
		label: input.label,
		family: input.family,
		partner_kind: input.partnerKind,
		valid_from: input.validFrom,
		valid_until: input.validUntil
	};
}

export async function createPartner(db: Kysely<Database>, writer: Writer, input: PartnerInput): Promise<number> {
	assertStaff(writer.user);
	return db.transaction().execute(async (trx) => {
		if (await codeTaken(trx, 'partner', input.code, null)) throw new FundingInputError('code', `Le code « ${input.code} » est déjà celui d’un autre financeur.`);
		return Number((await createRow(trx, writer.audit, 'partner', partnerValues(input))).id);
	});
}

export async function updatePartner(db: Kysely<Database>, writer: Writer, id: number, version: number, input: PartnerInput): Promise<void> {
	assertStaff(writer.user);
	await db.transaction().execute(async (trx) => {
		if (await codeTaken(trx, 'partner', input.code, id)) throw new FundingInputError('code', `Le code « ${input.code} » est déjà celui d’un autre financeur.`);
		await updateRow(trx, writer.audit, 'partner', id, version, partnerValues(input));
	});
}

export async function deletePartner(db: Kysely<Database>, writer: Writer, id: number, version: number): Promise<void> {
	assertStaff(writer.user);
	await db.transaction().execute(async (trx) => {
		const used = (await listPartners(trx)).find((p) => p.id === id)?.uses ?? 0;
		if (used > 0) throw new FundingInputError('id', 'Ce financeur est utilisé (financements, engagements, signatures ou comptes) : il ne peut pas être supprimé.');
		await deleteRow(trx, writer.audit, 'partner', id, version);
	});
}

export async function createInstrument(db: Kysely<Database>, writer: Writer, input: InstrumentInput): Promise<number> {
	assertStaff(writer.user);
	return db.transaction().execute(async (trx) => {
		if (await codeTaken(trx, 'funding_instrument', input.code, null)) throw new FundingInputError('code', `Le code « ${input.code} » est déjà celui d’un autre dispositif.`);
		return Number((await createRow(trx, writer.audit, 'funding_instrument', instrumentValues(input))).id);
	});
}

export async function updateInstrument(db: Kysely<Database>, writer: Writer, id: number, version: number, input: InstrumentInput): Promise<void> {
	assertStaff(writer.user);
	await db.transaction().execute(async (trx) => {
		if (await codeTaken(trx, 'funding_instrument', input.code, id)) throw new FundingInputError('code', `Le code « ${input.code} » est déjà celui d’un autre dispositif.`);
		await updateRow(trx, writer.audit, 'funding_instrument', id, version, instrumentValues(input));
	});
}

export async function deleteInstrument(db: Kysely<Database>, writer: Writer, id: number, version: number): Promise<void> {
	assertStaff(writer.user);
	await db.transaction().execute(async (trx) => {
		const used = (await listInstruments(trx)).find((i) => i.id === id)?.uses ?? 0;
		if (used > 0) throw new FundingInputError('id', 'Ce dispositif est utilisé (financements, dépenses éligibles ou engagements) : il ne peut pas être supprimé.');
		await deleteRow(trx, writer.audit, 'funding_instrument', id, version);
	});
}

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
