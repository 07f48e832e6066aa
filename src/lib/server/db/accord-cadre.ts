/**
 * The accord-cadre follow-up, scoped to the reader: commitments are partner-owned rows (a partner
 * sees its own and the published ones, an observer the published ones), and the realised amounts
 * and alerts are computed over the funding lines the reader may see. Partners write their own
 * commitments, CAF staff all of them and publish them. Writes are audited and version-checked.
 * Amounts in euros.
 */
import type { Kysely, Transaction } from 'kysely';
import { rowAllowed, rowScope, type Actor, type RowScope } from '../../domain/policy';
import { partnerYearBalances, realisedOf, NOTIFIED_STATUSES, PAID_STATUSES, type Commitment, type CommitmentKind, type PartnerYearBalance } from '../../funding/accord-cadre';
import type { CommitmentForm } from '../../funding/commitment-input';
import { ALERT_PARAMETER_KEYS, computeAlerts, type FundingAlert, type Signatory } from '../../funding/alerts';
import { EMPTY_FILTERS } from '../../funding/filters';
import { numericValue, parameterInForce, type DatedParameter } from '../../funding/ps';
import { createRow, deleteRow, NotFoundError, updateRow } from './changes';
import { AccessDeniedError, facts, FundingInputError, scopeCondition, type Writer } from './funding';
import { parameters } from './funding-ps';
import { signatoriesOf } from './signatories';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export interface CommitmentRow extends Commitment {
	accordCadreId: number;
	epciName: string | null;
	instrumentLabel: string | null;
	comment: string | null;
	published: boolean;
	version: number;
	/** Notified + paid lines in scope (euros or structures), null for creations. */
	realised: number | null;
	/** Paid lines only. */
	paid: number | null;
	/** May the reader change it (own commitment, or staff)? */
	editable: boolean;
}

export interface AlertThresholds {
	year: number;
	shortfallShare: number | null;
	singleFunderShare: number | null;
	expectedFunderKinds: unknown;
	regimes: string[];
}

export interface AccordCadreFollowUp {
	id: number;
	name: string;
	startYear: number;
	endYear: number;
	signedOn: string | null;
	signatories: Signatory[];
	commitments: CommitmentRow[];
	balances: PartnerYearBalance[];
	alerts: FundingAlert[];
	/** The alert parameters in force for the current year (or the period's last year). */
	thresholds: AlertThresholds;
	/**
	 * Why some alerts are not shown, for readers who do not see every line: a structure's dependency
	 * on one funder or a missing funder can only be judged on all its lines (CAF staff), and a
	 * partner is alerted on its own commitments only. Null for staff.
	 */
	alertsNote: string | null;
}

function thresholdsFor(params: readonly DatedParameter[], year: number): AlertThresholds {
	const shortfall = parameterInForce(params, ALERT_PARAMETER_KEYS.shortfallShare, year);
	const single = parameterInForce(params, ALERT_PARAMETER_KEYS.singleFunderShare, year);
	const expected = parameterInForce(params, ALERT_PARAMETER_KEYS.expectedFunderKinds, year);
	return {
		year,
		shortfallShare: numericValue(shortfall),
		singleFunderShare: numericValue(single),
		expectedFunderKinds: expected?.value ?? null,
		regimes: [...new Set([shortfall, single, expected].filter((p) => p !== null).map((p) => p!.regime))]
	};
}

/**
 * Every accord-cadre (most recent first) as `user` may see it: signatories, the commitments of its
 * scope with their realisation, per-partner yearly balances and alerts, computed over the funding
 * lines the user may see. `currentYear` is the year in progress (later years are not alerted).
 */
