/**
 * Everything the coverage engine reads, loaded from the database for an analysis date:
 * communes (reference point, population, EPCI, need indicators), structures (with the dates of
 * the agrément that governs the date, and their zone de compétence), activity poles, QPVs.
 *
 * Which agrément: the structure's founding kind (AGC for a CS, animation locale for an EVS),
 * chosen by `foundingSituation` (running at the date, else the last ended, else the next; a
 * withdrawal ends it the day of its decision). An ended agrément whose renewal is being examined
 * keeps the structure counted until the decision, for at most the renewal grace period in force
 * at the date (`agrement.renewal_grace_months`): the engine receives `renewalPendingUntil`. A
 * structure with no such agrément at all is passed without dates (the engine counts it and flags
 * it); one whose agréments of that kind were all refused or are still being examined is left out
 * (`notAgreed`). A closing date ends the structure's period, grace included, the day before it.
 * The imported travel-time matrix comes with each row's destination kind (commune or structure).
 */
import type { Kysely } from 'kysely';
import type { CoverageCommune, CoveragePole, CoverageQpv, CoverageStructure, TravelTime } from '$lib/analysis';
import { referencePoint } from '$lib/analysis/reference-point';
import { effectiveEnd, mainAgrementKind, type AgrementDecision } from '$lib/domain/agrement-status';
import { foundingSituation, type FoundingState } from '$lib/domain/agrement-coverage';
import type { Database } from '../db/schema';
import * as referenceParameters from '../db/reference-parameters';
import * as qpvRepository from '../db/qpvs';
import { communeInTerritory, poleInTerritory, structureInTerritory } from '../db/work-territory';

/** A structure as the engine reads it, plus what the reasons and the map show. */
export type LoadedStructure = CoverageStructure & {
	id: number;
	name: string;
	communeCode: string;
	closedOn: string | null;
	/** The point is only approximate (e.g. the commune's reference point). */
	approximate: boolean;
	/** Where its founding agrément stands at the date (`renouvellement_en_cours` during the grace period). */
	foundingState: FoundingState;
	/** Who runs it (the distinct-manager rule of an EVS in a territory « à renforcer »). */
	manager: { name: string | null; siren: string | null };
	/** Of the border band (« hors département »): counts for distances, never in the figures. */
	outside: boolean;
};
/** A pole with its name, and the definition it comes from (a file, or an INSEE zoning). */
export type LoadedPole = CoveragePole & {
	id: number;
	name: string;
	kind: string;
	/** « pôle de bassin de vie, INSEE, zonage 2012 »; null for a pole imported by file. */
	definition: string | null;
	/** Of the border band (« hors département »). */
	outside: boolean;
};
/** A QPV with its name, every commune it spans, whether its population is known, and its generation. */
export type LoadedQpv = CoverageQpv & { name: string; communeCodes: string[]; populationKnown: boolean; generation: string | null };

/** The engine's input, with names, loaded for one date. */
export interface CoverageInputs {
	/** The analysis date the agréments were chosen for, `YYYY-MM-DD`. */
	date: string;
	communes: CoverageCommune[];
	structures: LoadedStructure[];
	poles: LoadedPole[];
	/** Null when no QPV is recorded (the QPV criterion is then not evaluated). */
	qpvs: LoadedQpv[] | null;
	/**
	 * The imported travel-time matrix (`travel_time`), each row with its `destinationKind`
	 * (a commune code, or a structure id as text); null when none is stored. The engine reads it
	 * with the `minutes` metric only; elsewhere minutes are estimated from distances.
	 */
	travelTimes: TravelTime[] | null;
	/** The sources of those times (`travel_time_source`), imported first. */
	travelTimeSources: TravelTimeSourceInfo[];
	/**
	 * Set when a complete source (road times computed by `maillage routes compute`) is stored: a
	 * pair without a time is then beyond its cutoff, never estimated.
	 */
	travelTimesComplete: { cutoffMinutes: number; source: string } | null;
	/** Structures whose founding agréments were all refused or are being examined: not counted. */
	notAgreed: { id: number; name: string; type: 'CS' | 'EVS' }[];
	/** Year of the need indicators used, per key (the latest year with a value in the département). */
	needYears: Record<string, number>;
	/** The renewal grace period in force at the date, months, and its regime. */
	renewalGrace: { months: number; regime: string };
}

const DAY_MS = 86_400_000;

