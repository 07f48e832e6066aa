/** Dataset metadata: whether the database holds the fictional demo or real data (never both). */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export type DatasetKind = 'demo' | 'real';

export async function get(db: Kysely<Database>, key: string): Promise<string | null> {
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

export async function datasetKind(db: Kysely<Database>): Promise<DatasetKind | null> {
	return (await get(db, 'dataset')) as DatasetKind | null;
}

/** True when no territory of work, territory or structure has been loaded yet. */
export async function isEmpty(db: Kysely<Database>): Promise<boolean> {
	const [communes, structures, territory] = await Promise.all([
		db.selectFrom('commune').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
		db.selectFrom('structure').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
		// A territory of work set before any import already makes the database a real one.
		db.selectFrom('work_territory').select('id').executeTakeFirst()
	]);
	return Number(communes.n) === 0 && Number(structures.n) === 0 && territory === undefined && (await datasetKind(db)) === null;
}