export async function followUps(db: Db, user: Actor, currentYear: number): Promise<AccordCadreFollowUp[]> {
	const readScope = rowScope(user, 'read');
	const writeScope = rowScope(user, 'write');
	const accords = await db.selectFrom('accord_cadre').selectAll().orderBy('start_year', 'desc').orderBy('id').execute();
	if (accords.length === 0) return [];
	const ids = accords.map((a) => a.id);
	const [signatories, commitments, lines, params] = await Promise.all([
		signatoriesOf(db, 'accord_cadre', ids),
		commitmentsQuery(db, readScope).where('c.accord_cadre_id', 'in', ids).execute(),
		facts(db, readScope, EMPTY_FILTERS),
		parameters(db, ['accord_cadre.', 'funding.'])
	]);
	return accords.map((a) => {
		const period = { startYear: a.start_year, endYear: a.end_year };
		const own = commitments.filter((c) => c.accord_cadre_id === a.id).map(toCommitment);
		const periodLines = lines.filter((l) => l.year >= a.start_year && l.year <= a.end_year);
		const sigs = signatories.get(a.id)!;
		return {
			id: a.id,
			name: a.name,
			startYear: a.start_year,
			endYear: a.end_year,
			signedOn: a.signed_on,
			signatories: sigs,
			commitments: own.map((c) => ({
				...c,
				realised: realisedOf(c, periodLines, NOTIFIED_STATUSES),
				paid: realisedOf(c, periodLines, PAID_STATUSES),
				editable: rowAllowed(writeScope, { partnerId: c.partnerId, published: c.published })
			})),
			balances: partnerYearBalances(period, own, periodLines, currentYear),
			alerts: computeAlerts({ period, currentYear, commitments: own, lines: periodLines, signatories: sigs, params }).filter(
				(alert) => readScope.kind === 'all' || (readScope.kind === 'partner' && (alert.kind === 'shortfall' || alert.kind === 'commitment_without_line') && alert.partnerId === readScope.partnerId)
			),
			alertsNote:
				readScope.kind === 'all'
					? null
					: readScope.kind === 'partner'
						? 'Vous voyez les alertes sur les engagements de votre organisme. Les alertes par structure (dépendance à un financeur, financeur attendu absent) demandent de voir tous les financements : elles sont réservées à la Caf.'
						: 'Les alertes demandent de voir tous les financements : elles sont réservées à la Caf et aux partenaires concernés.',
			thresholds: thresholdsFor(params, Math.min(Math.max(currentYear, a.start_year), a.end_year))
		};
	});
}

function commitmentsQuery(db: Db, scope: RowScope) {
	return db
		.selectFrom('commitment as c')
		.innerJoin('partner as p', 'p.id', 'c.partner_id')
		.leftJoin('epci as e', 'e.siren', 'c.epci_siren')
		.leftJoin('funding_instrument as i', 'i.id', 'c.instrument_id')
		.select([
			'c.id',
			'c.accord_cadre_id',
			'c.partner_id',
			'p.name as partner_name',
			'c.year',
			'c.kind',
			'c.value',
			'c.epci_siren',
			'e.name as epci_name',
			'c.instrument_id',
			'i.label as instrument_label',
			'c.comment',
			'c.published',
			'c.version'
		])
		.where(scopeCondition(scope, 'c'))
		.orderBy('p.name')
		.orderBy('c.year')
		.orderBy('c.kind')
		.orderBy('c.id');
}

type CommitmentSelect = Awaited<ReturnType<ReturnType<typeof commitmentsQuery>['execute']>>[number];

function toCommitment(c: CommitmentSelect): Omit<CommitmentRow, 'realised' | 'paid' | 'editable'> {
	return {
		id: c.id,
		accordCadreId: c.accord_cadre_id,
		partnerId: c.partner_id,
		partnerName: c.partner_name,
		year: Number(c.year),
		kind: c.kind,
		value: Number(c.value),
		epciSiren: c.epci_siren,
		epciName: c.epci_name,
		instrumentId: c.instrument_id,
		instrumentLabel: c.instrument_label,
		comment: c.comment,
		published: c.published,
		version: Number(c.version)
	};
}

/** Commitment `id` if `scope` may see it, else null. */
export async function getCommitment(db: Db, scope: RowScope, id: number) {
	const row = await commitmentsQuery(db, scope).where('c.id', '=', id).executeTakeFirst();
	return row ? toCommitment(row) : null;
}

/** The commitment form's fields (`value`: euros for `montant`, a whole count otherwise; strictly positive) and its accord-cadre. */
export interface CommitmentInput extends CommitmentForm {
	accordCadreId: number;
}

