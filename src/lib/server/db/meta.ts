/**
 * Dataset metadata: whether the database holds the fictional demo or real data (never both), and
 * whether it is still pristine (the only state the demo may be loaded into).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';

export type DatasetKind = 'demo' | 'real';

export async function get(db: Kysely<Database> | Transaction<Database>, key: string): Promise<string | null> {
	const row = await db.selectFrom('app_meta').select('value').where('key', '=', key).executeTakeFirst();
	return row?.value ?? null;
}

export async function set(db: Kysely<Database>, key: string, value: string): Promise<void> {
	await db
		.insertInto('app_meta')
		.values({ key, value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value }))
		.execute();
}

export async function datasetKind(db: Kysely<Database> | Transaction<Database>): Promise<DatasetKind | null> {
	return (await get(db, 'dataset')) as DatasetKind | null;
}

type Db = Kysely<Database> | Transaction<Database>;

async function hasRows(db: Db, table: 'app_user' | 'import_log' | 'commune' | 'structure'): Promise<boolean> {
	const row = await db.selectFrom(table).select(sql<number>`1`.as('one')).limit(1).executeTakeFirst();
	return row !== undefined;
}

const DATASET_PRESENT: Record<DatasetKind, string> = { demo: 'le jeu de démonstration', real: 'des données réelles' };

/**
 * What makes a database « in use »: each check answers, in French, what it found (null: nothing).
 * The reference data that migrations seed (national rules, parameters) do not count. The one list
 * to extend when a new kind of content appears (for example the territory of work).
 */
const IN_USE_CHECKS: ((db: Db) => Promise<string | null>)[] = [
	async (db) => (await hasRows(db, 'app_user') ? 'des comptes utilisateurs' : null),
	async (db) => (await hasRows(db, 'import_log') ? 'des imports journalisés' : null),
	async (db) => {
		const kind = await datasetKind(db);
		return kind === null ? null : (DATASET_PRESENT[kind] ?? `un jeu de données « ${kind} »`);
	},
	async (db) => (await hasRows(db, 'commune') ? 'des communes' : null),
	async (db) => (await hasRows(db, 'structure') ? 'des structures' : null),
	// A territory of work set before any import already makes the database a real one.
	async (db) => ((await db.selectFrom('work_territory').select('id').executeTakeFirst()) ? 'un territoire de travail' : null)
];

/**
 * What the database already holds, in French (« des comptes utilisateurs », …); empty for a
 * pristine database — the only kind into which the fictional demo, with its public password, may
 * be loaded (by the app at start, `db seed-demo` or `seedDemo`).
 */
export async function inUseReasons(db: Db): Promise<string[]> {
	const found = await Promise.all(IN_USE_CHECKS.map((check) => check(db)));
	return found.filter((what): what is string => what !== null);
}

/** True when nothing but what the migrations seed is in the database (see `inUseReasons`). */
export async function isPristine(db: Db): Promise<boolean> {
	return (await inUseReasons(db)).length === 0;
}
