/**
 * Writes computed road times in one transaction: the previous computed rows (`computed = true`,
 * whatever their source) are replaced, imported rows are left alone (they win when read), and
 * `travel_time_source` names the new source. An interruption or a failure rolls everything back.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { ComputedTimes } from './compute';

/** Rows per INSERT (6 parameters each, far below PostgreSQL's 65,535). */
const BATCH = 2000;

/**
 * @param between awaited between batches (the CLI's checkpoint: Ctrl-C rolls back)
 * @returns rows written
 */
export async function writeComputedTimes(
	db: Kysely<Database>,
	times: ComputedTimes,
	between: (done: number, total: number) => Promise<void> = async () => {}
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		await trx.deleteFrom('travel_time').where('computed', '=', true).execute();
		await trx.deleteFrom('travel_time_source').where('kind', 'in', ['osm', 'osrm']).execute();
		await trx
			.insertInto('travel_time_source')
			.values({
				source: times.source,
				kind: times.kind,
				complete: true,
				cutoff_minutes: times.cutoffMinutes,
				file_name: times.fileName,
				file_sha256: times.fileSha256,
				extract_date: times.extractDate,
				pairs: times.rows.length,
				details: JSON.stringify(times.details)
			})
			.execute();
		const rows = times.rows;
		for (let start = 0; start < rows.length; start += BATCH) {
			const batch = rows.slice(start, start + BATCH);
			const values = sql.join(batch.map((r) => sql`(${r.origin}, ${r.destinationKind}, ${r.destination}, ${r.minutes}, ${times.source}, true)`));
			await sql`insert into travel_time (origin_commune, destination_kind, destination, minutes, source, computed) values ${values}`.execute(trx);
			await between(Math.min(rows.length, start + BATCH), rows.length);
		}
		return rows.length;
	});
}
