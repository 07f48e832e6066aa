import type { Migration } from 'kysely/migration';
import * as m20261127T0200 from './2026-11-27T0200_create_domain';
import * as m20261127T0210 from './2026-11-27T0210_seed_national_rules';
import * as m20261127T0300 from './2026-11-27T0300_account_recovery';
import * as m20261127T0400 from './2026-11-27T0400_seed_analysis_parameters';
import * as m20261127T0500 from './2026-11-27T0500_pilotage';
import * as m20261127T0600 from './2026-11-27T0600_seed_funding_parameters';
import * as m20261127T0710 from './2026-11-27T0710_scenario';
import * as m20261127T0800 from './2026-11-27T0800_travel_time';
import * as m20261206T0600 from './2026-12-06T0600_road_travel_times';

/**
 * Every migration, by name, in the order they apply. A static list (not a folder scan) so the
 * same code runs under Vite (dev, build), tsx (CLI) and Vitest. Add new files here; never edit one.
 */
export const migrations: Record<string, Migration> = {
	'2026-11-27T0200_create_domain': m20261127T0200,
	'2026-11-27T0210_seed_national_rules': m20261127T0210,
	'2026-11-27T0300_account_recovery': m20261127T0300,
	'2026-11-27T0400_seed_analysis_parameters': m20261127T0400,
	'2026-11-27T0500_pilotage': m20261127T0500,
	'2026-11-27T0600_seed_funding_parameters': m20261127T0600,
	'2026-11-27T0710_scenario': m20261127T0710,
	'2026-11-27T0800_travel_time': m20261127T0800,
	'2026-12-06T0600_road_travel_times': m20261206T0600
};
