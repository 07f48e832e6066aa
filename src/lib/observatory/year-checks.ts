/**
 * Consistency checks of one structure-year's entered data: ETP and headcount (and their detail by
 * contract), volunteer hours and volunteers, age bands and people reached, produits and charges,
 * recorded funding and produits. The same function runs on the import (its problems are warnings
 * of the import report: the file is written, the correspondent corrects), on the staff form (shown
 * after saving) and in the observatory export's checks. `erreur`: two figures contradict each
 * other; `avertissement`: to verify. Thresholds are dated parameters (`observatory.*`). Pure.
 */
import { euros, fr, percent } from './format-fr';
import type { ObservatoryThresholds } from './lists';
import type { StructureYearData, YearFieldKey } from './year-fields';

export type CheckSeverity = 'erreur' | 'avertissement';

export const YEAR_CHECK_CODES = {
	'etp-superieur-effectif': { severity: 'erreur', label: 'ETP supérieur à l’effectif salarié' },
	'contrats-effectif': { severity: 'avertissement', label: 'Salariés par contrat différents de l’effectif' },
	'contrats-etp': { severity: 'avertissement', label: 'ETP par contrat différents des ETP salariés' },
	'heures-sans-benevoles': { severity: 'erreur', label: 'Heures de bénévolat sans bénévole' },
	'heures-par-benevole': { severity: 'avertissement', label: 'Heures de bénévolat invraisemblables' },
	'benevoles-sans-heures': { severity: 'avertissement', label: 'Bénévoles sans heures de bénévolat' },
	'tranches-age-superieures': { severity: 'erreur', label: 'Tranches d’âge supérieures au total des personnes touchées' },
	'tranches-age-incompletes': { severity: 'avertissement', label: 'Tranches d’âge inférieures au total des personnes touchées' },
	'familles-superieures-personnes': { severity: 'erreur', label: 'Plus de familles que de personnes touchées' },
	'participants-superieurs-personnes': { severity: 'avertissement', label: 'Participants d’une activité supérieurs aux personnes touchées' },
	'charges-manquantes': { severity: 'erreur', label: 'Total des charges manquant' },
	'produits-manquants': { severity: 'erreur', label: 'Total des produits manquant' },
	'resultat-ecart': { severity: 'avertissement', label: 'Déficit ou excédent important' },
	'financements-superieurs-produits': { severity: 'erreur', label: 'Financements enregistrés supérieurs aux produits' },
	'usagers-superieurs-produits': { severity: 'erreur', label: 'Participation des usagers supérieure aux produits' },
	'reponse-senacs-date': { severity: 'avertissement', label: 'Date de réponse à SENACS incohérente' },
	'convention-autre-sans-nom': { severity: 'avertissement', label: 'Convention collective « autre » sans nom' }
} as const satisfies Record<string, { severity: CheckSeverity; label: string }>;

export type YearCheckCode = keyof typeof YEAR_CHECK_CODES;

export interface YearCheck {
	code: YearCheckCode;
	severity: CheckSeverity;
	/** The field to correct (a detail section for the contracts). */
	field: YearFieldKey | 'contrats' | 'activites';
	/** French sentence, without the structure's name. */
	message: string;
}

const AGE_KEYS = ['personnes_0_5', 'personnes_6_11', 'personnes_12_17', 'personnes_18_25', 'personnes_26_59', 'personnes_60_plus'] as const;

/**
 * The checks of `data`. `operatingFunding` is the recorded operating funding of the year (euros),
 * when known, to compare with the produits.
 */
