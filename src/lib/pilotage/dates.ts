/**
 * Calendar helpers the pilotage rules share, over ISO dates `YYYY-MM-DD` (no time zone).
 * Built on `$lib/domain/agrement-status` (`addMonths`, `daysBetween`). Pure.
 */
import { addMonths, daysBetween } from '../domain/agrement-status';

const MS_PER_DAY = 86_400_000;

/** `iso` plus `days` days (negative goes back). */
export function addDays(iso: string, days: number): string {
	if (!Number.isInteger(days)) throw new Error(`invalid day count: ${days}`);
	const ms = Date.parse(`${iso}T00:00:00Z`);
	if (Number.isNaN(ms) || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`invalid ISO date: ${iso}`);
	return new Date(ms + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The length of the inclusive period `start`…`end` as whole calendar months and the days left
 * over: `periodLength('2024-01-01', '2027-12-31')` → `{ months: 48, days: 0 }`.
 */
export function periodLength(start: string, end: string): { months: number; days: number } {
	const after = addDays(end, 1);
	if (after <= start) throw new Error(`period ends before it starts: ${start} > ${end}`);
	let months = 0;
	while (addMonths(start, months + 1) <= after) months += 1;
	return { months, days: daysBetween(addMonths(start, months), after) };
}

/** Number of days of the inclusive period `from`…`to` that fall in the inclusive period `a`…`b` (0 when disjoint). */
export function overlapDays(from: string, to: string, a: string, b: string): number {
	const start = from > a ? from : a;
	const end = to < b ? to : b;
	return end < start ? 0 : daysBetween(start, end) + 1;
}

/** First and last day of `year`. */
export function yearBounds(year: number): { first: string; last: string } {
	if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new Error(`invalid year: ${year}`);
	return { first: `${year}-01-01`, last: `${year}-12-31` };
}

/** Days in `year` (365 or 366). */
export function daysInYear(year: number): number {
	const { first, last } = yearBounds(year);
	return daysBetween(first, last) + 1;
}
