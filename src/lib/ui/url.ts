/**
 * Building links that change some query parameters and keep the others (filters, sort and
 * page live in the URL so every view can be bookmarked and works without JavaScript).
 */

/**
 * `pathname` + the query of `current` with `changes` applied: a string sets a parameter,
 * `null` removes it. Empty values are dropped so URLs stay short.
 * `hrefWith('/territoires', new URLSearchParams('q=a&page=3'), { page: null })` → `/territoires?q=a`.
 */
export function hrefWith(pathname: string, current: URLSearchParams, changes: Record<string, string | null>): string {
	const params = new URLSearchParams(current);
	for (const [key, value] of Object.entries(changes)) {
		if (value === null || value === '') params.delete(key);
		else params.set(key, value);
	}
	for (const [key, value] of [...params.entries()]) if (value === '') params.delete(key);
	const query = params.toString();
	return query ? `${pathname}?${query}` : pathname;
}

/** A positive integer read from a query parameter, or `fallback`. */
export function intParam(params: URLSearchParams, name: string, fallback: number): number {
	const raw = params.get(name);
	if (raw === null || !/^\d+$/.test(raw.trim())) return fallback;
	const value = Number(raw);
	return Number.isSafeInteger(value) && value > 0 ? value : fallback;
}

/** A query parameter that must be one of `allowed`, or null. */
export function oneOf<T extends string>(params: URLSearchParams, name: string, allowed: readonly T[]): T | null {
	const raw = params.get(name);
	return raw !== null && (allowed as readonly string[]).includes(raw) ? (raw as T) : null;
}
