/**
 * The fictional demo département as plain typed data: what `generateDemoDepartement` returns and
 * `server/demo/seed.ts` writes. Geometry is GeoJSON WGS84 `[lng, lat]`; dates are ISO
 * `YYYY-MM-DD` text; amounts are euros. Rows reference each other by natural keys (commune code,
 * EPCI SIREN, structure external id, partner and instrument codes, agrément key), never by
 * database ids, so the data stays independent of any store.
 */
import type { MultiPolygon, Polygon } from 'geojson';

/** `[lng, lat]` in WGS84 degrees. */
export type LngLat = [number, number];

export interface DemoDepartementInfo {
	/** Fictional département code: `00`. */
	code: string;
	name: string;
	/** The dissolved union of every commune. */
	outline: Polygon | MultiPolygon;
	areaKm2: number;
}

export interface DemoCommune {
	/** INSEE-like code `00001`…`00300` (a string), in alphabetical order of names as INSEE does. */
	code: string;
	name: string;
	population: number;
	populationYear: number;
	areaKm2: number;
	urban: boolean;
	geometry: Polygon;
	/** Same rings as `geometry` (cells are small convex polygons: nothing to simplify). */
	displayGeometry: Polygon;
	/** Area-weighted centroid; inside the polygon because every cell is convex. */
	refPoint: LngLat;
	epciSiren: string;
	/** Codes of the communes sharing a border segment with this one. */
	neighbours: string[];
}

export type EpciNature = 'CA' | 'CC';

export interface DemoEpci {
	/** Fictional 9-digit SIREN `2000000` + 2 digits (the last is a Luhn key). */
	siren: string;
	name: string;
	nature: EpciNature;
	communeCodes: string[];
	/** Dissolved union of its communes. */
	geometry: Polygon | MultiPolygon;
	displayGeometry: Polygon | MultiPolygon;
}

export interface DemoZone {
	kind: 'qpv';
	/** `QN0000<n><letter>`. */
	code: string;
	name: string;
	communeCodes: string[];
	population: number;
	geometry: Polygon;
	refPoint: LngLat;
	/** Contours of the 2024 generation (codes `QN…`), in force from 1 January 2024. */
	generation: '2024';
	validFrom: '2024-01-01';
}

export type DemoIndicatorKey =
	| 'familles'
	| 'allocataires'
	| 'allocataires_bas_revenus'
	| 'familles_monoparentales'
	| 'taux_pauvrete';

export interface DemoIndicator {
	territoryKind: 'commune' | 'departement';
	territoryCode: string;
	year: number;
	key: DemoIndicatorKey;
	/** Counts are whole numbers; `taux_pauvrete` is a percentage. */
	value: number;
	source: string;
}

export type ActivityPoleType = 'pôle majeur' | 'pôle intermédiaire' | 'pôle de proximité';

export interface DemoActivityPole {
	communeCode: string;
	name: string;
	type: ActivityPoleType;
	point: LngLat;
	locationApproximate: boolean;
}

export type StructureType = 'CS' | 'EVS';
export type ManagementMode = 'association' | 'commune' | 'ccas_cias' | 'intercommunalite' | 'caf_gestion_directe';

export interface DemoStructure {
	/** `DEMO-CS-01`, `DEMO-EVS-01`… */
	externalId: string;
	/** 14 digits passing the Luhn check; fictional. */
	siret: string;
	/** Establishment suffix of a multi-site manager's structures (one SIRET), else absent. */
	establishment?: string | null;
	name: string;
	type: StructureType;
	communeCode: string;
	address: string;
	point: LngLat;
	managerName: string;
	managerSiren: string;
	managementMode: ManagementMode;
	firstAgrementDate: string;
	projetFamilles: boolean;
	federationMember: boolean;
	territoryType: 'urbain' | 'rural' | 'mixte';
	territorySize: 'quartier' | 'commune' | 'plusieurs_communes';
	specificities: string[];
	/** Zone de compétence: its commune first, then the neighbours it serves. */
	zoneCommuneCodes: string[];
	/** The QPV it sits in, if any. */
	qpvCode: string | null;
}

export type AgrementKind = 'animation_globale' | 'animation_collective_familles' | 'animation_locale';
export type { AgrementDecision } from '../domain/agrement-status';
import type { AgrementDecision } from '../domain/agrement-status';
import type { InstrumentInput } from '../funding/reference-input';

export interface DemoAgrement {
	/** `<externalId>/<kind>/<startDate>`: unique. */
	key: string;
	structureId: string;
	kind: AgrementKind;
	startDate: string;
	endDate: string;
	isFirst: boolean;
	decision: AgrementDecision;
	decisionDate: string | null;
	durationException: string | null;
	comment: string | null;
}

export type CriterionStatus = 'satisfait' | 'partiel' | 'insuffisant' | 'non_evalue';

export interface DemoAgrementCriterion {
	agrementKey: string;
	framework: 'projet_social' | 'projet_familles';
	/** 1–8 for projet_social, 1–4 for projet_familles. */
	criterion: number;
	status: CriterionStatus;
	comment: string | null;
}

export interface DemoStaffPost {
	structureId: string;
	kind: 'directeur' | 'referent_familles' | 'autre';
	/** Full-time equivalent, 0–1. */
	etp: number;
	/** French qualification level (RNCP), 3–8. */
	qualificationLevel: number | null;
	vacantFrom: string | null;
	vacantUntil: string | null;
	/** First and last day held (null: unknown start, still held). */
	startDate: string | null;
	endDate: string | null;
	/** Fictional holder's name, when recorded. */
	holder: string | null;
}

