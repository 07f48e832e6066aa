/**
 * Agréments of every structure and the director / référent familles posts vacant on a day; one
 * agrément with its assessment (criteria) and the audited save of that assessment; the dated
 * reference data the follow-up reads (duration rules, criteria lists, vacancy thresholds).
 * The status of an agrément is computed by `$lib/domain/agrement-status`, not stored.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import { structureInTerritory } from './work-territory';
import type { DemoAgrement } from '$lib/demo/types';
import { openOn, vacantOn, type AgrementKind, type StaffPostKind, type StructureType } from './structures';
import { record, type AuditActor } from './audit';
import { updateRow } from './changes';
import * as referenceParameters from './reference-parameters';
import { durationRulesFromParameters, type DurationRule, type ParameterRow } from '$lib/pilotage/agrement-rules';
import {
	criteriaListsFromParameters,
	type AssessmentForm,
	type CriteriaLists,
	type CriterionAssessment,
	type CriterionFramework,
	type CriterionStatus
} from '$lib/pilotage/criteria';
import { DEFAULT_VACANCY_THRESHOLDS, type VacancyThresholds } from '$lib/pilotage/vacancies';

export interface AgrementListItem extends Pick<DemoAgrement, 'kind' | 'startDate' | 'endDate' | 'isFirst' | 'decision' | 'decisionDate' | 'durationException'> {
	id: number;
	structureId: number;
	structureName: string;
	structureType: StructureType;
	communeName: string | null;
	/** The structure closed on this date (null while open). */
	structureClosedOn: string | null;
}

export interface AgrementFilters {
	kind?: AgrementKind | null;
	structureType?: StructureType | null;
}

/** Structures with their name, type and commune's name, as every agrément and post item shows them. */
function structureItems(db: Kysely<Database>) {
	return db
		.selectFrom('structure')
		.leftJoin('commune', 'commune.code', 'structure.commune_code')
		.select(['structure.name as structureName', 'structure.type as structureType', 'commune.name as communeName']);
}

/** Agréments with their structure and commune, as the list items every view shows. */
function agrementItems(db: Kysely<Database>) {
	return structureItems(db)
		.innerJoin('agrement', 'agrement.structure_id', 'structure.id')
		.select([
			'agrement.id',
			'agrement.structure_id as structureId',
			'agrement.kind',
			'agrement.start_date as startDate',
			'agrement.end_date as endDate',
			'agrement.is_first as isFirst',
			'agrement.decision',
			'agrement.decision_date as decisionDate',
			'agrement.duration_exception as durationException',
			'structure.closed_on as structureClosedOn'
		]);
}

/** Every agrément of the territory's structures (not the border band's), ordered by end date then structure name. */
export async function list(db: Kysely<Database>, filters: AgrementFilters = {}): Promise<AgrementListItem[]> {
	let query = agrementItems(db)
		.where(structureInTerritory('structure'))
		.orderBy('agrement.end_date')
		.orderBy('structure.name')
		.orderBy('agrement.kind');
	if (filters.kind) query = query.where('agrement.kind', '=', filters.kind);
	if (filters.structureType) query = query.where('structure.type', '=', filters.structureType);
	return query.execute();
}

export interface VacantPost {
	id: number;
	structureId: number;
	structureName: string;
	structureType: StructureType;
	communeName: string | null;
	kind: StaffPostKind;
	etp: number;
	vacantFrom: string;
	/** Planned or recorded end of the vacancy, null when unknown. */
	vacantUntil: string | null;
}

/** Director and référent familles posts of the territory's structures open on `today`, with their structure. */
function keyPostItems(db: Kysely<Database>, today: string) {
	return structureItems(db)
		.innerJoin('staff_post', 'staff_post.structure_id', 'structure.id')
		.select([
			'staff_post.id',
			'staff_post.structure_id as structureId',
			'staff_post.kind',
			'staff_post.etp',
			'staff_post.vacant_from as vacantFrom',
			'staff_post.vacant_until as vacantUntil'
		])
		.where('staff_post.kind', 'in', ['directeur', 'referent_familles'])
		.where(openOn(today))
		.where(structureInTerritory('structure'));
}

/** Director and référent familles posts of open structures vacant on `today`, longest vacancy first. */
export async function vacantPosts(db: Kysely<Database>, today: string): Promise<VacantPost[]> {
	const rows = await keyPostItems(db, today).where(vacantOn(today)).orderBy('staff_post.vacant_from').orderBy('structure.name').execute();
	return rows.map((r) => ({ ...r, vacantFrom: r.vacantFrom! }));
}

// --- Follow-up of one agrément: rules, assessment, posts (issue 7) ------------------------------

/** Reference parameter rows whose key starts with one of `prefixes`, oldest first. */
export async function referenceRows(db: Kysely<Database>, prefixes: readonly string[]): Promise<ParameterRow[]> {
	if (prefixes.length === 0) return [];
	return (await referenceParameters.list(db, prefixes)).map(({ key, validFrom, validUntil, value, regime, source }) => ({ key, validFrom, validUntil, value, regime, source }));
}

/** The dated duration rules of the projet social (`agrement_duration_months.*`). */
export async function durationRules(db: Kysely<Database>): Promise<DurationRule[]> {
	return durationRulesFromParameters(await referenceRows(db, ['agrement_duration_months.']));
}

