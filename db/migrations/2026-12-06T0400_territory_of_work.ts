// Frozen once landed: never edit, add a new dated migration instead.
// Issue 14, the territory of work of a real database:
// - `work_territory`: one row (id = 1) — the départements the CAF works on and the width of the
//   border band kept around them (km). No row: no territory (the demo, or a fresh database).
// - `territory.band_km`: the default band width, dated reference data (20 km, a departmental
//   choice: no national text sets it).
// - EPCI: whether it spans several départements, where its outline comes from (a file, or the
//   dissolve of its member communes) and whether that outline covers only the territory's part.
// - Activity poles: the definition each comes from (`pole_definition`, dated reference data:
//   a file, or an INSEE zoning with its vintage); the natural key gains the definition so a
//   commune may be the pole of a bassin de vie and of an aire d'attraction at once.
import { sql, type Kysely } from 'kysely';
import { deleteParameters, editable, insertParameters, type ParameterRow } from '../migration-helpers';

const BAND_KM: ParameterRow = {
	key: 'territory.band_km',
	valid_from: '2012-01-01',
	value: 20,
	unit: 'km',
	regime: 'Paramètre départemental (valeur par défaut)',
	source: 'Maillage : valeur par défaut, à ajuster par la CAF',
	comment:
		'Largeur de la bande frontalière gardée autour du territoire de travail : les structures, pôles et communes qui ' +
		's’y trouvent comptent pour les distances et la couverture, jamais dans les chiffres du département.'
};

export async function up(db: Kysely<any>): Promise<void> {
	await editable(
		db.schema
			.createTable('work_territory')
			.addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
			.addColumn('departement_codes', 'jsonb', (c) => c.notNull().check(sql`jsonb_typeof(departement_codes) = 'array' and jsonb_array_length(departement_codes) > 0`))
			.addColumn('band_km', 'double precision', (c) => c.notNull().check(sql`band_km >= 0 and band_km <= 100`))
	).execute();

	await insertParameters(db, [BAND_KM], { ifAbsent: true });

	await db.schema
		.alterTable('epci')
		.addColumn('interdepartemental', 'boolean', (c) => c.notNull().defaultTo(false))
		.execute();
	await db.schema
		.alterTable('epci')
		.addColumn('outline_source', 'text', (c) => c.check(sql`outline_source in ('fichier', 'communes')`))
		.execute();
	await db.schema
		.alterTable('epci')
		.addColumn('outline_partial', 'boolean', (c) => c.notNull().defaultTo(false))
		.execute();
	await sql`update epci set outline_source = 'fichier' where geometry is not null`.execute(db);

	await editable(
		db.schema
			.createTable('pole_definition')
			.addColumn('code', 'text', (c) => c.primaryKey())
			// « pôle de bassin de vie », « pôle d'aire d'attraction des villes », « fichier importé »
			.addColumn('label', 'text', (c) => c.notNull())
			.addColumn('producer', 'text')
			// « zonage 2012 » (bassins de vie 2012), « zonage 2020 » (aires d'attraction 2020)
			.addColumn('zoning', 'text')
			.addColumn('vintage', 'integer')
			.addColumn('valid_from', 'date', (c) => c.notNull())
			.addColumn('source', 'text')
			.addColumn('comment', 'text')
	).execute();
	await db
		.insertInto('pole_definition')
		.values({
			code: 'fichier',
			label: 'pôle importé par fichier',
			producer: null,
			zoning: null,
			vintage: null,
			valid_from: '2012-01-01',
			source: 'Fichier de pôles importé (maillage import poles)',
			comment: 'Pôles saisis par la CAF ou importés d’une liste (France services…).'
		})
		.execute();

	await db.schema
		.alterTable('activity_pole')
		.addColumn('definition_code', 'text', (c) => c.notNull().defaultTo('fichier').references('pole_definition.code'))
		.execute();
	await db.schema.alterTable('activity_pole').dropConstraint('activity_pole_uq').execute();
	await db.schema
		.alterTable('activity_pole')
		.addUniqueConstraint('activity_pole_definition_uq', ['commune_code', 'name', 'definition_code'])
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('activity_pole').dropConstraint('activity_pole_definition_uq').execute();
	await sql`delete from activity_pole where definition_code <> 'fichier'`.execute(db);
	await db.schema.alterTable('activity_pole').addUniqueConstraint('activity_pole_uq', ['commune_code', 'name']).execute();
	await db.schema.alterTable('activity_pole').dropColumn('definition_code').execute();
	await db.schema.dropTable('pole_definition').execute();
	await db.schema.alterTable('epci').dropColumn('outline_partial').execute();
	await db.schema.alterTable('epci').dropColumn('outline_source').execute();
	await db.schema.alterTable('epci').dropColumn('interdepartemental').execute();
	await deleteParameters(db, [BAND_KM]);
	await db.schema.dropTable('work_territory').execute();
}
