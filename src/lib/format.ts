/**
 * French formatting of numbers, percentages, euros, dates and durations (`fr-FR`, Intl).
 * Every space Intl inserts (U+0020, U+00A0, U+202F, depending on the ICU version) is replaced by
 * a narrow no-break space (U+202F), so the server and every browser print the same text
 * (no hydration mismatch) and figures never wrap inside a number.
 * Pure: never reads the clock — `isoDateInParis(now)` takes `now`.
 */

/** The narrow no-break space (espace fine insécable) put between digit groups and before units. */
export const NNBSP = '\u202f';

/** The no-break space kept between a count and its unit word (`3 mois`). */
export const NBSP = '\u00a0';

/** What is printed for a missing value. */
export const MISSING = '—';

const SPACES = /[\u0020\u00a0\u202f]/g;

function tidy(text: string): string {
	return text.replace(SPACES, NNBSP);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = JSON.stringify(options);
	let format = numberFormats.get(key);
	if (!format) {
		format = new Intl.NumberFormat('fr-FR', options);
		numberFormats.set(key, format);
	}
	return format;
}

function isMissing(value: number | null | undefined): value is null | undefined {
	return value === null || value === undefined || Number.isNaN(value);
}

/** Options of the number formatters: how many decimals to print (default 0 to 0). */
export interface DigitsOptions {
	minimumFractionDigits?: number;
	maximumFractionDigits?: number;
}

/**
 * A number with French digit grouping: `formatNumber(1234567.5, { maximumFractionDigits: 1 })`
 * → `1 234 567,5`. Rounds to `maximumFractionDigits` (default 0). `null` → `—`.
 */
export function formatNumber(value: number | null | undefined, options: DigitsOptions = {}): string {
	if (isMissing(value)) return MISSING;
	const maximumFractionDigits = options.maximumFractionDigits ?? 0;
	const minimumFractionDigits = Math.min(options.minimumFractionDigits ?? 0, maximumFractionDigits);
	return tidy(numberFormat({ minimumFractionDigits, maximumFractionDigits }).format(value));
}

/**
 * A ratio (0.425 = 42,5 %) as a French percentage with exactly `digits` decimals (default 1), so
 * shares line up in a column: `formatPercent(0.425)` → `42,5 %`, `formatPercent(0.24)` → `24,0 %`,
 * `formatPercent(0.6, 0)` → `60 %`. `null` → `—`.
 */
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
	if (isMissing(ratio)) return MISSING;
	return tidy(numberFormat({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(ratio));
}

/**
 * An amount in euros. Whole euros by default (`formatEuros(1234.5)` → `1 235 €`), cents with
 * `{ cents: true }` (`1 234,50 €`). `null` → `—`.
 */
export function formatEuros(amount: number | null | undefined, options: { cents?: boolean } = {}): string {
	if (isMissing(amount)) return MISSING;
	const digits = options.cents ? 2 : 0;
	return tidy(
		numberFormat({
			style: 'currency',
			currency: 'EUR',
			minimumFractionDigits: digits,
			maximumFractionDigits: digits
		}).format(amount)
	);
}

/** Parses an ISO `YYYY-MM-DD` date into its parts; throws on anything else. */
export function parseIsoDate(iso: string): { year: number; month: number; day: number } {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!match) throw new Error(`invalid ISO date: ${iso}`);
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const check = new Date(Date.UTC(year, month - 1, day));
	if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
		throw new Error(`invalid ISO date: ${iso}`);
	}
	return { year, month, day };
}

const dateFormats = {
	long: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
	abbr: new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
	short: new Intl.DateTimeFormat('fr-FR', { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }),
	month: new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' })
} as const;

/**
 * An ISO calendar date (`YYYY-MM-DD`, no time zone) in French: `long` → `1 mars 2026`
 * (default, the interface's form), `abbr` → `1 mars 2026` with the month abbreviated
 * (`6 déc. 2026`, for narrow table cells), `short` → `01/03/2026` (files and forms only),
 * `month` → `mars 2026`. `null` → `—`.
 */
export function formatDate(iso: string | null | undefined, style: keyof typeof dateFormats = 'long'): string {
	if (!iso) return MISSING;
	const { year, month, day } = parseIsoDate(iso);
	return tidy(dateFormats[style].format(new Date(Date.UTC(year, month - 1, day))));
}

/**
 * A duration given in days, in words: under 2 months in days (`45 jours`, `1 jour`), then in
 * whole months (`3 mois`), then in years and months (`1 an et 2 mois`). Months count 30.44 days.
 */
export function formatDurationDays(days: number): string {
	if (!Number.isFinite(days) || days < 0) throw new Error(`invalid duration in days: ${days}`);
	const whole = Math.floor(days);
	if (whole < 61) return `${formatNumber(whole)}${NBSP}jour${whole > 1 ? 's' : ''}`;
	const months = Math.floor(whole / 30.44);
	if (months < 12) return `${months}${NBSP}mois`;
	const years = Math.floor(months / 12);
	const rest = months % 12;
	const yearText = `${years}${NBSP}an${years > 1 ? 's' : ''}`;
	return rest === 0 ? yearText : `${yearText} et ${rest}${NBSP}mois`;
}

