// Frozen once landed: never edit, add a new dated migration instead.
// Issue 13: QPV contours were redrawn on 1 January 2024 (generation 2015 → 2024, codes `QP…` →
// `QN…`). Every zone carries its generation and validity dates; an analysis at a date uses the
// zones in force that day. Existing QPV rows get the generation their code says; a code of neither
// form keeps an unknown generation (null), which the interface reports. The generations themselves
// are dated reference data (`qpv.generations`).
import type { Kysely } from 'kysely';
import { addPeriodCheck, insertParameters } from '../migration-helpers';

const GENERATIONS = {
	'2015': { validFrom: '2015-01-01', validUntil: '2023-12-31', prefix: 'QP' },
	'2024': { validFrom: '2024-01-01', validUntil: null, prefix: 'QN' }
};

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('zone')
		.addColumn('generation', 'text')
		.addColumn('valid_from', 'date')
		.addColumn('valid_until', 'date')
		.execute();
	await addPeriodCheck(db, 'zone', 'zone_validity_ck', 'valid_from', 'valid_until');
	for (const [generation, g] of Object.entries(GENERATIONS)) {
		await db
			.updateTable('zone')
			.set({ generation, valid_from: g.validFrom, valid_until: g.validUntil })
			.where('kind', '=', 'qpv')
			.where('code', 'like', `${g.prefix}%`)
			.execute();
	}
	const value = {
		'2015': { validFrom: '2015-01-01', validUntil: '2023-12-31', codePrefix: 'QP' },
		'2024': { validFrom: '2024-01-01', validUntil: null, codePrefix: 'QN' }
	};
	await insertParameters(
		db,
		[
			{
				key: 'qpv.generations',
				valid_from: '2015-01-01',
				value,
				unit: null,
				regime: 'Politique de la ville',
				source:
					'Génération 2015 : décret n° 2014-1750 du 30 décembre 2014 (QPV métropolitains) ; génération 2024 : décret n° 2023-1314 ' +
					'du 28 décembre 2023 (QPV métropolitains), en vigueur le 1er janvier 2024 ; listes d’outre-mer : source à compléter',
				comment: 'Générations des contours des quartiers prioritaires : période de validité et préfixe des codes.'
			}
		],
		{ ifAbsent: true }
	);
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.deleteFrom('reference_parameter').where('key', '=', 'qpv.generations').execute();
	await db.schema.alterTable('zone').dropConstraint('zone_validity_ck').execute();
	await db.schema.alterTable('zone').dropColumn('generation').dropColumn('valid_from').dropColumn('valid_until').execute();
}
