import type { Migration } from 'kysely/migration';
import * as m20261127T0200 from './2026-11-27T0200_create_domain';
import * as m20261127T0210 from './2026-11-27T0210_seed_national_rules';
import * as m20261127T0300 from './2026-11-27T0300_account_recovery';
import * as m20261127T0400 from './2026-11-27T0400_seed_analysis_parameters';
import * as m20261127T0500 from './2026-11-27T0500_pilotage';
import * as m20261127T0600 from './2026-11-27T0600_seed_funding_parameters';
import * as m20261127T0710 from './2026-11-27T0710_scenario';
import * as m20261127T0800 from './2026-11-27T0800_travel_time';
import * as m20261206T0100 from './2026-12-06T0100_login_throttle';
import * as m20261206T0300 from './2026-12-06T0300_reference_parameter_pending';
import * as m20261206T0310 from './2026-12-06T0310_agrement_rules';
import * as m20261206T0320 from './2026-12-06T0320_staff_post_dates';
import * as m20261206T0330 from './2026-12-06T0330_zone_generation';
import * as m20261206T0340 from './2026-12-06T0340_zonage_commune';
import * as m20261206T0350 from './2026-12-06T0350_regime_2025';
import * as m20261206T0360 from './2026-12-06T0360_evs_management_modes';
import * as m20261206T0370 from './2026-12-06T0370_criteria_wording';
import * as m20261206T0400 from './2026-12-06T0400_territory_of_work';
import * as m20261206T0500 from './2026-12-06T0500_observatory_sections';
import * as m20261206T0510 from './2026-12-06T0510_observatory_parameters';
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
	'2026-12-06T0100_login_throttle': m20261206T0100,
	'2026-12-06T0300_reference_parameter_pending': m20261206T0300,
	'2026-12-06T0310_agrement_rules': m20261206T0310,
	'2026-12-06T0320_staff_post_dates': m20261206T0320,
	'2026-12-06T0330_zone_generation': m20261206T0330,
	'2026-12-06T0340_zonage_commune': m20261206T0340,
	'2026-12-06T0350_regime_2025': m20261206T0350,
	'2026-12-06T0360_evs_management_modes': m20261206T0360,
	'2026-12-06T0370_criteria_wording': m20261206T0370,
	'2026-12-06T0400_territory_of_work': m20261206T0400,
	'2026-12-06T0500_observatory_sections': m20261206T0500,
	'2026-12-06T0510_observatory_parameters': m20261206T0510,
	'2026-12-06T0600_road_travel_times': m20261206T0600
};
