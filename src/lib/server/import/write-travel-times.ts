/**
 * Stores imported travel times (`$lib/io/to-travel-times`). Each row's destination is resolved
 * before anything is written: the INSEE code of a commune of the database → that commune;
 * otherwise a structure, by the `id` of the structures file (`external_id`), its SIRET, or its
 * number in Maillage; a four-digit value that is neither a structure key but a commune once its
 * leading zero is restored → that commune (with a warning). An unknown destination, or a pair
 * named twice through two keys (an id and a SIRET of the same structure), refuses the whole file.
 * Natural key: origin + destination kind + destination among imported rows (`computed = false`;
 * rows computed by `maillage routes compute` are another layer, which imported rows win over);
 * `minutes` is updated only when it changes, so importing the same file twice reports everything
 * unchanged. Each row records its file (`source = import:<file>`). Never deletes rows.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { TravelTimeInput } from '../../io/to-travel-times';
import { issueError, issueWarning, type ImportIssue } from '../../io/issues';
import { countsOf, upsertRows, type UpsertCounts } from './upsert';

/** A row resolved to a stored destination. */
export interface TravelTimePlan {
	origin: string;
	destinationKind: 'commune' | 'structure';
	/** INSEE code, or the structure's id as text. */
	destination: string;
	minutes: number;
	line: number;
}

/**
 * Resolves every row's destination; returns the plans and the issues (errors: nothing may be
 * written unless the caller skips invalid rows; warnings: a restored leading zero).
 */
export async function planTravelTimes(
	db: Kysely<Database>,
	items: readonly TravelTimeInput[]
): Promise<{ plans: TravelTimePlan[]; issues: ImportIssue[]; errors: number }> {
	const stored = await db.selectFrom('structure').select(['id', 'external_id', 'siret']).execute();
	const byExternalId = new Map(stored.filter((s) => s.external_id).map((s) => [s.external_id!, s.id]));
	const bySiret = new Map(stored.filter((s) => s.siret).map((s) => [s.siret!, s.id]));
	const byId = new Set(stored.map((s) => s.id));
	const structureOf = (key: string): number | undefined => {
		const found = byExternalId.get(key) ?? bySiret.get(key);
		if (found !== undefined) return found;
		if (/^\d{1,9}$/.test(key) && byId.has(Number(key))) return Number(key);
		return undefined;
	};

	const plans: TravelTimePlan[] = [];
	const issues: ImportIssue[] = [];
	let errors = 0;
	const seen = new Map<string, number>();
	for (const item of items) {
		const at = { line: item.line, column: item.columns.destination };
		let kind: TravelTimePlan['destinationKind'];
		let destination: string;
		const structure = item.destinationCommune !== null && !item.destinationRestored ? undefined : structureOf(item.destination);
		if (item.destinationCommune !== null && !item.destinationRestored) {
			kind = 'commune';
			destination = item.destinationCommune;
		} else if (structure !== undefined) {
			kind = 'structure';
			destination = String(structure);
		} else if (item.destinationCommune !== null) {
			kind = 'commune';
			destination = item.destinationCommune;
			issues.push(issueWarning('insee-leading-zero-restored', at, { value: item.destination, code: destination }));
		} else {
			issues.push(issueError('travel-destination-unknown', at, { value: item.destination }));
			errors++;
			continue;
		}
		const key = `${item.origin}|${kind}|${destination}`;
		const first = seen.get(key);
		if (first !== undefined) {
			const label = kind === 'structure' ? `${item.origin} → structure n° ${destination}` : `${item.origin} → ${destination}`;
			issues.push(issueError('duplicate-key', at, { key: label, first }));
			errors++;
			continue;
		}
		seen.set(key, item.line);
		plans.push({ origin: item.origin, destinationKind: kind, destination, minutes: item.minutes, line: item.line });
	}
	return { plans, issues, errors };
}

/** The `source` of rows imported from a file. */
export function importSourceOf(fileName: string): string {
	return `import:${fileName}`.slice(0, 300);
}

/**
 * Upserts the plans (inside the import's transaction); returns inserted / updated / unchanged.
 * The sources table then lists every import file that still gives a time.
 */
export async function writeTravelTimes(
	db: Kysely<Database>,
	plans: readonly TravelTimePlan[],
	fileName: string,
	onBatch?: (done: number) => void
): Promise<UpsertCounts> {
	const source = importSourceOf(fileName);
	const result = await upsertRows(
		db,
		{
			table: 'travel_time',
			columns: ['origin_commune', 'destination_kind', 'destination', 'computed', 'minutes', 'source'],
			conflict: ['origin_commune', 'destination_kind', 'destination', 'computed'],
			versioned: false
		},
		plans.map((p) => [p.origin, p.destinationKind, p.destination, false, p.minutes, source]),
		onBatch
	);
	await refreshImportSources(db);
	return countsOf(result);
}

/** One `travel_time_source` row per import file still present in `travel_time`, with its count. */
export async function refreshImportSources(db: Kysely<Database>): Promise<void> {
	const counts = await db
		.selectFrom('travel_time')
		.select(['source', (eb) => eb.fn.countAll().as('n')])
		.where('computed', '=', false)
		.groupBy('source')
		.execute();
	await db.deleteFrom('travel_time_source').where('kind', '=', 'import').execute();
	if (counts.length === 0) return;
	await db
		.insertInto('travel_time_source')
		.values(
			counts.map((c) => ({
				source: c.source,
				kind: 'import' as const,
				complete: false,
				file_name: c.source.replace(/^import:/, ''),
				pairs: Number(c.n),
				details: JSON.stringify({})
			}))
		)
		.execute();
}
