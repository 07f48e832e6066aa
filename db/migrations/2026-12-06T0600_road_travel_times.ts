// Frozen once landed: never edit, add a new dated migration instead.
// Road travel times (issue 16).
// - `travel_time` says where each time comes from: `source` (`osm:<extract date>`, `osrm:<url>`,
//   `import:<file>`) and `computed` (true for `maillage routes compute`). An imported row and a
//   computed row may both exist for a pair (the imported one wins when read); the primary key
//   gains `computed`. Destinations may now be poles (`destination_kind = 'pole'`). A computed
//   time may be 0 (a structure on the commune's own reference point).
// - `travel_time_source`: one row per source present, with what a reader must know: is it
//   complete (a missing pair means « beyond the cutoff », never an estimate), up to which cutoff,
//   from which file, and the counts of the computation.
// - The routing reference data (dated, `routing.*`): default speeds by road class, share of a
//   posted limit actually driven, access-leg speed, snapping distance; and the sources of the
//   minute thresholds seeded by 2026-11-27T0400.
import { sql, type Kysely } from 'kysely';

const VALID_FROM = '2012-01-01';
const REGIME = 'Paramètre départemental (valeur par défaut)';
const OSRM_SOURCE =
	'Project OSRM, profil voiture car.lua (vitesses par défaut par classe de route ; 4/5 de la vitesse limite signalée) — à confirmer par la CAF';

interface Row {
	key: string;
	value: unknown;
	unit: string | null;
	source: string;
	comment: string;
}

const ROWS: Row[] = [
	{
		key: 'routing.speed_kmh',
		value: {
			motorway: 90,
			motorway_link: 45,
			trunk: 85,
			trunk_link: 40,
			primary: 65,
			primary_link: 30,
			secondary: 55,
			secondary_link: 25,
			tertiary: 40,
			tertiary_link: 20,
			unclassified: 25,
			residential: 25,
			living_street: 10,
			service: 15
		},
		unit: 'km/h',
		source: OSRM_SOURCE,
		comment:
			'Vitesse de circulation par défaut de chaque classe de route OpenStreetMap (étiquette highway) sans vitesse limite renseignée. ' +
			'Pas de distinction urbain / rural : elle vient des limites signalées (maxspeed, FR:urban, FR:rural) quand OpenStreetMap les porte.'
	},
	{
		key: 'routing.maxspeed_factor',
		value: 0.8,
		unit: 'coefficient',
		source: OSRM_SOURCE,
		comment: 'Part de la vitesse limite signalée (maxspeed) effectivement roulée, en circulation fluide.'
	},
	{
		key: 'routing.access_speed_kmh',
		value: 20,
		unit: 'km/h',
		source: 'Source à compléter (choix de Maillage : vitesse lente du premier et du dernier tronçon, hors réseau routier)',
		comment: 'Vitesse du trajet à vol d’oiseau entre un point (centre de commune, structure, pôle) et la route la plus proche.'
	},
	{
		key: 'routing.snap_max_km',
		value: 2,
		unit: 'km',
		source: 'Source à compléter (choix de Maillage)',
		comment: 'Au-delà de cette distance de toute route, un point n’est pas raccordé au réseau : il est signalé et n’a pas de temps de trajet.'
	}
];

