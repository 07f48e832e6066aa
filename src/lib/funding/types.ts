/**
 * The shapes every funding module shares: a funding line as the views see it (a « fact »),
 * with the structure, partner and instrument it belongs to. Amounts in euros (cents precision).
 * Pure: types and tiny helpers only.
 */
import { FUNDING_STATUSES, type FundingStatus } from '../ui/labels';

export { FUNDING_STATUSES, type FundingStatus };

export type StructureType = 'CS' | 'EVS';

/** One funding line, joined with what the views group it by. */
export interface FundingFact {
	id: number;
	structureId: number;
	structureName: string;
	structureType: StructureType;
	communeCode: string;
	/** The EPCI of the structure's commune, null when the commune is outside any EPCI (or unknown). */
	epciSiren: string | null;
	epciName: string | null;
	partnerId: number;
	partnerName: string;
	partnerKind: string;
	instrumentId: number;
	instrumentCode: string;
	instrumentLabel: string;
	instrumentFamily: string;
	year: number;
	/** Euros. */
	amount: number;
	status: FundingStatus;
	/** Shown to every partner and observer (set by CAF staff). */
	published: boolean;
}

/** A funding line as the editing grid shows it: the fact plus what editing needs. */
export interface FundingLine extends FundingFact {
	partnerCode: string;
	structureExternalId: string | null;
	structureSiret: string | null;
	comment: string | null;
	/** Optimistic-locking version: sent back with every edit. */
	version: number;
}

export function isFundingStatus(value: unknown): value is FundingStatus {
	return typeof value === 'string' && (FUNDING_STATUSES as readonly string[]).includes(value);
}

/** Euros → whole cents, so sums are exact whatever the order of addition. */
export function toCents(euros: number): number {
	return Math.round(euros * 100);
}

/** Whole cents → euros. */
export function fromCents(cents: number): number {
	return cents / 100;
}

/** The exact sum, in euros, of the amounts of `items` (added as cents). */
export function sumEuros<T>(items: readonly T[], amount: (item: T) => number): number {
	let cents = 0;
	for (const item of items) cents += toCents(amount(item));
	return fromCents(cents);
}
