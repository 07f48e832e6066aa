// Frozen once landed: never edit, add a new dated migration instead.
// Issue 15: the observatory record a SENACS correspondent can use.
//  - A structure carries an establishment suffix or internal number (`establishment`): one manager
//    runs several structures under one SIRET (multi-site), so the SIRET is no longer unique on its
//    own: SIRET + establishment is, and SIRET + establishment + agrément kind + year is the key of
//    the observatory record.
//  - The structure-year gets an `id` (so its edits go through the shared optimistic locking), the
//    sections SENACS asks as dated data (people reached by age band, users and adhérents,
//    governance, volunteer hours, collective agreement, SENACS answer) and charges and produits
//    recorded apart (`budget_total` keeps its meaning: the total of the charges).
//  - The multi-valued sections in child rows: activities by domain and public, partners by kind,
//    contracts by type. Saving any of them bumps the structure-year's version (one lock per form).
// What the database already holds is not duplicated: participation levels stay in
// `participation_count`, ETP by function is derived from the dated staff posts.
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

const COUNT_COLUMNS = [
	'volunteer_hours',
	'people_reached',
	'families_reached',
	'users_count',
	'members_count',
	'age_0_5',
	'age_6_11',
	'age_12_17',
	'age_18_25',
	'age_26_59',
	'age_60_plus',
	'board_inhabitants',
	'board_users',
	'board_partners',
	'board_meetings',
	'associations_hosted'
] as const;

const MONEY_COLUMNS = ['produits_total', 'produits_users', 'contributions_in_kind'] as const;

export async function up(db: Kysely<any>): Promise<void> {
	// Establishment: capitals and digits (`02`, `B`, `ETS3`), so the record key stays unambiguous.
	await db.schema.alterTable('structure').addColumn('establishment', 'text').execute();
	await db.schema
		.alterTable('structure')
		.addCheckConstraint('structure_establishment_ck', sql`establishment is null or establishment ~ '^[A-Z0-9]{1,12}$'`)
		.execute();
	// A SIRET shared by several structures (multi-site) is legitimate; SIRET + establishment is unique.
	await sql`alter table structure drop constraint structure_siret_key`.execute(db);
	await sql`create unique index structure_siret_establishment_uq on structure (siret, (coalesce(establishment, '')))`.execute(db);

	await db.schema.alterTable('structure_year').addColumn('id', 'serial', (c) => c.unique()).execute();
	let alter = db.schema.alterTable('structure_year') as any;
	for (const column of COUNT_COLUMNS) alter = alter.addColumn(column, 'integer');
	for (const column of MONEY_COLUMNS) alter = alter.addColumn(column, 'numeric(14, 2)');
	await alter
		.addColumn('collective_agreement', 'text')
		.addColumn('collective_agreement_other', 'text')
		.addColumn('senacs_answered', 'boolean')
		.addColumn('senacs_answered_on', 'date')
		.addColumn('comment', 'text')
		.execute();
	const nonNegative = [
		...COUNT_COLUMNS,
		...MONEY_COLUMNS,
		'staff_headcount',
		'staff_etp',
		'volunteers_activity',
		'volunteers_governance',
		'zone_population',
		'budget_total'
	];
	await db.schema
		.alterTable('structure_year')
		.addCheckConstraint('structure_year_non_negative_ck', sql.raw(nonNegative.map((c) => `(${c} is null or ${c} >= 0)`).join(' and ')))
		.execute();

	// The detail tables of a structure-year: their key columns (text) and their figures (never negative).
	const child = async (name: string, keys: string[], figures: Record<string, 'integer' | 'numeric(8, 2)'>) => {
		let table: CreateTableBuilder<string, string> = db.schema
			.createTable(name)
			.addColumn('structure_id', 'integer', (c) => c.notNull())
			.addColumn('year', 'integer', (c) => c.notNull())
			.addForeignKeyConstraint(`${name}_year_fk`, ['structure_id', 'year'], 'structure_year', ['structure_id', 'year'], (fk) => fk.onDelete('cascade'));
		for (const key of keys) table = table.addColumn(key, 'text', (c) => c.notNull());
		for (const [column, type] of Object.entries(figures)) table = table.addColumn(column, type, (c) => c.check(sql`${sql.ref(column)} >= 0`));
		await table.addPrimaryKeyConstraint(`${name}_pk`, ['structure_id', 'year', ...keys]).execute();
	};
	await child('structure_year_activity', ['domain', 'public'], { actions: 'integer', participants: 'integer' });
	await child('structure_year_partner', ['partner_kind'], { partners: 'integer', conventions: 'integer' });
	await child('structure_year_contract', ['contract_type'], { headcount: 'integer', etp: 'numeric(8, 2)' });
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of ['structure_year_contract', 'structure_year_partner', 'structure_year_activity']) await db.schema.dropTable(table).execute();
	await db.schema.alterTable('structure_year').dropConstraint('structure_year_non_negative_ck').execute();
	let alter = db.schema.alterTable('structure_year') as any;
	for (const column of [...COUNT_COLUMNS, ...MONEY_COLUMNS, 'collective_agreement', 'collective_agreement_other', 'senacs_answered', 'senacs_answered_on', 'comment', 'id']) {
		alter = alter.dropColumn(column);
	}
	await alter.execute();
	await db.schema.dropIndex('structure_siret_establishment_uq').execute();
	await sql`alter table structure add constraint structure_siret_key unique (siret)`.execute(db);
	await db.schema.alterTable('structure').dropConstraint('structure_establishment_ck').execute();
	await db.schema.alterTable('structure').dropColumn('establishment').execute();
}
