/**
 * Funding lines (structure × partner × instrument × year × amount × status) summed for the
 * « Financements » page. Amounts in euros.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from './schema';
import type { FundingStatus } from './structures';

export interface FundingFilters {
	/** Keep one year only. */
	year?: number | null;
	/** Keep these statuses only (all when empty or absent). */
	statuses?: readonly FundingStatus[] | null;
}

/** The years that have funding lines, ascending. */
export async function years(db: Kysely<Database>): Promise<number[]> {
	const rows = await db.selectFrom('funding_line').select('year').distinct().orderBy('year').execute();
	return rows.map((r) => Number(r.year));
}

function filtered<O>(
	query: SelectQueryBuilder<Database, 'funding_line' | 'partner' | 'funding_instrument', O>,
	filters: FundingFilters
) {
	let q = query;
	if (filters.year) q = q.where('funding_line.year', '=', filters.year);
	if (filters.statuses && filters.statuses.length > 0) q = q.where('funding_line.status', 'in', [...filters.statuses]);
	return q;
}

function base(db: Kysely<Database>) {
	return db
		.selectFrom('funding_line')
		.innerJoin('partner', 'partner.id', 'funding_line.partner_id')
		.innerJoin('funding_instrument', 'funding_instrument.id', 'funding_line.instrument_id');
}

export interface PartnerYearAmount {
	partnerId: number;
	partnerName: string;
	partnerKind: string;
	year: number;
	amount: number;
	/** Funding lines summed. */
	lines: number;
}

/** Sum of the funding lines matching `filters`, per partner and year. */
export async function byPartnerYear(db: Kysely<Database>, filters: FundingFilters = {}): Promise<PartnerYearAmount[]> {
	const rows = await filtered(
		base(db).select([
			'partner.id as partnerId',
			'partner.name as partnerName',
			'partner.kind as partnerKind',
			'funding_line.year',
			(eb) => eb.fn.sum<number>('funding_line.amount').as('amount'),
			(eb) => eb.fn.countAll<number>().as('lines')
		]),
		filters
	)
		.groupBy(['partner.id', 'partner.name', 'partner.kind', 'funding_line.year'])
		.orderBy('partner.name')
		.orderBy('funding_line.year')
		.execute();
	return rows.map((r) => ({ ...r, year: Number(r.year), amount: Number(r.amount), lines: Number(r.lines) }));
}

export interface InstrumentYearAmount {
	instrumentId: number;
	instrumentCode: string;
	instrumentLabel: string;
	family: string;
	year: number;
	amount: number;
	lines: number;
}

/** Sum of the funding lines matching `filters`, per instrument and year. */
export async function byInstrumentYear(
	db: Kysely<Database>,
	filters: FundingFilters = {}
): Promise<InstrumentYearAmount[]> {
	const rows = await filtered(
		base(db).select([
			'funding_instrument.id as instrumentId',
			'funding_instrument.code as instrumentCode',
			'funding_instrument.label as instrumentLabel',
			'funding_instrument.family',
			'funding_line.year',
			(eb) => eb.fn.sum<number>('funding_line.amount').as('amount'),
			(eb) => eb.fn.countAll<number>().as('lines')
		]),
		filters
	)
		.groupBy([
			'funding_instrument.id',
			'funding_instrument.code',
			'funding_instrument.label',
			'funding_instrument.family',
			'funding_line.year'
		])
		.orderBy('funding_instrument.label')
		.orderBy('funding_line.year')
		.execute();
	return rows.map((r) => ({ ...r, year: Number(r.year), amount: Number(r.amount), lines: Number(r.lines) }));
}

export interface StatusYearAmount {
	status: FundingStatus;
	year: number;
	amount: number;
}

/** Sum of the funding lines of `filters.year` (or every year), per status and year. */
export async function byStatusYear(db: Kysely<Database>, filters: FundingFilters = {}): Promise<StatusYearAmount[]> {
	const rows = await filtered(
		base(db).select([
			'funding_line.status',
			'funding_line.year',
			(eb) => eb.fn.sum<number>('funding_line.amount').as('amount')
		]),
		filters
	)
		.groupBy(['funding_line.status', 'funding_line.year'])
		.orderBy('funding_line.year')
		.execute();
	return rows.map((r) => ({ ...r, year: Number(r.year), amount: Number(r.amount) }));
}
