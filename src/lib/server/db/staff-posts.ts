/**
 * Dated staff posts (`staff_post`: one row per holder and period) and the staff requirements of a
 * structure checked on a day or over a year against them (`$lib/pilotage/staff-requirements`).
 */
import type { Kysely, Transaction } from 'kysely';
import { foundingSituation } from '$lib/domain/agrement-coverage';
import { coverageInYear } from '$lib/funding/ps-coverage';
import {
	checkStaffInYear,
	checkStaffOn,
	staffRequirementsOn,
	type DatedStaffPost,
	type StaffCheck
} from '$lib/pilotage/staff-requirements';
import { yearBounds } from '$lib/pilotage/dates';
import { renewalRulesOn } from '$lib/pilotage/renewal-rules';
import * as referenceParameters from './reference-parameters';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** Every post of a structure (every holder and period), by kind then start. */
export async function forStructure(db: Db, structureId: number): Promise<DatedStaffPost[]> {
	const rows = await db
		.selectFrom('staff_post')
		.select([
			'id',
			'structure_id as structureId',
			'kind',
			'etp',
			'qualification_level as qualificationLevel',
			'start_date as startDate',
			'end_date as endDate',
			'vacant_from as vacantFrom',
			'vacant_until as vacantUntil',
			'holder'
		])
		.where('structure_id', '=', structureId)
		.orderBy('kind')
		.orderBy('start_date')
		.orderBy('id')
		.execute();
	return rows.map((r) => ({ ...r, etp: Number(r.etp) }));
}

async function structureAndAgrements(db: Db, structureId: number) {
	const [structure, agrements, params] = await Promise.all([
		db.selectFrom('structure').select(['type']).where('id', '=', structureId).executeTakeFirstOrThrow(),
		db
			.selectFrom('agrement')
			.select(['id', 'kind', 'start_date as startDate', 'end_date as endDate', 'decision', 'decision_date as decisionDate'])
			.where('structure_id', '=', structureId)
			.execute(),
		referenceParameters.list(db, ['staff_requirement.', 'agrement.renewal_'])
	]);
	return { structure, agrements, params };
}

/** The agrément kinds under which the structure works on `date` (an agrément, or its renewal grace period). */
function kindsOn(agrements: Awaited<ReturnType<typeof structureAndAgrements>>['agrements'], graceMonths: number, date: string): string[] {
	const kinds = [...new Set(agrements.map((a) => a.kind))];
	return kinds.filter((k) =>
		foundingSituation(
			agrements.filter((a) => a.kind === k),
			date,
			graceMonths
		).counts
	);
}

/**
 * The staff requirements in force on `date` checked against the posts held that day; a
 * requirement applies while the structure works under an agrément of its kind (the agrément, or
 * its renewal grace period).
 */
export async function checksOn(db: Db, structureId: number, date: string): Promise<StaffCheck[]> {
	const [{ structure, agrements, params }, posts] = await Promise.all([structureAndAgrements(db, structureId), forStructure(db, structureId)]);
	const grace = renewalRulesOn(params, date).grace.months;
	return checkStaffOn({ type: structure.type, agrementKinds: kindsOn(agrements, grace, date) }, posts, staffRequirementsOn(params, date), date);
}

/** The staff requirements in force on 1 January of `year`, checked against every holder of the year. */
export async function checksInYear(db: Db, structureId: number, year: number): Promise<StaffCheck[]> {
	const [{ structure, agrements, params }, posts] = await Promise.all([structureAndAgrements(db, structureId), forStructure(db, structureId)]);
	const { first } = yearBounds(year);
	const graceMonths = renewalRulesOn(params, first).grace.months;
	const kinds = [...new Set(agrements.map((a) => a.kind))].filter((k) => coverageInYear(agrements, [k], year, { graceMonths, unit: 'jours' }).coveredDays > 0);
	return checkStaffInYear({ type: structure.type, agrementKinds: kinds }, posts, staffRequirementsOn(params, first), year);
}
