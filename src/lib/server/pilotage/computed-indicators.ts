/**
 * The computed indicators of the schéma directeur, year by year, from the engines themselves:
 * the coverage engine (`runCoverageAnalysis`, parameters and agréments in force at each date) and
 * the accord-cadre balances of the funding data. A year is measured on 31 December, the current
 * year on `today`; years after `today` are not computed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { structureInTerritory } from '../db/work-territory';
import { runCoverageAnalysis, type CoverageRun } from '../coverage';
import * as accordCadre from '../db/accord-cadre';
import type { Actor } from '$lib/domain/policy';
import {
	COMPUTATIONS,
	PRIORITY_CATEGORIES,
	accordCadreRealisation,
	coveredPercent,
	evsCreatedInPriority,
	inhabitantsDepourvus,
	structuresWithProjetFamilles,
	type ComputationKey,
	type EvsCreation,
	type FamiliesAgrement
} from '$lib/pilotage/computed-indicators';

/** Reads everything, as CAF staff do: the engines' figures are computed over all the data. */
export const ALL_DATA_READER: Actor = { id: 0, role: 'agent', partnerId: null };

/** A computed value of one year. */
export interface ComputedValue {
	year: number;
	/** null when the formula has nothing to measure (no population, no commitment…). */
	value: number | null;
	/** The date the value was measured at, `YYYY-MM-DD`. */
	date: string;
	source: string;
}

/** The measuring date of `year`: 31 December, or `today` for the current year; null for a future year. */
export function measureDate(year: number, today: string): string | null {
	const current = Number(today.slice(0, 4));
	if (year > current) return null;
	return year < current ? `${year}-12-31` : today;
}

/** Runs the coverage engine at most once per date. */
export class CoverageRuns {
	private runs = new Map<string, Promise<CoverageRun>>();
	constructor(private db: Kysely<Database>) {}
	at(date: string): Promise<CoverageRun> {
		let run = this.runs.get(date);
		if (!run) {
			run = runCoverageAnalysis(this.db, { date });
			this.runs.set(date, run);
		}
		return run;
	}
}

async function familiesAgrements(db: Kysely<Database>): Promise<FamiliesAgrement[]> {
	return db
		.selectFrom('agrement')
		.innerJoin('structure', 'structure.id', 'agrement.structure_id')
		.select([
			'agrement.structure_id as structureId',
			'structure.type as structureType',
			'agrement.kind',
			'agrement.decision',
			'agrement.start_date as startDate',
			'agrement.end_date as endDate',
			'structure.closed_on as closedOn'
		])
		.where(structureInTerritory('structure'))
		.execute();
}

async function evsCreations(db: Kysely<Database>): Promise<EvsCreation[]> {
	const [rows, zones] = await Promise.all([
		db
			.selectFrom('agrement')
			.innerJoin('structure', 'structure.id', 'agrement.structure_id')
			.select((eb) => ['structure.id as structureId', 'structure.commune_code as communeCode', eb.fn.min('agrement.start_date').as('firstStart')])
			.where('structure.type', '=', 'EVS')
			.where('agrement.kind', '=', 'animation_locale')
			.where('agrement.decision', '=', 'accorde')
			.where(structureInTerritory('structure'))
			.groupBy(['structure.id', 'structure.commune_code'])
			.execute(),
		db.selectFrom('structure_zone_commune').select(['structure_id', 'commune_code']).execute()
	]);
	return rows.map((r) => ({
		structureId: r.structureId,
		communeCode: r.communeCode,
		firstStart: String(r.firstStart),
		zoneCommunes: zones.filter((z) => z.structure_id === r.structureId).map((z) => z.commune_code)
	}));
}

/**
 * Values of `keys` for every year of `period` up to `today`. Keys Maillage does not know are
 * left out of the result.
 */
export async function computeIndicatorSeries(
	db: Kysely<Database>,
	period: { startYear: number; endYear: number },
	keys: readonly string[],
	today: string,
	runs: CoverageRuns = new CoverageRuns(db)
): Promise<Map<ComputationKey, ComputedValue[]>> {
	const wanted = [...new Set(keys)].filter((k): k is ComputationKey => Object.hasOwn(COMPUTATIONS, k));
	const out = new Map<ComputationKey, ComputedValue[]>();
	if (wanted.length === 0) return out;
	const years: { year: number; date: string }[] = [];
	for (let year = period.startYear; year <= period.endYear; year++) {
		const date = measureDate(year, today);
		if (date) years.push({ year, date });
	}
	const [families, creations, accords] = await Promise.all([
		wanted.includes('structures_avec_projet_familles') ? familiesAgrements(db) : Promise.resolve([]),
		wanted.includes('evs_crees_territoires_prioritaires') ? evsCreations(db) : Promise.resolve([]),
		wanted.includes('taux_realisation_accord_cadre') ? accordCadre.followUps(db, ALL_DATA_READER, Number(today.slice(0, 4))) : Promise.resolve([])
	]);
	let priority: Set<string> | null = null;
	if (wanted.includes('evs_crees_territoires_prioritaires')) {
		const baseline = await runs.at(`${period.startYear - 1}-12-31`);
		priority = new Set(baseline.report.communes.filter((c) => PRIORITY_CATEGORIES.includes(c.category)).map((c) => c.code));
	}
	for (const key of wanted) {
		const values: ComputedValue[] = [];
		for (const { year, date } of years) {
			let value: number | null;
			switch (key) {
				case 'part_population_couverte':
					value = coveredPercent((await runs.at(date)).report.summary);
					break;
				case 'habitants_territoires_depourvus':
					value = inhabitantsDepourvus((await runs.at(date)).report.summary);
					break;
				case 'evs_crees_territoires_prioritaires':
					value = evsCreatedInPriority(creations, priority!, `${period.startYear}-01-01`, date);
					break;
				case 'structures_avec_projet_familles':
					value = structuresWithProjetFamilles(families, date);
					break;
				case 'taux_realisation_accord_cadre': {
					// Payments of a year in progress are partial: only a closed year is measured.
					const accord = accords.find((a) => a.startYear <= year && year <= a.endYear);
					value = accord && date === `${year}-12-31` ? accordCadreRealisation(accord.balances, year) : null;
					break;
				}
			}
			values.push({ year, value, date, source: COMPUTATIONS[key].source });
		}
		out.set(key, values);
	}
	return out;
}
