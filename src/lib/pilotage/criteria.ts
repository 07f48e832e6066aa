/**
 * The CAF's assessment of an agrément: the 8 projet social criteria and the 4 projet familles
 * criteria of the circular (their wording is dated reference data, `agrement_criteria.*`), a
 * status and a comment per criterion, the decision and its date, and the reason recorded for a
 * duration other than the rule's. Parsing of the staff form with French messages. Pure.
 */
import { AGREMENT_DECISIONS, type AgrementDecision } from '../domain/agrement-status';
import { parseIsoDate } from '../format';
import type { ParameterRow } from './agrement-rules';

export type CriterionFramework = 'projet_social' | 'projet_familles';
export const CRITERION_STATUSES = ['satisfait', 'partiel', 'insuffisant', 'non_evalue'] as const;
export type CriterionStatus = (typeof CRITERION_STATUSES)[number];

export const CRITERION_STATUS_LABELS: Record<CriterionStatus, string> = {
	satisfait: 'Satisfait',
	partiel: 'Partiellement satisfait',
	insuffisant: 'Insuffisant',
	non_evalue: 'Non évalué'
};

export const FRAMEWORK_LABELS: Record<CriterionFramework, string> = {
	projet_social: 'Projet social',
	projet_familles: 'Projet familles'
};

/** Prefix of a framework's form fields (`ps-3-status`, `pf-1-comment`). */
const FIELD_PREFIX: Record<CriterionFramework, string> = { projet_social: 'ps', projet_familles: 'pf' };

/** The wording of the criteria, per framework (index 0 = criterion 1). */
export type CriteriaLists = Record<CriterionFramework, string[]>;

export const CRITERIA_KEYS: Record<CriterionFramework, string> = {
	projet_social: 'agrement_criteria.projet_social',
	projet_familles: 'agrement_criteria.projet_familles'
};

/** The regime of the criteria list of each framework, and whether its wording is pending (« à compléter »). */
export type CriteriaRegimes = Record<CriterionFramework, { regime: string; validFrom: string; pending: boolean }>;

function listRow(rows: readonly ParameterRow[], framework: CriterionFramework, date: string): ParameterRow {
	const inForce = rows
		.filter((r) => r.key === CRITERIA_KEYS[framework] && r.validFrom <= date && (r.validUntil === null || r.validUntil >= date))
		.sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
	const fallback = rows.filter((r) => r.key === CRITERIA_KEYS[framework]).sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1))[0];
	const row = inForce ?? fallback;
	if (!row) throw new Error(`no criteria list recorded: ${CRITERIA_KEYS[framework]}`);
	return row;
}

/**
 * The criteria lists in force on `date` among `rows`. A list of a regime whose wording is not
 * public yet (value null, « à compléter ») is empty: there is nothing to assess until the Caf
 * enters it (`criteriaRegimes` says so).
 * @throws Error when no list is recorded for a framework, or a list is not an array of text
 */
export function criteriaListsFromParameters(rows: readonly ParameterRow[], date: string): CriteriaLists {
	const pick = (framework: CriterionFramework): string[] => {
		const row = listRow(rows, framework, date);
		if (row.value === null || row.value === undefined) return [];
		if (!Array.isArray(row.value) || row.value.some((v) => typeof v !== 'string')) {
			throw new Error(`invalid criteria list for ${row.key}: ${JSON.stringify(row.value)}`);
		}
		return row.value as string[];
	};
	return { projet_social: pick('projet_social'), projet_familles: pick('projet_familles') };
}

/** The regime of each criteria list in force on `date`, and whether it is pending. */
export function criteriaRegimes(rows: readonly ParameterRow[], date: string): CriteriaRegimes {
	const of = (framework: CriterionFramework) => {
		const row = listRow(rows, framework, date);
		return { regime: row.regime, validFrom: row.validFrom, pending: row.value === null || row.value === undefined };
	};
	return { projet_social: of('projet_social'), projet_familles: of('projet_familles') };
}

/** The framework assessed for an agrément kind: the projet familles for ACF, the projet social otherwise. */
export function frameworkOf(kind: 'animation_globale' | 'animation_collective_familles' | 'animation_locale'): CriterionFramework {
	return kind === 'animation_collective_familles' ? 'projet_familles' : 'projet_social';
}

export interface CriterionAssessment {
	framework: CriterionFramework;
	/** 1-based number of the criterion in its list. */
	criterion: number;
	status: CriterionStatus;
	comment: string | null;
}

/** A criterion as the form shows it: its wording and its stored (or default) assessment. */
export interface CriterionRow extends CriterionAssessment {
	label: string;
	/** The form field names of its status and comment. */
	statusField: string;
	commentField: string;
}

