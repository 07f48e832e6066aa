/**
 * Partners, funding instruments and four years of funding lines for the demo structures.
 * Prestations de service are computed as rate × min(eligible expenses, prix plafond) with the
 * national rates (changed on 1 January 2024) and fictional yearly ceilings the demo also emits as
 * reference parameters; two PS lines deliberately depart from the formula.
 */
import { randomInt, type Random } from '../domain/random';
import { coverageInYear } from '../funding/ps-coverage';
import { STANDARD_INSTRUMENTS, type InstrumentInput } from '../funding/reference-input';
import { yearOf } from './dates';
import { deName } from './names';
import type { StructurePlan } from './structures';
import type { Territory } from './territory';
import type {
	AgrementKind,
	DemoAgrement,
	DemoEligibleExpense,
	DemoEpci,
	DemoFundingLine,
	DemoInstrument,
	DemoPartner,
	DemoPsMismatch,
	DemoReferenceParameter,
	FundingStatus,
	PartnerKind as DemoPartnerKind
} from './types';
import { DEMO_PARTNER_KINDS } from './types';

/**
 * PS rates the demo computes with. They mirror the national parameters the migration
 * `2026-11-27T0210_seed_national_rules` stores (`ps_rate.*`); the integration test checks both agree.
 */
export const PS_RATES: Record<AgrementKind, { until2023: number; from2024: number }> = {
	animation_globale: { until2023: 0.4, from2024: 0.424 },
	animation_collective_familles: { until2023: 0.6, from2024: 0.636 },
	animation_locale: { until2023: 0.6, from2024: 0.636 }
};

/** Fictional 2023 prix plafonds (euros), raised 2.5 % a year. */
const CEILINGS_2023: Record<AgrementKind, number> = {
	animation_globale: 74800,
	animation_collective_familles: 29600,
	animation_locale: 33900
};

export const PS_INSTRUMENT: Record<AgrementKind, string> = {
	animation_globale: 'PS_AGC',
	animation_collective_familles: 'PS_ACF',
	animation_locale: 'PS_AL'
};

export const CEILING_REGIME = 'Prix plafond Cnaf (valeur fictive de démonstration)';

/**
 * The renewal grace period the demo's PS follow, months: it mirrors the departmental default the
 * migration `2026-12-06T0310_agrement_rules` stores (`agrement.renewal_grace_months`); the
 * integration test checks both agree.
 */
export const DEMO_RENEWAL_GRACE_MONTHS = 12;

/**
 * The share of `year` a PS of `kind` is due for: the days covered by the structure's agréments of
 * that kind (and a renewal grace period), as the app's PS check computes it (`ps-coverage.ts`).
 */
export function psShare(agrements: readonly DemoAgrement[], kind: AgrementKind, year: number): number {
	const list = agrements.map((a, i) => ({ id: i + 1, kind: a.kind, startDate: a.startDate, endDate: a.endDate, decision: a.decision, decisionDate: a.decisionDate }));
	return coverageInYear(list, [kind], year, { graceMonths: DEMO_RENEWAL_GRACE_MONTHS, unit: 'jours' }).share;
}

/** The demo's instruments: the usual AVS list a Caf starts from, so demo files and accounts match a real database's. */
export const INSTRUMENTS: DemoInstrument[] = STANDARD_INSTRUMENTS.map((i) => ({ ...i, partnerKind: demoPartnerKind(i.partnerKind) }));

function demoPartnerKind(kind: InstrumentInput['partnerKind']): DemoPartnerKind | null {
	if (kind === null || (DEMO_PARTNER_KINDS as readonly string[]).includes(kind)) return kind as DemoPartnerKind | null;
	throw new Error(`demo: no partner of kind ${kind}`);
}

/** State aid per adulte-relais post and per FONJEP post (euros a year, fictional but plausible). */
const ADULTE_RELAIS_EUR = 21300;
const FONJEP_EUR = 7164;

/** The PS rate for an agrément kind in a year (national rule, see `PS_RATES`). */
export function psRate(kind: AgrementKind, year: number): number {
	return year >= 2024 ? PS_RATES[kind].from2024 : PS_RATES[kind].until2023;
}

/** The demo's fictional prix plafond (euros) for a kind and year. */
export function psCeiling(kind: AgrementKind, year: number): number {
	return Math.round(CEILINGS_2023[kind] * 1.025 ** (year - 2023));
}

/** rate × min(expenses, ceiling), in euros rounded to the cent. */
export function psAmount(kind: AgrementKind, year: number, eligibleExpenses: number): number {
	return round2(psRate(kind, year) * Math.min(eligibleExpenses, psCeiling(kind, year)));
}

function round2(value: number): number {
	return Math.round(value * 100) / 100;
}

/** Funding status of a year seen from the reference year. */
export function statusOf(year: number, referenceYear: number): FundingStatus {
	return year < referenceYear ? 'verse' : year === referenceYear ? 'notifie' : 'previsionnel';
}

