/**
 * The view of the coverage page as URL query parameters, so a link reproduces it: thresholds
 * (km, or minutes with travel times), shown layers, EPCI filter, selected commune, analysis date. Values equal to the defaults
 * are left out so links stay short. Pure.
 *
 *   /carte?rayonCs=10&isolement=20&couches=communes,epcis,CS,EVS,circles&epci=200000001&commune=00012
 */

/** Query parameter names. */
export const VIEW_KEYS = {
	radiusCs: 'rayonCs',
	radiusEvs: 'rayonEvs',
	isolation: 'isolement',
	layers: 'couches',
	epci: 'epci',
	commune: 'commune',
	date: 'date',
	metric: 'mesure'
} as const;

/** The unit of the view: km as the crow flies, or minutes of travel. */
export type ViewMetric = 'km' | 'minutes';

/** The metric a URL asks for (`mesure=km|minutes`), or null for the one in force. */
export function parseViewMetric(params: URLSearchParams): ViewMetric | null {
	const v = params.get(VIEW_KEYS.metric)?.trim();
	return v === 'km' || v === 'minutes' ? v : null;
}

/** `params` with the metric written, or removed when it is the one in force. */
export function writeViewMetric(params: URLSearchParams, metric: ViewMetric, inForce: ViewMetric): URLSearchParams {
	const out = new URLSearchParams(params);
	if (metric === inForce) out.delete(VIEW_KEYS.metric);
	else out.set(VIEW_KEYS.metric, metric);
	return out;
}

/** The thresholds of the view, in the unit of the analysis (km, or minutes with travel times). */
export interface Thresholds {
	radiusCs: number;
	radiusEvs: number;
	isolation: number;
}

export interface ViewState extends Thresholds {
	/** Keys of the layer groups shown. */
	shown: string[];
	/** SIREN of the EPCI filter, or null for the whole département. */
	epci: string | null;
	/** INSEE code of the selected commune, or null. */
	commune: string | null;
}

/** Largest threshold a URL may set (km or minutes). */
export const MAX_VIEW_THRESHOLD = 200;

function threshold(params: URLSearchParams, key: string, fallback: number): number {
	const raw = params.get(key);
	if (raw === null || raw.trim() === '') return fallback;
	const n = Number(raw.trim().replace(',', '.'));
	return Number.isFinite(n) && n >= 0 && n <= MAX_VIEW_THRESHOLD ? n : fallback;
}

/**
 * The view in `params`; anything missing or invalid takes its default.
 * @param defaults thresholds in force, layers shown by default
 * @param layers every layer group key (unknown keys in the URL are dropped)
 */
export function parseViewState(params: URLSearchParams, defaults: Thresholds & { shown: readonly string[] }, layers: readonly string[]): ViewState {
	const rawLayers = params.get(VIEW_KEYS.layers);
	const shown =
		rawLayers === null ? [...defaults.shown] : layers.filter((key) => rawLayers.split(',').map((s) => s.trim()).includes(key));
	const text = (key: string) => {
		const v = params.get(key)?.trim();
		return v ? v.slice(0, 20) : null;
	};
	return {
		radiusCs: threshold(params, VIEW_KEYS.radiusCs, defaults.radiusCs),
		radiusEvs: threshold(params, VIEW_KEYS.radiusEvs, defaults.radiusEvs),
		isolation: threshold(params, VIEW_KEYS.isolation, defaults.isolation),
		shown,
		epci: text(VIEW_KEYS.epci),
		commune: text(VIEW_KEYS.commune)
	};
}

/** `8.5` → `8.5` (dot, shortest form, at most 3 decimals). */
function numberText(value: number): string {
	return String(Math.round(value * 1000) / 1000);
}

/**
 * `current` with the view written in (other parameters such as `date` kept); defaults left out.
 * @param layers every layer group key, in display order (the `couches` list follows it)
 */
export function writeViewState(
	current: URLSearchParams,
	state: ViewState,
	defaults: Thresholds & { shown: readonly string[] },
	layers: readonly string[]
): URLSearchParams {
	const params = new URLSearchParams(current);
	const set = (key: string, value: string | null) => (value === null ? params.delete(key) : params.set(key, value));
	set(VIEW_KEYS.radiusCs, state.radiusCs === defaults.radiusCs ? null : numberText(state.radiusCs));
	set(VIEW_KEYS.radiusEvs, state.radiusEvs === defaults.radiusEvs ? null : numberText(state.radiusEvs));
	set(VIEW_KEYS.isolation, state.isolation === defaults.isolation ? null : numberText(state.isolation));
	const shown = layers.filter((key) => state.shown.includes(key));
	const defaultShown = layers.filter((key) => defaults.shown.includes(key));
	set(VIEW_KEYS.layers, shown.join(',') === defaultShown.join(',') ? null : shown.join(','));
	set(VIEW_KEYS.epci, state.epci);
	set(VIEW_KEYS.commune, state.commune);
	return params;
}

/** The thresholds changed from their defaults, by engine option name, for the parameters list. */
export function changedThresholds(unit: 'km' | 'min', values: Thresholds, defaults: Thresholds, format: (n: number) => string): Record<string, string> {
	const names = unit === 'km' ? ['radiusCsKm', 'radiusEvsKm', 'isolationKm'] : ['radiusCsMinutes', 'radiusEvsMinutes', 'isolationMinutes'];
	const keys = ['radiusCs', 'radiusEvs', 'isolation'] as const;
	const out: Record<string, string> = {};
	keys.forEach((key, i) => {
		if (values[key] !== defaults[key]) out[names[i]] = `${format(values[key])} ${unit}`;
	});
	return out;
}

/** The priority list of the same view: thresholds, EPCI and date (when not today). */
export function prioritiesHref(view: Thresholds & { epci: string | null }, defaults: Thresholds, date: string, today: string): string {
	const params = new URLSearchParams();
	if (view.radiusCs !== defaults.radiusCs) params.set(VIEW_KEYS.radiusCs, String(view.radiusCs));
	if (view.radiusEvs !== defaults.radiusEvs) params.set(VIEW_KEYS.radiusEvs, String(view.radiusEvs));
	if (view.isolation !== defaults.isolation) params.set(VIEW_KEYS.isolation, String(view.isolation));
	if (view.epci) params.set(VIEW_KEYS.epci, view.epci);
	if (date !== today) params.set(VIEW_KEYS.date, date);
	const query = params.toString();
	return `/territoires/priorites${query ? `?${query}` : ''}`;
}
