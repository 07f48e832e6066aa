/**
 * What the structure-year form shows besides the entered fields: the code lists of the year, the
 * observatory record of that structure and year (derived figures: ETP by function from the dated
 * posts, funding split by funder and PS, PS due) and its consistency checks — the same as the
 * export's — and the years already entered.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { loadObservatoryInput } from '../db/observatory';
import * as structureYears from '../db/structure-years';
import { buildObservatoryRecords } from '$lib/observatory/record';
import { checkObservatoryRecords, type ObservatoryIssue } from '$lib/observatory/checks';
import { listsInYear, thresholdsInYear, type ObservatoryLists } from '$lib/observatory/lists';
import { checkYearData, type YearCheck } from '$lib/observatory/year-checks';
import type { ObservatoryRecord } from '$lib/observatory/dictionary';
import type { StoredYear } from '../db/structure-years';

export interface StructureYearView {
	stored: StoredYear | null;
	lists: ObservatoryLists;
	/** The record of the year; null when no founding agrément covers the year (nothing exported). */
	record: ObservatoryRecord | null;
	/** The checks of the record, or of the entered data alone without a record. */
	issues: (ObservatoryIssue | (YearCheck & { message: string }))[];
	/** Years with data for this structure. */
	years: number[];
}

/** The view of `structureId` in `year`. */
export async function structureYearView(db: Kysely<Database>, structureId: number, year: number): Promise<StructureYearView> {
	const [{ structures, context }, stored, years] = await Promise.all([
		loadObservatoryInput(db),
		structureYears.get(db, structureId, year),
		structureYears.yearsOf(db, structureId)
	]);
	const own = structures.filter((s) => s.id === structureId || (s.siret !== null && s.siret === structures.find((x) => x.id === structureId)?.siret));
	// The structures of the same SIRET come along: the key and multi-site checks compare them.
	const built = buildObservatoryRecords(own, context, year);
	const mine = built.find((r) => r.structureId === structureId) ?? null;
	const thresholds = thresholdsInYear(context.parameters, year);
	const issues = mine
		? checkObservatoryRecords(built, thresholds).filter((i) => i.structureId === structureId)
		: stored
			? checkYearData(stored.data, { thresholds })
			: [];
	return { stored, lists: listsInYear(context.parameters, year), record: mine?.record ?? null, issues, years };
}