export function checkYearData(data: StructureYearData, options: { thresholds: ObservatoryThresholds; operatingFunding?: number | null }): YearCheck[] {
	const out: YearCheck[] = [];
	const v = data.values;
	const num = (key: YearFieldKey): number | null => (typeof v[key] === 'number' ? (v[key] as number) : null);
	const add = (code: YearCheckCode, field: YearCheck['field'], message: string) => out.push({ code, severity: YEAR_CHECK_CODES[code].severity, field, message });
	const year = data.year;
	const { thresholds } = options;

	// Jobs: ETP against headcount, and the detail by contract against both.
	const headcount = num('salaries');
	const etp = num('etp');
	if (etp !== null && headcount !== null && etp > headcount) add('etp-superieur-effectif', 'etp', `${fr(etp)} ETP pour ${fr(headcount, 0)} salariés : un salarié compte au plus pour 1 ETP.`);
	const contractHeads = data.contracts.filter((c) => c.headcount !== null);
	if (headcount !== null && contractHeads.length > 0) {
		const total = contractHeads.reduce((s, c) => s + (c.headcount ?? 0), 0);
		if (total !== headcount) add('contrats-effectif', 'contrats', `les salariés par type de contrat totalisent ${fr(total, 0)}, l’effectif salarié est de ${fr(headcount, 0)}.`);
	}
	const contractEtp = data.contracts.filter((c) => c.etp !== null);
	if (etp !== null && contractEtp.length > 0 && thresholds.etpTolerance !== null) {
		const total = Math.round(contractEtp.reduce((s, c) => s + (c.etp ?? 0), 0) * 100) / 100;
		if (Math.abs(total - etp) > thresholds.etpTolerance + 1e-9) {
			add('contrats-etp', 'contrats', `les ETP par type de contrat totalisent ${fr(total)}, les ETP salariés sont de ${fr(etp)} (écart toléré : ${fr(thresholds.etpTolerance)} ETP).`);
		}
	}

	// Volunteering: hours against volunteers.
	const hours = num('heures_benevolat');
	const volunteersKnown = num('benevoles_activite') !== null || num('benevoles_gouvernance') !== null;
	const volunteers = (num('benevoles_activite') ?? 0) + (num('benevoles_gouvernance') ?? 0);
	if (hours !== null && hours > 0 && volunteersKnown && volunteers === 0) {
		add('heures-sans-benevoles', 'heures_benevolat', `${fr(hours, 0)} heures de bénévolat déclarées pour aucun bénévole.`);
	} else if (hours !== null && volunteers > 0 && thresholds.maxHoursPerVolunteer !== null && hours / volunteers > thresholds.maxHoursPerVolunteer) {
		add(
			'heures-par-benevole',
			'heures_benevolat',
			`${fr(hours, 0)} heures pour ${fr(volunteers, 0)} bénévoles, soit ${fr(hours / volunteers, 0)} heures chacun : plus que le seuil de vraisemblance de ${fr(thresholds.maxHoursPerVolunteer, 0)} heures par an.`
		);
	} else if (hours === null && volunteers > 0) {
		add('benevoles-sans-heures', 'heures_benevolat', `${fr(volunteers, 0)} bénévoles déclarés, mais les heures de bénévolat ne sont pas renseignées.`);
	}

	// People reached: age bands, families, activities.
	const people = num('personnes_touchees');
	const bands = AGE_KEYS.map((k) => num(k));
	if (people !== null && bands.some((b) => b !== null)) {
		const total = bands.reduce<number>((s, b) => s + (b ?? 0), 0);
		if (total > people) add('tranches-age-superieures', 'personnes_0_5', `les tranches d’âge totalisent ${fr(total, 0)} personnes, plus que les ${fr(people, 0)} personnes touchées.`);
		else if (total < people) add('tranches-age-incompletes', 'personnes_0_5', `les tranches d’âge totalisent ${fr(total, 0)} personnes sur ${fr(people, 0)} personnes touchées : ${fr(people - total, 0)} sans tranche d’âge.`);
	}
	const families = num('familles_touchees');
	if (people !== null && families !== null && families > people) add('familles-superieures-personnes', 'familles_touchees', `${fr(families, 0)} familles pour ${fr(people, 0)} personnes touchées : une famille compte au moins une personne.`);
	const largest = data.activities.reduce<{ participants: number; domain: string } | null>((m, a) => (a.participants !== null && (!m || a.participants > m.participants) ? { participants: a.participants, domain: a.domain } : m), null);
	if (people !== null && largest && largest.participants > people) {
		add('participants-superieurs-personnes', 'activites', `l’activité « ${largest.domain} » compte ${fr(largest.participants, 0)} participants, plus que les ${fr(people, 0)} personnes touchées dans l’année.`);
	}

	// Finances: charges and produits, the result, the funding recorded.
	const charges = num('charges_total');
	const produits = num('produits_total');
	if (charges === null) add('charges-manquantes', 'charges_total', `le total des charges ${year} n’est pas renseigné.`);
	if (produits === null) add('produits-manquants', 'produits_total', `le total des produits ${year} n’est pas renseigné.`);
	if (charges !== null && produits !== null && charges > 0 && thresholds.resultWarningShare !== null) {
		const result = Math.round((produits - charges) * 100) / 100;
		if (Math.abs(result) > thresholds.resultWarningShare * charges) {
			add(
				'resultat-ecart',
				'produits_total',
				`${result < 0 ? 'déficit' : 'excédent'} de ${euros(Math.abs(result))} (${percent(Math.abs(result) / charges)} des charges, seuil ${percent(thresholds.resultWarningShare)}) : vérifiez les totaux.`
			);
		}
	}
	if (produits !== null && options.operatingFunding != null && Math.round(options.operatingFunding * 100) > Math.round(produits * 100)) {
		add(
			'financements-superieurs-produits',
			'produits_total',
			`les financements de fonctionnement enregistrés (${euros(options.operatingFunding)}) dépassent le total des produits (${euros(produits)}) : l’un des deux est faux.`
		);
	}
	const users = num('produits_usagers');
	if (produits !== null && users !== null && users > produits) add('usagers-superieurs-produits', 'produits_usagers', `la participation des usagers (${euros(users)}) dépasse le total des produits (${euros(produits)}).`);

	// Answer to SENACS and collective agreement.
	const answeredOn = typeof v.date_reponse_senacs === 'string' ? v.date_reponse_senacs : null;
	if (answeredOn && v.reponse_senacs === false) add('reponse-senacs-date', 'date_reponse_senacs', `une date de réponse (${answeredOn}) est saisie alors que la structure n’a pas répondu.`);
	else if (answeredOn && answeredOn < `${year}-01-01`) add('reponse-senacs-date', 'date_reponse_senacs', `la réponse est datée du ${answeredOn}, avant l’année ${year} qu’elle décrit.`);
	if (v.convention_collective === 'autre' && (v.convention_collective_autre === null || v.convention_collective_autre === '')) {
		add('convention-autre-sans-nom', 'convention_collective_autre', 'la convention collective est « autre » mais son nom n’est pas saisi.');
	}
	return out;
}