/** Checks period, signatory, value and scope references; throws FundingInputError. */
async function validate(trx: Db, input: CommitmentInput): Promise<void> {
	const accord = await trx.selectFrom('accord_cadre').selectAll().where('id', '=', input.accordCadreId).executeTakeFirst();
	if (!accord) throw new FundingInputError('accord', 'Accord-cadre introuvable.');
	if (input.year < accord.start_year || input.year > accord.end_year) {
		throw new FundingInputError('annee', `L’année doit être dans la période de l’accord-cadre (${accord.start_year} à ${accord.end_year}).`);
	}
	const signatory = await trx
		.selectFrom('accord_cadre_signatory')
		.select('partner_id')
		.where('accord_cadre_id', '=', input.accordCadreId)
		.where('partner_id', '=', input.partnerId)
		.executeTakeFirst();
	if (!signatory) throw new FundingInputError('financeur', 'Ce partenaire n’est pas signataire de l’accord-cadre.');
	if (!(input.value > 0)) throw new FundingInputError('valeur', 'La valeur de l’engagement doit être strictement positive.');
	if (input.kind !== 'montant' && !Number.isInteger(input.value)) throw new FundingInputError('valeur', 'Un nombre de structures est un nombre entier.');
	if (input.epciSiren !== null && !(await trx.selectFrom('epci').select('siren').where('siren', '=', input.epciSiren).executeTakeFirst())) {
		throw new FundingInputError('epci', 'EPCI introuvable.');
	}
	if (input.instrumentId !== null && !(await trx.selectFrom('funding_instrument').select('id').where('id', '=', input.instrumentId).executeTakeFirst())) {
		throw new FundingInputError('dispositif', 'Dispositif introuvable.');
	}
}

function values(input: CommitmentInput) {
	return {
		accord_cadre_id: input.accordCadreId,
		partner_id: input.partnerId,
		year: input.year,
		kind: input.kind,
		value: input.value,
		epci_siren: input.epciSiren,
		instrument_id: input.instrumentId,
		comment: input.comment
	};
}

function assertMayWriteFor(user: Actor, partnerId: number): void {
	const scope = rowScope(user, 'write');
	if (!rowAllowed(scope, { partnerId, published: false })) {
		throw new AccessDeniedError('Un partenaire ne saisit et ne modifie que les engagements de son propre organisme.');
	}
}

async function assertWritable(trx: Db, user: Actor, id: number): Promise<void> {
	const row = await trx.selectFrom('commitment').select(['partner_id', 'published']).where('id', '=', id).forUpdate().executeTakeFirst();
	const owner = row ? { partnerId: row.partner_id, published: row.published } : null;
	if (!owner || !rowAllowed(rowScope(user, 'read'), owner)) throw new NotFoundError('engagement', id);
	assertMayWriteFor(user, owner.partnerId);
}

export async function createCommitment(db: Kysely<Database>, writer: Writer, input: CommitmentInput): Promise<number> {
	assertMayWriteFor(writer.user, input.partnerId);
	return db.transaction().execute(async (trx) => {
		await validate(trx, input);
		return Number((await createRow(trx, writer.audit, 'commitment', values(input))).id);
	});
}

/** Changes value, year, kind, scope and comment; the partner and accord-cadre stay. */
export async function updateCommitment(db: Kysely<Database>, writer: Writer, id: number, version: number, input: CommitmentInput): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await assertWritable(trx, writer.user, id);
		const current = await trx.selectFrom('commitment').select(['partner_id', 'accord_cadre_id']).where('id', '=', id).executeTakeFirstOrThrow();
		const fixed = { ...input, partnerId: current.partner_id, accordCadreId: current.accord_cadre_id };
		await validate(trx, fixed);
		const { accord_cadre_id: _a, partner_id: _p, ...patch } = values(fixed);
		await updateRow(trx, writer.audit, 'commitment', id, version, patch);
	});
}

export async function deleteCommitment(db: Kysely<Database>, writer: Writer, id: number, version: number): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await assertWritable(trx, writer.user, id);
		await deleteRow(trx, writer.audit, 'commitment', id, version);
	});
}

/** Publishes or withdraws a commitment (staff only), version-checked. */
export async function setCommitmentPublished(db: Kysely<Database>, writer: Writer, id: number, version: number, published: boolean): Promise<void> {
	if (rowScope(writer.user, 'write').kind !== 'all') throw new AccessDeniedError('Seule la Caf publie ou retire les engagements.');
	await db.transaction().execute(async (trx) => {
		await updateRow(trx, writer.audit, 'commitment', id, version, { published });
	});
}
