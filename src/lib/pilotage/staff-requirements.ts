/**
 * Staff requirements as dated rules, checked against the dated staff posts.
 *
 * The circular n°2012-013 requires, for a centre social's projet social (criterion 8), a director
 * qualified at level II (now 6) on a full-time post, and for the projet familles (criterion 4) a
 * référent familles qualified at level III (now 5) at least half time. These are reference
 * parameters `staff_requirement.directeur` and `staff_requirement.referent_familles`
 * (`{ structureType, agrementKind, framework, criterion, minQualificationLevel, minEtp }`), so a
 * later regime is a new dated row — the 2025 regime's figures are pending (« à compléter »).
 *
 * A staff post (`staff_post`) is held by one holder over a period (`startDate` … `endDate`, null =
 * unknown start, still held); a vacancy stays inside it. `postsHeldOn` and `postsHeldInYear` give
 * the holders of a day or a year (the observatory export of a year uses those of that year).
 * Pure: dates are passed in.
 */
import { parameterOn, type DatedParameter } from '../domain/dated-parameter';
import { overlapDays, yearBounds } from './dates';

/** The posts a requirement is about. */
export const REQUIRED_POSTS = ['directeur', 'referent_familles'] as const;
export type RequiredPost = (typeof REQUIRED_POSTS)[number];

/** The parameter key of each post's requirement. */
export const STAFF_REQUIREMENT_KEYS: Record<RequiredPost, string> = {
	directeur: 'staff_requirement.directeur',
	referent_familles: 'staff_requirement.referent_familles'
};

/** What a requirement asks, as stored in the parameter's value. */
export interface StaffRequirementValue {
	/** Structures it applies to. */
	structureType: 'CS' | 'EVS';
	/** The agrément whose days it applies on (AGC for the director, ACF for the référent familles). */
	agrementKind: string;
	/** The criteria list it belongs to, and the criterion number. */
	framework: 'projet_social' | 'projet_familles';
	criterion: number;
	/** Minimum qualification level, new national scale (6 = ex-level II, 5 = ex-level III). */
	minQualificationLevel: number;
	/** Minimum working time, ETP (1 = full time, 0.5 = half time). */
	minEtp: number;
}

/** A requirement in force on a day: its value (null when pending) and where it comes from. */
export interface StaffRequirement {
	post: RequiredPost;
	value: StaffRequirementValue | null;
	pending: boolean;
	regime: string;
	validFrom: string;
	source: string | null;
}

/** A dated staff post. */
export interface DatedStaffPost {
	id: number;
	structureId: number;
	kind: string;
	etp: number;
	qualificationLevel: number | null;
	/** First day held; null when held since before it was recorded. */
	startDate: string | null;
	/** Last day held; null while held. */
	endDate: string | null;
	vacantFrom: string | null;
	vacantUntil: string | null;
	holder?: string | null;
}

function readRequirement(value: unknown): StaffRequirementValue | null {
	if (typeof value !== 'object' || value === null) return null;
	const v = value as Record<string, unknown>;
	const ok =
		(v.structureType === 'CS' || v.structureType === 'EVS') &&
		typeof v.agrementKind === 'string' &&
		(v.framework === 'projet_social' || v.framework === 'projet_familles') &&
		typeof v.criterion === 'number' &&
		typeof v.minQualificationLevel === 'number' &&
		typeof v.minEtp === 'number';
	return ok ? (v as unknown as StaffRequirementValue) : null;
}

/**
 * The requirement of each post in force on `date`; a post without any row in force is left out.
 * @throws Error when a row in force holds a value that is neither null nor a requirement
 */
export function staffRequirementsOn(params: readonly DatedParameter[], date: string): StaffRequirement[] {
	const out: StaffRequirement[] = [];
	for (const post of REQUIRED_POSTS) {
		const p = parameterOn(params, STAFF_REQUIREMENT_KEYS[post], date);
		if (!p) continue;
		const pending = p.value === null || p.value === undefined;
		const value = pending ? null : readRequirement(p.value);
		if (!pending && value === null) throw new Error(`invalid staff requirement for ${p.key} from ${p.validFrom}: ${JSON.stringify(p.value)}`);
		out.push({ post, value, pending, regime: p.regime, validFrom: p.validFrom, source: p.source });
	}
	return out;
}

