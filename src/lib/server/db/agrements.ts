/**
 * Agréments of every structure and the director / référent familles posts vacant on a day.
 * The status of an agrément is computed by `$lib/domain/agrement-status`, not stored.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';
import type { AgrementDecision } from '$lib/domain/agrement-status';
import { openOn, vacantOn, type AgrementKind, type StaffPostKind, type StructureType } from './structures';

export interface AgrementListItem {
	id: number;
	structureId: number;
	structureName: string;
	structureType: StructureType;
	communeName: string | null;
	kind: AgrementKind;
	startDate: string;
	endDate: string;
	isFirst: boolean;
	decision: AgrementDecision;
	decisionDate: string | null;
	durationException: string | null;
	/** The structure closed on this date (null while open). */
	structureClosedOn: string | null;
}

export interface AgrementFilters {
	kind?: AgrementKind | null;
	structureType?: StructureType | null;
}

/** Every agrément, ordered by end date then structure name. */
export async function list(db: Kysely<Database>, filters: AgrementFilters = {}): Promise<AgrementListItem[]> {
	let query = db
		.selectFrom('agrement')
		.innerJoin('structure', 'structure.id', 'agrement.structure_id')
		.leftJoin('commune', 'commune.code', 'structure.commune_code')
		.select([
			'agrement.id',
			'agrement.structure_id as structureId',
			'structure.name as structureName',
			'structure.type as structureType',
			'commune.name as communeName',
			'agrement.kind',
			'agrement.start_date as startDate',
			'agrement.end_date as endDate',
			'agrement.is_first as isFirst',
			'agrement.decision',
			'agrement.decision_date as decisionDate',
			'agrement.duration_exception as durationException',
			'structure.closed_on as structureClosedOn'
		])
		.orderBy('agrement.end_date')
		.orderBy('structure.name')
		.orderBy('agrement.kind');
	if (filters.kind) query = query.where('agrement.kind', '=', filters.kind);
	if (filters.structureType) query = query.where('structure.type', '=', filters.structureType);
	return query.execute();
}

export interface VacantPost {
	id: number;
	structureId: number;
	structureName: string;
	structureType: StructureType;
	communeName: string | null;
	kind: StaffPostKind;
	etp: number;
	vacantFrom: string;
	/** Planned or recorded end of the vacancy, null when unknown. */
	vacantUntil: string | null;
}

/** Director and référent familles posts of open structures vacant on `today`, longest vacancy first. */
export async function vacantPosts(db: Kysely<Database>, today: string): Promise<VacantPost[]> {
	const rows = await db
		.selectFrom('staff_post')
		.innerJoin('structure', 'structure.id', 'staff_post.structure_id')
		.leftJoin('commune', 'commune.code', 'structure.commune_code')
		.select([
			'staff_post.id',
			'staff_post.structure_id as structureId',
			'structure.name as structureName',
			'structure.type as structureType',
			'commune.name as communeName',
			'staff_post.kind',
			'staff_post.etp',
			'staff_post.vacant_from as vacantFrom',
			'staff_post.vacant_until as vacantUntil'
		])
		.where('staff_post.kind', 'in', ['directeur', 'referent_familles'])
		.where(vacantOn(today))
		.where(openOn(today))
		.orderBy('staff_post.vacant_from')
		.orderBy('structure.name')
		.execute();
	return rows.map((r) => ({ ...r, vacantFrom: r.vacantFrom! }));
}
