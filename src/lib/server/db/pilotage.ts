/**
 * Decisions of the schéma's committees (the accord-cadre lives in `accord-cadre.ts`, the schéma
 * directeur in `schema-directeur.ts`).
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export type CommitmentKind = Database['commitment']['kind'];

export interface CommitteeDecision {
	id: number;
	decidedOn: string;
	body: string;
	decision: string;
	communeCodes: string[];
	structureIds: number[];
	/** The communes concerned, with their names (null for a code not in the database). */
	communes: { code: string; name: string | null }[];
	/** The structures concerned that still exist, with their names. */
	structures: { id: number; name: string }[];
}

/** Decisions of the schéma's committees, the most recent first. */
export async function committeeDecisions(db: Kysely<Database>): Promise<CommitteeDecision[]> {
	const rows = await db.selectFrom('committee_decision').selectAll().orderBy('decided_on', 'desc').orderBy('id', 'desc').execute();
	const decisions = rows.map((r) => ({
		id: r.id,
		decidedOn: r.decided_on,
		body: r.body,
		decision: r.decision,
		communeCodes: Array.isArray(r.commune_codes) ? r.commune_codes.map(String) : [],
		structureIds: Array.isArray(r.structure_ids) ? r.structure_ids.map(Number).filter(Number.isSafeInteger) : []
	}));
	const codes = [...new Set(decisions.flatMap((d) => d.communeCodes))];
	const ids = [...new Set(decisions.flatMap((d) => d.structureIds))];
	const [communes, structures] = await Promise.all([
		codes.length ? db.selectFrom('commune').select(['code', 'name']).where('code', 'in', codes).execute() : [],
		ids.length ? db.selectFrom('structure').select(['id', 'name']).where('id', 'in', ids).execute() : []
	]);
	const communeName = new Map(communes.map((c) => [c.code, c.name]));
	const structureName = new Map(structures.map((s) => [s.id, s.name]));
	return decisions.map((d) => ({
		...d,
		communes: d.communeCodes.map((code) => ({ code, name: communeName.get(code) ?? null })),
		structures: d.structureIds
			.filter((id) => structureName.has(id))
			.map((id) => ({ id, name: structureName.get(id)! }))
	}));
}
