/**
 * The figures of the committee screens, as one JSON-able value: built live for a presentation, or
 * stored as is in a dated snapshot so a meeting's figures can be shown again exactly as they were.
 * `version` says which shape a stored snapshot has. Pure: types and small shaping helpers.
 */
import type { CoverageCategory } from '../analysis/category';
import type { FirstProjectState } from './first-projects';
import type { TrafficLight } from './indicator-progress';
import type { VacancyLevel } from './vacancies';

/** Shape version of stored figures. */
export const FIGURES_VERSION = 1;

export interface PriorityCommune {
	code: string;
	name: string;
	epciName: string | null;
	population: number;
	category: CoverageCategory;
	/** km to the nearest counted structure, null when none. */
	nearestStructureKm: number | null;
}

export interface FundingTable {
	years: number[];
	/** Euros per partner, one value per year of `years`. */
	partners: { name: string; kind: string; values: number[]; total: number }[];
	yearTotals: number[];
	total: number;
}

/**
 * The QPV screen (issue 13): the national target of an AVS structure serving every quartier
 * prioritaire. Optional: snapshots taken before it have none.
 */
export interface CommitteeQpvFigures {
	date: string;
	/** « génération 2024 ». */
	generation: string;
	/** The QPV distance (`analysis.reinforce_qpv_distance_km`), km, and its regime. */
	thresholdKm: number;
	thresholdRegime: string;
	total: number;
	served: number;
	unserved: number;
	/** Inhabitants of the unserved QPV whose population is known. */
	unservedPopulation: number;
	/** The unserved QPV, largest population first, at most 12. */
	list: { code: string; name: string; communes: string; population: number | null; nearestKm: number | null }[];
}

export interface CommitteeFigures {
	version: typeof FIGURES_VERSION;
	/** The date the figures describe, `YYYY-MM-DD`. */
	asOf: string;
	territoryName: string;
	coverage: {
		date: string;
		communes: number;
		population: number;
		populationCovered: number;
		/** 0–1, null when the population is 0. */
		shareCovered: number | null;
		categories: Record<CoverageCategory, { communes: number; population: number }>;
		structuresCounted: { cs: number; evs: number };
		/** Thresholds shown beside the map, already in French (« Rayon d’un centre social : 8 km »). */
		parameters: string[];
		/** Category of every commune, for the map. */
		communeCategories: Record<string, CoverageCategory>;
		/** The most populated communes outside « couverte », at most 12. */
		priorities: PriorityCommune[];
		/** Structures counted at the date, for the map markers. WGS84 degrees. */
		structures: { id: number; type: 'CS' | 'EVS'; name: string; communeCode: string; lon: number; lat: number }[];
	};
	agrements: {
		windowMonths: number;
		counts: { enCours: number; aRenouveler: number; echusSansSuite: number; enInstruction: number; refuses: number };
		renewals: { agrementId: number; structureId: number; structureName: string; kind: string; endDate: string; daysLeft: number }[];
		overdue: { agrementId: number; structureId: number; structureName: string; kind: string; endDate: string; daysOverdue: number }[];
		firstProjects: { agrementId: number; structureId: number; structureName: string; kind: string; endDate: string; state: FirstProjectState }[];
		vacancies: { structureId: number; structureName: string; post: string; since: string; days: number; level: VacancyLevel }[];
		weakCriteria: number;
	};
	funding: {
		/** Over every funding line (shown to CAF staff). */
		all: FundingTable;
		/** Over published lines only (shown to partners and observers). */
		published: FundingTable;
		accordCadre: {
			name: string;
			year: number;
			rows: { partnerName: string; committed: number; paid: number; rate: number | null }[];
			/** Paid ÷ committed over the partners, 0–1. */
			rate: number | null;
		} | null;
	};
	schema: {
		name: string;
		reportingYear: number;
		indicators: {
			id: number;
			label: string;
			unit: string;
			higherIsBetter: boolean;
			published: boolean;
			computed: boolean;
			baselineValue: number | null;
			year: number;
			value: number | null;
			target: number | null;
			light: TrafficLight;
			lightLabel: string;
			series: { year: number; value: number }[];
			targets: { year: number; target: number }[];
			years: number[];
		}[];
	} | null;
	decisions: { id: number; decidedOn: string; body: string; decision: string; communes: string[]; structures: { id: number; name: string }[] }[];
	/** Quartiers prioritaires at the date; absent (or null) in snapshots taken before this screen existed. */
	qpv?: CommitteeQpvFigures | null;
}

/**
 * What a viewer may see of stored figures: CAF staff everything; partners and observers the
 * published indicators only, funding over published lines, no accord-cadre detail.
 */
export function figuresForViewer(figures: CommitteeFigures, staff: boolean): CommitteeFigures & { fundingTable: FundingTable } {
	if (staff) return { ...figures, fundingTable: figures.funding.all };
	return {
		...figures,
		funding: { ...figures.funding, accordCadre: null },
		fundingTable: figures.funding.published,
		schema: figures.schema ? { ...figures.schema, indicators: figures.schema.indicators.filter((i) => i.published) } : null
	};
}

/** The screens of committee mode, in order. */
export const COMMITTEE_SCREENS = [
	{ key: 'couverture', title: 'Couverture du territoire et priorités' },
	{ key: 'qpv', title: 'Quartiers prioritaires' },
	{ key: 'agrements', title: 'Agréments et postes' },
	{ key: 'financements', title: 'Financements et accord-cadre' },
	{ key: 'schema', title: 'Avancement du schéma directeur' },
	{ key: 'decisions', title: 'Décisions des instances' }
] as const;

export type CommitteeScreenKey = (typeof COMMITTEE_SCREENS)[number]['key'];

/** The screen index after a key press (`ArrowRight`, `ArrowLeft`, `Home`, `End`, also PageDown/PageUp and space); null when the key does not move. */
export function nextScreen(current: number, key: string, count: number = COMMITTEE_SCREENS.length): number | null {
	switch (key) {
		case 'ArrowRight':
		case 'PageDown':
		case ' ':
			return Math.min(current + 1, count - 1);
		case 'ArrowLeft':
		case 'PageUp':
			return Math.max(current - 1, 0);
		case 'Home':
			return 0;
		case 'End':
			return count - 1;
		default:
			return null;
	}
}

/** A screen number from the URL (`?ecran=3`, 1-based), clamped; 0-based result. */
export function screenFromParam(raw: string | null, count: number = COMMITTEE_SCREENS.length): number {
	const n = raw && /^\d{1,2}$/.test(raw) ? Number(raw) : 1;
	return Math.min(Math.max(n, 1), count) - 1;
}
