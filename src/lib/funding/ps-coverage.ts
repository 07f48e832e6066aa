/**
 * Which days (or months) of a year a prestation de service is due for: the days covered by an
 * agrément of a kind that opens it (`ps.agrement_kinds`, dated), plus the days of a renewal grace
 * period (an ended agrément whose renewal was being examined: the Caf keeps funding the centre
 * until the decision, for at most `graceMonths`). A refusal, a withdrawal or the end of the grace
 * period stop it. The share of the year due is the pro rata temporis of the expected PS, in days
 * (`covered days ÷ days of the year`) or in whole months (`months fully covered ÷ 12`), per the
 * dated parameter `ps.prorata_unit`.
 *
 * Dates ISO `YYYY-MM-DD`, periods inclusive. Pure.
 */
import { graceEnd } from '../domain/agrement-coverage';
import { addDaysIso, daysBetween, effectiveEnd, type AgrementDecision } from '../domain/agrement-status';

/** An agrément as the PS check reads it. */
export interface PsAgrement {
	id: number;
	kind: string;
	startDate: string;
	endDate: string;
	decision: AgrementDecision;
	decisionDate: string | null;
}

/** A period, both ends inclusive. */
export interface Period {
	from: string;
	to: string;
}

/** Unit of the pro rata. */
export type ProrataUnit = 'jours' | 'mois';

/** What part of a year an agrément (or a grace period) covers. */
export interface CoveringPeriod extends Period {
	agrement: PsAgrement;
	/** `agrement`: the agrément's own days; `grace`: a renewal examined after its end. */
	basis: 'agrement' | 'grace';
}

/** The year's coverage: periods, counts and the share due. */
export interface YearCoverage {
	year: number;
	unit: ProrataUnit;
	/** Periods within the year, by start (overlaps possible; counts use their union). */
	periods: CoveringPeriod[];
	/** Days of the year covered (union). */
	coveredDays: number;
	/** Of those, days covered only through a renewal grace period. */
	graceDays: number;
	yearDays: number;
	/** Whole months of the year covered on every day (unit `mois`). */
	coveredMonths: number;
	/** Share of the year the PS is due for, 0–1, in `unit`. */
	share: number;
	/** Periods of the year not covered (union complement), by start. */
	gaps: Period[];
	/** Refusals and withdrawals of these kinds that take effect in or before the year (to cite them). */
	stops: { agrement: PsAgrement; from: string }[];
}

function yearPeriod(year: number): Period {
	return { from: `${year}-01-01`, to: `${year}-12-31` };
}

function clip(p: Period, within: Period): Period | null {
	const from = p.from > within.from ? p.from : within.from;
	const to = p.to < within.to ? p.to : within.to;
	return from <= to ? { from, to } : null;
}

/** The union of periods, sorted and merged (adjacent days join). */
export function unionOf(periods: readonly Period[]): Period[] {
	const sorted = [...periods].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
	const out: Period[] = [];
	for (const p of sorted) {
		const last = out[out.length - 1];
		if (last && p.from <= addDaysIso(last.to, 1)) {
			if (p.to > last.to) last.to = p.to;
		} else out.push({ ...p });
	}
	return out;
}

function daysOf(periods: readonly Period[]): number {
	return periods.reduce((sum, p) => sum + daysBetween(p.from, p.to) + 1, 0);
}

/** The days of `a` not in `b` (both unions). */
function minus(a: readonly Period[], b: readonly Period[]): Period[] {
	const out: Period[] = [];
	for (const p of a) {
		let pieces: Period[] = [p];
		for (const q of b) {
			pieces = pieces.flatMap((x) => {
				if (q.to < x.from || q.from > x.to) return [x];
				const rest: Period[] = [];
				if (q.from > x.from) rest.push({ from: x.from, to: addDaysIso(q.from, -1) });
				if (q.to < x.to) rest.push({ from: addDaysIso(q.to, 1), to: x.to });
				return rest;
			});
		}
		out.push(...pieces);
	}
	return out;
}