const MINUTE_SOURCES: Record<string, string> = {
	'analysis.radius_cs_minutes': 'Source à compléter (valeur par défaut de Maillage : 15 min ; le réseau France Services est pensé à 30 min)',
	'analysis.radius_evs_minutes': 'Source à compléter (valeur par défaut de Maillage : 10 min)',
	'analysis.isolation_minutes': 'Source à compléter (valeur par défaut de Maillage : 20 min)',
	'analysis.catchment_minutes': 'Source à compléter (valeur par défaut de Maillage : 30 min)'
};
const OLD_SOURCE = 'Maillage : valeur par défaut, à ajuster par la CAF dans le schéma directeur';

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('travel_time_source')
		.addColumn('source', 'text', (c) => c.primaryKey().check(sql`length(source) between 1 and 300`))
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('osm', 'osrm', 'import')`))
		.addColumn('complete', 'boolean', (c) => c.notNull())
		.addColumn('cutoff_minutes', 'double precision')
		.addColumn('file_name', 'text')
		.addColumn('file_sha256', 'text')
		.addColumn('extract_date', 'text')
		.addColumn('computed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
		.addColumn('pairs', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('details', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
		.execute();

	await db.schema.alterTable('travel_time').addColumn('source', 'text', (c) => c.notNull().defaultTo('import:matrice importée')).execute();
	await db.schema.alterTable('travel_time').addColumn('computed', 'boolean', (c) => c.notNull().defaultTo(false)).execute();
	await db.schema.alterTable('travel_time').dropConstraint('travel_time_pk').execute();
	await db.schema.alterTable('travel_time').addPrimaryKeyConstraint('travel_time_pk', ['origin_commune', 'destination_kind', 'destination', 'computed']).execute();
	await db.schema.alterTable('travel_time').dropConstraint('travel_time_destination_kind_check').execute();
	await db.schema.alterTable('travel_time').addCheckConstraint('travel_time_destination_kind_check', sql`destination_kind in ('commune', 'structure', 'pole')`).execute();
	await db.schema.alterTable('travel_time').dropConstraint('travel_time_minutes_check').execute();
	await db.schema.alterTable('travel_time').addCheckConstraint('travel_time_minutes_check', sql`minutes >= 0 and minutes < 'Infinity'::float8`).execute();
	// Rows imported before this migration: one source for them.
	const imported = await db.selectFrom('travel_time').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
	if (Number(imported.n) > 0) {
		await db
			.insertInto('travel_time_source')
			.values({ source: 'import:matrice importée', kind: 'import', complete: false, pairs: Number(imported.n), details: JSON.stringify({}) })
			.execute();
	}

	for (const { key, value, unit, source, comment } of ROWS) {
		const row = { key, valid_from: VALID_FROM, valid_until: null, value: JSON.stringify(value), unit, regime: REGIME, source, comment };
		await db.insertInto('reference_parameter').values(row).onConflict((oc) => oc.columns(['key', 'valid_from']).doNothing()).execute();
	}
	for (const [key, source] of Object.entries(MINUTE_SOURCES)) {
		// Only the seeded rows still carrying the seed's text: a CAF's own source is kept.
		await db.updateTable('reference_parameter').set({ source }).where('key', '=', key).where('valid_from', '=', VALID_FROM).where('source', '=', OLD_SOURCE).execute();
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const [key] of Object.entries(MINUTE_SOURCES)) {
		await db.updateTable('reference_parameter').set({ source: OLD_SOURCE }).where('key', '=', key).where('valid_from', '=', VALID_FROM).execute();
	}
	for (const row of ROWS) await db.deleteFrom('reference_parameter').where('key', '=', row.key).where('valid_from', '=', VALID_FROM).execute();
	await db.deleteFrom('travel_time').where((eb) => eb.or([eb('computed', '=', true), eb('destination_kind', '=', 'pole')])).execute();
	await db.schema.alterTable('travel_time').dropConstraint('travel_time_minutes_check').execute();
	await db.schema.alterTable('travel_time').addCheckConstraint('travel_time_minutes_check', sql`minutes > 0 and minutes < 'Infinity'::float8`).execute();
	await db.schema.alterTable('travel_time').dropConstraint('travel_time_destination_kind_check').execute();
	await db.schema.alterTable('travel_time').addCheckConstraint('travel_time_destination_kind_check', sql`destination_kind in ('commune', 'structure')`).execute();
	await db.schema.alterTable('travel_time').dropConstraint('travel_time_pk').execute();
	await db.schema.alterTable('travel_time').addPrimaryKeyConstraint('travel_time_pk', ['origin_commune', 'destination_kind', 'destination']).execute();
	await db.schema.alterTable('travel_time').dropColumn('computed').execute();
	await db.schema.alterTable('travel_time').dropColumn('source').execute();
	await db.schema.dropTable('travel_time_source').execute();
}
