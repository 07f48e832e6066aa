/**
 * The QPV view at a date (Territoires › Quartiers prioritaires, its CSV, the committee's screen and
 * the PDF dossier's section): every QPV of the territory in force that day (its generation), the
 * nearest centre social and EVS measured from its contour, whether a structure lies inside or
 * within the QPV distance of it, its population where known, and the list of QPV without any AVS
 * structure. The structures are those the coverage analysis counts at the date (agrément in force,
 * or in renewal within the grace period).
 */
import type { Kysely } from 'kysely';
import { buildCoverageContext, buildStructureSet, resolveCoverageOptions } from '$lib/analysis';
import { qpvCoverage, type QpvCoverageSummary } from '$lib/analysis/qpv-coverage';
import { cadreReferenceOn } from '$lib/pilotage/cadre';
import type { Database } from '../db/schema';
import * as referenceParameters from '../db/reference-parameters';
import { generationLabel } from '../db/qpvs';
import { loadCoverageInputs } from './inputs';
import { loadCoverageParameters } from './parameters';
import { CoverageRequestError, parseCoverageRequest } from './request';

const NAMES = { date: 'La date', radiusCsKm: 'Le rayon CS', radiusEvsKm: 'Le rayon EVS', isolationKm: 'La distance d’isolement' };

/** The date of `?date=` (default `today`), or `today` and the French reason when it is not a date. */
export function qpvViewDate(raw: string | null, today: string): { date: string; error: string | null } {
	if (!raw) return { date: today, error: null };
	try {
		return { date: parseCoverageRequest({ date: raw }, today, NAMES).date, error: null };
	} catch (e) {
		if (!(e instanceof CoverageRequestError)) throw e;
		return { date: today, error: `${e.message} La vue est établie au ${today}.` };
	}
}

/** One QPV of the view, with names. Distances in km. */
export interface QpvViewRow {
	code: string;
	name: string;
	generation: string | null;
	communes: { code: string; name: string | null }[];
	/** Inhabitants, null when unknown. */
	population: number | null;
	nearestCs: { id: number; name: string; km: number } | null;
	nearestEvs: { id: number; name: string; km: number } | null;
	nearestKm: number | null;
	inside: boolean;
	served: boolean;
}

export interface QpvView {
	date: string;
	/** « Circulaire Cnaf n°2012-013 … », the cadre de référence in force at the date. */
	cadre: string | null;
	/** « génération 2024 », or what is known of the generations in force. */
	generation: string;
	/** The QPV distance used (`analysis.reinforce_qpv_distance_km`), with its regime. */
	threshold: { km: number; regime: string; validFrom: string | null; source: string | null };
	rows: QpvViewRow[];
	/** The QPV without any AVS structure inside or within the threshold, largest population first. */
	unserved: QpvViewRow[];
	summary: QpvCoverageSummary;
	/** No commune is loaded: nothing to analyse. */
	empty: boolean;
}

/** The view on `date` (`YYYY-MM-DD`). */
export async function loadQpvView(db: Kysely<Database>, date: string): Promise<QpvView> {
	const [inputs, parameters, params] = await Promise.all([
		loadCoverageInputs(db, date),
		loadCoverageParameters(db, date),
		referenceParameters.list(db, ['cadre_reference'])
	]);
	const options = resolveCoverageOptions({ ...parameters.options, date });
	const source = parameters.sources.find((s) => s.option === 'reinforce.qpvDistanceKm');
	const threshold = { km: options.reinforce.qpvDistanceKm, regime: source?.regime ?? 'Valeur par défaut de Maillage', validFrom: source?.validFrom ?? null, source: source?.source ?? null };
	const cadre = cadreReferenceOn(params, date)?.name ?? null;
	const base = { date, cadre, threshold, generation: generationLabel((inputs.qpvs ?? []).map((q) => q.generation)) };
	const empty: QpvCoverageSummary = { qpvs: 0, served: 0, unserved: 0, unservedPopulation: 0, unservedPopulationUnknown: 0, shareServed: null };
	if (inputs.communes.length === 0 || !inputs.qpvs) return { ...base, rows: [], unserved: [], summary: empty, empty: inputs.communes.length === 0 };

	const context = buildCoverageContext(inputs, options);
	const set = buildStructureSet(context, inputs.structures, date);
	const qpvs = inputs.qpvs;
	// A QPV belongs to the territory when one of its communes is loaded.
	const coverage = qpvCoverage(set, threshold.km, {
		keep: (k) => qpvs[k].communeCodes.some((c) => context.communeIndex.has(c)),
		populationKnown: (k) => qpvs[k].populationKnown
	});
	const communeName = new Map(inputs.communes.map((c) => [c.code, c.name]));
	const structureName = new Map(inputs.structures.map((s) => [s.id, s.name]));
	const named = (hit: { id: string | number; km: number } | null) => (hit ? { id: Number(hit.id), name: structureName.get(Number(hit.id)) ?? String(hit.id), km: hit.km } : null);
	const rows: QpvViewRow[] = coverage.rows.map((r) => {
		const q = qpvs[r.index];
		return {
			code: q.code,
			name: q.name,
			generation: q.generation,
			communes: q.communeCodes.map((code) => ({ code, name: communeName.get(code) ?? null })),
			population: r.population,
			nearestCs: named(r.nearestCs),
			nearestEvs: named(r.nearestEvs),
			nearestKm: r.nearestKm,
			inside: r.inside,
			served: r.served
		};
	});
	const unserved = rows.filter((r) => !r.served).sort((a, b) => (b.population ?? -1) - (a.population ?? -1) || a.code.localeCompare(b.code));
	return { ...base, rows, unserved, summary: coverage.summary, empty: false };
}