/** Every criterion of `framework`, with what is stored (`non_evalue` and no comment when nothing is). */
export function criterionRows(lists: CriteriaLists, framework: CriterionFramework, stored: readonly CriterionAssessment[]): CriterionRow[] {
	return lists[framework].map((label, i) => {
		const criterion = i + 1;
		const found = stored.find((s) => s.framework === framework && s.criterion === criterion);
		const prefix = `${FIELD_PREFIX[framework]}-${criterion}`;
		return {
			framework,
			criterion,
			label,
			status: found?.status ?? 'non_evalue',
			comment: found?.comment ?? null,
			statusField: `${prefix}-status`,
			commentField: `${prefix}-comment`
		};
	});
}

/** Counts per status, and the criteria judged `partiel` or `insuffisant`. */
export function summarizeAssessment(criteria: readonly CriterionAssessment[]): {
	counts: Record<CriterionStatus, number>;
	weak: CriterionAssessment[];
} {
	const counts = { satisfait: 0, partiel: 0, insuffisant: 0, non_evalue: 0 } satisfies Record<CriterionStatus, number>;
	for (const c of criteria) counts[c.status] += 1;
	return { counts, weak: criteria.filter((c) => c.status === 'partiel' || c.status === 'insuffisant') };
}

/** Longest comment or reason accepted, characters. */
export const MAX_COMMENT_LENGTH = 2000;

/** The validated form. */
export interface AssessmentForm {
	decision: AgrementDecision;
	decisionDate: string | null;
	durationException: string | null;
	comment: string | null;
	criteria: CriterionAssessment[];
}


function text(value: string | null | undefined): string | null {
	const t = (value ?? '').replace(/\r\n/g, '\n').trim();
	return t === '' ? null : t;
}

/**
 * Reads the staff assessment form: `decision`, `decision_date` (AAAA-MM-JJ), `duration_exception`,
 * `comment`, and `<ps|pf>-<n>-status` / `-comment` for every criterion of `framework`.
 * Returns the value, or French messages keyed by field name.
 */
export function parseAssessmentForm(
	fields: Readonly<Record<string, string | null | undefined>>,
	lists: CriteriaLists,
	framework: CriterionFramework
): { ok: true; value: AssessmentForm } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const decision = fields.decision as AgrementDecision;
	if (!AGREMENT_DECISIONS.includes(decision)) errors.decision = 'Choisissez une décision : en instruction, accordé, prorogé, refusé ou retiré.';
	let decisionDate = text(fields.decision_date);
	if (decisionDate !== null) {
		try {
			parseIsoDate(decisionDate);
		} catch {
			errors.decision_date = `La date de décision « ${decisionDate} » n’est pas une date au format AAAA-MM-JJ.`;
			decisionDate = null;
		}
	} else if (decision === 'retire') {
		errors.decision_date = 'Indiquez la date de la décision de retrait : l’agrément ne couvre plus à partir du lendemain.';
	} else if (decision === 'accorde' || decision === 'refuse' || decision === 'proroge') {
		errors.decision_date = 'Indiquez la date de la décision (accord, prorogation ou refus).';
	}
	const durationException = text(fields.duration_exception);
	const comment = text(fields.comment);
	for (const [key, value] of [['duration_exception', durationException], ['comment', comment]] as const) {
		if (value && value.length > MAX_COMMENT_LENGTH) errors[key] = `Texte trop long : ${MAX_COMMENT_LENGTH} caractères au plus.`;
	}
	const criteria: CriterionAssessment[] = [];
	for (const row of criterionRows(lists, framework, [])) {
		const status = (fields[row.statusField] ?? 'non_evalue') as CriterionStatus;
		if (!CRITERION_STATUSES.includes(status)) {
			errors[row.statusField] = `Critère ${row.criterion} : état « ${status} » inconnu.`;
			continue;
		}
		const criterionComment = text(fields[row.commentField]);
		if (criterionComment && criterionComment.length > MAX_COMMENT_LENGTH) {
			errors[row.commentField] = `Critère ${row.criterion} : commentaire trop long (${MAX_COMMENT_LENGTH} caractères au plus).`;
		}
		if ((status === 'partiel' || status === 'insuffisant') && !criterionComment) {
			errors[row.commentField] = `Critère ${row.criterion} : expliquez en commentaire pourquoi il n’est pas satisfait.`;
		}
		criteria.push({ framework, criterion: row.criterion, status, comment: criterionComment });
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { decision, decisionDate, durationException, comment, criteria } };
}
