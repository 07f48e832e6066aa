/** Shared fixtures of the routing tests: the speeds of the reference data (migration 2026-12-06T0600). */
import { ROAD_CLASSES, type RoadClass, type RoadProfile } from '$lib/routing/road-profile';

/** km/h, in the order of `ROAD_CLASSES` (motorway, motorway_link, trunk, … living_street, service). */
const SPEEDS = [90, 45, 85, 40, 65, 30, 55, 25, 40, 20, 25, 25, 10, 15];

export const TEST_PROFILE: RoadProfile = {
	speedsKmh: Object.fromEntries(ROAD_CLASSES.map((c, i) => [c, SPEEDS[i]])) as Record<RoadClass, number>,
	maxspeedFactor: 0.8
};