/** The wording of the 8 + 4 criteria in force on `date`. */
export async function criteriaLists(db: Kysely<Database>, date: string): Promise<CriteriaLists> {
	return criteriaListsFromParameters(await referenceRows(db, ['agrement_criteria.']), date);
}

/** The vacancy alert thresholds in force on `date` (defaults when none is recorded). */
export async function vacancyThresholds(db: Kysely<Database>, date: string): Promise<VacancyThresholds> {
	const rows = await referenceRows(db, ['pilotage.vacancy_']);
	const pick = (key: string, fallback: number) => {
		const row = rows
			.filter((r) => r.key === key && r.validFrom <= date && (r.validUntil === null || r.validUntil >= date))
			.sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
		return typeof row?.value === 'number' && row.value >= 0 ? row.value : fallback;
	};
	return {
		alertMonths: pick('pilotage.vacancy_alert_months', DEFAULT_VACANCY_THRESHOLDS.alertMonths),
		criticalMonths: pick('pilotage.vacancy_critical_months', DEFAULT_VACANCY_THRESHOLDS.criticalMonths)
	};
}

export interface AgrementDetail extends AgrementListItem {
	version: number;
	comment: string | null;
	structureCommuneCode: string;
	criteria: CriterionAssessment[];
	/** Every agrément of the same structure (this one included), by start date. */
	siblings: AgrementListItem[];
}

/** One agrément with its criteria and its structure's other agréments, or null. */
export async function get(db: Kysely<Database>, id: number): Promise<AgrementDetail | null> {
	const row = await agrementItems(db)
		.select(['agrement.version', 'agrement.comment', 'structure.commune_code as structureCommuneCode'])
		.where('agrement.id', '=', id)
		.executeTakeFirst();
	if (!row) return null;
	const [criteria, siblings] = await Promise.all([
		db
			.selectFrom('agrement_criterion')
			.select(['framework', 'criterion', 'status', 'comment'])
			.where('agrement_id', '=', id)
			.orderBy('framework')
			.orderBy('criterion')
			.execute(),
		forStructure(db, row.structureId)
	]);
	return { ...row, version: Number(row.version), criteria, siblings };
}

/** Every agrément of one structure, by start date then kind. */
export async function forStructure(db: Kysely<Database>, structureId: number): Promise<AgrementListItem[]> {
	const all = await agrementItems(db)
		.where('agrement.structure_id', '=', structureId)
		.orderBy('agrement.start_date')
		.orderBy('agrement.kind')
		.execute();
	return all;
}

/** Weak criteria (partiel, insuffisant) of every agrément, for the list page. */
export async function weakCriteria(db: Kysely<Database>): Promise<{ agrementId: number; framework: CriterionFramework; criterion: number; status: CriterionStatus; comment: string | null }[]> {
	return db
		.selectFrom('agrement_criterion')
		.select(['agrement_id as agrementId', 'framework', 'criterion', 'status', 'comment'])
		.where('status', 'in', ['partiel', 'insuffisant'])
		.orderBy('agrement_id')
		.orderBy('framework')
		.orderBy('criterion')
		.execute();
}

/**
 * Saves the assessment of agrément `id` if it is still at `expectedVersion`: decision, its date,
 * comment, duration exception and the criteria of `form.criteria`'s framework, in one
 * transaction. The criteria belong to the agrément: its version goes up by one.
 * @throws ConflictError when someone saved it meanwhile
 */
export async function saveAssessment(
	db: Kysely<Database>,
	actor: AuditActor,
	id: number,
	expectedVersion: number,
	form: AssessmentForm
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		await updateRow(trx, actor, 'agrement', id, expectedVersion, {
			decision: form.decision,
			decision_date: form.decisionDate,
			duration_exception: form.durationException,
			comment: form.comment
		});
		const frameworks = [...new Set(form.criteria.map((c) => c.framework))];
		if (frameworks.length === 0) return;
		const before = await trx
			.selectFrom('agrement_criterion')
			.select(['framework', 'criterion', 'status', 'comment'])
			.where('agrement_id', '=', id)
			.where('framework', 'in', frameworks)
			.orderBy('framework')
			.orderBy('criterion')
			.execute();
		await trx.deleteFrom('agrement_criterion').where('agrement_id', '=', id).where('framework', 'in', frameworks).execute();
		await trx
			.insertInto('agrement_criterion')
			.values(form.criteria.map((c) => ({ agrement_id: id, framework: c.framework, criterion: c.criterion, status: c.status, comment: c.comment })))
			.execute();
		await record(trx, actor, { action: 'update', entity: 'agrement_criterion', entityId: id, before, after: form.criteria });
	});
}

/** Every director and référent familles post of the open structures, with its structure. */
export async function keyPosts(db: Kysely<Database>, today: string): Promise<(VacantPost & { vacantFrom: string | null; qualificationLevel: number | null })[]> {
	return keyPostItems(db, today)
		.select('staff_post.qualification_level as qualificationLevel')
		.orderBy('structure.name')
		.orderBy('staff_post.kind')
		.execute() as Promise<(VacantPost & { vacantFrom: string | null; qualificationLevel: number | null })[]>;
}