export interface DemoParticipationCount {
	structureId: string;
	year: number;
	/** The circular's five levels, 1 (presence) … 5 (decision-making). */
	level: 1 | 2 | 3 | 4 | 5;
	count: number;
}

export interface DemoStructureYear {
	structureId: string;
	year: number;
	staffHeadcount: number;
	staffEtp: number;
	volunteersActivity: number;
	volunteersGovernance: number;
	zonePopulation: number;
	/** Euros. */
	budgetTotal: number;
	projectAxes: string[];
}

/** The kinds of partner the demo creates (a subset of the funding reference's kinds). */
export const DEMO_PARTNER_KINDS = ['caf', 'departement', 'commune', 'epci', 'msa', 'etat'] as const;
export type PartnerKind = (typeof DEMO_PARTNER_KINDS)[number];

export interface DemoPartner {
	code: string;
	name: string;
	kind: PartnerKind;
	territoryCode: string | null;
}

export type InstrumentFamily = 'prestation_service' | 'subvention' | 'poste' | 'investissement' | 'autre';

/** A funding instrument as the funding reference defines it, funded by one of the demo's partner kinds. */
export interface DemoInstrument extends Omit<InstrumentInput, 'partnerKind'> {
	partnerKind: PartnerKind | null;
}

export type FundingStatus = 'previsionnel' | 'notifie' | 'verse';

export interface DemoFundingLine {
	structureId: string;
	partnerCode: string;
	instrumentCode: string;
	year: number;
	/** Euros, two decimals. */
	amount: number;
	status: FundingStatus;
	comment: string | null;
}

export interface DemoEligibleExpense {
	structureId: string;
	instrumentCode: string;
	year: number;
	/** Euros, two decimals. */
	amount: number;
}

export interface DemoReferenceParameter {
	key: string;
	validFrom: string;
	validUntil: string | null;
	value: number;
	unit: string | null;
	regime: string;
	source: string | null;
	comment: string | null;
}

export type CommitmentKind = 'montant' | 'structures_financees' | 'creations_prioritaires';

export interface DemoCommitment {
	partnerCode: string;
	year: number;
	kind: CommitmentKind;
	/** Euros for `montant`, a count otherwise. */
	value: number;
	epciSiren: string | null;
	instrumentCode: string | null;
	comment: string | null;
}

export interface DemoAccordCadre {
	name: string;
	startYear: number;
	endYear: number;
	signedOn: string;
	signatoryCodes: string[];
	commitments: DemoCommitment[];
}

export interface DemoIndicatorDefinition {
	label: string;
	unit: string;
	/** Key of an indicator the app computes, or null when entered by hand. */
	computation: string | null;
	baselineYear: number;
	baselineValue: number;
	higherIsBetter: boolean;
	source: string | null;
	targets: { year: number; target: number }[];
	values: { year: number; value: number; source: string | null }[];
}

export interface DemoObjective {
	position: number;
	title: string;
	description: string;
	indicators: DemoIndicatorDefinition[];
}

export interface DemoOrientation {
	position: number;
	title: string;
	objectives: DemoObjective[];
}

export interface DemoSchemaDirecteur {
	name: string;
	startYear: number;
	endYear: number;
	adoptedOn: string;
	signatoryCodes: string[];
	orientations: DemoOrientation[];
}

export interface DemoCommitteeDecision {
	decidedOn: string;
	body: 'comite_pilotage' | 'comite_technique' | 'conseil_administration_caf';
	decision: string;
	communeCodes: string[];
	structureIds: string[];
}

/** A PS funding line deliberately different from rate × min(eligible expenses, ceiling). */
export interface DemoPsMismatch {
	structureId: string;
	instrumentCode: string;
	year: number;
	expected: number;
	amount: number;
}

/**
 * A deliberate departure from an agrément rule, labelled so the app's own checks on the demo find
 * nothing else: `check` is the key of the agrément check item that reports it.
 */
export interface DemoRuleDeviation {
	structureId: string;
	agrementKind: AgrementKind;
	check: 'poste-referent_familles' | 'mode-gestion-evs';
	label: string;
}

export interface DemoDepartement {
	seed: number;
	referenceDate: string;
	departement: DemoDepartementInfo;
	communes: DemoCommune[];
	epcis: DemoEpci[];
	zones: DemoZone[];
	indicators: DemoIndicator[];
	activityPoles: DemoActivityPole[];
	structures: DemoStructure[];
	agrements: DemoAgrement[];
	criteria: DemoAgrementCriterion[];
	staffPosts: DemoStaffPost[];
	participation: DemoParticipationCount[];
	structureYears: DemoStructureYear[];
	partners: DemoPartner[];
	instruments: DemoInstrument[];
	fundingLines: DemoFundingLine[];
	eligibleExpenses: DemoEligibleExpense[];
	/** A fictional ZFRR list (the communes of the thinly served CC), in force from 1 July 2024. */
	zonageCommunes: { zonage: 'zfrr'; communeCode: string; validFrom: string; source: string }[];
	/** Demo-only parameters (fictional prix plafonds); national rules come from the migrations. */
	referenceParameters: DemoReferenceParameter[];
	accordCadre: DemoAccordCadre;
	schemaDirecteur: DemoSchemaDirecteur;
	committeeDecisions: DemoCommitteeDecision[];
	/** What the data deliberately gets wrong, so later checks have something to find. */
	anomalies: { psMismatches: DemoPsMismatch[]; ruleDeviations: DemoRuleDeviation[] };
	/** The yearly observatory data (SENACS sections) of N−3 … N (`observatory.ts`). */
	observatory: import('./observatory').DemoObservatory;
}