/** Fictional prix plafonds as reference parameters, one per kind and year. */
export function ceilingParameters(years: number[]): DemoReferenceParameter[] {
	return (Object.keys(CEILINGS_2023) as AgrementKind[]).flatMap((kind) =>
		years.map((year) => ({
			key: `ps_ceiling.${kind}`,
			validFrom: `${year}-01-01`,
			validUntil: `${year}-12-31`,
			value: psCeiling(kind, year),
			unit: '€',
			regime: CEILING_REGIME,
			source: 'Maillage : données fictives de démonstration',
			comment: 'Prix plafond annuel fictif : les valeurs réelles sont publiées par la Cnaf et saisies par la Caf.'
		}))
	);
}

export interface FundingResult {
	fundingLines: DemoFundingLine[];
	eligibleExpenses: DemoEligibleExpense[];
	psMismatches: DemoPsMismatch[];
}

/** The six partners: CAF, Département, the préfecture's commune, one CC, MSA, État. */
export function generatePartners(territory: Territory, epciPartner: DemoEpci): DemoPartner[] {
	const pref = territory.communes[territory.prefecture];
	return [
		{ code: 'CAF', name: 'Caisse d’allocations familiales du département fictif', kind: 'caf', territoryCode: territory.departement.code },
		{ code: 'CD', name: 'Conseil départemental du département fictif', kind: 'departement', territoryCode: territory.departement.code },
		{ code: `COM-${pref.code}`, name: `Ville ${deName(pref.name)}`, kind: 'commune', territoryCode: pref.code },
		{ code: `EPCI-${epciPartner.siren}`, name: epciPartner.name, kind: 'epci', territoryCode: epciPartner.siren },
		{ code: 'MSA', name: 'MSA du littoral fictif', kind: 'msa', territoryCode: territory.departement.code },
		{ code: 'ETAT-PV', name: 'État – politique de la ville (préfecture)', kind: 'etat', territoryCode: territory.departement.code }
	];
}

/** The CC (not the agglomeration) hosting the most structures: the EPCI partner. */
export function pickEpciPartner(plans: StructurePlan[], epcis: DemoEpci[], territory: Territory): DemoEpci {
	const count = (e: DemoEpci) => plans.filter((p) => territory.communes[p.communeIndex].epciSiren === e.siren).length;
	return epcis.slice(1).reduce((best, e) => (count(e) > count(best) ? e : best));
}

