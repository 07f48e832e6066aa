/**
 * The accord-cadre follow-up: each partner's yearly commitments against what its funding lines
 * realise. « Réalisé » counts the lines in the commitment's scope (partner, year, and its EPCI
 * or instrument when set) with status notifié or versé; « versé » counts paid lines only.
 * Amounts in euros (exact cent sums). Pure.
 */
import { fromCents, toCents, type FundingStatus } from './types';

export type CommitmentKind = 'montant' | 'structures_financees' | 'creations_prioritaires';

/** Statuses counted as realised: notified or paid (a forecast is not a realisation). */
export const NOTIFIED_STATUSES: readonly FundingStatus[] = ['notifie', 'verse'];
/** Paid only. */
export const PAID_STATUSES: readonly FundingStatus[] = ['verse'];

export interface Commitment {
	id: number;
	partnerId: number;
	partnerName: string;
	year: number;
	kind: CommitmentKind;
	/** Euros for `montant`, a count otherwise. */
	value: number;
	/** Limits the commitment to one EPCI's structures, when set. */
	epciSiren: string | null;
	/** Limits the commitment to one instrument, when set. */
	instrumentId: number | null;
}

/** What the follow-up needs from a funding line. */
export interface AccordLine {
	partnerId: number;
	year: number;
	instrumentId: number;
	structureId: number;
	epciSiren: string | null;
	status: FundingStatus;
	/** Euros. */
	amount: number;
}

/** Whether `line` falls in the scope of `commitment` (partner, year, EPCI and instrument when set). */
export function inCommitmentScope(line: AccordLine, commitment: Pick<Commitment, 'partnerId' | 'year' | 'epciSiren' | 'instrumentId'>): boolean {
	return (
		line.partnerId === commitment.partnerId &&
		line.year === commitment.year &&
		(commitment.epciSiren === null || line.epciSiren === commitment.epciSiren) &&
		(commitment.instrumentId === null || line.instrumentId === commitment.instrumentId)
	);
}

/**
 * What the lines of `statuses` realise of `commitment`: euros for `montant`, distinct structures
 * funded for `structures_financees`, null for `creations_prioritaires` (not derived from funding).
 */
export function realisedOf(commitment: Commitment, lines: readonly AccordLine[], statuses: readonly FundingStatus[]): number | null {
	if (commitment.kind === 'creations_prioritaires') return null;
	const matching = lines.filter((l) => statuses.includes(l.status) && inCommitmentScope(l, commitment));
	if (commitment.kind === 'structures_financees') return new Set(matching.map((l) => l.structureId)).size;
	return fromCents(matching.reduce((s, l) => s + toCents(l.amount), 0));
}

/** Where a year stands relative to `currentYear`: past, in progress (partial), or to come. */
export type YearState = 'ecoulee' | 'en_cours' | 'a_venir';

export function yearState(year: number, currentYear: number): YearState {
	return year < currentYear ? 'ecoulee' : year === currentYear ? 'en_cours' : 'a_venir';
}

export interface PartnerYearBalance {
	partnerId: number;
	partnerName: string;
	year: number;
	state: YearState;
	/** Sum of the partner's `montant` commitments for the year (euros). */
	committed: number;
	/** Lines notified or paid in the scopes of the partner's amount commitments (euros). */
	realised: number;
	/** Paid lines only (euros). */
	paid: number;
	/** realised / committed, null when nothing was committed. */
	rate: number | null;
	paidRate: number | null;
}

/**
 * One row per partner having an amount commitment in the period and per year of the period.
 * The realised amount of a partner-year counts each line once, when it falls in the scope of any
 * of the partner's amount commitments (a département-wide commitment covers all its lines).
 */
export function partnerYearBalances(
	period: { startYear: number; endYear: number },
	commitments: readonly Commitment[],
	lines: readonly AccordLine[],
	currentYear: number
): PartnerYearBalance[] {
	const amounts = commitments.filter((c) => c.kind === 'montant' && c.year >= period.startYear && c.year <= period.endYear);
	const partners = [...new Map(amounts.map((c) => [c.partnerId, c.partnerName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'fr'));
	const rows: PartnerYearBalance[] = [];
	for (const [partnerId, partnerName] of partners) {
		const own = amounts.filter((c) => c.partnerId === partnerId);
		const scopes = [...new Map(own.map((c) => [`${c.epciSiren}|${c.instrumentId}`, c])).values()];
		for (let year = period.startYear; year <= period.endYear; year++) {
			const committed = own.filter((c) => c.year === year).reduce((s, c) => s + toCents(c.value), 0);
			let realised = 0;
			let paid = 0;
			for (const l of lines) {
				if (l.partnerId !== partnerId || l.year !== year) continue;
				if (!scopes.some((s) => inCommitmentScope(l, { ...s, year }))) continue;
				const c = toCents(l.amount);
				if (NOTIFIED_STATUSES.includes(l.status)) realised += c;
				if (PAID_STATUSES.includes(l.status)) paid += c;
			}
			rows.push({
				partnerId,
				partnerName,
				year,
				state: yearState(year, currentYear),
				committed: fromCents(committed),
				realised: fromCents(realised),
				paid: fromCents(paid),
				rate: committed > 0 ? realised / committed : null,
				paidRate: committed > 0 ? paid / committed : null
			});
		}
	}
	return rows;
}
