/** Shared fixtures of the routing tests: the speeds of the reference data (migration 2026-12-06T0600). */
import type { RoadProfile } from '$lib/routing/road-profile';

export const TEST_PROFILE: RoadProfile = {
	speedsKmh: {
		motorway: 90,
		motorway_link: 45,
		trunk: 85,
		trunk_link: 40,
		primary: 65,
		primary_link: 30,
		secondary: 55,
		secondary_link: 25,
		tertiary: 40,
		tertiary_link: 20,
		unclassified: 25,
		residential: 25,
		living_street: 10,
		service: 15
	},
	maxspeedFactor: 0.8
};