/** Funding lines and eligible expenses for `years`, statuses relative to the reference year. */
export function generateFunding(
	random: Random,
	territory: Territory,
	plans: StructurePlan[],
	agrements: DemoAgrement[],
	partners: DemoPartner[],
	years: number[],
	referenceYear: number
): FundingResult {
	const lines: DemoFundingLine[] = [];
	const expenses: DemoEligibleExpense[] = [];
	const prefCode = territory.communes[territory.prefecture].code;
	const comPartner = partners.find((p) => p.kind === 'commune')!;
	const epciPartner = partners.find((p) => p.kind === 'epci')!;
	const uniform = (lo: number, hi: number) => lo + (hi - lo) * random();
	const push = (plan: StructurePlan, partnerCode: string, instrumentCode: string, year: number, amount: number, comment: string | null = null) =>
		lines.push({
			structureId: plan.structure.externalId,
			partnerCode,
			instrumentCode,
			year,
			amount: round2(amount),
			status: statusOf(year, referenceYear),
			comment
		});

	// Structures that get the optional lines, chosen once (deterministically) for all years.
	const bonus = new Set(plans.filter((_, i) => i % 7 === 2).map((p) => p.structure.externalId));
	plans.forEach((plan, index) => {
		const s = plan.structure;
		const cs = s.type === 'CS';
		const firstYear = yearOf(s.firstAgrementDate);
		const own = agrements.filter((a) => a.structureId === s.externalId);
		const psBase: Partial<Record<AgrementKind, number>> = {
			animation_globale: uniform(62000, 125000),
			animation_collective_familles: uniform(24000, 55000),
			animation_locale: uniform(18000, 70000)
		};
		const collectivite = cs ? uniform(160000, 300000) : uniform(12000, 25000);
		const cafLocale = cs ? uniform(8000, 22000) : uniform(2000, 5000);
		const hasCafLocale = cs ? s.qpvCode !== null || s.territoryType !== 'urbain' : index % 3 === 0;
		const msa = s.territoryType !== 'urbain' && random() < 0.6 ? uniform(2000, 7000) : 0;
		years.forEach((year, y) => {
			if (year < firstYear) return;
			const growth = 1.025 ** y * uniform(0.98, 1.02);
			// Caf prestations de service, on eligible expenses, pro rata of the days an agrément covers.
			for (const kind of Object.keys(PS_INSTRUMENT) as AgrementKind[]) {
				const share = psShare(own, kind, year);
				if (share === 0) continue;
				const expense = round2(psBase[kind]! * growth);
				const code = PS_INSTRUMENT[kind];
				expenses.push({ structureId: s.externalId, instrumentCode: code, year, amount: expense });
				push(plan, 'CAF', code, year, round2(psAmount(kind, year, expense) * share));
			}
			if (hasCafLocale) push(plan, 'CAF', 'CAF_SUBV_LOCALE', year, Math.round(cafLocale * growth));
			if (bonus.has(s.externalId) && year >= 2024) push(plan, 'CAF', 'BONUS_TERRITOIRE', year, Math.round(uniform(4000, 12000)));
			// Conseil départemental: a flat amount per CS, a smaller one per EVS.
			push(plan, 'CD', 'CD_SUBV', year, cs ? 20000 + 500 * y : 3000);
			// Communes and EPCI: often the largest co-funder.
			if (s.communeCode === prefCode) push(plan, comPartner.code, 'COLLECTIVITE_SUBV', year, Math.round(collectivite * growth));
			else if (territory.communes[plan.communeIndex].epciSiren === epciPartner.territoryCode) {
				const share = s.managementMode === 'intercommunalite' ? 1.1 : 0.7;
				push(plan, epciPartner.code, 'COLLECTIVITE_SUBV', year, Math.round(collectivite * share * growth));
			}
			if (msa > 0 && random() < 0.75) push(plan, 'MSA', 'MSA_SUBV', year, Math.round(msa));
			// État: adultes-relais in QPV, FONJEP posts.
			if (plan.adultesRelaisPosts > 0) push(plan, 'ETAT-PV', 'ADULTES_RELAIS', year, plan.adultesRelaisPosts * (ADULTE_RELAIS_EUR + 300 * y));
			if (plan.fonjepPosts > 0) push(plan, 'ETAT-PV', 'FONJEP', year, plan.fonjepPosts * FONJEP_EUR);
		});
		// Investment aid: the new centre's premises, the itinerant EVS's vehicle.
		if (plan.stage === 'premier' && cs) push(plan, 'CAF', 'CAF_INVEST', referenceYear, 35000, 'Aménagement des locaux du nouveau centre social');
		if (s.specificities.includes('itinerant') && years.includes(referenceYear - 1)) {
			push(plan, 'CAF', 'CAF_INVEST', referenceYear - 1, 18000 + 1000 * randomInt(random, 0, 4), 'Achat et aménagement du véhicule itinérant');
		}
	});

	return { fundingLines: lines, eligibleExpenses: expenses, psMismatches: injectPsMismatches(plans, lines, expenses, referenceYear) };
}

/**
 * Makes two PS lines depart from the formula, as real files do: an AGC line keyed in with a typo,
 * and an animation locale line computed with the pre-2024 rate.
 */
function injectPsMismatches(
	plans: StructurePlan[],
	lines: DemoFundingLine[],
	expenses: DemoEligibleExpense[],
	referenceYear: number
): DemoPsMismatch[] {
	const mismatches: DemoPsMismatch[] = [];
	const expenseOf = (line: DemoFundingLine) =>
		expenses.find((e) => e.structureId === line.structureId && e.instrumentCode === line.instrumentCode && e.year === line.year)!.amount;
	const renewedCs = plans.filter((p) => p.structure.type === 'CS' && p.stage === 'renouvellement').at(-1)!;
	const agc = lines.find(
		(l) => l.structureId === renewedCs.structure.externalId && l.instrumentCode === 'PS_AGC' && l.year === referenceYear - 1
	);
	if (agc) {
		const expected = agc.amount;
		agc.amount = round2(expected + 1850);
		mismatches.push({ structureId: agc.structureId, instrumentCode: 'PS_AGC', year: agc.year, expected, amount: agc.amount });
	}
	const evs = plans.find((p) => p.structure.type === 'EVS' && p.stage === 'renouvellement' && p.structure.territoryType !== 'urbain')!;
	const al = lines
		.filter((l) => l.structureId === evs.structure.externalId && l.instrumentCode === 'PS_AL' && l.year < referenceYear)
		.sort((a, b) => Math.abs(a.year - 2024) - Math.abs(b.year - 2024))[0];
	if (al) {
		const expected = al.amount;
		const kind: AgrementKind = 'animation_locale';
		const wrongRate = al.year >= 2024 ? PS_RATES[kind].until2023 : PS_RATES[kind].until2023 * 0.95;
		al.amount = round2(wrongRate * Math.min(expenseOf(al), psCeiling(kind, al.year)));
		al.comment = null;
		mismatches.push({ structureId: al.structureId, instrumentCode: 'PS_AL', year: al.year, expected, amount: al.amount });
	}
	return mismatches;
}
