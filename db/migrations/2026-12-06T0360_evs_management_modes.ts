// Frozen once landed: never edit, add a new dated migration instead.
// Issue 13 §1.8: who may run an EVS. The circular n°2012-013 reserves it to « des associations
// locales qui veillent à l’implication et à la participation des usagers et habitants (dérogation
// possible à titre exceptionnel et provisoire) ». Stored as a dated rule (allowed management modes
// and the derogation), checked in the agrément assessment; the cadre of 18 December 2025 states
// its own from 1 January 2027, not public in the sources Maillage holds: pending (« à compléter »).
import type { Kysely } from 'kysely';
import { insertParameters, type ParameterRow } from '../migration-helpers';

const KEY = 'agrement.evs_modes_gestion';
const SOURCE_2025 =
	'Circulaire Cnaf du 18 décembre 2025 (cadre de référence de l’animation de la vie sociale), présentée par Maire-info ' +
	'(https://www.maire-info.com/social/la-cnaf-revoit-cadre-centres-sociaux-espaces-vie-sociale-article-30365) ; ' +
	'valeur non publiée dans ces sources : à compléter';

const ROWS: ParameterRow[] = [
	{
		key: KEY,
		valid_from: '2012-06-20',
		valid_until: null,
		value: { modes: ['association'], derogation: 'à titre exceptionnel et provisoire' },
		unit: 'modes de gestion',
		regime: 'Circulaire Cnaf n°2012-013',
		source:
			'Circulaire Cnaf n°2012-013 du 20 juin 2012 relative à l’animation de la vie sociale, espace de vie sociale, gestion : ' +
			'« par des associations locales qui veillent à l’implication et à la participation des usagers et habitants (dérogation possible à titre exceptionnel et provisoire) »',
		comment: 'Modes de gestion admis pour un espace de vie sociale ; un autre mode n’est admis que par dérogation motivée.'
	},
	{
		key: KEY,
		valid_from: '2027-01-01',
		valid_until: null,
		value: null,
		unit: 'modes de gestion',
		regime: 'Circulaire Cnaf du 18 décembre 2025',
		source: SOURCE_2025,
		comment: 'Modes de gestion admis pour un espace de vie sociale dans le nouveau cadre de référence : à compléter.'
	}
];

export async function up(db: Kysely<any>): Promise<void> {
	await insertParameters(db, ROWS, { ifAbsent: true });
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.deleteFrom('reference_parameter').where('key', '=', KEY).execute();
}
