/**
 * The schéma directeur as its pages read and edit it: orientations → objectives → indicators with
 * baseline, yearly targets and values entered by hand, the `published` flag (observers and
 * partners see published indicators only) and the version used for optimistic locking. Targets
 * and values belong to their indicator: saving them bumps the indicator's version in the same
 * transaction, so two people editing one indicator never overwrite each other silently.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { RowScope } from '$lib/domain/policy';
import { record, type AuditActor } from './audit';
import { updateRow } from './changes';
import { signatoriesOf } from './signatories';
import type { IndicatorFormValue } from '$lib/pilotage/indicator-form';

/** An indicator: what its staff form edits (`values`: entered by hand; a computed indicator's come from the engines) and its definition. */
export interface SchemaIndicator extends IndicatorEdit {
	id: number;
	version: number;
	objectiveId: number;
	label: string;
	unit: string;
	/** null: values entered by hand; otherwise the key of a computed indicator. */
	computation: string | null;
	higherIsBetter: boolean;
}

export interface SchemaObjective {
	id: number;
	position: number;
	title: string;
	description: string | null;
	indicators: SchemaIndicator[];
}

export interface SchemaOrientation {
	id: number;
	position: number;
	title: string;
	objectives: SchemaObjective[];
}

export interface SchemaDirecteur {
	id: number;
	name: string;
	startYear: number;
	endYear: number;
	adoptedOn: string | null;
	signatories: { id: number; name: string; kind: string }[];
	orientations: SchemaOrientation[];
}

/** Whether a reader with `scope` sees an indicator: CAF staff all of them, others the published ones. */
export function indicatorVisible(scope: RowScope, published: boolean): boolean {
	if (scope.kind === 'all') return true;
	if (scope.kind === 'none') return false;
	return published;
}

async function indicatorSeries(db: Kysely<Database>, ids: number[]) {
	if (ids.length === 0) return { targets: [], values: [] };
	const [targets, values] = await Promise.all([
		db.selectFrom('indicator_target').selectAll().where('indicator_id', 'in', ids).orderBy('year').execute(),
		db.selectFrom('indicator_value').selectAll().where('indicator_id', 'in', ids).orderBy('year').execute()
	]);
	return { targets, values };
}

function toIndicator(
	i: { id: number; version: number; objective_id: number; label: string; unit: string; computation: string | null; baseline_year: number | null; baseline_value: number | null; higher_is_better: boolean; source: string | null; published: boolean },
	series: Awaited<ReturnType<typeof indicatorSeries>>
): SchemaIndicator {
	return {
		id: i.id,
		version: Number(i.version),
		objectiveId: i.objective_id,
		label: i.label,
		unit: i.unit,
		computation: i.computation,
		baselineYear: i.baseline_year,
		baselineValue: i.baseline_value,
		higherIsBetter: i.higher_is_better,
		source: i.source,
		published: i.published,
		targets: series.targets.filter((t) => t.indicator_id === i.id).map((t) => ({ year: t.year, target: Number(t.target) })),
		values: series.values.filter((v) => v.indicator_id === i.id).map((v) => ({ year: v.year, value: Number(v.value), source: v.source }))
	};
}

/** Every schéma directeur, the most recent first, with the indicators `scope` may see. */
export async function list(db: Kysely<Database>, scope: RowScope): Promise<SchemaDirecteur[]> {
	const schemas = await db.selectFrom('schema_directeur').selectAll().orderBy('start_year', 'desc').orderBy('id').execute();
	if (schemas.length === 0) return [];
	const ids = schemas.map((s) => s.id);
	const [signatories, orientations, objectives, indicators] = await Promise.all([
		signatoriesOf(db, 'schema_directeur', ids),
		db.selectFrom('orientation').select(['id', 'schema_id', 'position', 'title']).where('schema_id', 'in', ids).orderBy('position').orderBy('id').execute(),
		db
			.selectFrom('objective')
			.innerJoin('orientation', 'orientation.id', 'objective.orientation_id')
			.select(['objective.id', 'objective.orientation_id', 'objective.position', 'objective.title', 'objective.description'])
			.where('orientation.schema_id', 'in', ids)
			.orderBy('objective.position')
			.orderBy('objective.id')
			.execute(),
		db
			.selectFrom('indicator')
			.innerJoin('objective', 'objective.id', 'indicator.objective_id')
			.innerJoin('orientation', 'orientation.id', 'objective.orientation_id')
			.selectAll('indicator')
			.where('orientation.schema_id', 'in', ids)
			.orderBy('indicator.id')
			.execute()
	]);
	const visible = indicators.filter((i) => indicatorVisible(scope, i.published));
	const series = await indicatorSeries(
		db,
		visible.map((i) => i.id)
	);
	const objectivesOf = (orientationId: number): SchemaObjective[] =>
		objectives
			.filter((ob) => ob.orientation_id === orientationId)
			.map(({ orientation_id: _, ...ob }) => ({ ...ob, indicators: visible.filter((i) => i.objective_id === ob.id).map((i) => toIndicator(i, series)) }));
	return schemas.map((s) => ({
		id: s.id,
		name: s.name,
		startYear: s.start_year,
		endYear: s.end_year,
		adoptedOn: s.adopted_on,
		signatories: signatories.get(s.id)!.map(({ id, name, kind }) => ({ id, name, kind })),
		orientations: orientations.filter((o) => o.schema_id === s.id).map(({ schema_id: _, ...o }) => ({ ...o, objectives: objectivesOf(o.id) }))
	}));
}

