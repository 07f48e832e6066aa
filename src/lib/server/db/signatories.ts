/** The partners who signed the accords-cadres and the schémas directeurs: one reader for both. */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Signatory } from '$lib/funding/alerts';
import type { Database } from './schema';

/** Where each kind of signed document keeps its signatories. */
const SIGNATORY_TABLES = {
	accord_cadre: { table: 'accord_cadre_signatory', document: 'accord_cadre_id' },
	schema_directeur: { table: 'schema_signatory', document: 'schema_id' }
} as const;

/** The signatories of each document `ids` of `kind` (every id present, maybe with none), by partner name. */
export async function signatoriesOf(
	db: Kysely<Database> | Transaction<Database>,
	kind: keyof typeof SIGNATORY_TABLES,
	ids: readonly number[]
): Promise<Map<number, Signatory[]>> {
	const byDocument = new Map<number, Signatory[]>(ids.map((id) => [id, []]));
	if (ids.length === 0) return byDocument;
	const { table, document } = SIGNATORY_TABLES[kind];
	const { rows } = await sql<Signatory & { documentId: number }>`
		select s.${sql.ref(document)} as "documentId", p.id, p.name, p.kind, p.territory_code as "territoryCode"
		from ${sql.table(table)} s join partner p on p.id = s.partner_id
		where s.${sql.ref(document)} in (${sql.join(ids)})
		order by p.name`.execute(db);
	for (const { documentId, ...signatory } of rows) byDocument.get(Number(documentId))?.push({ ...signatory, id: Number(signatory.id) });
	return byDocument;
}