/**
 * The grace period after `ended` (one kind), if a later request of the same kind was examined:
 * from the day after its end until the grace end, the refusal date, the day before the renewal
 * starts, or its decision date, whichever comes first.
 */
function gracePeriod(ended: PsAgrement, sameKind: readonly PsAgrement[], graceMonths: number): Period | null {
	const end = effectiveEnd(ended);
	// A withdrawal before the end leaves no grace.
	if (end === null || end < ended.endDate || graceMonths <= 0) return null;
	const request = sameKind
		.filter((r) => r !== ended && r.startDate > ended.startDate && r.decision !== 'retire')
		.sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : 0))[0];
	if (!request) return null;
	let to = graceEnd(end, graceMonths);
	if (request.decision !== 'en_instruction') {
		if (request.decisionDate && request.decisionDate < to) to = request.decisionDate;
		if (request.decision !== 'refuse') {
			const dayBefore = addDaysIso(request.startDate, -1);
			if (dayBefore < to) to = dayBefore;
		}
		if (!request.decisionDate && request.decision === 'refuse') return null;
	}
	const from = addDaysIso(end, 1);
	return from <= to ? { from, to } : null;
}

/**
 * The coverage of `year` by the agréments of `kinds` among `agrements` (one structure).
 *
 * @param graceMonths the renewal grace period in force (months, 0 = none)
 * @param unit `jours` (default) or `mois` (whole months covered on every day)
 */
export function coverageInYear(
	agrements: readonly PsAgrement[],
	kinds: readonly string[],
	year: number,
	options: { graceMonths: number; unit: ProrataUnit }
): YearCoverage {
	const span = yearPeriod(year);
	const relevant = agrements.filter((a) => kinds.includes(a.kind));
	const periods: CoveringPeriod[] = [];
	const stops: YearCoverage['stops'] = [];
	for (const a of relevant) {
		const end = effectiveEnd(a);
		if (end !== null) {
			const own = clip({ from: a.startDate, to: end }, span);
			if (own) periods.push({ ...own, agrement: a, basis: 'agrement' });
			const grace = gracePeriod(
				a,
				relevant.filter((r) => r.kind === a.kind),
				options.graceMonths
			);
			const graceInYear = grace ? clip(grace, span) : null;
			if (graceInYear) periods.push({ ...graceInYear, agrement: a, basis: 'grace' });
		}
		if (a.decision === 'retire' && end !== null && end < a.endDate && addDaysIso(end, 1) <= span.to) {
			stops.push({ agrement: a, from: addDaysIso(end, 1) });
		}
		if (a.decision === 'refuse' && a.startDate <= span.to && a.endDate >= span.from) {
			stops.push({ agrement: a, from: a.startDate > span.from ? a.startDate : span.from });
		}
	}
	periods.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : x.basis < y.basis ? -1 : 1));
	const own = unionOf(periods.filter((p) => p.basis === 'agrement'));
	const all = unionOf(periods);
	const coveredDays = daysOf(all);
	const graceDays = daysOf(minus(all, own));
	const yearDays = daysBetween(span.from, span.to) + 1;
	let coveredMonths = 0;
	for (let m = 1; m <= 12; m++) {
		const mm = String(m).padStart(2, '0');
		const first = `${year}-${mm}-01`;
		const last = addDaysIso(m === 12 ? `${year + 1}-01-01` : `${year}-${String(m + 1).padStart(2, '0')}-01`, -1);
		if (all.some((p) => p.from <= first && p.to >= last)) coveredMonths++;
	}
	const share = options.unit === 'mois' ? coveredMonths / 12 : coveredDays / yearDays;
	return { year, unit: options.unit, periods, coveredDays, graceDays, yearDays, coveredMonths, share, gaps: minus([span], all), stops };
}
