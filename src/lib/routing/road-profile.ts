/**
 * OpenStreetMap tags → a drivable way for a car: its speed and its direction. The rules follow the
 * Project OSRM car profile (`car.lua`), reduced to what a free-flow travel time needs:
 *
 * - kept: `highway` = motorway, trunk, primary, secondary, tertiary (and their `_link`),
 *   unclassified, residential, living_street, service;
 * - left out: access forbidden to cars (the most specific of `motorcar`, `motor_vehicle`,
 *   `vehicle`, `access` in no, private, agricultural, forestry, emergency, psv, customers,
 *   delivery — `destination` stays drivable), roads under construction or proposed
 *   (`construction=*`, `proposed=*`), `service=emergency_access`, `area=yes`, reversible one-ways;
 * - direction: `oneway` yes/true/1 (forward), -1/reverse (backward), no/false/0 (both); without the
 *   tag, motorways and roundabouts (`junction=roundabout|circular`) are one-way;
 * - speed: `maxspeed` when it reads as a number (km/h, mph) or a French zone (`FR:urban` 50,
 *   `FR:rural` 80, `FR:motorway` 130, `FR:zone30` 30, `FR:walk` 6), times the share actually driven
 *   (`maxspeedFactor`), never above the class default for links and local roads; otherwise the
 *   default speed of the class. Both are dated parameters (`routing.*` reference data).
 *
 * No turn restrictions, traffic signals or turn costs: the times are free-flow estimates, as INSEE
 * Metric and OSRM's table without traffic give.
 */
import type { TagReader } from './osm-pbf';

/** The `highway` values kept, fastest first. */
export const ROAD_CLASSES = [
	'motorway',
	'motorway_link',
	'trunk',
	'trunk_link',
	'primary',
	'primary_link',
	'secondary',
	'secondary_link',
	'tertiary',
	'tertiary_link',
	'unclassified',
	'residential',
	'living_street',
	'service'
] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];

const CLASS_INDEX = new Map<string, number>(ROAD_CLASSES.map((c, i) => [c, i]));

/** Speeds of the road profile (reference data `routing.*`). */
export interface RoadProfile {
	/** Default speed of each road class, km/h. */
	speedsKmh: Record<RoadClass, number>;
	/** Share of a tagged `maxspeed` actually driven (0–1]. */
	maxspeedFactor: number;
}

/** Values of `access` (and its vehicle variants) that close a way to cars. */
const FORBIDDEN = new Set(['no', 'private', 'agricultural', 'forestry', 'emergency', 'psv', 'customers', 'delivery', 'military', 'permit']);
const ACCESS_KEYS = ['motorcar', 'motor_vehicle', 'vehicle', 'access'] as const;
const ZONES: Record<string, number> = {
	'FR:urban': 50,
	'FR:rural': 80,
	'FR:motorway': 130,
	'FR:zone30': 30,
	'FR:zone20': 20,
	'FR:walk': 6,
	'FR:living_street': 20
};

/** Highest posted limit taken into account, km/h. */
export const MAX_POSTED_KMH = 130;

/** A drivable way: class index (in {@link ROAD_CLASSES}), speed (km/h) and direction. */
export interface DrivableWay {
	roadClass: number;
	speedKmh: number;
	/** 1: in the order of the nodes only; -1: against it only; 0: both ways. */
	oneway: 1 | -1 | 0;
}

/** Why a way with a `highway` tag was left out (counted in the report). */
export type Exclusion = 'not_drivable' | 'access' | 'construction' | 'reversible';

/** km/h of a `maxspeed` value, or null when it is not a speed (`none`, `signals`, unknown zone). */
export function parseMaxspeed(value: string | undefined): number | null {
	if (!value) return null;
	const first = value.split(';')[0].trim();
	if (first in ZONES) return ZONES[first];
	const m = /^(\d+(?:[.,]\d+)?)\s*(km\/h|kmh|kph|mph)?$/i.exec(first);
	if (!m) return null;
	const n = Number(m[1].replace(',', '.'));
	if (!(n > 0) || n > 250) return null;
	return m[2]?.toLowerCase() === 'mph' ? n * 1.609344 : n;
}

/** The way as a car may drive it, or why not. */
export function classifyWay(tags: TagReader, profile: RoadProfile): DrivableWay | Exclusion {
	const highway = tags.get('highway');
	const roadClass = highway === undefined ? undefined : CLASS_INDEX.get(highway);
	if (roadClass === undefined) return 'not_drivable';
	if (tags.get('area') === 'yes') return 'not_drivable';
	if (tags.get('service') === 'emergency_access') return 'access';
	for (const key of ACCESS_KEYS) {
		const v = tags.get(key);
		if (v === undefined) continue;
		if (FORBIDDEN.has(v)) return 'access';
		break; // the most specific tag present decides
	}
	if (tags.get('construction') !== undefined || tags.get('proposed') !== undefined) return 'construction';

	let oneway: 1 | -1 | 0 = 0;
	const tag = tags.get('oneway');
	if (tag === 'yes' || tag === 'true' || tag === '1') oneway = 1;
	else if (tag === '-1' || tag === 'reverse') oneway = -1;
	else if (tag === 'reversible' || tag === 'alternating') return 'reversible';
	else if (tag === undefined) {
		const junction = tags.get('junction');
		if (highway === 'motorway' || junction === 'roundabout' || junction === 'circular') oneway = 1;
	}

	const name = ROAD_CLASSES[roadClass];
	const base = profile.speedsKmh[name];
	const posted = parseMaxspeed(tags.get('maxspeed'));
	// 130 km/h is the highest limit in France: a larger sign value is a tagging error.
	let speed = posted === null ? base : Math.min(posted, MAX_POSTED_KMH) * profile.maxspeedFactor;
	// A link or a local road is never driven faster than its class default, whatever its sign says.
	if (posted !== null && (name.endsWith('_link') || roadClass >= CLASS_INDEX.get('unclassified')!)) speed = Math.min(speed, base);
	return { roadClass, speedKmh: Math.max(speed, 1), oneway };
}

/** The fastest speed the profile can give (km/h): bounds road times from below (band, tests). */
export function fastestSpeedKmh(profile: RoadProfile): number {
	return Math.max(...Object.values(profile.speedsKmh), MAX_POSTED_KMH * profile.maxspeedFactor);
}
