/**
 * The dated reference parameters (`reference_parameter`) as the pure rule modules read them
 * (`$lib/domain/dated-parameter`), and the rules every agrément view needs at a date. A null value
 * is a pending figure (« à compléter ») and is returned as such.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DatedParameter } from '$lib/domain/dated-parameter';
import { renewalRulesOn, type RenewalRules } from '$lib/pilotage/renewal-rules';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** Rows whose key starts with one of `prefixes` (every row when empty), by key then start. */
export async function list(db: Db, prefixes: readonly string[] = []): Promise<(DatedParameter & { id: number; unit: string | null; comment: string | null; version: number })[]> {
	let q = db
		.selectFrom('reference_parameter')
		.select(['id', 'key', 'valid_from as validFrom', 'valid_until as validUntil', 'value', 'unit', 'regime', 'source', 'comment', 'version'])
		.orderBy('key')
		.orderBy('valid_from');
	if (prefixes.length > 0) q = q.where((eb) => eb.or(prefixes.map((p) => eb('key', 'like', `${p.replace(/[%_\\]/g, (c) => `\\${c}`)}%`))));
	return (await q.execute()).map((r) => ({ ...r, value: r.value ?? null, version: Number(r.version) }));
}

/** The renewal lead time and grace period in force on `date`. */
export async function renewalRules(db: Db, date: string): Promise<RenewalRules> {
	return renewalRulesOn(await list(db, ['agrement.renewal_']), date);
}
