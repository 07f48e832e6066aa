/**
 * Stores imported agréments (`$lib/io/to-agrements`): each row's `id_structure` is resolved to a
 * stored structure (its import `id`, else its SIRET) and its kind checked against the structure's
 * type (AGC/ACF for a centre social, AL for an EVS) before anything is written — any problem
 * refuses the whole file. Natural key: structure + kind + start date; a row is updated
 * (`version + 1`) only when a value really changes. Imports never delete agréments.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { AgrementInput } from '../../io/to-agrements';
import { issueError, type ImportIssue } from '../../io/issues';
import type { UpsertCounts } from './upsert';

export interface AgrementPlan {
	structureId: number;
	item: AgrementInput;
}

const ALLOWED: Record<'CS' | 'EVS', readonly string[]> = {
	CS: ['animation_globale', 'animation_collective_familles'],
	EVS: ['animation_locale']
};

/** Resolves every row to a structure; returns the plans, or the issues found (then nothing may be written). */
export async function planAgrements(db: Kysely<Database>, items: readonly AgrementInput[]): Promise<{ plans: AgrementPlan[]; issues: ImportIssue[] }> {
	const stored = await db.selectFrom('structure').select(['id', 'external_id', 'siret', 'type', 'name']).execute();
	const byExternalId = new Map(stored.filter((s) => s.external_id).map((s) => [s.external_id!, s]));
	const bySiret = new Map(stored.filter((s) => s.siret).map((s) => [s.siret!, s]));
	const plans: AgrementPlan[] = [];
	const issues: ImportIssue[] = [];
	for (const item of items) {
		const at = { line: item.line, column: item.structureColumn };
		const structure = byExternalId.get(item.structureKey) ?? bySiret.get(item.structureKey);
		if (!structure) {
			issues.push(issueError('agrement-structure-unknown', at, { value: item.structureKey }));
			continue;
		}
		if (!ALLOWED[structure.type].includes(item.kind)) {
			issues.push(issueError('agrement-kind-mismatch', at, { structureType: structure.type, name: structure.name, kind: item.kind }));
			continue;
		}
		plans.push({ structureId: structure.id, item });
	}
	return { plans, issues };
}

/** Writes the plans (inside the import's transaction); returns inserted / updated / unchanged. */
export async function applyAgrementPlans(db: Kysely<Database>, plans: readonly AgrementPlan[], onBatch?: (done: number) => void): Promise<UpsertCounts> {
	const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
	let done = 0;
	for (const { structureId, item } of plans) {
		const values = { end_date: item.endDate, is_first: item.isFirst, decision: item.decision, decision_date: item.decisionDate };
		const existing = await db
			.selectFrom('agrement')
			.select(['id', 'end_date', 'is_first', 'decision', 'decision_date'])
			.where('structure_id', '=', structureId)
			.where('kind', '=', item.kind)
			.where('start_date', '=', item.startDate)
			.orderBy('id')
			.executeTakeFirst();
		if (!existing) {
			await db
				.insertInto('agrement')
				.values({ structure_id: structureId, kind: item.kind, start_date: item.startDate, ...values })
				.execute();
			counts.inserted++;
		} else if (
			existing.end_date !== values.end_date ||
			existing.is_first !== values.is_first ||
			existing.decision !== values.decision ||
			existing.decision_date !== values.decision_date
		) {
			await db
				.updateTable('agrement')
				.set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
				.where('id', '=', existing.id)
				.execute();
			counts.updated++;
		} else counts.unchanged++;
		if (++done % 100 === 0) onBatch?.(done);
	}
	onBatch?.(done);
	return counts;
}