/** True when `post` is held on `date`. */
export function isHeldOn(post: Pick<DatedStaffPost, 'startDate' | 'endDate'>, date: string): boolean {
	return (post.startDate === null || post.startDate <= date) && (post.endDate === null || post.endDate >= date);
}

/** The posts held on `date`. */
export function postsHeldOn<T extends Pick<DatedStaffPost, 'startDate' | 'endDate'>>(posts: readonly T[], date: string): T[] {
	return posts.filter((p) => isHeldOn(p, date));
}

/** Days of `year` the post is held (0 when not held that year). */
export function heldDaysInYear(post: Pick<DatedStaffPost, 'startDate' | 'endDate'>, year: number): number {
	const { first, last } = yearBounds(year);
	return overlapDays(post.startDate ?? '0001-01-01', post.endDate ?? '9999-12-31', first, last);
}

/** The posts held at some point of `year`, the longest held first (then the latest start). */
export function postsHeldInYear<T extends Pick<DatedStaffPost, 'startDate' | 'endDate'>>(posts: readonly T[], year: number): T[] {
	return posts
		.map((p) => ({ p, days: heldDaysInYear(p, year) }))
		.filter((x) => x.days > 0)
		.sort((a, b) => b.days - a.days || ((b.p.startDate ?? '') < (a.p.startDate ?? '') ? -1 : 1))
		.map((x) => x.p);
}

/** The result of one requirement against the posts. */
export type StaffCheckStatus =
	/** A holder meets the requirement. */
	| 'conforme'
	/** No post of this kind is held. */
	| 'poste_absent'
	/** The holder's qualification is below the minimum. */
	| 'qualification_insuffisante'
	/** The holder's qualification is not recorded. */
	| 'qualification_inconnue'
	/** The post's working time is below the minimum. */
	| 'temps_insuffisant'
	/** The rule exists in the regime in force but its figures are « à compléter ». */
	| 'regle_a_completer';

export interface StaffCheck {
	post: RequiredPost;
	requirement: StaffRequirement;
	status: StaffCheckStatus;
	/** The post checked (the best holder), null when none is held. */
	checked: DatedStaffPost | null;
	/** True when the checked post is vacant on the day (its requirement is then judged on the recorded post). */
	vacant: boolean;
}

/** Labels of the posts. */
export const REQUIRED_POST_LABELS: Record<RequiredPost, string> = { directeur: 'Direction', referent_familles: 'Référent familles' };

/** How far a post is from meeting the requirement (0 = meets it), to pick the best holder. */
function gap(post: DatedStaffPost, r: StaffRequirementValue): number {
	const level = post.qualificationLevel === null ? 2 : post.qualificationLevel < r.minQualificationLevel ? 3 : 0;
	const time = post.etp + 1e-9 < r.minEtp ? 1 : 0;
	return level + time;
}

function statusOf(post: DatedStaffPost | null, r: StaffRequirementValue): StaffCheckStatus {
	if (!post) return 'poste_absent';
	if (post.qualificationLevel === null) return 'qualification_inconnue';
	if (post.qualificationLevel < r.minQualificationLevel) return 'qualification_insuffisante';
	if (post.etp + 1e-9 < r.minEtp) return 'temps_insuffisant';
	return 'conforme';
}

/** What decides whether a requirement applies: the structure's type and the agrément kinds covering the period checked. */
export interface StaffedStructure {
	type: 'CS' | 'EVS';
	agrementKinds: readonly string[];
}

/**
 * The checks of every requirement that applies to `structure` (its type, an agrément of its kind),
 * each given by `check` from the requirement's rule. A rule still « à compléter » is reported to a
 * centre social, then skipped.
 */
function checkApplicable(
	structure: StaffedStructure,
	requirements: readonly StaffRequirement[],
	check: (requirement: StaffRequirement, rule: StaffRequirementValue) => StaffCheck[]
): StaffCheck[] {
	const out: StaffCheck[] = [];
	for (const requirement of requirements) {
		if (requirement.pending) {
			if (structure.type === 'CS') out.push({ post: requirement.post, requirement, status: 'regle_a_completer', checked: null, vacant: false });
			continue;
		}
		const r = requirement.value!;
		if (r.structureType === structure.type && structure.agrementKinds.includes(r.agrementKind)) out.push(...check(requirement, r));
	}
	return out;
}

