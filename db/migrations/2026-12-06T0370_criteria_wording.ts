// Frozen once landed: never edit, add a new dated migration instead.
// Issue 13 §4: the seventh criterion of the projet social uses the circular's own words, « publics
// vulnérables » (circular n°2012-013: « des actions adaptées (intergénérationnelles, mixité,
// familles, publics vulnérables...) »), not « publics fragiles ». Only the 2012 list is reworded.
import type { Kysely } from 'kysely';

const KEY = 'agrement_criteria.projet_social';
const FROM = '2012-06-20';

async function reword(db: Kysely<any>, from: string, to: string): Promise<void> {
	const row = await db.selectFrom('reference_parameter').select('value').where('key', '=', KEY).where('valid_from', '=', FROM).executeTakeFirst();
	if (!row || row.value == null) return;
	const list: unknown = typeof row.value === 'string' ? JSON.parse(row.value) : row.value;
	if (!Array.isArray(list)) return;
	const next = list.map((c) => (typeof c === 'string' ? c.replace(from, to) : c));
	await db.updateTable('reference_parameter').set({ value: JSON.stringify(next) }).where('key', '=', KEY).where('valid_from', '=', FROM).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
	await reword(db, 'publics fragiles', 'publics vulnérables');
}

export async function down(db: Kysely<any>): Promise<void> {
	await reword(db, 'publics vulnérables', 'publics fragiles');
}
