/**
 * What the PS check reads and writes: dated reference parameters (rates, ceilings, instrument
 * codes, tolerance), eligible expenses per structure × instrument × year, and the PS recorded as
 * funding lines. CAF staff only (PS lines are the CAF's; eligible expenses are structures'
 * budget data). Writes are audited and optimistically locked. Amounts in euros.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import { rowScope, type Actor } from '../../domain/policy';
import { allPsInstrumentCodes, checkPs, numericValue, parameterInForce, PS_KINDS, type DatedParameter, type PsCheckInput, type PsCheckRow, type PsKind } from '../../funding/ps';
import type { PsAgrement } from '../../funding/ps-coverage';
import * as referenceParameters from './reference-parameters';
import { record } from './audit';
import { ConflictError, createRow, updateRow } from './changes';
import { AccessDeniedError, FundingInputError, type Writer } from './funding';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

function assertStaff(user: Actor): void {
	if (rowScope(user, 'write').kind !== 'all') throw new AccessDeniedError('Seule la Caf saisit les dépenses éligibles et les prix plafonds.');
}

/** Reference parameters whose key starts with one of `prefixes` (all when empty). */
export async function parameters(db: Db, prefixes: readonly string[] = []): Promise<DatedParameter[]> {
	return referenceParameters.list(db, prefixes);
}

/** The prefixes of every rule the PS check reads (rates, ceilings, instruments, agrément kinds, pro rata, grace period). */
export const PS_PARAMETER_PREFIXES = ['ps_rate.', 'ps_ceiling.', 'ps.', 'agrement.renewal_'] as const;

/** Parameter rows with their version, for the ceiling editor. */
export async function ceilingRows(db: Db): Promise<(DatedParameter & { version: number })[]> {
	const rows = await db.selectFrom('reference_parameter').selectAll().where('key', 'like', 'ps\\_ceiling.%').orderBy('key').orderBy('valid_from').execute();
	return rows.map((r) => ({
		id: r.id,
		key: r.key,
		validFrom: r.valid_from,
		validUntil: r.valid_until,
		value: r.value,
		unit: r.unit,
		regime: r.regime,
		source: r.source,
		version: Number(r.version)
	}));
}

/**
 * One input per structure × PS instrument × year that has eligible expenses or PS funding lines
 * (recorded = the sum of the year's lines of that instrument, every status and partner).
 */
export async function psInputs(db: Db, params: readonly DatedParameter[]): Promise<PsCheckInput[]> {
	const codes = allPsInstrumentCodes(params);
	if (codes.length === 0) return [];
	const [expenses, lines, agrementRows] = await Promise.all([
		db
			.selectFrom('eligible_expense as x')
			.innerJoin('funding_instrument as i', 'i.id', 'x.instrument_id')
			.innerJoin('structure as s', 's.id', 'x.structure_id')
			.select(['x.structure_id', 's.name', 's.type', 'x.instrument_id', 'i.code', 'x.year', 'x.amount', 'x.version'])
			.where('i.code', 'in', codes)
			.execute(),
		db
			.selectFrom('funding_line as l')
			.innerJoin('funding_instrument as i', 'i.id', 'l.instrument_id')
			.innerJoin('structure as s', 's.id', 'l.structure_id')
			.select(['l.structure_id', 's.name', 's.type', 'l.instrument_id', 'i.code', 'l.year', (eb) => eb.fn.sum<number>('l.amount').as('amount')])
			.where('i.code', 'in', codes)
			.groupBy(['l.structure_id', 's.name', 's.type', 'l.instrument_id', 'i.code', 'l.year'])
			.execute(),
		db
			.selectFrom('agrement')
			.select(['id', 'structure_id', 'kind', 'start_date as startDate', 'end_date as endDate', 'decision', 'decision_date as decisionDate'])
			.orderBy('structure_id')
			.orderBy('start_date')
			.execute()
	]);
	const agrementsOf = new Map<number, PsAgrement[]>();
	for (const { structure_id, ...a } of agrementRows) {
		const list = agrementsOf.get(structure_id);
		if (list) list.push(a);
		else agrementsOf.set(structure_id, [a]);
	}
	const inputs = new Map<string, PsCheckInput>();
	const key = (s: number, i: number, y: number) => `${s}|${i}|${y}`;
	const ensure = (r: { structure_id: number; name: string; type: 'CS' | 'EVS'; instrument_id: number; code: string; year: number }) => {
		const k = key(r.structure_id, r.instrument_id, Number(r.year));
		let input = inputs.get(k);
		if (!input) {
			input = {
				structureId: r.structure_id,
				structureName: r.name,
				structureType: r.type,
				instrumentId: r.instrument_id,
				instrumentCode: r.code,
				year: Number(r.year),
				eligibleExpenses: null,
				eligibleVersion: null,
				recorded: null,
				agrements: agrementsOf.get(r.structure_id) ?? []
			};
			inputs.set(k, input);
		}
		return input;
	};
	for (const e of expenses) {
		const input = ensure(e);
		input.eligibleExpenses = Number(e.amount);
		input.eligibleVersion = Number(e.version);
	}
	for (const l of lines) ensure(l).recorded = Number(l.amount);
	return [...inputs.values()];
}

export interface EligibleExpenseInput {
	structureId: number;
	instrumentId: number;
	year: number;
	/** Euros, strictly positive. */
	amount: number;
	/** The version the edit was based on; null to create the row. */
	version: number | null;
}

