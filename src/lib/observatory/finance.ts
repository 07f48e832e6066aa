/**
 * The finance rules of the observatory record, one structure and one year. Pure; amounts in euros,
 * added as whole cents so that every total is exact.
 *
 * 1. **Income of the year** = funding lines of the year notified or paid (a forecast is not income).
 * 2. **Investment aid apart**: a line whose instrument belongs to the `investissement` family is an
 *    investment resource, never operating income (it goes to its own column).
 * 3. **Caf money split** (partner of kind `caf`): one column per prestation de service in force that
 *    year — the instruments and their regime come from the dated parameter `ps.instrument_codes`
 *    (PS AGC, PS ACF and PS animation locale under the 2012 circular; the merged PS centre social
 *    where the 2025 cadre applies) —, then « autres PS » (any other instrument of the
 *    `prestation_service` family, e.g. a PS of a year it is not in force), then the Caf's own funds
 *    (subventions, bonus territoire and its other operating aid).
 * 4. **Other funders by the partner's kind**, communes and EPCI apart: Conseil départemental, État,
 *    Région, MSA, Carsat, others.
 * 5. **Charges and produits are entered** per structure-year; the result is produits − charges;
 *    « autres produits » = produits − recorded operating funding − users' participation.
 */
import { psInstrumentsInYear, psKindOfInstrument, PS_KINDS, type DatedParameter, type PsKind } from '../funding/ps';

/** Funding statuses counted as income of the year. */
export const INCOME_STATUSES: readonly string[] = ['verse', 'notifie'];

/** The instrument family of investment aid (reference data of `funding_instrument.family`). */
export const INVESTMENT_FAMILY = 'investissement';
/** The instrument family of the prestations de service. */
export const PS_FAMILY = 'prestation_service';

/** A funding line as the finance rules read it. */
export interface FinanceLine {
	year: number;
	partnerKind: string;
	instrumentCode: string;
	instrumentFamily: string;
	amount: number;
	status: string;
}

/** The columns of non-Caf funders, by partner kind; `autres` takes every other kind. */
export const FUNDER_COLUMNS = ['communes', 'epci', 'departement', 'etat', 'region', 'msa', 'carsat', 'autres'] as const;
export type FunderColumn = (typeof FUNDER_COLUMNS)[number];

const FUNDER_OF_KIND: Record<string, FunderColumn> = {
	commune: 'communes',
	epci: 'epci',
	departement: 'departement',
	etat: 'etat',
	region: 'region',
	msa: 'msa',
	carsat: 'carsat'
};

/** Where a non-Caf partner's money goes. */
export function funderColumn(partnerKind: string): FunderColumn {
	return FUNDER_OF_KIND[partnerKind] ?? 'autres';
}

export interface YearFinance {
	/** Euros per PS in force that year; null for a PS that does not exist that year. */
	ps: Record<PsKind, number | null>;
	/** The regime of the PS instruments of the year (`ps.instrument_codes`), null without a rule. */
	psRegime: string | null;
	/** Caf prestations de service that are not one of the year's AVS PS. */
	cafOtherPs: number;
	/** Caf subventions, bonus territoire and other operating aid of its own funds. */
	cafOwnFunds: number;
	/** All Caf operating money (the PS columns + other PS + own funds). */
	cafTotal: number;
	funders: Record<FunderColumn, number>;
	/** Every operating funding recorded (Caf + other funders), investment aid excluded. */
	operatingFunding: number;
	/** Investment aid of the year, every funder (not operating income). */
	investmentAid: number;
	/** Of which the Caf's. */
	investmentAidCaf: number;
	charges: number | null;
	produits: number | null;
	/** produits − charges; null when either is unknown. */
	result: number | null;
	usersIncome: number | null;
	/** produits − operating funding − users' participation; null without produits. */
	otherIncome: number | null;
}

const cents = (euros: number) => Math.round(euros * 100);
const euros = (c: number) => c / 100;

/**
 * The finance of one structure-year from its funding lines (any year: the others are ignored), the
 * dated PS parameters, and the charges, produits and users' participation entered for the year.
 */
export function financeOfYear(
	lines: readonly FinanceLine[],
	params: readonly DatedParameter[],
	year: number,
	entered: { charges: number | null; produits: number | null; usersIncome: number | null }
): YearFinance {
	const inForce = psInstrumentsInYear(params, year);
	const ps = Object.fromEntries(PS_KINDS.map((k) => [k, inForce.some((i) => i.kind === k) ? 0 : null])) as Record<PsKind, number | null>;
	let otherPs = 0;
	let ownFunds = 0;
	let investment = 0;
	let investmentCaf = 0;
	const funders = Object.fromEntries(FUNDER_COLUMNS.map((c) => [c, 0])) as Record<FunderColumn, number>;
	for (const line of lines) {
		if (line.year !== year || !INCOME_STATUSES.includes(line.status)) continue;
		const amount = cents(line.amount);
		const caf = line.partnerKind === 'caf';
		if (line.instrumentFamily === INVESTMENT_FAMILY) {
			investment += amount;
			if (caf) investmentCaf += amount;
			continue;
		}
		if (!caf) {
			funders[funderColumn(line.partnerKind)] += amount;
			continue;
		}
		const kind = psKindOfInstrument(params, line.instrumentCode, year);
		if (kind !== null && ps[kind] !== null) ps[kind] = (ps[kind] as number) + amount;
		else if (line.instrumentFamily === PS_FAMILY) otherPs += amount;
		else ownFunds += amount;
	}
	const psCents = PS_KINDS.reduce((s, k) => s + (ps[k] ?? 0), 0);
	const cafTotal = psCents + otherPs + ownFunds;
	const otherFunders = FUNDER_COLUMNS.reduce((s, c) => s + funders[c], 0);
	const operating = cafTotal + otherFunders;
	const { charges, produits, usersIncome } = entered;
	return {
		ps: Object.fromEntries(PS_KINDS.map((k) => [k, ps[k] === null ? null : euros(ps[k] as number)])) as Record<PsKind, number | null>,
		psRegime: inForce[0]?.regime ?? null,
		cafOtherPs: euros(otherPs),
		cafOwnFunds: euros(ownFunds),
		cafTotal: euros(cafTotal),
		funders: Object.fromEntries(FUNDER_COLUMNS.map((c) => [c, euros(funders[c])])) as Record<FunderColumn, number>,
		operatingFunding: euros(operating),
		investmentAid: euros(investment),
		investmentAidCaf: euros(investmentCaf),
		charges,
		produits,
		result: charges === null || produits === null ? null : euros(cents(produits) - cents(charges)),
		usersIncome,
		otherIncome: produits === null ? null : euros(cents(produits) - operating - cents(usersIncome ?? 0))
	};
}
