/** Placeholder replaced by the demo generator work: writes the fictional département. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import * as meta from '../db/meta';

export async function seedDemo(db: Kysely<Database>): Promise<void> {
	await meta.set(db, 'dataset', 'demo');
}
