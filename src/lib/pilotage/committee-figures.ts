/**
 * The figures of the committee screens, as one JSON-able value computed for one audience (CAF
 * staff, observers, one partner: `AudienceKey` of the policy) through that audience's row scope:
 * built live for a presentation, or frozen per audience in a dated snapshot
 * (`./committee-snapshot.ts`, which upgrades older stored shapes). A part the audience may not
 * read is null, never filtered on display. Pure: types and small shaping helpers.
 */
import type { CoverageCategory } from '../analysis/category';
import type { AudienceKey } from '../domain/policy';
import type { FirstProjectState } from './first-projects';
import type { TrafficLight } from './indicator-progress';
import type { VacancyLevel } from './vacancies';

/**
 * Shape version of the figures (and of the snapshots that store them). Changing the shape means:
 * bump it, and add the step from the previous version to `SNAPSHOT_UPGRADES`.
 */
export const FIGURES_VERSION = 3;

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

export interface AccordCadreFigures {
	name: string;
	year: number;
	rows: { partnerName: string; committed: number; paid: number; rate: number | null }[];
	/** Paid ÷ committed over the partners, 0–1. */
	rate: number | null;
}

export interface AgrementFigures {
	windowMonths: number;
	counts: { enCours: number; aRenouveler: number; echusSansSuite: number; enInstruction: number; refuses: number };
	renewals: { agrementId: number; structureId: number; structureName: string; kind: string; endDate: string; daysLeft: number }[];
	overdue: { agrementId: number; structureId: number; structureName: string; kind: string; endDate: string; daysOverdue: number }[];
	firstProjects: { agrementId: number; structureId: number; structureName: string; kind: string; endDate: string; state: FirstProjectState }[];
	vacancies: { structureId: number; structureName: string; post: string; since: string; days: number; level: VacancyLevel }[];
	weakCriteria: number;
}

export interface SchemaFigures {
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

/**
 * The observatory's département summary of the last closed year (version 3): records, SENACS
 * answers, the main indicators with their total, median and change from the year before, and the
 * structures that did not answer (named for the CAF only).
 */
export interface ObservatoryFigures {
	year: number;
	records: number;
	respondents: number;
	deficits: number;
	rows: { key: string; label: string; type: 'entier' | 'decimal' | 'euros' | 'part'; total: number | null; median: number | null; count: number; totalChange: number | null; medianChange: number | null }[];
	/** Structures without an answer: named for the CAF (`comite.observatoireStructures`), else only counted. */
	nonRespondents: { name: string; type: string }[] | null;
	nonRespondentCount: number;
}

export interface CoverageFigures {
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
}

export interface CommitteeFigures {
	version: typeof FIGURES_VERSION;
	/** Whom these figures were computed for. */
	audience: AudienceKey;
	/** The date the figures describe, `YYYY-MM-DD`. */
	asOf: string;
	territoryName: string;
	coverage: CoverageFigures;
	/** Null when the audience may not read agréments (observers). */
	agrements: AgrementFigures | null;
	/** Funding per partner and year over the lines the audience may see (row scope in SQL). */
	funding: {
		table: FundingTable;
		/** The accord-cadre of the last closed year over the commitments and lines the audience may see. */
		accordCadre: AccordCadreFigures | null;
	} | null;
	/** The schéma's indicators the audience may see. */
	schema: SchemaFigures | null;
	/** The observatory's département summary (version 3); null when not shown to the audience or stored by an older version. */
	observatory: ObservatoryFigures | null;
	decisions: { id: number; decidedOn: string; body: string; decision: string; communes: string[]; structures: { id: number; name: string }[] }[];
	/** Quartiers prioritaires at the date (public data, the same for every audience); absent or null in older snapshots. */
	qpv?: CommitteeQpvFigures | null;
}

/** The screens of committee mode, in order, with the part of the figures each shows. */
export const COMMITTEE_SCREENS = [
	{ key: 'couverture', title: 'Couverture du territoire et priorités' },
	{ key: 'qpv', title: 'Quartiers prioritaires' },
	{ key: 'agrements', title: 'Agréments et postes' },
	{ key: 'financements', title: 'Financements et accord-cadre' },
	{ key: 'schema', title: 'Avancement du schéma directeur' },
	{ key: 'observatoire', title: 'Observatoire des structures (SENACS)' },
	{ key: 'decisions', title: 'Décisions des instances' }
] as const;

export type CommitteeScreen = (typeof COMMITTEE_SCREENS)[number];
export type CommitteeScreenKey = CommitteeScreen['key'];

/** The screens whose figures these are (a screen without figures for the audience is left out). */
export function screensOf(figures: Pick<CommitteeFigures, 'agrements' | 'funding'> & Partial<Pick<CommitteeFigures, 'observatory'>>): CommitteeScreen[] {
	return COMMITTEE_SCREENS.filter((s) =>
		s.key === 'agrements' ? figures.agrements !== null : s.key === 'financements' ? figures.funding !== null : s.key === 'observatoire' ? (figures.observatory ?? null) !== null : true
	);
}

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
