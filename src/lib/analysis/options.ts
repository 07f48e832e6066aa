/**
 * Parameters of the coverage analysis, their documented defaults and their validation.
 *
 * No national text sets these values: they are departmental choices, stored by the application as
 * dated reference data and shown beside every result. The defaults below are starting points.
 */

/** Unit in which thresholds are compared: straight-line kilometres or travel minutes. */
export type DistanceMetric = 'km' | 'minutes';

/**
 * A need indicator read from `CoverageCommune.needs`: the value of `key`, or its share in % of
 * `per` (another needs key, or `'population'` for the commune's population).
 */
export interface NeedIndicator {
	key: string;
	per?: string | null;
}

/**
 * Demand of the 2SFCA accessibility: the population, or the population weighted by a need
 * indicator, P = population × (1 − blend + blend × need / mean need), where the mean is
 * population-weighted over communes with a value; communes without a value get the factor 1.
 */
export type DemandOption =
	| { kind: 'population' }
	| { kind: 'need-weighted'; indicator: NeedIndicator; blend: number };

/** Parameters of the "à renforcer" rule (see `reinforce.ts`). */
export interface ReinforceOptions {
	/** A commune has low accessibility when its 2SFCA score is ≤ this quantile over communes (0.25: lowest quartile). */
	accessibilityQuantile: number;
	/** Need indicators; a commune has high need when any of them is ≥ `needQuantile` over communes. */
	needIndicators: NeedIndicator[];
	/** Quantile of the need indicators (0.75: highest quartile). */
	needQuantile: number;
	/** A QPV is served when a counted structure lies inside it or within this distance of its contour, km (straight line). */
	qpvDistanceKm: number;
}

/** All parameters, resolved (no field missing). */
export interface CoverageOptions {
	/** Analysis date `YYYY-MM-DD`: structures count when their agrément is in force that day; null counts all. */
	date: string | null;
	/** Unit of the thresholds: `km` (straight line, default) or `minutes` (travel time). */
	metric: DistanceMetric;
	/** A CS covers communes whose reference point is within this distance, km (default 8). */
	radiusCsKm: number;
	/** An EVS covers communes within this distance, km (default 5). */
	radiusEvsKm: number;
	/** A commune is isolated when its nearest pole is farther than this, km (default 15). */
	isolationKm: number;
	/** 2SFCA catchment d₀, km: the Gaussian decay reaches 0 there (default 20, the APL's 20 minutes). */
	catchmentKm: number;
	/** CS radius in minutes when `metric` is `minutes` (default 15). */
	radiusCsMinutes: number;
	/** EVS radius in minutes when `metric` is `minutes` (default 10). */
	radiusEvsMinutes: number;
	/** Isolation threshold in minutes when `metric` is `minutes` (default 20). */
	isolationMinutes: number;
	/** 2SFCA catchment in minutes when `metric` is `minutes` (default 30). */
	catchmentMinutes: number;
	/** Road distance ÷ straight-line distance, used to estimate minutes where the matrix has no value (default 1.3). */
	detourFactor: number;
	/** Average road speed for the same estimate, km/h (default 50). */
	speedKmh: number;
	/** 2SFCA supply per structure type (CS 1, EVS 0.5: an EVS is a lighter, mostly volunteer structure). */
	supplyWeights: Record<'CS' | 'EVS', number>;
	/** 2SFCA demand (default: population). */
	demand: DemandOption;
	reinforce: ReinforceOptions;
}

/** Options as callers give them: every field optional, nested objects partial. */
export type CoverageOptionsInput = Partial<Omit<CoverageOptions, 'supplyWeights' | 'reinforce'>> & {
	supplyWeights?: Partial<CoverageOptions['supplyWeights']>;
	reinforce?: Partial<ReinforceOptions>;
};

/** The default need indicators: poverty rate, and single-parent families as a share of families. */
export const DEFAULT_NEED_INDICATORS: readonly NeedIndicator[] = [
	{ key: 'taux_pauvrete', per: null },
	{ key: 'familles_monoparentales', per: 'familles' }
];

const DEFAULTS: CoverageOptions = {
	date: null,
	metric: 'km',
	radiusCsKm: 8,
	radiusEvsKm: 5,
	isolationKm: 15,
	catchmentKm: 20,
	radiusCsMinutes: 15,
	radiusEvsMinutes: 10,
	isolationMinutes: 20,
	catchmentMinutes: 30,
	detourFactor: 1.3,
	speedKmh: 50,
	supplyWeights: { CS: 1, EVS: 0.5 },
	demand: { kind: 'population' },
	reinforce: {
		accessibilityQuantile: 0.25,
		needIndicators: DEFAULT_NEED_INDICATORS.map((n) => ({ ...n })),
		needQuantile: 0.75,
		qpvDistanceKm: 1
	}
};

/** Documented defaults (frozen). */
export const DEFAULT_COVERAGE_OPTIONS: Readonly<CoverageOptions> = Object.freeze(DEFAULTS);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a `YYYY-MM-DD` string. */
export function isIsoDate(value: unknown): value is string {
	return typeof value === 'string' && DATE.test(value);
}

