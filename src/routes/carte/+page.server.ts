import { error } from '@sveltejs/kit';
import * as committee from '$lib/server/db/committee';
import type { PageServerLoad } from './$types';
import * as referenceParameters from '$lib/server/db/reference-parameters';
import { generationLabel } from '$lib/server/db/qpvs';
import { cadreReferenceOn, cadreText } from '$lib/pilotage/cadre';
import { UserFacingError } from '$lib/server/errors';
import { isoDateInParis } from '$lib/format';
import { analyzeCoverage, resolveCoverageOptions } from '$lib/analysis';
import { mapGeometryResource } from '$lib/server/coverage/map-resource';
import {
	CoverageRequestError,
	communeTimeSources,
	formatParameterRegime,
	formatParameterValue,
	loadCoverageInputs,
	loadCoverageParameters,
	parseCoverageRequest,
	timeSourceLabels,
	travelTimeUse,
	type CommuneTimeSources
} from '$lib/server/coverage';
import { travelRowsForFacilities } from '$lib/server/coverage/travel-payload';

const PAGE_NAMES = { date: 'La date', radiusCsKm: 'Le rayon CS', radiusEvsKm: 'Le rayon EVS', isolationKm: 'La distance d’isolement' };

/**
 * The coverage page ships the analysis inputs once (communes, structures with their agrément
 * dates, poles, QPVs, and the travel-time matrix when the thresholds are in minutes), the
 * parameters in force at the date and the outlines; the browser runs the engine and reruns it
 * when a threshold moves. Only `?date=` is read here (agréments and parameters depend on it); the
 * other view parameters are the page's. The page switches between km and minutes (`?mesure=`),
 * so the travel times to structures and poles are shipped whatever the metric in force, and the
 * server says where each commune's compared times in minutes come from (road, imported matrix,
 * estimate, beyond the computed cutoff): it does not depend on the thresholds.
 * The outlines are not in the page: it names their cacheable URL (`/api/geo/carte?v=…`), and
 * gives only the bounds and the EPCI list the filter needs.
 */
/** The rules of the analysis date in words: cadre de référence, QPV generation, renewal grace period. */
async function ruleContextLines(db: App.Locals['db'], date: string, inputs: { qpvs: { generation: string | null }[] | null; renewalGrace: { months: number; regime: string } }): Promise<string[]> {
	const params = await referenceParameters.list(db, ['cadre_reference']);
	return [
		cadreText(cadreReferenceOn(params, date), date),
		`Quartiers prioritaires : ${generationLabel((inputs.qpvs ?? []).map((q) => q.generation))} (contours en vigueur à cette date).`,
		`Agrément échu, renouvellement en instruction : structure prise en compte jusqu’à la décision, au plus ${inputs.renewalGrace.months}\u00a0mois (${inputs.renewalGrace.regime}).`
	];
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const today = isoDateInParis(new Date());
	let date = today;
	let dateError: string | null = null;
	const rawDate = url.searchParams.get('date');
	if (rawDate) {
		try {
			date = parseCoverageRequest({ date: rawDate }, today, PAGE_NAMES).date;
		} catch (error) {
			if (!(error instanceof CoverageRequestError)) throw error;
			dateError = `${error.message} L’analyse est faite au ${today}.`;
		}
	}
	const [decisionsByCommune, parameters, inputs, geometry] = await Promise.all([
		committee.decisionsByCommune(locals.db),
		loadCoverageParameters(locals.db, date),
		loadCoverageInputs(locals.db, date),
		// Today's outlines under the canonical URL; another date gets its own (the QPV of its generation).
		mapGeometryResource(locals.db, date === today ? null : date)
	]).catch((e: unknown) => {
		// A parameter in force that cannot be used: say which, rather than « erreur interne ».
		if (e instanceof UserFacingError) error(422, e.message);
		throw e;
	});
	const options = { ...parameters.options, date };
	const metric = resolveCoverageOptions(options).metric;
	const travelTimes = travelRowsForFacilities(inputs.travelTimes, inputs.structures, inputs.poles);
	let travel: {
		sources: Record<string, CommuneTimeSources>;
		labels: ReturnType<typeof timeSourceLabels>;
		text: string;
	} | null = null;
	if (inputs.communes.length > 0) {
		// In minutes, whatever the metric in force: the page may switch to it.
		const result = analyzeCoverage(inputs, { ...options, metric: 'minutes' });
		const sources = communeTimeSources(result, inputs);
		travel = {
			sources: sources ? Object.fromEntries(result.communes.map((c, i) => [c.code, sources[i]])) : {},
			labels: timeSourceLabels(result.parameters, inputs.travelTimesComplete),
			text: travelTimeUse(result, inputs, sources).text
		};
	}
	return {
		today,
		date,
		dateError,
		parameters: {
			options: parameters.options,
			sources: parameters.sources.map((s) => ({ ...s, display: formatParameterValue(s), regimeText: formatParameterRegime(s) }))
		},
		metric,
		inputs: {
			communes: inputs.communes,
			structures: inputs.structures,
			poles: inputs.poles,
			qpvs: inputs.qpvs,
			travelTimes,
			travelTimesComplete: inputs.travelTimesComplete
		},
		travel,
		notAgreed: inputs.notAgreed,
		ruleContext: await ruleContextLines(locals.db, date, inputs),
		needYears: inputs.needYears,
		geometry: { url: geometry.url, bounds: geometry.bounds, epciBounds: geometry.epciBounds, epcis: geometry.epcis },
		// Committee decisions per commune code: outlined on the map, listed in the panel.
		decisions: Object.fromEntries(decisionsByCommune)
	};
};
