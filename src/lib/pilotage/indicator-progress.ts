/**
 * Progress of a schéma directeur indicator against its yearly targets, as a traffic light:
 * `vert` the target of the year is reached; `orange` not reached but at least 75 % of the way
 * from the baseline (or within 10 % of the target when there is no baseline); `rouge` further
 * behind; `gris` when there is no target or no value to compare. The direction follows
 * `higherIsBetter`. Pure.
 */

export interface IndicatorSeries {
	baselineYear: number | null;
	baselineValue: number | null;
	higherIsBetter: boolean;
	targets: readonly { year: number; target: number }[];
	values: readonly { year: number; value: number }[];
}

export type TrafficLight = 'vert' | 'orange' | 'rouge' | 'gris';

export interface IndicatorProgress {
	/** The year assessed: the latest year with a value up to the reporting year, else the reporting year. */
	year: number;
	value: number | null;
	target: number | null;
	light: TrafficLight;
	/** Share of the way from the baseline to the target (1 = reached), null without a baseline. */
	progressShare: number | null;
	/** French words for the light (never colour alone). */
	label: string;
}

/** Share of the way from the baseline needed for `orange`. */
export const ORANGE_PROGRESS_SHARE = 0.75;
/** Relative gap to the target tolerated for `orange` when there is no baseline. */
export const ORANGE_RELATIVE_GAP = 0.1;

export const TRAFFIC_LIGHT_LABELS: Record<TrafficLight, string> = {
	vert: 'Cible atteinte',
	orange: 'Proche de la cible',
	rouge: 'En retard sur la cible',
	gris: 'Non évaluable'
};

/** Progress of `indicator` at `reportingYear` (e.g. the current year). */
export function indicatorProgress(indicator: IndicatorSeries, reportingYear: number): IndicatorProgress {
	const measured = indicator.values.filter((v) => v.year <= reportingYear).sort((a, b) => b.year - a.year)[0];
	const year = measured?.year ?? reportingYear;
	const value = measured?.value ?? null;
	const target = indicator.targets.find((t) => t.year === year)?.target ?? null;
	if (value === null || target === null) {
		return { year, value, target, light: 'gris', progressShare: null, label: value === null ? 'Non mesuré' : 'Pas de cible pour cette année' };
	}
	const sign = indicator.higherIsBetter ? 1 : -1;
	const reached = sign * (value - target) >= 0;
	const base = indicator.baselineValue;
	const progressShare = base === null || target === base ? null : (value - base) / (target - base);
	let light: TrafficLight;
	if (reached) light = 'vert';
	else if (progressShare !== null) light = progressShare >= ORANGE_PROGRESS_SHARE ? 'orange' : 'rouge';
	else light = target !== 0 && Math.abs(value - target) / Math.abs(target) <= ORANGE_RELATIVE_GAP ? 'orange' : 'rouge';
	return { year, value, target, light, progressShare: reached && progressShare === null ? 1 : progressShare, label: TRAFFIC_LIGHT_LABELS[light] };
}
