/**
 * Committee meetings: dated snapshots of the figures shown (stored JSON, one set of figures per
 * audience, upgraded from older stored shapes when read: `$lib/pilotage/committee-snapshot`) and
 * the decision log (date, body, decision, communes and structures concerned), shown on structure
 * pages and on the map. Every write is audited.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';
import { withPilotage } from './pilotage-tables';
import { record, type AuditActor } from './audit';
import { createRow } from './changes';
import { upgradeSnapshot, type CommitteeSnapshotPayload } from '$lib/pilotage/committee-snapshot';
import type { DecisionFormValue } from '$lib/pilotage/decision-form';

export interface SnapshotInfo {
	id: number;
	takenOn: string;
	body: string;
	title: string;
	createdAt: string;
	createdBy: string;
}

const SNAPSHOT_INFO = ['id', 'taken_on as takenOn', 'body', 'title', 'created_at as createdAt', 'created_by as createdBy'] as const;

function toInfo(r: Omit<SnapshotInfo, 'createdAt'> & { createdAt: Date | string }): SnapshotInfo {
	return { ...r, createdAt: new Date(r.createdAt).toISOString() };
}

/** Every snapshot, the most recent meeting first. */
export async function listSnapshots(db: Kysely<Database>): Promise<SnapshotInfo[]> {
	const rows = await withPilotage(db)
		.selectFrom('committee_snapshot')
		.select(SNAPSHOT_INFO)
		.orderBy('taken_on', 'desc')
		.orderBy('id', 'desc')
		.execute();
	return rows.map(toInfo);
}

/**
 * One snapshot with its stored figures in the current shape (whatever version stored them), or null.
 * @throws SnapshotFormatError when the stored figures cannot be read
 */
export async function getSnapshot(db: Kysely<Database>, id: number): Promise<(SnapshotInfo & { payload: CommitteeSnapshotPayload }) | null> {
	const row = await withPilotage(db).selectFrom('committee_snapshot').select([...SNAPSHOT_INFO, 'figures']).where('id', '=', id).executeTakeFirst();
	if (!row) return null;
	const { figures, ...info } = row;
	return { ...toInfo(info), payload: upgradeSnapshot(typeof figures === 'string' ? JSON.parse(figures) : figures) };
}

/** Freezes `payload` (the figures of every audience) as the snapshot of a meeting; returns its id. */
export async function createSnapshot(
	db: Kysely<Database>,
	actor: AuditActor,
	input: { takenOn: string; body: string; title: string; payload: CommitteeSnapshotPayload }
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const row = await withPilotage(trx)
			.insertInto('committee_snapshot')
			.values({
				taken_on: input.takenOn,
				body: input.body,
				title: input.title,
				figures: JSON.stringify(input.payload),
				user_id: actor.userId,
				created_by: actor.label
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await record(trx, actor, {
			action: 'create',
			entity: 'committee_snapshot',
			entityId: row.id,
			after: { takenOn: input.takenOn, body: input.body, title: input.title, asOf: input.payload.asOf }
		});
		return row.id;
	});
}

/** Records a decision of an instance; returns its id. */
export async function createDecision(db: Kysely<Database>, actor: AuditActor, input: DecisionFormValue): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const row = await createRow(trx, actor, 'committee_decision', {
			decided_on: input.decidedOn,
			body: input.body,
			decision: input.decision,
			commune_codes: input.communeCodes,
			structure_ids: input.structureIds
		});
		return Number(row.id);
	});
}

export interface StructureDecision {
	id: number;
	decidedOn: string;
	body: string;
	decision: string;
}

/** Decisions concerning structure `structureId`, the most recent first. */
export async function decisionsForStructure(db: Kysely<Database>, structureId: number): Promise<StructureDecision[]> {
	return db
		.selectFrom('committee_decision')
		.select(['id', 'decided_on as decidedOn', 'body', 'decision'])
		.where(sql<boolean>`structure_ids @> ${JSON.stringify([structureId])}::jsonb`)
		.orderBy('decided_on', 'desc')
		.orderBy('id', 'desc')
		.execute();
}

/** Decisions naming at least one commune, for the map layer: commune code → decisions, most recent first. */
export async function decisionsByCommune(db: Kysely<Database>): Promise<Map<string, StructureDecision[]>> {
	const rows = await db
		.selectFrom('committee_decision')
		.select(['id', 'decided_on as decidedOn', 'body', 'decision', 'commune_codes'])
		.orderBy('decided_on', 'desc')
		.orderBy('id', 'desc')
		.execute();
	const out = new Map<string, StructureDecision[]>();
	for (const { commune_codes, ...d } of rows) {
		for (const code of Array.isArray(commune_codes) ? commune_codes.map(String) : []) {
			const list = out.get(code) ?? [];
			list.push(d);
			out.set(code, list);
		}
	}
	return out;
}
