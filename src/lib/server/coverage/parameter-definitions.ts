/**
 * The dated reference parameters (`reference_parameter`, keys `analysis.*`) that set the options of
 * the coverage engine, with their French labels and validation. Pure: the loader
 * (`parameters.ts`) reads the rows in force at a date and applies them with `applyParameter`.
 */
import type { CoverageOptionsInput, DemandOption, DistanceMetric, NeedIndicator } from '$lib/analysis';

/** Where an option's value came from. */
export type ParameterOrigin = 'reference' | 'override' | 'default';

/** One option of a run with its value and provenance, shown beside every result. */
export interface ParameterSource {
	/** Engine option path: `radiusCsKm`, `supplyWeights.CS`, `reinforce.qpvDistanceKm`… */
	option: string;
	/** Reference data key: `analysis.radius_cs_km`. */
	key: string;
	/** French label. */
	label: string;
	value: unknown;
	unit: string | null;
	origin: ParameterOrigin;
	/** Regime of the reference row (`Paramètre départemental (valeur par défaut)`), or the origin in words. */
	regime: string;
	/** First day of the reference row, `YYYY-MM-DD`; null when not from reference data. */
	validFrom: string | null;
	validUntil: string | null;
	/** Source text of the reference row. */
	source: string | null;
}

export interface ParameterDefinition {
	key: string;
	option: string;
	label: string;
	/** Unit shown when the reference row has none. */
	unit: string | null;
	/** The value as the engine wants it, or undefined when invalid. */
	parse(value: unknown): unknown;
}

const positiveNumber = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined);
const nonNegativeNumber = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);
const probability = (v: unknown) => (typeof v === 'number' && v >= 0 && v <= 1 ? v : undefined);
const metric = (v: unknown): DistanceMetric | undefined => (v === 'km' || v === 'minutes' ? v : undefined);

function needIndicator(v: unknown): NeedIndicator | undefined {
	if (!v || typeof v !== 'object') return undefined;
	const { key, per } = v as { key?: unknown; per?: unknown };
	if (typeof key !== 'string' || key === '') return undefined;
	if (per !== undefined && per !== null && typeof per !== 'string') return undefined;
	return { key, per: (per as string | null | undefined) ?? null };
}

function needIndicators(v: unknown): NeedIndicator[] | undefined {
	if (!Array.isArray(v)) return undefined;
	const list = v.map(needIndicator);
	return list.every((n): n is NeedIndicator => n !== undefined) ? list : undefined;
}

function demand(v: unknown): DemandOption | undefined {
	if (!v || typeof v !== 'object') return undefined;
	const d = v as { kind?: unknown; indicator?: unknown; blend?: unknown };
	if (d.kind === 'population') return { kind: 'population' };
	if (d.kind !== 'need-weighted') return undefined;
	const indicator = needIndicator(d.indicator);
	const blend = probability(d.blend);
	return indicator && blend !== undefined ? { kind: 'need-weighted', indicator, blend } : undefined;
}