/** The day before an ISO date. */
function dayBefore(iso: string): string {
	return new Date(Date.parse(`${iso}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/** Need indicators of every commune: the latest year of each key in the département. */
async function loadNeeds(db: Kysely<Database>): Promise<{ needs: Map<string, Record<string, number>>; years: Record<string, number> }> {
	const latest = await db
		.selectFrom('territorial_indicator')
		.select((eb) => ['key', eb.fn.max('year').as('year')])
		.where('territory_kind', '=', 'commune')
		.groupBy('key')
		.execute();
	const years: Record<string, number> = {};
	for (const row of latest) years[row.key] = Number(row.year);
	const needs = new Map<string, Record<string, number>>();
	if (latest.length === 0) return { needs, years };
	const rows = await db
		.selectFrom('territorial_indicator')
		.select(['territory_code', 'key', 'year', 'value'])
		.where('territory_kind', '=', 'commune')
		.where((eb) => eb.or(latest.map((l) => eb.and([eb('key', '=', l.key), eb('year', '=', Number(l.year))]))))
		.execute();
	for (const row of rows) {
		let values = needs.get(row.territory_code);
		if (!values) needs.set(row.territory_code, (values = {}));
		values[row.key] = Number(row.value);
	}
	return { needs, years };
}

async function loadCommunes(db: Kysely<Database>): Promise<{ communes: CoverageCommune[]; needYears: Record<string, number> }> {
	const [rows, { needs, years }] = await Promise.all([
		db
			.selectFrom('commune')
			.select(['code', 'name', 'population', 'ref_lon', 'ref_lat', 'epci_siren', communeInTerritory('commune').as('in_territory')])
			.orderBy('code')
			.execute(),
		loadNeeds(db)
	]);
	const communes = rows.map((r) => ({
		code: r.code,
		name: r.name,
		population: r.population ?? 0,
		lon: r.ref_lon,
		lat: r.ref_lat,
		epci: r.epci_siren,
		needs: needs.get(r.code) ?? null,
		outside: !r.in_territory
	}));
	return { communes, needYears: years };
}

async function loadStructures(
	db: Kysely<Database>,
	date: string,
	graceMonths: number
): Promise<{ structures: LoadedStructure[]; notAgreed: CoverageInputs['notAgreed'] }> {
	const [rows, agrements, zones] = await Promise.all([
		db
			.selectFrom('structure')
			.select(['id', 'name', 'type', 'commune_code', 'lon', 'lat', 'closed_on', 'location_approximate', 'manager_name', 'manager_siren', structureInTerritory('structure').as('in_territory')])
			.orderBy('id')
			.execute(),
		db
			.selectFrom('agrement')
			.select(['structure_id', 'kind', 'start_date as startDate', 'end_date as endDate', 'decision', 'decision_date as decisionDate'])
			.execute(),
		db.selectFrom('structure_zone_commune').select(['structure_id', 'commune_code']).orderBy('commune_code').execute()
	]);
	const agrementsOf = new Map<number, { kind: string; startDate: string; endDate: string; decision: AgrementDecision; decisionDate: string | null }[]>();
	for (const a of agrements) {
		const list = agrementsOf.get(a.structure_id);
		if (list) list.push(a);
		else agrementsOf.set(a.structure_id, [a]);
	}
	const zoneOf = new Map<number, string[]>();
	for (const z of zones) {
		const list = zoneOf.get(z.structure_id);
		if (list) list.push(z.commune_code);
		else zoneOf.set(z.structure_id, [z.commune_code]);
	}
	const structures: LoadedStructure[] = [];
	const notAgreed: CoverageInputs['notAgreed'] = [];
	for (const s of rows) {
		const founding = (agrementsOf.get(s.id) ?? []).filter((a) => a.kind === mainAgrementKind(s.type));
		const situation = foundingSituation(founding, date, graceMonths);
		const current = situation.agrement;
		if (situation.state === 'non_agree') {
			notAgreed.push({ id: s.id, name: s.name, type: s.type });
			continue;
		}
		let end = current ? effectiveEnd(current) : null;
		let pendingUntil = situation.graceUntil;
		if (s.closed_on) {
			const lastOpenDay = dayBefore(s.closed_on);
			if (end === null || lastOpenDay < end) end = lastOpenDay;
			if (pendingUntil !== null && lastOpenDay < pendingUntil) pendingUntil = lastOpenDay < end! ? null : lastOpenDay;
		}
		structures.push({
			id: s.id,
			name: s.name,
			type: s.type,
			lon: s.lon,
			lat: s.lat,
			communeCode: s.commune_code,
			zoneCommunes: zoneOf.get(s.id) ?? [],
			agrementStart: current?.startDate ?? null,
			agrementEnd: end,
			renewalPendingUntil: pendingUntil,
			closedOn: s.closed_on,
			approximate: s.location_approximate,
			foundingState: s.closed_on && s.closed_on <= date ? 'echu' : situation.state,
			manager: { name: s.manager_name, siren: s.manager_siren },
			outside: !s.in_territory
		});
	}
	return { structures, notAgreed };
}

async function loadPoles(db: Kysely<Database>): Promise<LoadedPole[]> {
	const rows = await db
		.selectFrom('activity_pole as p')
		.innerJoin('pole_definition as d', 'd.code', 'p.definition_code')
		.select(['p.id', 'p.name', 'p.type', 'p.commune_code', 'p.lon', 'p.lat', 'd.code as definition_code', 'd.label', 'd.producer', 'd.zoning', poleInTerritory('p').as('in_territory')])
		.orderBy('p.id')
		.execute();
	return rows.map((p) => ({
		id: p.id,
		name: p.name,
		kind: p.type,
		lon: p.lon,
		lat: p.lat,
		communeCode: p.commune_code,
		definition: p.definition_code === 'fichier' ? null : [p.label, p.producer, p.zoning].filter(Boolean).join(', '),
		outside: !p.in_territory
	}));
}

/**
 * The QPV in force on `date` (their generation), each with its contour: distances are measured
 * from it. A QPV without a point or a commune cannot be placed: it is left out rather than guessed.
 */
async function loadQpvs(db: Kysely<Database>, date: string): Promise<LoadedQpv[] | null> {
	const rows = await qpvRepository.listInForce(db, date);
	if (rows.length === 0) return null;
	const qpvs: LoadedQpv[] = [];
	for (const z of rows) {
		const polygonal = z.geometry && (z.geometry.type === 'Polygon' || z.geometry.type === 'MultiPolygon') ? z.geometry : null;
		let lon = z.refLon;
		let lat = z.refLat;
		if ((lon === null || lat === null) && polygonal) ({ lon, lat } = referencePoint(polygonal));
		const communeCode = z.communeCodes[0];
		if (lon === null || lat === null || !communeCode) continue;
		qpvs.push({
			code: z.code,
			name: z.name,
			lon,
			lat,
			communeCode,
			communeCodes: z.communeCodes,
			population: z.population ?? 0,
			populationKnown: z.population !== null,
			geometry: polygonal,
			generation: z.generation
		});
	}
	return qpvs;
}

/** A source of travel times, as results cite it. */
export interface TravelTimeSourceInfo {
	source: string;
	kind: 'osm' | 'osrm' | 'import';
	complete: boolean;
	cutoffMinutes: number | null;
	extractDate: string | null;
	fileName: string | null;
	computedAt: string;
	pairs: number;
}

/**
 * The stored travel times, one per pair: the imported row when there is one (the user's deliberate
 * data), else the computed one; each with its `source`. Null when empty.
 */
export async function loadTravelTimes(db: Kysely<Database>): Promise<TravelTime[] | null> {
	const rows = await db
		.selectFrom('travel_time')
		.select(['origin_commune', 'destination_kind', 'destination', 'minutes', 'source', 'computed'])
		.orderBy('origin_commune')
		.orderBy('destination_kind')
		.orderBy('destination')
		.orderBy('computed') // imported (false) first
		.execute();
	if (rows.length === 0) return null;
	const out: TravelTime[] = [];
	let previous = '';
	for (const r of rows) {
		const key = `${r.origin_commune}|${r.destination_kind}|${r.destination}`;
		if (key === previous) continue; // a computed row behind an imported one
		previous = key;
		// The kind keeps a structure's row off the pole with the same id (both are serials).
		out.push({ origin: r.origin_commune, destination: r.destination, destinationKind: r.destination_kind, minutes: Number(r.minutes), source: r.source });
	}
	return out;
}

/** The sources of the stored travel times, imported first, then by name. */
export async function loadTravelTimeSources(db: Kysely<Database>): Promise<TravelTimeSourceInfo[]> {
	const rows = await db.selectFrom('travel_time_source').selectAll().orderBy('kind', 'desc').orderBy('source').execute();
	return rows.map((r) => ({
		source: r.source,
		kind: r.kind,
		complete: r.complete,
		cutoffMinutes: r.cutoff_minutes === null ? null : Number(r.cutoff_minutes),
		extractDate: r.extract_date,
		fileName: r.file_name,
		computedAt: new Date(r.computed_at).toISOString(),
		pairs: Number(r.pairs)
	}));
}

/** The complete source among `sources` (at most one: a new computation replaces the previous). */
export function completeSourceOf(sources: readonly TravelTimeSourceInfo[]): { cutoffMinutes: number; source: string } | null {
	const s = sources.find((x) => x.complete && x.cutoffMinutes !== null);
	return s ? { cutoffMinutes: s.cutoffMinutes!, source: s.source } : null;
}

/** Loads the engine's input for an analysis on `date` (`YYYY-MM-DD`). */
export async function loadCoverageInputs(db: Kysely<Database>, date: string): Promise<CoverageInputs> {
	const grace = (await referenceParameters.renewalRules(db, date)).grace;
	const [{ communes, needYears }, { structures, notAgreed }, poles, qpvs, travelTimes, travelTimeSources] = await Promise.all([
		loadCommunes(db),
		loadStructures(db, date, grace.months),
		loadPoles(db),
		loadQpvs(db, date),
		loadTravelTimes(db),
		loadTravelTimeSources(db)
	]);
	const travelTimesComplete = travelTimes ? completeSourceOf(travelTimeSources) : null;
	return {
		date,
		communes,
		structures,
		poles,
		qpvs,
		travelTimes,
		travelTimeSources,
		travelTimesComplete,
		notAgreed,
		needYears,
		renewalGrace: { months: grace.months, regime: grace.regime }
	};
}
