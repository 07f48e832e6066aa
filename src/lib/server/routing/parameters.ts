/**
 * The routing parameters in force at a date (`reference_parameter`, keys `routing.*`, seeded by
 * migration 2026-12-06T0600): speeds by road class, share of a posted limit driven, access-leg
 * speed, snapping distance. The cutoff of the computation is the largest minute threshold of the
 * coverage analysis in force (CS, EVS, isolation, 2SFCA catchment): every time an analysis may
 * compare is computed, none beyond.
 */
import type { Kysely } from 'kysely';
import { resolveCoverageOptions } from '$lib/analysis';
import { ROAD_CLASSES, type RoadClass, type RoadProfile } from '$lib/routing/road-profile';
import type { Database } from '../db/schema';
import { RejectedDataError } from '../errors';
import { loadCoverageParameters, parameterRowsInForce } from '../coverage/parameters';

export interface RoutingParameters {
	profile: RoadProfile;
	accessKmh: number;
	snapMaxKm: number;
	/** Largest minute threshold in force, minutes. */
	cutoffMinutes: number;
	/** Each parameter with its validity and source, for the report. */
	sources: { key: string; value: unknown; validFrom: string; source: string | null }[];
}

const positive = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;

/** @throws RejectedDataError (French) when a parameter is missing or unusable */
export async function loadRoutingParameters(db: Kysely<Database>, date: string): Promise<RoutingParameters> {
	const latest = await parameterRowsInForce(db, date, 'routing.');
	const read = (key: string, check: (v: unknown) => boolean, what: string): unknown => {
		const row = latest.get(key);
		if (!row) throw new RejectedDataError(`Paramètre de référence « ${key} » absent au ${date} : appliquez les migrations (maillage db migrate).`);
		if (!check(row.value)) throw new RejectedDataError(`Le paramètre « ${key} » en vigueur au ${row.valid_from} est inutilisable (${JSON.stringify(row.value)}) : ${what} est attendu.`);
		return row.value;
	};
	const speeds = read(
		'routing.speed_kmh',
		(v) => !!v && typeof v === 'object' && ROAD_CLASSES.every((c) => positive((v as Record<string, unknown>)[c])),
		`une vitesse positive pour chaque classe (${ROAD_CLASSES.join(', ')})`
	) as Record<RoadClass, number>;
	const maxspeedFactor = read('routing.maxspeed_factor', (v) => positive(v) && (v as number) <= 1, 'un coefficient entre 0 et 1') as number;
	const accessKmh = read('routing.access_speed_kmh', positive, 'une vitesse positive (km/h)') as number;
	const snapMaxKm = read('routing.snap_max_km', positive, 'une distance positive (km)') as number;
	const analysis = resolveCoverageOptions((await loadCoverageParameters(db, date)).options);
	const cutoffMinutes = Math.max(analysis.radiusCsMinutes, analysis.radiusEvsMinutes, analysis.isolationMinutes, analysis.catchmentMinutes);
	return {
		profile: { speedsKmh: { ...speeds }, maxspeedFactor },
		accessKmh,
		snapMaxKm,
		cutoffMinutes,
		sources: [...latest.values()].map((r) => ({ key: r.key, value: r.value, validFrom: r.valid_from, source: r.source }))
	};
}
