/**
 * The schéma directeur with every indicator's values — computed by the engines for a computed
 * indicator, entered by hand otherwise — and its progress (traffic light) at the reporting year
 * (the current year while the schéma runs, its last year once it has ended).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { RowScope } from '$lib/domain/policy';
import * as schemaDirecteur from '../db/schema-directeur';
import { COMPUTATIONS, isComputationKey } from '$lib/pilotage/computed-indicators';
import { indicatorProgress, type IndicatorProgress } from '$lib/pilotage/indicator-progress';
import { computeIndicatorSeries, CoverageRuns } from './computed-indicators';

export interface IndicatorWithProgress extends schemaDirecteur.SchemaIndicator {
	/** True when the values come from Maillage's engines. */
	computed: boolean;
	/** What the computation means (computed indicators only). */
	computationDescription: string | null;
	/** The values shown: computed ones, or those entered by hand. `date` is the measuring date of a computed value. */
	series: { year: number; value: number; source: string | null; date: string | null }[];
	progress: IndicatorProgress;
}

export interface SchemaWithProgress extends Omit<schemaDirecteur.SchemaDirecteur, 'orientations'> {
	reportingYear: number;
	orientations: (Omit<schemaDirecteur.SchemaOrientation, 'objectives'> & {
		objectives: (Omit<schemaDirecteur.SchemaObjective, 'indicators'> & { indicators: IndicatorWithProgress[] })[];
	})[];
}

/** The reporting year of a schéma on `today`: the current year, clamped to the schéma's period. */
export function reportingYear(schema: { startYear: number; endYear: number }, today: string): number {
	const year = Number(today.slice(0, 4));
	return Math.min(Math.max(year, schema.startYear), schema.endYear);
}

/** Every schéma `scope` may see, with values and progress on `today`. */
export async function loadSchemaProgress(
	db: Kysely<Database>,
	scope: RowScope,
	today: string,
	runs: CoverageRuns = new CoverageRuns(db)
): Promise<SchemaWithProgress[]> {
	const schemas = await schemaDirecteur.list(db, scope);
	const out: SchemaWithProgress[] = [];
	for (const schema of schemas) {
		const keys = schema.orientations.flatMap((o) => o.objectives.flatMap((ob) => ob.indicators.map((i) => i.computation).filter((k): k is string => k !== null)));
		const computed = await computeIndicatorSeries(db, schema, keys, today, runs);
		const year = reportingYear(schema, today);
		out.push({
			...schema,
			reportingYear: year,
			orientations: schema.orientations.map((o) => ({
				...o,
				objectives: o.objectives.map((ob) => ({
					...ob,
					indicators: ob.indicators.map((i) => {
						const key = isComputationKey(i.computation) ? i.computation : null;
						const series = key
							? (computed.get(key) ?? [])
									.filter((v) => v.value !== null)
									.map((v) => ({ year: v.year, value: v.value!, source: v.source, date: v.date }))
							: i.values.map((v) => ({ ...v, date: null }));
						return {
							...i,
							computed: key !== null,
							computationDescription: key ? COMPUTATIONS[key].description : null,
							series,
							progress: indicatorProgress({ ...i, values: series }, year)
						};
					})
				}))
			}))
		});
	}
	return out;
}
