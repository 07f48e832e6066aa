/**
 * Key figures of the département for the overview page (« Vue d'ensemble »).
 * Every figure is described in « Comment les chiffres sont calculés » (route /aide): keep both in step.
 * Figures of the territory of work only: what lies in the border band (« hors département ») is
 * left out by the shared rule of `work-territory.ts`.
 */
import type { RowScope } from '$lib/domain/policy';
import { scopeCondition } from './funding';
import type { Kysely } from 'kysely';
import departements from '@etalab/decoupage-administratif/data/departements.json';
import type { Database } from './schema';
import { agrementsToRenew } from '$lib/domain/agrement-status';
import * as referenceParameters from './reference-parameters';
import { inForceOn } from './qpvs';
import { openOn } from './structures';
import { communeInTerritory, epciInTerritory, structureInTerritory, zoneInTerritory } from './work-territory';

export interface Departement {
	code: string;
	/** Official name (COG), the name stored in `app_meta.departement_name`, or null when unknown. */
	name: string | null;
}

export interface FundingByStatus {
	year: number;
	verse: number;
	notifie: number;
	previsionnel: number;
	total: number;
	/** Lines counted (all statuses). */
	lines: number;
}

export interface OverviewFigures {
	/** Départements of the loaded communes (normally one). */
	departements: Departement[];
	communes: number;
	/** Sum of the communes' populations (inhabitants); communes without population count 0. */
	population: number;
	/** Distinct census years of those populations, ascending. */
	populationYears: number[];
	communesWithoutPopulation: number;
	epci: number;
	qpv: number;
	/** Open centres sociaux and EVS on `today` (not closed on or before it). */
	cs: number;
	evs: number;
	/** Structures per 10,000 inhabitants, null when the population is 0. */
	csPer10k: number | null;
	evsPer10k: number | null;
	/** Granted agréments ending within `warningMonths` and not yet renewed (null: not for this reader). */
	agrementsToRenew: number | null;
	warningMonths: number;
	/** Director and référent familles posts vacant on `today`, in open structures (null: not for this reader). */
	vacantDirectors: number | null;
	vacantReferentsFamilles: number | null;
	/** Funding lines of the calendar year of `today`, by status (euros). */
	funding: FundingByStatus;
	partners: number;
}

/** Structures per 10,000 inhabitants; null when `population` is not positive. */
export function per10k(count: number, population: number): number | null {
	return population > 0 ? (count * 10_000) / population : null;
}

const COG_NAMES = new Map<string, string>(
	(departements as { code: string; nom: string }[]).map((d) => [d.code, d.nom])
);