/**
 * Creates or updates the eligible expenses of a structure, instrument and year (staff only).
 * An update names its version (ConflictError when the row moved on); a creation is refused when
 * the row already exists (someone entered it meanwhile). One audit entry either way.
 */
export async function saveEligibleExpense(db: Kysely<Database>, writer: Writer, input: EligibleExpenseInput): Promise<void> {
	assertStaff(writer.user);
	const entityId = `${input.structureId}/${input.instrumentId}/${input.year}`;
	await db.transaction().execute(async (trx) => {
		const match = (q: ReturnType<typeof base>) =>
			q.where('structure_id', '=', input.structureId).where('instrument_id', '=', input.instrumentId).where('year', '=', input.year);
		const base = () => trx.selectFrom('eligible_expense').selectAll();
		const before = await match(base()).forUpdate().executeTakeFirst();
		if (input.version === null) {
			if (before) throw new ConflictError('eligible_expense', entityId, Number(before.version));
			const [structure, instrument] = await Promise.all([
				trx.selectFrom('structure').select('id').where('id', '=', input.structureId).executeTakeFirst(),
				trx.selectFrom('funding_instrument').select('id').where('id', '=', input.instrumentId).executeTakeFirst()
			]);
			if (!structure) throw new FundingInputError('structure', 'Structure introuvable.');
			if (!instrument) throw new FundingInputError('dispositif', 'Dispositif introuvable.');
			const after = await trx
				.insertInto('eligible_expense')
				.values({ structure_id: input.structureId, instrument_id: input.instrumentId, year: input.year, amount: input.amount })
				.returningAll()
				.executeTakeFirstOrThrow();
			await record(trx, writer.audit, { action: 'create', entity: 'eligible_expense', entityId, after });
			return;
		}
		if (!before) throw new ConflictError('eligible_expense', entityId, null);
		const after = await trx
			.updateTable('eligible_expense')
			.set({ amount: input.amount, version: sql`version + 1`, updated_at: sql`now()` })
			.where('structure_id', '=', input.structureId)
			.where('instrument_id', '=', input.instrumentId)
			.where('year', '=', input.year)
			.where('version', '=', input.version)
			.returningAll()
			.executeTakeFirst();
		if (!after) throw new ConflictError('eligible_expense', entityId, Number(before.version));
		await record(trx, writer.audit, { action: 'update', entity: 'eligible_expense', entityId, before, after });
	});
}

export interface CeilingInput {
	kind: PsKind;
	year: number;
	/** Euros, strictly positive. */
	amount: number;
	/** Version of the existing ceiling of that year, or null to create it. */
	version: number | null;
	/** Where the figure comes from (e.g. « Lettre circulaire CNAF 2025-… »). */
	source: string | null;
}

/**
 * Enters the prix plafond of a PS for one year (valid 1 January – 31 December), or corrects it
 * (version-checked). Staff only; audited through `changes.ts`.
 */
export async function saveCeiling(db: Kysely<Database>, writer: Writer, input: CeilingInput): Promise<void> {
	assertStaff(writer.user);
	if (!PS_KINDS.includes(input.kind)) throw new FundingInputError('kind', 'Prestation de service inconnue.');
	const key = `ps_ceiling.${input.kind}`;
	const validFrom = `${input.year}-01-01`;
	await db.transaction().execute(async (trx) => {
		const existing = await trx.selectFrom('reference_parameter').select(['id', 'version']).where('key', '=', key).where('valid_from', '=', validFrom).executeTakeFirst();
		const values = {
			value: input.amount,
			source: input.source ?? 'Saisi par la Caf'
		};
		if (input.version === null) {
			if (existing) throw new ConflictError('reference_parameter', existing.id, Number(existing.version));
			await createRow(trx, writer.audit, 'reference_parameter', {
				key,
				valid_from: validFrom,
				valid_until: `${input.year}-12-31`,
				unit: '€',
				regime: `Prix plafond Cnaf ${input.year}`,
				comment: 'Prix plafond annuel publié par la Cnaf, saisi par la Caf.',
				...values,
				value: JSON.stringify(input.amount)
			});
			return;
		}
		if (!existing) throw new ConflictError('reference_parameter', key, null);
		await updateRow(trx, writer.audit, 'reference_parameter', existing.id, input.version, { ...values, value: JSON.stringify(input.amount) });
	});
}

/** The tolerance of the PS check in force in `year` (`ps.difference_tolerance_eur`), 0 without a row. */
export function toleranceInYear(params: readonly DatedParameter[], year: number): number {
	return numericValue(parameterInForce(params, 'ps.difference_tolerance_eur', year)) ?? 0;
}

/**
 * The PS check of every structure × PS instrument × year on file (or of `year` only): the PS due
 * pro rata of the agréments (each year with its own rules and tolerance) against what is
 * recorded. The API the observatory and the committee share with the PS page.
 */
export async function psCheck(db: Db, options: { year?: number | null } = {}): Promise<{ rows: PsCheckRow[]; params: DatedParameter[] }> {
	const params = await parameters(db, PS_PARAMETER_PREFIXES);
	const inputs = (await psInputs(db, params)).filter((i) => options.year == null || i.year === options.year);
	const years = [...new Set(inputs.map((i) => i.year))];
	const rows = years.flatMap((year) =>
		checkPs(
			inputs.filter((i) => i.year === year),
			params,
			{ toleranceEur: toleranceInYear(params, year) }
		)
	);
	rows.sort((a, b) => b.year - a.year || a.structureName.localeCompare(b.structureName, 'fr') || a.instrumentCode.localeCompare(b.instrumentCode));
	return { rows, params };
}