function positive(name: string, value: number): number {
	if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) throw new Error(`invalid ${name}: ${value}`);
	return value;
}

function nonNegative(name: string, value: number): number {
	if (!(typeof value === 'number' && value >= 0 && Number.isFinite(value))) throw new Error(`invalid ${name}: ${value}`);
	return value;
}

function fraction(name: string, value: number): number {
	if (!(typeof value === 'number' && value >= 0 && value <= 1)) throw new Error(`invalid ${name}: ${value}`);
	return value;
}

/**
 * Fills defaults and validates. Throws `invalid <name>: <value>` on a bad value (a programmer
 * error: user input is validated with French messages before it gets here).
 */
export function resolveCoverageOptions(input: CoverageOptionsInput = {}): CoverageOptions {
	const d = DEFAULT_COVERAGE_OPTIONS;
	const pick = <K extends keyof CoverageOptionsInput>(key: K) => (input[key] === undefined ? d[key] : input[key]);
	const date = pick('date') as string | null;
	if (date !== null && !isIsoDate(date)) throw new Error(`invalid date: ${date}`);
	const metric = pick('metric') as DistanceMetric;
	if (metric !== 'km' && metric !== 'minutes') throw new Error(`invalid metric: ${metric}`);
	const reinforceIn = input.reinforce ?? {};
	const needIndicators = (reinforceIn.needIndicators ?? d.reinforce.needIndicators).map((n) => {
		if (!n || typeof n.key !== 'string' || n.key === '') throw new Error(`invalid need indicator: ${JSON.stringify(n)}`);
		return { key: n.key, per: n.per ?? null };
	});
	const demand = (input.demand ?? d.demand) as DemandOption;
	if (demand.kind === 'need-weighted') {
		if (!demand.indicator || typeof demand.indicator.key !== 'string') throw new Error(`invalid demand indicator: ${JSON.stringify(demand)}`);
		fraction('demand.blend', demand.blend);
	} else if (demand.kind !== 'population') {
		throw new Error(`invalid demand: ${JSON.stringify(demand)}`);
	}
	const weights = { ...d.supplyWeights, ...(input.supplyWeights ?? {}) };
	return {
		date,
		metric,
		radiusCsKm: nonNegative('radiusCsKm', pick('radiusCsKm') as number),
		radiusEvsKm: nonNegative('radiusEvsKm', pick('radiusEvsKm') as number),
		isolationKm: nonNegative('isolationKm', pick('isolationKm') as number),
		catchmentKm: positive('catchmentKm', pick('catchmentKm') as number),
		radiusCsMinutes: nonNegative('radiusCsMinutes', pick('radiusCsMinutes') as number),
		radiusEvsMinutes: nonNegative('radiusEvsMinutes', pick('radiusEvsMinutes') as number),
		isolationMinutes: nonNegative('isolationMinutes', pick('isolationMinutes') as number),
		catchmentMinutes: positive('catchmentMinutes', pick('catchmentMinutes') as number),
		detourFactor: positive('detourFactor', pick('detourFactor') as number),
		speedKmh: positive('speedKmh', pick('speedKmh') as number),
		supplyWeights: { CS: nonNegative('supplyWeights.CS', weights.CS), EVS: nonNegative('supplyWeights.EVS', weights.EVS) },
		demand: demand.kind === 'population' ? { kind: 'population' } : { kind: 'need-weighted', indicator: { key: demand.indicator.key, per: demand.indicator.per ?? null }, blend: demand.blend },
		reinforce: {
			accessibilityQuantile: fraction('reinforce.accessibilityQuantile', reinforceIn.accessibilityQuantile ?? d.reinforce.accessibilityQuantile),
			needIndicators,
			needQuantile: fraction('reinforce.needQuantile', reinforceIn.needQuantile ?? d.reinforce.needQuantile),
			qpvDistanceKm: nonNegative('reinforce.qpvDistanceKm', reinforceIn.qpvDistanceKm ?? d.reinforce.qpvDistanceKm)
		}
	};
}

/** The four thresholds in the unit of the active metric. */
export interface ActiveThresholds {
	unit: 'km' | 'min';
	radiusCs: number;
	radiusEvs: number;
	isolation: number;
	catchment: number;
}

/** Thresholds in the unit the comparisons use (`km` or `min`), read from resolved options. */
export function activeThresholds(options: CoverageOptions): ActiveThresholds {
	return options.metric === 'km'
		? { unit: 'km', radiusCs: options.radiusCsKm, radiusEvs: options.radiusEvsKm, isolation: options.isolationKm, catchment: options.catchmentKm }
		: {
				unit: 'min',
				radiusCs: options.radiusCsMinutes,
				radiusEvs: options.radiusEvsMinutes,
				isolation: options.isolationMinutes,
				catchment: options.catchmentMinutes
			};
}