/*
 * One rule per unit, so the same quantity always prints with the same decimals across pages
 * (« 10,0 km » next to « 10,4 km », never « 10 km »).
 */

/** A distance in kilometres, always one decimal: `formatKm(10)` → `10,0 km`. `null` → `—`. */
export function formatKm(km: number | null | undefined): string {
	if (isMissing(km)) return MISSING;
	return `${formatNumber(km, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}${NNBSP}km`;
}

/** A travel time in whole minutes: `formatMinutes(12.4)` → `12 min`. `null` → `—`. */
export function formatMinutes(minutes: number | null | undefined): string {
	if (isMissing(minutes)) return MISSING;
	return `${formatNumber(minutes)}${NNBSP}min`;
}

/** An area in km², one decimal: `formatKm2(12)` → `12,0 km²`. */
export function formatKm2(km2: number | null | undefined): string {
	if (isMissing(km2)) return MISSING;
	return `${formatNumber(km2, { minimumFractionDigits: 1, maximumFractionDigits: 1 })}${NNBSP}km²`;
}

/** A density in inhabitants per km², whole: `formatDensity(85.3)` → `85 hab./km²`. */
export function formatDensity(perKm2: number | null | undefined): string {
	if (isMissing(perKm2)) return MISSING;
	return `${formatNumber(perKm2)}${NNBSP}hab./km²`;
}

/** A rate per 10,000 inhabitants, two decimals: `formatPer10k(1.5)` → `1,50`. */
export function formatPer10k(rate: number | null | undefined): string {
	return formatNumber(rate, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Euros per inhabitant, two decimals: `formatEurosPerInhabitant(3.2)` → `3,20 €/hab.`. */
export function formatEurosPerInhabitant(euros: number | null | undefined): string {
	if (isMissing(euros)) return MISSING;
	return `${formatNumber(euros, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${NNBSP}€/hab.`;
}

/** An amount rounded for chart axes and labels: `1,2 M€`, `350 k€`, `900 €`. */
export function formatEurosShort(euros: number | null | undefined): string {
	if (isMissing(euros)) return MISSING;
	const abs = Math.abs(euros);
	if (abs >= 1e6) return `${formatNumber(euros / 1e6, { maximumFractionDigits: 1 })}${NNBSP}M€`;
	if (abs >= 1e3) return `${formatNumber(euros / 1e3)}${NNBSP}k€`;
	return `${formatNumber(euros)}${NNBSP}€`;
}

/**
 * A file size in the unit that reads best, never rounded down to nothing: `formatBytes(900)` →
 * `900 octets`, `formatBytes(30_000)` → `29 Ko`, `formatBytes(3_400_000)` → `3,2 Mo` (1 Ko = 1 024
 * octets). Below 10 in a unit, one decimal.
 */
export function formatBytes(bytes: number | null | undefined): string {
	if (isMissing(bytes)) return MISSING;
	if (bytes < 1024) return `${formatNumber(bytes)}${NNBSP}${bytes >= 2 ? 'octets' : 'octet'}`;
	const [value, unit] = bytes < 1024 ** 2 ? [bytes / 1024, 'Ko'] : bytes < 1024 ** 3 ? [bytes / 1024 ** 2, 'Mo'] : [bytes / 1024 ** 3, 'Go'];
	return `${formatNumber(value, { maximumFractionDigits: value < 10 ? 1 : 0 })}${NNBSP}${unit}`;
}

/** Latitude and longitude in degrees with their hemispheres: `45,95408° N, 5,24703° O`. */
export function formatCoordinates(lat: number, lon: number): string {
	const degrees = (v: number) => formatNumber(Math.abs(v), { maximumFractionDigits: 5 });
	return `${degrees(lat)}° ${lat < 0 ? 'S' : 'N'}, ${degrees(lon)}° ${lon < 0 ? 'O' : 'E'}`;
}

/** `count` followed by the singular or plural word: `plural(2, 'commune')` → `2 communes`. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
	return `${formatNumber(count)}${NBSP}${Math.abs(count) >= 2 ? pluralForm : singular}`;
}

const parisDate = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Europe/Paris',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

const parisClock = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Europe/Paris',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
	hourCycle: 'h23'
});

/**
 * An instant (ISO timestamp) in France's legal time, in words: `6 décembre 2026 à 14:05`
 * (`:ss` with `seconds`). Built from parts so the server and every browser print the same text.
 */
export function formatDateTime(iso: string | null | undefined, options: { seconds?: boolean } = {}): string {
	if (!iso) return MISSING;
	const p = Object.fromEntries(parisClock.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
	return `${formatDate(`${p.year}-${p.month}-${p.day}`)} à ${p.hour}:${p.minute}${options.seconds ? `:${p.second}` : ''}`;
}

/** An instant as `YYYY-MM-DD HH:MM:SS` in France's legal time (what a spreadsheet reads: CSV exports). */
export function parisDateTime(iso: string): string {
	const p = Object.fromEntries(parisClock.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
	return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** The calendar date in France (Europe/Paris) at the instant `now`, as `YYYY-MM-DD`. */
export function isoDateInParis(now: Date): string {
	return parisDate.format(now);
}
