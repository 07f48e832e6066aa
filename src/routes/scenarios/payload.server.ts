/**
 * What the scenario pages send to the browser so that it recomputes with the same engine: the
 * engine's inputs at the date (communes with their need indicators, structures with names, poles,
 * QPVs), the options in force, the parameters as text, and the outlines to draw.
 */
import type { Kysely } from 'kysely';
import { formatParameterRegime, formatParameterValue } from '$lib/server/coverage/summary-fr';
import { loadCoverageMapGeometry, type CoverageMapGeometry } from '$lib/server/coverage/map';
import type { Database } from '$lib/server/db/schema';
import * as scenarios from '$lib/server/db/scenarios';

import type { PlanningPayload } from './payload';

export type { PlanningPayload };

const SHOWN = new Set(['radiusCsKm', 'radiusEvsKm', 'isolationKm', 'catchmentKm', 'metric', 'radiusCsMinutes', 'radiusEvsMinutes']);

/** Loads the payload for `date` (`YYYY-MM-DD`). */
export async function loadPayload(db: Kysely<Database>, date: string): Promise<PlanningPayload> {
	const data = await scenarios.loadPlanningData(db, date);
	const { inputs } = data;
	const metric = data.options.metric ?? 'km';
	return {
		date,
		communes: inputs.communes,
		structures: inputs.structures.map((s) => ({
			id: s.id,
			name: s.name,
			type: s.type,
			lon: s.lon,
			lat: s.lat,
			communeCode: s.communeCode,
			zoneCommunes: s.zoneCommunes ?? null,
			agrementStart: s.agrementStart ?? null,
			agrementEnd: s.agrementEnd ?? null,
			renewalPendingUntil: s.renewalPendingUntil ?? null,
			manager: s.manager
		})),
		poles: inputs.poles.map((p) => ({ id: p.id, lon: p.lon, lat: p.lat, communeCode: p.communeCode ?? null })),
		qpvs: inputs.qpvs,
		renewalGrace: inputs.renewalGrace,
		travelTimes: inputs.travelTimes,
		travelTimesComplete: inputs.travelTimesComplete,
		options: data.options,
		parameters: data.sources
			.filter((s) => SHOWN.has(s.option) && (s.option === 'metric' || s.option.endsWith(metric === 'km' ? 'Km' : 'Minutes')))
			.map((s) => ({ label: s.label, value: formatParameterValue(s), regime: formatParameterRegime(s) }))
	};
}

/** Outlines for the editor map (communes and EPCI, without the QPV outlines). */
export async function loadGeometry(db: Kysely<Database>): Promise<Pick<CoverageMapGeometry, 'communes' | 'epcis' | 'bounds'>> {
	const { communes, epcis, bounds } = await loadCoverageMapGeometry(db);
	return { communes, epcis, bounds };
}