async function count(db: Kysely<Database>, table: 'commune' | 'epci' | 'partner'): Promise<number> {
	const inside = table === 'commune' ? communeInTerritory('commune') : table === 'epci' ? epciInTerritory('epci') : null;
	let query = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
	if (inside) query = query.where(inside);
	const row = await query.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** The départements of the loaded communes with their names. */
export async function listDepartements(db: Kysely<Database>): Promise<Departement[]> {
	const [rows, stored] = await Promise.all([
		db.selectFrom('commune').select('departement_code').distinct().where(communeInTerritory('commune')).orderBy('departement_code').execute(),
		db.selectFrom('app_meta').select('value').where('key', '=', 'departement_name').executeTakeFirst()
	]);
	return rows.map((r) => ({
		code: r.departement_code,
		name: COG_NAMES.get(r.departement_code) ?? (rows.length === 1 ? (stored?.value ?? null) : null)
	}));
}

/** Funding lines of `year` summed by status (euros). */
/** Totals of the funding lines `scope` may see (a partner's or an observer's figures cover only those). */
export async function fundingByStatus(db: Kysely<Database>, year: number, scope: RowScope = { kind: 'all' }): Promise<FundingByStatus> {
	const rows = await db
		.selectFrom('funding_line as l')
		.innerJoin('structure as s', 's.id', 'l.structure_id')
		.select(['l.status as status', (eb) => eb.fn.sum<number>('l.amount').as('amount'), (eb) => eb.fn.countAll<number>().as('n')])
		.where('l.year', '=', year)
		.where(scopeCondition(scope, 'l'))
		.where(structureInTerritory('s'))
		.groupBy('l.status')
		.execute();
	const result: FundingByStatus = { year, verse: 0, notifie: 0, previsionnel: 0, total: 0, lines: 0 };
	for (const row of rows) {
		result[row.status] = Number(row.amount);
		result.total += Number(row.amount);
		result.lines += Number(row.n);
	}
	return result;
}

/**
 * Every key figure of the overview on `today` (`YYYY-MM-DD`, the French calendar day).
 * An empty database gives zeros and nulls, never an error.
 */
export async function keyFigures(
	db: Kysely<Database>,
	today: string,
	options: { warningMonths?: number; scope?: RowScope; agrements?: boolean } = {}
): Promise<OverviewFigures> {
	const withAgrements = options.agrements ?? true;
	const warningMonths = options.warningMonths ?? (await referenceParameters.renewalRules(db, today)).lead.months;
	const year = Number(today.slice(0, 4));
	const [departementList, communes, population, epci, qpv, structures, agrements, vacant, funding, partners] =
		await Promise.all([
			listDepartements(db),
			count(db, 'commune'),
			db
				.selectFrom('commune')
				.select([
					(eb) => eb.fn.coalesce(eb.fn.sum<number>('population'), eb.lit(0)).as('total'),
					(eb) => eb.fn.count<number>('code').filterWhere('population', 'is', null).as('missing')
				])
				.where(communeInTerritory('commune'))
				.executeTakeFirstOrThrow(),
			count(db, 'epci'),
			db
				.selectFrom('zone')
				.select((eb) => eb.fn.countAll<number>().as('n'))
				.where('kind', '=', 'qpv')
				.where(inForceOn(today))
				.where(zoneInTerritory('zone'))
				.executeTakeFirstOrThrow(),
			db
				.selectFrom('structure')
				.select(['type', (eb) => eb.fn.countAll<number>().as('n')])
				.where(openOn(today))
				.where(structureInTerritory('structure'))
				.groupBy('type')
				.execute(),
			!withAgrements
				? null
				: db
						.selectFrom('agrement')
						.innerJoin('structure', 'structure.id', 'agrement.structure_id')
						.select([
							'agrement.structure_id as structureId',
							'agrement.kind',
							'agrement.decision',
							'agrement.start_date as startDate',
							'agrement.end_date as endDate'
						])
						.where(openOn(today))
						.where(structureInTerritory('structure'))
						.execute(),
			!withAgrements
				? null
				: db
						.selectFrom('staff_post')
						.innerJoin('structure', 'structure.id', 'staff_post.structure_id')
						.select(['staff_post.kind', (eb) => eb.fn.countAll<number>().as('n')])
						.where('staff_post.kind', 'in', ['directeur', 'referent_familles'])
						.where('staff_post.vacant_from', '<=', today)
						.where((eb) => eb.or([eb('staff_post.vacant_until', 'is', null), eb('staff_post.vacant_until', '>=', today)]))
						.where(openOn(today))
						.where(structureInTerritory('structure'))
						.groupBy('staff_post.kind')
						.execute(),
			fundingByStatus(db, year, options.scope),
			count(db, 'partner')
		]);
	const years = await db
		.selectFrom('commune')
		.select('population_year')
		.distinct()
		.where('population_year', 'is not', null)
		.where(communeInTerritory('commune'))
		.orderBy('population_year')
		.execute();

	const totalPopulation = Number(population.total);
	const cs = Number(structures.find((s) => s.type === 'CS')?.n ?? 0);
	const evs = Number(structures.find((s) => s.type === 'EVS')?.n ?? 0);
	return {
		departements: departementList,
		communes,
		population: totalPopulation,
		populationYears: years.map((y) => Number(y.population_year)),
		communesWithoutPopulation: Number(population.missing),
		epci,
		qpv: Number(qpv.n),
		cs,
		evs,
		csPer10k: per10k(cs, totalPopulation),
		evsPer10k: per10k(evs, totalPopulation),
		agrementsToRenew: agrements ? agrementsToRenew(agrements, today, { warningMonths }).length : null,
		warningMonths,
		vacantDirectors: vacant ? Number(vacant.find((v) => v.kind === 'directeur')?.n ?? 0) : null,
		vacantReferentsFamilles: vacant ? Number(vacant.find((v) => v.kind === 'referent_familles')?.n ?? 0) : null,
		funding,
		partners
	};
}
