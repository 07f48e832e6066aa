// Frozen once landed: never edit, add a new dated migration instead.
import { sql, type Kysely } from 'kysely';
import { editable, stampedBy } from '../migration-helpers';

export async function up(db: Kysely<any>): Promise<void> {
	// --- Dataset metadata (demo vs real data must never mix) -------------------------------
	await db.schema
		.createTable('app_meta')
		.addColumn('key', 'text', (c) => c.primaryKey())
		.addColumn('value', 'text', (c) => c.notNull())
		.execute();

	// --- Territories ------------------------------------------------------------------------
	await editable(
		db.schema
			.createTable('epci')
			.addColumn('siren', 'text', (c) => c.primaryKey())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('nature', 'text')
			.addColumn('geometry', 'jsonb')
			.addColumn('display_geometry', 'jsonb')
	).execute();

	await editable(
		db.schema
			.createTable('commune')
			.addColumn('code', 'text', (c) => c.primaryKey())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('departement_code', 'text', (c) => c.notNull())
			.addColumn('epci_siren', 'text', (c) => c.references('epci.siren').onDelete('set null'))
			.addColumn('population', 'integer')
			.addColumn('population_year', 'integer')
			.addColumn('area_km2', 'double precision')
			.addColumn('geometry', 'jsonb')
			.addColumn('display_geometry', 'jsonb')
			.addColumn('ref_lon', 'double precision', (c) => c.notNull())
			.addColumn('ref_lat', 'double precision', (c) => c.notNull())
			// centroid | point_on_surface | supplied
			.addColumn('ref_point_source', 'text', (c) => c.notNull().defaultTo('centroid'))
			.addColumn('urban', 'boolean')
	).execute();
	await db.schema.createIndex('commune_epci_idx').on('commune').column('epci_siren').execute();

	// QPV and IRIS: infra-communal zones.
	await editable(
		db.schema
			.createTable('zone')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('qpv', 'iris')`))
			.addColumn('code', 'text', (c) => c.notNull())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('commune_codes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
			.addColumn('population', 'integer')
			.addColumn('geometry', 'jsonb')
			.addColumn('display_geometry', 'jsonb')
			.addColumn('ref_lon', 'double precision')
			.addColumn('ref_lat', 'double precision')
			.addUniqueConstraint('zone_kind_code_uq', ['kind', 'code'])
	).execute();

	// Dated indicators for any territory level (commune, epci, qpv, iris, departement).
	await db.schema
		.createTable('territorial_indicator')
		.addColumn('id', 'serial', (c) => c.primaryKey())
		.addColumn('territory_kind', 'text', (c) => c.notNull())
		.addColumn('territory_code', 'text', (c) => c.notNull())
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('key', 'text', (c) => c.notNull())
		.addColumn('value', 'double precision', (c) => c.notNull())
		.addColumn('source', 'text')
		.addUniqueConstraint('territorial_indicator_uq', ['territory_kind', 'territory_code', 'year', 'key'])
		.execute();

	await editable(
		db.schema
			.createTable('activity_pole')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('commune_code', 'text', (c) => c.notNull())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('type', 'text', (c) => c.notNull())
			.addColumn('lon', 'double precision', (c) => c.notNull())
			.addColumn('lat', 'double precision', (c) => c.notNull())
			.addColumn('location_approximate', 'boolean', (c) => c.notNull().defaultTo(false))
			.addUniqueConstraint('activity_pole_uq', ['commune_code', 'name'])
	).execute();

	// --- Structures ---------------------------------------------------------------------------
	await editable(
		db.schema
			.createTable('structure')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('external_id', 'text', (c) => c.unique())
			.addColumn('siret', 'text', (c) => c.unique())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('CS', 'EVS')`))
			.addColumn('commune_code', 'text', (c) => c.notNull())
			.addColumn('address', 'text')
			.addColumn('lon', 'double precision', (c) => c.notNull())
			.addColumn('lat', 'double precision', (c) => c.notNull())
			.addColumn('location_approximate', 'boolean', (c) => c.notNull().defaultTo(false))
			.addColumn('manager_name', 'text')
			.addColumn('manager_siren', 'text')
			// association | commune | ccas_cias | intercommunalite | caf_gestion_directe | spl | autre
			.addColumn('management_mode', 'text')
			.addColumn('first_agrement_date', 'date')
			.addColumn('projet_familles', 'boolean', (c) => c.notNull().defaultTo(false))
			.addColumn('federation_member', 'boolean')
			// urbain | rural | mixte
			.addColumn('territory_type', 'text')
			// quartier | commune | plusieurs_communes ...
			.addColumn('territory_size', 'text')
			.addColumn('specificities', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
			.addColumn('closed_on', 'date')
	).execute();

	// Zone de compétence: the communes a structure serves.
	await db.schema
		.createTable('structure_zone_commune')
		.addColumn('structure_id', 'integer', (c) => c.notNull().references('structure.id').onDelete('cascade'))
		.addColumn('commune_code', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('structure_zone_commune_pk', ['structure_id', 'commune_code'])
		.execute();

	await editable(
		db.schema
			.createTable('agrement')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('structure_id', 'integer', (c) => c.notNull().references('structure.id').onDelete('cascade'))
			// animation_globale | animation_collective_familles | animation_locale
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('start_date', 'date', (c) => c.notNull())
			.addColumn('end_date', 'date', (c) => c.notNull())
			.addColumn('is_first', 'boolean', (c) => c.notNull().defaultTo(false))
			// en_instruction | accorde | refuse
			.addColumn('decision', 'text', (c) => c.notNull().defaultTo('accorde'))
			.addColumn('decision_date', 'date')
			.addColumn('duration_exception', 'text')
			.addColumn('comment', 'text')
	).execute();
	await db.schema.createIndex('agrement_structure_idx').on('agrement').column('structure_id').execute();

	// Assessment of the 8 projet social criteria and the 4 projet familles criteria.
	await db.schema
		.createTable('agrement_criterion')
		.addColumn('agrement_id', 'integer', (c) => c.notNull().references('agrement.id').onDelete('cascade'))
		.addColumn('framework', 'text', (c) => c.notNull().check(sql`framework in ('projet_social', 'projet_familles')`))
		.addColumn('criterion', 'integer', (c) => c.notNull())
		// satisfait | partiel | insuffisant | non_evalue
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('comment', 'text')
		.addPrimaryKeyConstraint('agrement_criterion_pk', ['agrement_id', 'framework', 'criterion'])
		.execute();

	await editable(
		db.schema
			.createTable('staff_post')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('structure_id', 'integer', (c) => c.notNull().references('structure.id').onDelete('cascade'))
			// directeur | referent_familles | autre
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('etp', 'double precision', (c) => c.notNull())
			.addColumn('qualification_level', 'integer')
			.addColumn('vacant_from', 'date')
			.addColumn('vacant_until', 'date')
	).execute();

	// The circular's five participation levels, counted per structure and year.
	await db.schema
		.createTable('participation_count')
		.addColumn('structure_id', 'integer', (c) => c.notNull().references('structure.id').onDelete('cascade'))
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('level', 'integer', (c) => c.notNull().check(sql`level between 1 and 5`))
		.addColumn('count', 'integer', (c) => c.notNull())
		.addPrimaryKeyConstraint('participation_count_pk', ['structure_id', 'year', 'level'])
		.execute();

	// Yearly activity figures the observatory asks for.
	await editable(
		db.schema
			.createTable('structure_year')
			.addColumn('structure_id', 'integer', (c) => c.notNull().references('structure.id').onDelete('cascade'))
			.addColumn('year', 'integer', (c) => c.notNull())
			.addColumn('staff_headcount', 'integer')
			.addColumn('staff_etp', 'double precision')
			.addColumn('volunteers_activity', 'integer')
			.addColumn('volunteers_governance', 'integer')
			.addColumn('zone_population', 'integer')
			.addColumn('budget_total', 'numeric(14, 2)')
			.addColumn('project_axes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
			.addPrimaryKeyConstraint('structure_year_pk', ['structure_id', 'year'])
	).execute();

	// --- Funding ------------------------------------------------------------------------------
	await editable(
		db.schema
			.createTable('partner')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('code', 'text', (c) => c.notNull().unique())
			.addColumn('name', 'text', (c) => c.notNull())
			// caf | departement | commune | epci | msa | etat | region | carsat | federation | autre
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('territory_code', 'text')
	).execute();

	await editable(
		db.schema
			.createTable('funding_instrument')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('code', 'text', (c) => c.notNull().unique())
			.addColumn('label', 'text', (c) => c.notNull())
			// prestation_service | subvention | poste | investissement | autre
			.addColumn('family', 'text', (c) => c.notNull())
			.addColumn('partner_kind', 'text')
			.addColumn('valid_from', 'date')
			.addColumn('valid_until', 'date')
	).execute();

	await editable(
		db.schema
			.createTable('funding_line')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('structure_id', 'integer', (c) => c.notNull().references('structure.id').onDelete('cascade'))
			.addColumn('partner_id', 'integer', (c) => c.notNull().references('partner.id'))
			.addColumn('instrument_id', 'integer', (c) => c.notNull().references('funding_instrument.id'))
			.addColumn('year', 'integer', (c) => c.notNull())
			.addColumn('amount', 'numeric(14, 2)', (c) => c.notNull())
			.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('previsionnel', 'notifie', 'verse')`))
			.addColumn('comment', 'text')
			.addColumn('published', 'boolean', (c) => c.notNull().defaultTo(false))
			.addUniqueConstraint('funding_line_uq', ['structure_id', 'partner_id', 'instrument_id', 'year'])
	).execute();
	await db.schema.createIndex('funding_line_year_idx').on('funding_line').column('year').execute();

	// Expenses eligible to a prestation de service (PS = rate × min(expenses, ceiling)).
	await editable(
		db.schema
			.createTable('eligible_expense')
			.addColumn('structure_id', 'integer', (c) => c.notNull().references('structure.id').onDelete('cascade'))
			.addColumn('instrument_id', 'integer', (c) => c.notNull().references('funding_instrument.id'))
			.addColumn('year', 'integer', (c) => c.notNull())
			.addColumn('amount', 'numeric(14, 2)', (c) => c.notNull())
			.addPrimaryKeyConstraint('eligible_expense_pk', ['structure_id', 'instrument_id', 'year'])
	).execute();

	// Dated reference parameters: PS rates and ceilings, durations, analysis thresholds...
	await editable(
		db.schema
			.createTable('reference_parameter')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('key', 'text', (c) => c.notNull())
			.addColumn('valid_from', 'date', (c) => c.notNull())
			.addColumn('valid_until', 'date')
			.addColumn('value', 'jsonb', (c) => c.notNull())
			.addColumn('unit', 'text')
			// the regime a figure belongs to, shown beside results (e.g. "Circulaire CNAF 2012-013")
			.addColumn('regime', 'text', (c) => c.notNull())
			.addColumn('source', 'text')
			.addColumn('comment', 'text')
			.addUniqueConstraint('reference_parameter_uq', ['key', 'valid_from'])
	).execute();

	// --- Accord-cadre -------------------------------------------------------------------------
	await editable(
		db.schema
			.createTable('accord_cadre')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('start_year', 'integer', (c) => c.notNull())
			.addColumn('end_year', 'integer', (c) => c.notNull())
			.addColumn('signed_on', 'date')
	).execute();
	await db.schema
		.createTable('accord_cadre_signatory')
		.addColumn('accord_cadre_id', 'integer', (c) => c.notNull().references('accord_cadre.id').onDelete('cascade'))
		.addColumn('partner_id', 'integer', (c) => c.notNull().references('partner.id'))
		.addPrimaryKeyConstraint('accord_cadre_signatory_pk', ['accord_cadre_id', 'partner_id'])
		.execute();
	await editable(
		db.schema
			.createTable('commitment')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('accord_cadre_id', 'integer', (c) => c.notNull().references('accord_cadre.id').onDelete('cascade'))
			.addColumn('partner_id', 'integer', (c) => c.notNull().references('partner.id'))
			.addColumn('year', 'integer', (c) => c.notNull())
			// montant | structures_financees | creations_prioritaires
			.addColumn('kind', 'text', (c) => c.notNull())
			.addColumn('value', 'numeric(14, 2)', (c) => c.notNull())
			.addColumn('epci_siren', 'text')
			.addColumn('instrument_id', 'integer', (c) => c.references('funding_instrument.id'))
			.addColumn('published', 'boolean', (c) => c.notNull().defaultTo(false))
			.addColumn('comment', 'text')
	).execute();

	// --- Schéma directeur ---------------------------------------------------------------------
	await editable(
		db.schema
			.createTable('schema_directeur')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('start_year', 'integer', (c) => c.notNull())
			.addColumn('end_year', 'integer', (c) => c.notNull())
			.addColumn('adopted_on', 'date')
	).execute();
	await db.schema
		.createTable('schema_signatory')
		.addColumn('schema_id', 'integer', (c) => c.notNull().references('schema_directeur.id').onDelete('cascade'))
		.addColumn('partner_id', 'integer', (c) => c.notNull().references('partner.id'))
		.addPrimaryKeyConstraint('schema_signatory_pk', ['schema_id', 'partner_id'])
		.execute();
	await editable(
		db.schema
			.createTable('orientation')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('schema_id', 'integer', (c) => c.notNull().references('schema_directeur.id').onDelete('cascade'))
			.addColumn('position', 'integer', (c) => c.notNull())
			.addColumn('title', 'text', (c) => c.notNull())
	).execute();
	await editable(
		db.schema
			.createTable('objective')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('orientation_id', 'integer', (c) => c.notNull().references('orientation.id').onDelete('cascade'))
			.addColumn('position', 'integer', (c) => c.notNull())
			.addColumn('title', 'text', (c) => c.notNull())
			.addColumn('description', 'text')
	).execute();
	await editable(
		db.schema
			.createTable('indicator')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('objective_id', 'integer', (c) => c.notNull().references('objective.id').onDelete('cascade'))
			.addColumn('label', 'text', (c) => c.notNull())
			.addColumn('unit', 'text', (c) => c.notNull())
			// null: entered by hand; otherwise the key of a computed indicator
			.addColumn('computation', 'text')
			.addColumn('baseline_year', 'integer')
			.addColumn('baseline_value', 'double precision')
			.addColumn('higher_is_better', 'boolean', (c) => c.notNull().defaultTo(true))
			.addColumn('source', 'text')
			.addColumn('published', 'boolean', (c) => c.notNull().defaultTo(false))
	).execute();
	await db.schema
		.createTable('indicator_target')
		.addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('target', 'double precision', (c) => c.notNull())
		.addPrimaryKeyConstraint('indicator_target_pk', ['indicator_id', 'year'])
		.execute();
	await db.schema
		.createTable('indicator_value')
		.addColumn('indicator_id', 'integer', (c) => c.notNull().references('indicator.id').onDelete('cascade'))
		.addColumn('year', 'integer', (c) => c.notNull())
		.addColumn('value', 'double precision', (c) => c.notNull())
		.addColumn('source', 'text')
		.addPrimaryKeyConstraint('indicator_value_pk', ['indicator_id', 'year'])
		.execute();

	// Decisions taken by the schéma's committees.
	await editable(
		db.schema
			.createTable('committee_decision')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('decided_on', 'date', (c) => c.notNull())
			// comite_pilotage | comite_technique | conseil_administration_caf | autre
			.addColumn('body', 'text', (c) => c.notNull())
			.addColumn('decision', 'text', (c) => c.notNull())
			.addColumn('commune_codes', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
			.addColumn('structure_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
	).execute();

	// --- Users, sessions, traceability ----------------------------------------------------------
	await editable(
		db.schema
			.createTable('app_user')
			.addColumn('id', 'serial', (c) => c.primaryKey())
			.addColumn('email', 'text', (c) => c.notNull().unique())
			.addColumn('display_name', 'text', (c) => c.notNull())
			.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'agent', 'partenaire', 'observateur')`))
			.addColumn('partner_id', 'integer', (c) => c.references('partner.id'))
			.addColumn('password_hash', 'text', (c) => c.notNull())
			.addColumn('active', 'boolean', (c) => c.notNull().defaultTo(true))
			.addColumn('password_changed_at', 'timestamptz')
	).execute();
	await db.schema
		.createTable('user_session')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
		.addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('last_seen_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('expires_at', 'timestamptz', (c) => c.notNull())
		.execute();

	await stampedBy(db.schema.createTable('import_log').addColumn('id', 'serial', (c) => c.primaryKey()), 'at', 'actor')
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('file_name', 'text', (c) => c.notNull())
		.addColumn('file_hash', 'text', (c) => c.notNull())
		// accepted | rejected | partial
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('counts', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.addColumn('issues', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
		.execute();

	await stampedBy(db.schema.createTable('audit_log').addColumn('id', 'bigserial', (c) => c.primaryKey()), 'at', 'actor')
		// create | update | delete | import
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('entity', 'text', (c) => c.notNull())
		.addColumn('entity_id', 'text')
		.addColumn('before', 'jsonb')
		.addColumn('after', 'jsonb')
		.addColumn('import_log_id', 'integer', (c) => c.references('import_log.id'))
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'audit_log',
		'import_log',
		'user_session',
		'app_user',
		'committee_decision',
		'indicator_value',
		'indicator_target',
		'indicator',
		'objective',
		'orientation',
		'schema_signatory',
		'schema_directeur',
		'commitment',
		'accord_cadre_signatory',
		'accord_cadre',
		'reference_parameter',
		'eligible_expense',
		'funding_line',
		'funding_instrument',
		'partner',
		'structure_year',
		'participation_count',
		'staff_post',
		'agrement_criterion',
		'agrement',
		'structure_zone_commune',
		'structure',
		'activity_pole',
		'territorial_indicator',
		'zone',
		'commune',
		'epci',
		'app_meta'
	]) {
		await db.schema.dropTable(table).execute();
	}
}
