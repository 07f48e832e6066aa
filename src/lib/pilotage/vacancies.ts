/**
 * Vacancies of director and référent familles posts: how long a post has been vacant, the alert
 * level (thresholds are departmental reference parameters, `pilotage.vacancy_*_months`), and the
 * days vacant within a year (the observatory record). A post is vacant from `vacantFrom` to
 * `vacantUntil`, both inclusive; `vacantUntil` null means the vacancy goes on. Pure.
 */
import { daysBetween, wholeMonthsBetween } from '../domain/agrement-status';
import { daysInYear, overlapDays, yearBounds } from './dates';

export interface VacancyPeriod {
	vacantFrom: string | null;
	vacantUntil: string | null;
}

/** Alert thresholds, in months of vacancy. */
export interface VacancyThresholds {
	/** From this many whole months, an alert (default 3). */
	alertMonths: number;
	/** From this many whole months, critical (default 6). */
	criticalMonths: number;
}

export const DEFAULT_VACANCY_THRESHOLDS: VacancyThresholds = { alertMonths: 3, criticalMonths: 6 };

/** `recente` below the alert threshold, then `alerte`, then `critique`. */
export type VacancyLevel = 'recente' | 'alerte' | 'critique';

export interface VacancyDuration {
	/** Days from the first vacant day to `today` (0 the first day). */
	days: number;
	/** Whole calendar months vacant so far. */
	months: number;
	level: VacancyLevel;
}

/** True when the post is vacant on `today`. */
export function isVacantOn(post: VacancyPeriod, today: string): boolean {
	return post.vacantFrom !== null && post.vacantFrom <= today && (post.vacantUntil === null || post.vacantUntil >= today);
}

/** How long `post` has been vacant on `today`, with its alert level; null when not vacant that day. */
export function vacancyDuration(
	post: VacancyPeriod,
	today: string,
	thresholds: VacancyThresholds = DEFAULT_VACANCY_THRESHOLDS
): VacancyDuration | null {
	if (!isVacantOn(post, today)) return null;
	const from = post.vacantFrom!;
	const months = wholeMonthsBetween(from, today);
	const level: VacancyLevel = months >= thresholds.criticalMonths ? 'critique' : months >= thresholds.alertMonths ? 'alerte' : 'recente';
	return { days: daysBetween(from, today), months, level };
}

/** Days of `year` the post was vacant (0 when never). */
export function vacantDaysInYear(post: VacancyPeriod, year: number): number {
	if (post.vacantFrom === null) return 0;
	const { first, last } = yearBounds(year);
	return overlapDays(post.vacantFrom, post.vacantUntil ?? '9999-12-31', first, last);
}

/** True when the post was vacant every day of `year`. */
export function vacantAllYear(post: VacancyPeriod, year: number): boolean {
	return vacantDaysInYear(post, year) === daysInYear(year);
}

/** French label of a level. */
export const VACANCY_LEVEL_LABELS: Record<VacancyLevel, string> = {
	recente: 'Vacance récente',
	alerte: 'Alerte',
	critique: 'Critique'
};
