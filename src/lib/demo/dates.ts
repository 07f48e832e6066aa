/**
 * ISO calendar-date arithmetic (`YYYY-MM-DD`, no time zone) for the demo timeline. Pure: works
 * on UTC dates built from their parts, never reads the clock.
 */

function parts(iso: string): [number, number, number] {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
	if (!m) throw new Error(`invalid ISO date: ${iso}`);
	return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function format(date: Date): string {
	return date.toISOString().slice(0, 10);
}

/** Throws unless `iso` is a real calendar date `YYYY-MM-DD`. */
export function assertIsoDate(iso: string): void {
	const [y, m, d] = parts(iso);
	if (format(new Date(Date.UTC(y, m - 1, d))) !== iso) throw new Error(`invalid ISO date: ${iso}`);
}

export function yearOf(iso: string): number {
	return parts(iso)[0];
}

/** `iso` plus `days` days (may be negative). */
export function addDays(iso: string, days: number): string {
	const [y, m, d] = parts(iso);
	return format(new Date(Date.UTC(y, m - 1, d + days)));
}

/** The first day of the month `months` months after the month of `iso`. */
export function firstOfMonth(iso: string, months = 0): string {
	const [y, m] = parts(iso);
	return format(new Date(Date.UTC(y, m - 1 + months, 1)));
}

/** The last day of the month `months` months after the month of `iso`. */
export function endOfMonth(iso: string, months = 0): string {
	const [y, m] = parts(iso);
	return format(new Date(Date.UTC(y, m + months, 0)));
}

/** A day between the 5th and the 25th of the month `months` months after `iso`'s (board meetings). */
export function dayInMonth(iso: string, months: number, day: number): string {
	const [y, m] = parts(iso);
	return format(new Date(Date.UTC(y, m - 1 + months, Math.min(28, Math.max(1, day)))));
}

/** Whole months from the month of `from` to the month of `to`. */
export function monthsBetween(from: string, to: string): number {
	const [y1, m1] = parts(from);
	const [y2, m2] = parts(to);
	return (y2 - y1) * 12 + (m2 - m1);
}

/** True when [start, end] (inclusive ISO dates) overlaps calendar year `year`. */
export function overlapsYear(start: string, end: string, year: number): boolean {
	return start <= `${year}-12-31` && end >= `${year}-01-01`;
}
