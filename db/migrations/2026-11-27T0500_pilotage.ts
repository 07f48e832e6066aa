// Frozen once landed: never edit, add a new dated migration instead.
// Pilotage of the schéma directeur: documents attached to an agrément (stored in the database, so
// a backup holds them), dated snapshots of the figures shown to a committee, and the dated
// reference data the agrément follow-up reads (criteria lists of the circular, vacancy alert
// thresholds chosen by the département).
import { sql, type Kysely } from 'kysely';
import { CIRCULAR_2012, deleteParameters, DEPARTMENTAL_DEFAULT, insertParameters, SOURCE_CIRCULAR, SOURCE_DEFAULT, stampedBy, type ParameterRow } from '../migration-helpers';

const ROWS: ParameterRow[] = [
	{
		key: 'agrement_criteria.projet_social',
		valid_from: '2012-06-20',
		value: [
			'Démarche participative d’élaboration du projet',
			'Participation des habitants formalisée et gouvernance',
			'Pertinence des axes et objectifs au regard du diagnostic',
			'Cohérence du plan d’action avec les axes et objectifs',
			'Faisabilité : capacités technique, financière et budgétaire',
			'Accessibilité et fonction d’accueil effective',
			'Actions adaptées (intergénérationnel, mixité sociale, familles, publics fragiles)',
			'Pour un centre social : qualification (niveau 6, ex-niveau II) et temps plein du directeur'
		],
		unit: 'critères',
		regime: CIRCULAR_2012,
		source: SOURCE_CIRCULAR,
		comment: 'Les 8 critères d’appréciation d’un projet social.'
	},
	{
		key: 'agrement_criteria.projet_familles',
		valid_from: '2012-06-20',
		value: [
			'Cohérence entre les problématiques familiales relevées et les objectifs',
			'Démarche participative s’appuyant sur les compétences des parents et des enfants',
			'Articulation du projet familles avec le projet global',
			'Référent familles diplômé du travail social (niveau 5 au moins), au moins à mi-temps'
		],
		unit: 'critères',
		regime: CIRCULAR_2012,
		source: SOURCE_CIRCULAR,
		comment: 'Les 4 critères d’appréciation d’un projet familles.'
	},
	{
		key: 'pilotage.vacancy_alert_months',
		valid_from: '2012-01-01',
		value: 3,
		unit: 'mois',
		regime: DEPARTMENTAL_DEFAULT,
		source: SOURCE_DEFAULT,
		comment: 'Vacance d’un poste de direction ou de référent familles signalée en alerte à partir de cette durée.'
	},
	{
		key: 'pilotage.vacancy_critical_months',
		valid_from: '2012-01-01',
		value: 6,
		unit: 'mois',
		regime: DEPARTMENTAL_DEFAULT,
		source: SOURCE_DEFAULT,
		comment: 'Vacance jugée critique (maintien du financement à réexaminer) à partir de cette durée.'
	}
];

export async function up(db: Kysely<any>): Promise<void> {
	// Files attached to an agrément: projet social, conventions, board decisions (PDF or office).
	const documents = db.schema
		.createTable('agrement_document')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('agrement_id', 'integer', (c) => c.notNull().references('agrement.id').onDelete('cascade'))
		// projet_social | projet_familles | convention | deliberation | evaluation | autre
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('media_type', 'text', (c) => c.notNull())
		.addColumn('size_bytes', 'integer', (c) => c.notNull().check(sql`size_bytes > 0`))
		.addColumn('sha256', 'text', (c) => c.notNull())
		.addColumn('content', 'bytea', (c) => c.notNull());
	await stampedBy(documents, 'uploaded_at', 'uploaded_by').execute();
	await db.schema.createIndex('agrement_document_agrement_idx').on('agrement_document').column('agrement_id').execute();

	// The figures shown at a committee meeting, frozen as JSON so they can be shown again as they were.
	const snapshots = db.schema
		.createTable('committee_snapshot')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('taken_on', 'date', (c) => c.notNull())
		// comite_pilotage | comite_technique | conseil_administration_caf | autre
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('title', 'text', (c) => c.notNull())
		.addColumn('figures', 'jsonb', (c) => c.notNull());
	await stampedBy(snapshots, 'created_at', 'created_by').execute();
	await db.schema.createIndex('committee_snapshot_taken_idx').on('committee_snapshot').column('taken_on').execute();

	await insertParameters(db, ROWS, { ifAbsent: false });
}

export async function down(db: Kysely<any>): Promise<void> {
	await deleteParameters(db, ROWS);
	await db.schema.dropTable('committee_snapshot').execute();
	await db.schema.dropTable('agrement_document').execute();
}