/** Every `analysis.*` parameter the engine reads, in display order. */
export const PARAMETER_DEFINITIONS: readonly ParameterDefinition[] = [
	{ key: 'analysis.radius_cs_km', option: 'radiusCsKm', label: 'Rayon d’un centre social', unit: 'km', parse: nonNegativeNumber },
	{ key: 'analysis.radius_evs_km', option: 'radiusEvsKm', label: 'Rayon d’un espace de vie sociale', unit: 'km', parse: nonNegativeNumber },
	{ key: 'analysis.isolation_km', option: 'isolationKm', label: 'Distance d’isolement (pôle d’activités)', unit: 'km', parse: nonNegativeNumber },
	{ key: 'analysis.catchment_km', option: 'catchmentKm', label: 'Zone d’attraction de l’accessibilité', unit: 'km', parse: positiveNumber },
	{ key: 'analysis.supply_weight_cs', option: 'supplyWeights.CS', label: 'Offre d’un centre social (accessibilité)', unit: 'unité d’offre', parse: nonNegativeNumber },
	{ key: 'analysis.supply_weight_evs', option: 'supplyWeights.EVS', label: 'Offre d’un espace de vie sociale (accessibilité)', unit: 'unité d’offre', parse: nonNegativeNumber },
	{ key: 'analysis.demand', option: 'demand', label: 'Demande de l’accessibilité', unit: null, parse: demand },
	{
		key: 'analysis.reinforce_accessibility_quantile',
		option: 'reinforce.accessibilityQuantile',
		label: 'À renforcer : quantile d’accessibilité faible',
		unit: 'quantile',
		parse: probability
	},
	{ key: 'analysis.reinforce_need_quantile', option: 'reinforce.needQuantile', label: 'À renforcer : quantile de besoin élevé', unit: 'quantile', parse: probability },
	{
		key: 'analysis.reinforce_need_indicators',
		option: 'reinforce.needIndicators',
		label: 'À renforcer : indicateurs de besoin',
		unit: null,
		parse: needIndicators
	},
	{
		key: 'analysis.reinforce_qpv_distance_km',
		option: 'reinforce.qpvDistanceKm',
		label: 'À renforcer : distance maximale d’un QPV à une structure',
		unit: 'km',
		parse: nonNegativeNumber
	},
	{ key: 'analysis.metric', option: 'metric', label: 'Mesure des seuils', unit: null, parse: metric },
	{ key: 'analysis.radius_cs_minutes', option: 'radiusCsMinutes', label: 'Rayon d’un centre social (temps de trajet)', unit: 'min', parse: nonNegativeNumber },
	{ key: 'analysis.radius_evs_minutes', option: 'radiusEvsMinutes', label: 'Rayon d’un espace de vie sociale (temps de trajet)', unit: 'min', parse: nonNegativeNumber },
	{ key: 'analysis.isolation_minutes', option: 'isolationMinutes', label: 'Temps d’isolement (pôle d’activités)', unit: 'min', parse: nonNegativeNumber },
	{ key: 'analysis.catchment_minutes', option: 'catchmentMinutes', label: 'Zone d’attraction (temps de trajet)', unit: 'min', parse: positiveNumber },
	{ key: 'analysis.detour_factor', option: 'detourFactor', label: 'Coefficient de détour (estimation des temps)', unit: 'coefficient', parse: positiveNumber },
	{ key: 'analysis.speed_kmh', option: 'speedKmh', label: 'Vitesse moyenne (estimation des temps)', unit: 'km/h', parse: positiveNumber }
];

/** The definition of a reference key, or undefined. */
export function definitionOf(key: string): ParameterDefinition | undefined {
	return PARAMETER_DEFINITIONS.find((d) => d.key === key);
}

/** The definition of an engine option path, or undefined. */
export function definitionOfOption(option: string): ParameterDefinition | undefined {
	return PARAMETER_DEFINITIONS.find((d) => d.option === option);
}

/** Sets `value` at the option path (`reinforce.needQuantile`) of `input`, creating the nested object. */
export function applyParameter(input: CoverageOptionsInput, option: string, value: unknown): void {
	const [head, tail] = option.split('.') as [string, string | undefined];
	const target = input as Record<string, unknown>;
	if (tail === undefined) {
		target[head] = value;
		return;
	}
	const nested = (target[head] ?? {}) as Record<string, unknown>;
	nested[tail] = value;
	target[head] = nested;
}

/** Reads the option path (`supplyWeights.CS`) of resolved options. */
export function readOption(options: object, option: string): unknown {
	let value: unknown = options;
	for (const part of option.split('.')) value = (value as Record<string, unknown> | null)?.[part];
	return value;
}

/** French words for a source that is not a reference row. */
export const ORIGIN_REGIMES: Readonly<Record<Exclude<ParameterOrigin, 'reference'>, string>> = {
	override: 'Valeur choisie pour cette analyse',
	default: 'Valeur par défaut de Maillage (aucun paramètre en vigueur à cette date)'
};
