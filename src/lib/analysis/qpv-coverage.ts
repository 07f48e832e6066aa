/**
 * QPV coverage, the branch's national target: an animation de la vie sociale structure serving
 * every quartier prioritaire. For each QPV of the territory (generation in force at the date): the
 * nearest counted centre social and EVS, measured from the QPV's contour (0 when inside, the same
 * definition as the « à renforcer » rule: `qpv-shape.ts`), and whether one lies inside or within
 * `qpvDistanceKm` of it (`analysis.reinforce_qpv_distance_km`, one parameter for both). Distances
 * are straight-line km. Pure.
 */
import type { StructureSet } from './structure-set';
import type { PointId } from './types';

/** One QPV and the structures nearest to it. */
export interface QpvCoverageRow {
	code: string;
	/** Index of the QPV in the context (to join names and communes). */
	index: number;
	communeCode: string;
	/** Inhabitants, null when unknown. */
	population: number | null;
	nearestCs: { id: PointId; km: number } | null;
	nearestEvs: { id: PointId; km: number } | null;
	/** The nearer of the two, km (0 when a structure lies inside), null when none is counted. */
	nearestKm: number | null;
	/** A counted structure lies inside the QPV. */
	inside: boolean;
	/** A counted structure lies inside or within the threshold of its contour. */
	served: boolean;
}

/** Counts of the view. */
export interface QpvCoverageSummary {
	qpvs: number;
	served: number;
	/** QPV without any AVS structure inside or within the threshold. */
	unserved: number;
	/** Inhabitants of the unserved QPV whose population is known. */
	unservedPopulation: number;
	/** Unserved QPV whose population is unknown. */
	unservedPopulationUnknown: number;
	/** Share of QPV served, 0–1; null without QPV. */
	shareServed: number | null;
}

export interface QpvCoverage {
	thresholdKm: number;
	rows: QpvCoverageRow[];
	summary: QpvCoverageSummary;
}

/**
 * The QPV view of a structure set.
 *
 * @param set stage-2 set at the analysis date
 * @param thresholdKm the QPV distance (`analysis.reinforce_qpv_distance_km`), km
 * @param options `keep(k)`: the QPV of the territory (default: those whose main commune is analysed);
 *   `populationKnown(k)`: whether QPV k's population is known (default: always)
 */
export function qpvCoverage(
	set: StructureSet,
	thresholdKm: number,
	options: { keep?: (k: number) => boolean; populationKnown?: (k: number) => boolean } = {}
): QpvCoverage {
	if (!(thresholdKm >= 0)) throw new Error(`invalid QPV distance: ${thresholdKm}`);
	const { context, qpvNearestCs, qpvNearestEvs, qpvNearest, structures } = set;
	const qpvs = context.qpvs ?? [];
	const keep = options.keep ?? ((k: number) => context.communeIndex.has(qpvs[k].communeCode));
	const known = options.populationKnown ?? (() => true);
	const rows: QpvCoverageRow[] = [];
	const hit = (facts: typeof qpvNearest, k: number) => (facts.index[k] >= 0 ? { id: structures[facts.index[k]].id, km: facts.km[k] } : null);
	qpvs.forEach((q, k) => {
		if (!keep(k)) return;
		const nearestKm = qpvNearest.index[k] >= 0 ? qpvNearest.km[k] : null;
		rows.push({
			code: q.code,
			index: k,
			communeCode: q.communeCode,
			population: known(k) ? q.population : null,
			nearestCs: hit(qpvNearestCs, k),
			nearestEvs: hit(qpvNearestEvs, k),
			nearestKm,
			inside: nearestKm === 0,
			served: nearestKm !== null && nearestKm <= thresholdKm
		});
	});
	return { thresholdKm, rows, summary: summarizeQpvRows(rows) };
}

/** The counts of some rows of the view (all of them, or those of one EPCI in the dossier). */
export function summarizeQpvRows(rows: readonly Pick<QpvCoverageRow, 'served' | 'population'>[]): QpvCoverageSummary {
	const unserved = rows.filter((r) => !r.served);
	return {
		qpvs: rows.length,
		served: rows.length - unserved.length,
		unserved: unserved.length,
		unservedPopulation: unserved.reduce((s, r) => s + (r.population ?? 0), 0),
		unservedPopulationUnknown: unserved.filter((r) => r.population === null).length,
		shareServed: rows.length > 0 ? (rows.length - unserved.length) / rows.length : null
	};
}