/** One indicator with its schéma's period, or null (also null when `scope` may not see it). */
export async function getIndicator(
	db: Kysely<Database>,
	id: number,
	scope: RowScope
): Promise<(SchemaIndicator & { schema: { id: number; name: string; startYear: number; endYear: number }; objectiveTitle: string }) | null> {
	const row = await db
		.selectFrom('indicator')
		.innerJoin('objective', 'objective.id', 'indicator.objective_id')
		.innerJoin('orientation', 'orientation.id', 'objective.orientation_id')
		.innerJoin('schema_directeur', 'schema_directeur.id', 'orientation.schema_id')
		.selectAll('indicator')
		.select([
			'objective.title as objective_title',
			'schema_directeur.id as schema_id',
			'schema_directeur.name as schema_name',
			'schema_directeur.start_year',
			'schema_directeur.end_year'
		])
		.where('indicator.id', '=', id)
		.executeTakeFirst();
	if (!row || !indicatorVisible(scope, row.published)) return null;
	const series = await indicatorSeries(db, [id]);
	return {
		...toIndicator(row, series),
		objectiveTitle: row.objective_title,
		schema: { id: row.schema_id, name: row.schema_name, startYear: row.start_year, endYear: row.end_year }
	};
}

/** What the staff form saves. Targets and values replace the stored ones; values are ignored for a computed indicator (they come from the engines). */
export type IndicatorEdit = IndicatorFormValue;

/**
 * Saves an indicator if it is still at `expectedVersion`: its fields, its targets and (for an
 * indicator entered by hand) its values, in one transaction; the version goes up by one.
 * @throws ConflictError when someone saved it meanwhile
 */
export async function saveIndicator(
	db: Kysely<Database>,
	actor: AuditActor,
	id: number,
	expectedVersion: number,
	edit: IndicatorEdit
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const after = await updateRow(trx, actor, 'indicator', id, expectedVersion, {
			baseline_year: edit.baselineYear,
			baseline_value: edit.baselineValue,
			source: edit.source,
			published: edit.published
		});
		const computed = after.computation !== null;
		const before = {
			targets: await trx.selectFrom('indicator_target').select(['year', 'target']).where('indicator_id', '=', id).orderBy('year').execute(),
			values: await trx.selectFrom('indicator_value').select(['year', 'value', 'source']).where('indicator_id', '=', id).orderBy('year').execute()
		};
		await trx.deleteFrom('indicator_target').where('indicator_id', '=', id).execute();
		if (edit.targets.length > 0) {
			await trx
				.insertInto('indicator_target')
				.values(edit.targets.map((t) => ({ indicator_id: id, year: t.year, target: t.target })))
				.execute();
		}
		if (!computed) {
			await trx.deleteFrom('indicator_value').where('indicator_id', '=', id).execute();
			if (edit.values.length > 0) {
				await trx
					.insertInto('indicator_value')
					.values(edit.values.map((v) => ({ indicator_id: id, year: v.year, value: v.value, source: v.source })))
					.execute();
			}
		}
		await record(trx, actor, {
			action: 'update',
			entity: 'indicator_series',
			entityId: id,
			before,
			after: { targets: edit.targets, values: computed ? before.values : edit.values }
		});
	});
}