/**
 * The requirements that apply to a structure on `date`, checked against its posts held that day.
 * A requirement applies when its structure type matches and an agrément of its kind covers the day
 * (`agrementKinds`: the kinds covering `date`).
 */
export function checkStaffOn(structure: StaffedStructure, posts: readonly DatedStaffPost[], requirements: readonly StaffRequirement[], date: string): StaffCheck[] {
	return checkApplicable(structure, requirements, (requirement, r) => {
		const held = postsHeldOn(posts, date)
			.filter((p) => p.kind === requirement.post)
			.sort((a, b) => gap(a, r) - gap(b, r) || b.etp - a.etp || a.id - b.id);
		const checked = held[0] ?? null;
		const vacant = checked !== null && checked.vacantFrom !== null && checked.vacantFrom <= date && (checked.vacantUntil === null || checked.vacantUntil >= date);
		return [{ post: requirement.post, requirement, status: statusOf(checked, r), checked, vacant }];
	});
}

/**
 * The requirements over `year`: every post of the kind held at some point of the year is checked
 * (a change of holder shows each), and a year with none is `poste_absent`. `agrementKinds`: the
 * kinds covering some day of the year; `requirements`: those in force on 1 January.
 */
export function checkStaffInYear(structure: StaffedStructure, posts: readonly DatedStaffPost[], requirements: readonly StaffRequirement[], year: number): StaffCheck[] {
	return checkApplicable(structure, requirements, (requirement, r) => {
		const held = postsHeldInYear(
			posts.filter((p) => p.kind === requirement.post),
			year
		);
		if (held.length === 0) return [{ post: requirement.post, requirement, status: 'poste_absent', checked: null, vacant: false }];
		return held.map((post) => ({ post: requirement.post, requirement, status: statusOf(post, r), checked: post, vacant: false }));
	});
}

/** « Direction : niveau 5 enregistré, niveau 6 au moins requis (Circulaire Cnaf n°2012-013, critère 8 du projet social). » */
export function staffCheckText(check: StaffCheck): string {
	const label = REQUIRED_POST_LABELS[check.post];
	const req = check.requirement;
	if (check.status === 'regle_a_completer') return `${label} : exigences du régime en vigueur (${req.regime}) à compléter.`;
	const r = req.value!;
	const where = `${req.regime}, critère ${r.criterion} du ${r.framework === 'projet_social' ? 'projet social' : 'projet familles'}`;
	const need = `niveau ${r.minQualificationLevel} au moins, ${r.minEtp >= 1 ? 'temps plein' : `${String(r.minEtp).replace('.', ',')} ETP au moins`}`;
	const p = check.checked;
	const period = p
		? p.startDate || p.endDate
			? ` (${p.startDate ? `depuis le ${frDate(p.startDate)}` : ''}${p.startDate && p.endDate ? ' ' : ''}${p.endDate ? `jusqu’au ${frDate(p.endDate)}` : ''})`
			: ''
		: '';
	switch (check.status) {
		case 'conforme':
			return `${label} : conforme${period} — niveau ${p!.qualificationLevel}, ${String(p!.etp).replace('.', ',')} ETP (${need} ; ${where})${check.vacant ? ' ; poste vacant ce jour' : ''}.`;
		case 'poste_absent':
			return `${label} : aucun poste enregistré (${need} ; ${where}).`;
		case 'qualification_inconnue':
			return `${label}${period} : niveau de qualification non renseigné (${need} ; ${where}).`;
		case 'qualification_insuffisante':
			return `${label}${period} : niveau ${p!.qualificationLevel} enregistré, ${need} (${where}).`;
		case 'temps_insuffisant':
			return `${label}${period} : ${String(p!.etp).replace('.', ',')} ETP enregistré, ${need} (${where}).`;
	}
}

function frDate(iso: string): string {
	return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}
