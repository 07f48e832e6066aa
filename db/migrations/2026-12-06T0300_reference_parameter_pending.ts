// Frozen once landed: never edit, add a new dated migration instead.
// Issue 13. (1) A rule may exist in a regime before its figure is public: `reference_parameter.value`
// becomes nullable, a null value meaning « à compléter » (every reader says so, none invents a
// figure). (2) Sources: the prestation de service rates were cited to circular 2012-013, which
// sets no rate; they now cite where the figures are stated, or say « source à compléter ».
// (3) House style of the Cnaf: « Caf », « Cnaf » in the texts shown beside every figure.
import { sql, type Kysely } from 'kysely';

const RATE_KEYS = ['ps_rate.animation_globale', 'ps_rate.animation_collective_familles', 'ps_rate.animation_locale'];

const BEFORE_2024 = {
	regime: 'Prestations de service Cnaf (taux antérieurs à 2024)',
	source:
		'Taux antérieurs à la revalorisation de 2024, cités lors des débats de l’Assemblée nationale ' +
		'(https://nosdeputes.fr/16/intervention/509450) ; texte Cnaf qui les fixe : source à compléter'
};
const FROM_2024 = {
	regime: 'Revalorisation 2024',
	source:
		'COG État–Cnaf 2023-2027 : taux portés à 42,4 % (AGC) et 63,6 % (ACF, animation locale) au 1er janvier 2024, ' +
		'cités lors des débats de l’Assemblée nationale (https://nosdeputes.fr/16/intervention/509450 ; ' +
		'https://2022.nosdeputes.fr/16/intervention/517060) ; décision Cnaf de revalorisation : source à compléter'
};
const OLD = {
	before: { regime: 'Circulaire CNAF n°2012-013', source: 'Circulaire CNAF n°2012-013 du 20 juin 2012 relative à l’animation de la vie sociale' },
	from2024: {
		regime: 'Revalorisation 2024',
		source: 'COG État–CNAF 2023-2027 et décision de revalorisation des prestations de service AVS au 1er janvier 2024'
	}
};

/** Texts of the reference data shown in the interface: « CNAF » → « Cnaf », « CAF » → « Caf ». */
async function restyle(db: Kysely<any>, from: [string, string], to: [string, string]): Promise<void> {
	for (const column of ['regime', 'source', 'comment']) {
		await sql`update reference_parameter set ${sql.ref(column)} = replace(replace(${sql.ref(column)}, ${from[0]}, ${to[0]}), ${from[1]}, ${to[1]})`.execute(db);
	}
}

/** The regime and source of the three PS rates in force from `validFrom`. */
async function setRateTexts(db: Kysely<any>, validFrom: string, texts: { regime: string; source: string }): Promise<void> {
	await db.updateTable('reference_parameter').set(texts).where('key', 'in', RATE_KEYS).where('valid_from', '=', validFrom).execute();
}

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('reference_parameter').alterColumn('value', (c) => c.dropNotNull()).execute();
	await setRateTexts(db, '2012-01-01', BEFORE_2024);
	await setRateTexts(db, '2024-01-01', FROM_2024);
	await restyle(db, ['CNAF', ' CAF'], ['Cnaf', ' Caf']);
}

export async function down(db: Kysely<any>): Promise<void> {
	await restyle(db, ['Cnaf', ' Caf'], ['CNAF', ' CAF']);
	await setRateTexts(db, '2012-01-01', OLD.before);
	await setRateTexts(db, '2024-01-01', OLD.from2024);
	await db.deleteFrom('reference_parameter').where('value', 'is', null).execute();
	await db.schema.alterTable('reference_parameter').alterColumn('value', (c) => c.setNotNull()).execute();
}
