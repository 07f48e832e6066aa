/**
 * Indicators of the schéma directeur that Maillage computes from its own data instead of having
 * them typed in: the key (`indicator.computation`), what it means, and the pure formula over the
 * engines' outputs (coverage summary of `$lib/analysis`, accord-cadre balances of the funding
 * module). The server half (`$lib/server/pilotage/computed-indicators.ts`) runs the engines for
 * each year and calls these. Pure.
 */
import type { CoverageCategory } from '../analysis/category';

/** Every computation Maillage knows. */
export const COMPUTATIONS = {
	part_population_couverte: {
		label: 'Part de la population couverte par une structure AVS',
		unit: '%',
		description:
			'Population des communes couvertes (zone de compétence ou rayon d’un centre social ou d’un EVS agréé) ÷ population totale, au 31 décembre de l’année (à la date du jour pour l’année en cours), avec les paramètres d’analyse en vigueur à cette date.',
		source: 'Moteur de couverture Maillage'
	},
	habitants_territoires_depourvus: {
		label: 'Habitants des territoires dépourvus',
		unit: 'habitants',
		description: 'Population des communes « dépourvues » et « dépourvues et isolées » du moteur de couverture, à la même date.',
		source: 'Moteur de couverture Maillage'
	},
	evs_crees_territoires_prioritaires: {
		label: 'EVS créés en territoire prioritaire (cumul)',
		unit: 'nombre',
		description:
			'EVS dont le premier agrément « animation locale » accordé commence entre le début du schéma et la date, implantés dans une commune (ou intervenant sur une commune de leur zone de compétence) classée dépourvue, isolée ou à renforcer la veille du début du schéma.',
		source: 'Agréments et moteur de couverture Maillage'
	},
	structures_avec_projet_familles: {
		label: 'Centres sociaux avec un projet familles agréé',
		unit: 'nombre',
		description: 'Centres sociaux ouverts ayant un agrément « animation collective familles » accordé et en vigueur à la date.',
		source: 'Agréments Maillage'
	},
	taux_realisation_accord_cadre: {
		label: 'Taux de réalisation des engagements de l’accord-cadre',
		unit: '%',
		description:
			'Financements versés de l’année par les partenaires ayant un engagement en montant ÷ somme de ces engagements, pour l’accord-cadre couvrant l’année ; mesuré sur les années closes seulement (les versements d’une année en cours sont partiels).',
		source: 'Financements et accord-cadre Maillage'
	}
} as const satisfies Record<string, { label: string; unit: string; description: string; source: string }>;

export type ComputationKey = keyof typeof COMPUTATIONS;

export function isComputationKey(value: string | null | undefined): value is ComputationKey {
	return typeof value === 'string' && Object.hasOwn(COMPUTATIONS, value);
}

/** The coverage figures the formulas read (a subset of `CoverageSummary`). */
export interface CoverageFigures {
	population: number;
	shareCovered: number | null;
	categories: Record<CoverageCategory, { communes: number; population: number }>;
}

/** Rounds to `digits` decimals (half away from zero, as a spreadsheet). */
export function roundTo(value: number, digits: number): number {
	const f = 10 ** digits;
	return (Math.sign(value) * Math.round(Math.abs(value) * f)) / f;
}

/** Share of the population covered, in % with one decimal; null when the population is 0. */
export function coveredPercent(summary: CoverageFigures): number | null {
	return summary.shareCovered === null ? null : roundTo(summary.shareCovered * 100, 1);
}

/** Inhabitants of the communes without any AVS facility (dépourvues, isolated or not). */
export function inhabitantsDepourvus(summary: CoverageFigures): number {
	return summary.categories.depourvue.population + summary.categories.depourvue_isolee.population;
}

/** Gap categories: where the circular allows a new EVS. */
export const PRIORITY_CATEGORIES: readonly CoverageCategory[] = ['depourvue_isolee', 'depourvue', 'isolee', 'a_renforcer'];

export interface EvsCreation {
	structureId: number;
	communeCode: string;
	zoneCommunes: readonly string[];
	/** Start of the structure's first granted `animation_locale` agrément. */
	firstStart: string;
}

/**
 * EVS created in a priority commune (its own, or one of its zone de compétence) with a first
 * agrément starting in `since`…`until` (both included).
 */
export function evsCreatedInPriority(evs: readonly EvsCreation[], priorityCommunes: ReadonlySet<string>, since: string, until: string): number {
	return evs.filter(
		(e) =>
			e.firstStart >= since &&
			e.firstStart <= until &&
			(priorityCommunes.has(e.communeCode) || e.zoneCommunes.some((c) => priorityCommunes.has(c)))
	).length;
}

export interface FamiliesAgrement {
	structureId: number;
	structureType: 'CS' | 'EVS';
	kind: string;
	decision: string;
	startDate: string;
	endDate: string;
	/** Closing date of the structure, null while open. */
	closedOn: string | null;
}

/** Open centres sociaux with a granted ACF agrément in force on `date`. */
export function structuresWithProjetFamilles(agrements: readonly FamiliesAgrement[], date: string): number {
	const ids = new Set<number>();
	for (const a of agrements) {
		if (a.structureType !== 'CS' || a.kind !== 'animation_collective_familles' || a.decision !== 'accorde') continue;
		if (a.startDate > date || a.endDate < date) continue;
		if (a.closedOn !== null && a.closedOn <= date) continue;
		ids.add(a.structureId);
	}
	return ids.size;
}

/** One partner's amount commitments for a year, against what it paid (the funding module's balance). Euros. */
export interface CommitmentBalance {
	year: number;
	committed: number;
	paid: number;
}

/** Paid ÷ committed over the partners of `year`, in % with one decimal; null when nothing was committed. */
export function accordCadreRealisation(balances: readonly CommitmentBalance[], year: number): number | null {
	let committed = 0;
	let paid = 0;
	for (const b of balances) {
		if (b.year !== year) continue;
		committed += Math.round(b.committed * 100);
		paid += Math.round(b.paid * 100);
	}
	return committed > 0 ? roundTo((paid / committed) * 100, 1) : null;
}
