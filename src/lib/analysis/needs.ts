/**
 * Need indicators read from communes: a raw value (e.g. `taux_pauvrete`, %) or a share in % of
 * another key or of the population (e.g. `familles_monoparentales` per `familles`).
 */
import type { NeedIndicator } from './options';
import type { CoverageCommune } from './types';

/**
 * The indicator's value for one commune, or null when unknown (missing key, missing or
 * non-positive denominator). Shares are percentages (0–100).
 */
export function needValue(commune: CoverageCommune, indicator: NeedIndicator): number | null {
	const raw = commune.needs?.[indicator.key];
	if (raw == null || !Number.isFinite(raw)) return null;
	if (!indicator.per) return raw;
	const denominator = indicator.per === 'population' ? commune.population : commune.needs?.[indicator.per];
	if (denominator == null || !Number.isFinite(denominator) || denominator <= 0) return null;
	return (100 * raw) / denominator;
}

/** The indicator's value for every commune, NaN where unknown. */
export function needValues(communes: readonly CoverageCommune[], indicator: NeedIndicator): Float64Array {
	const out = new Float64Array(communes.length);
	for (let i = 0; i < communes.length; i++) out[i] = needValue(communes[i], indicator) ?? NaN;
	return out;
}

/** A stable text key for an indicator (`familles_monoparentales/familles`), used in memo tables and reasons. */
export function needIndicatorId(indicator: NeedIndicator): string {
	return indicator.per ? `${indicator.key}/${indicator.per}` : indicator.key;
}
