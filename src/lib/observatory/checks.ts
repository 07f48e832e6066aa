/**
 * Consistency checks run before the observatory export: each problem names the record (its key),
 * the field, a French message and the page where it is fixed. `erreur`: the record is wrong or
 * unusable as is; `avertissement`: to verify before sending. Pure.
 */
import { checkSiret } from '../domain/siret';
import { daysInYear } from '../pilotage/dates';
import { staffCheckText, type StaffCheck } from '../pilotage/staff-requirements';
import type { FieldKey, ObservatoryRecord } from './dictionary';

export type IssueSeverity = 'erreur' | 'avertissement';

export const CHECK_CODES = {
	'siret-manquant': { severity: 'erreur', label: 'SIRET manquant' },
	'siret-invalide': { severity: 'erreur', label: 'SIRET invalide' },
	'siret-en-double': { severity: 'erreur', label: 'SIRET partagé par plusieurs fiches' },
	'donnees-annuelles-manquantes': { severity: 'erreur', label: 'Données de l’année non saisies' },
	'population-zone-manquante': { severity: 'erreur', label: 'Population de la zone de compétence manquante' },
	'budget-manquant': { severity: 'erreur', label: 'Budget manquant' },
	'budget-inferieur-financements': { severity: 'erreur', label: 'Budget inférieur aux financements enregistrés' },
	'etp-superieur-effectif': { severity: 'erreur', label: 'ETP supérieur à l’effectif salarié' },
	'directeur-vacant-toute-annee': { severity: 'avertissement', label: 'Poste de direction vacant toute l’année' },
	'directeur-absent': { severity: 'avertissement', label: 'Centre social sans poste de direction' },
	'referent-vacant-toute-annee': { severity: 'avertissement', label: 'Poste de référent familles vacant toute l’année' },
	'referent-absent': { severity: 'avertissement', label: 'Projet familles sans poste de référent familles' },
	'exigence-direction': { severity: 'avertissement', label: 'Direction hors des exigences de qualification ou de temps de travail' },
	'exigence-referent': { severity: 'avertissement', label: 'Référent familles hors des exigences de qualification ou de temps de travail' },
	'participation-manquante': { severity: 'avertissement', label: 'Participation des habitants non renseignée' },
	'benevoles-manquants': { severity: 'avertissement', label: 'Bénévoles non renseignés' },
	'premier-agrement-manquant': { severity: 'avertissement', label: 'Date du premier agrément manquante' },
	'mode-gestion-manquant': { severity: 'avertissement', label: 'Mode de gestion manquant' }
} as const satisfies Record<string, { severity: IssueSeverity; label: string }>;

export type CheckCode = keyof typeof CHECK_CODES;

export interface ObservatoryIssue {
	code: CheckCode;
	severity: IssueSeverity;
	/** The record's key (`cle`). */
	key: string;
	structureId: number;
	structureName: string;
	field: FieldKey | null;
	message: string;
	/** The page where the problem is fixed. */
	href: string;
}

/** A record with where it comes from, as `buildObservatoryRecords` returns it. */
export interface CheckedRecord {
	record: ObservatoryRecord;
	structureId: number;
	agrementId: number;
	hasYearData: boolean;
	/** The staff requirements of the year checked against the posts held that year (dated rules). */
	staffChecks?: readonly StaffCheck[];
}

const euros = (n: number) => `${n.toFixed(2).replace('.', ',').replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f')}\u00a0€`;

/** Every problem of `records`, in record order then check order. */
export function checkObservatoryRecords(records: readonly CheckedRecord[]): ObservatoryIssue[] {
	const issues: ObservatoryIssue[] = [];
	const sirets = new Map<string, number>();
	for (const { record } of records) if (typeof record.siret === 'string') sirets.set(record.siret, (sirets.get(record.siret) ?? 0) + 1);
	for (const { record: r, structureId, agrementId, hasYearData, staffChecks = [] } of records) {
		const name = String(r.nom);
		const structureHref = `/structures/${structureId}`;
		const add = (code: CheckCode, field: FieldKey | null, message: string, href = structureHref) =>
			issues.push({ code, severity: CHECK_CODES[code].severity, key: String(r.cle), structureId, structureName: name, field, message, href });
		const year = Number(r.annee);
		if (r.siret === null) add('siret-manquant', 'siret', `${name} : le SIRET n’est pas renseigné ; la fiche ne peut pas être identifiée par l’observatoire.`);
		else {
			const check = checkSiret(String(r.siret));
			if (check.status !== 'ok') add('siret-invalide', 'siret', `${name} : le SIRET « ${r.siret} » ${check.status === 'bad-format' ? 'ne compte pas 14 chiffres' : 'a une clé de contrôle fausse (faute de frappe ?)'}.`);
			if ((sirets.get(String(r.siret)) ?? 0) > 1) add('siret-en-double', 'siret', `${name} : le SIRET ${r.siret} est aussi celui d’une autre structure.`);
		}
		if (r.date_premier_agrement === null) add('premier-agrement-manquant', 'date_premier_agrement', `${name} : la date du premier agrément n’est pas renseignée.`);
		if (r.mode_gestion === null) add('mode-gestion-manquant', 'mode_gestion', `${name} : le mode de gestion n’est pas renseigné.`);
		if (!hasYearData) {
			add('donnees-annuelles-manquantes', null, `${name} : aucune donnée annuelle ${year} (effectifs, bénévoles, population de la zone, budget) n’est saisie.`);
		} else {
			if (r.population_zone === null) add('population-zone-manquante', 'population_zone', `${name} : la population de la zone de compétence ${year} n’est pas renseignée.`);
			if (r.budget_total === null) add('budget-manquant', 'budget_total', `${name} : le budget ${year} n’est pas renseigné.`);
			else if (typeof r.produits_total === 'number' && Math.round(r.produits_total * 100) > Math.round(Number(r.budget_total) * 100)) {
				add(
					'budget-inferieur-financements',
					'budget_total',
					`${name} : le budget ${year} (${euros(Number(r.budget_total))}) est inférieur à la somme des financements enregistrés (${euros(r.produits_total)}) : l’un des deux est faux.`
				);
			}
			if (typeof r.etp === 'number' && typeof r.salaries === 'number' && r.etp > r.salaries) {
				add('etp-superieur-effectif', 'etp', `${name} : ${String(r.etp).replace('.', ',')} ETP pour ${r.salaries} salariés : un salarié compte au plus pour 1 ETP.`);
			}
			if (r.benevoles_activite === null && r.benevoles_gouvernance === null) add('benevoles-manquants', 'benevoles_activite', `${name} : les bénévoles ${year} ne sont pas renseignés.`);
		}
		if ([r.participation_1, r.participation_2, r.participation_3, r.participation_4, r.participation_5].every((v) => v === null)) {
			add('participation-manquante', 'participation_1', `${name} : la participation des habitants ${year} (5 niveaux) n’est pas renseignée.`);
		}
		if (r.type_structure === 'CS') {
			if (r.directeur_etp === null) add('directeur-absent', 'directeur_etp', `${name} : aucun poste de direction n’est enregistré pour ce centre social.`);
			else if (r.directeur_jours_vacance === daysInYear(year)) {
				add('directeur-vacant-toute-annee', 'directeur_jours_vacance', `${name} : le poste de direction est resté vacant toute l’année ${year}.`, `/agrements/${agrementId}`);
			}
		}
		// Qualification and working time against the dated requirements (a missing post is reported above).
		for (const check of staffChecks) {
			if (check.status === 'conforme' || check.status === 'poste_absent' || check.status === 'regle_a_completer') continue;
			const code = check.post === 'directeur' ? 'exigence-direction' : 'exigence-referent';
			add(code, check.post === 'directeur' ? 'directeur_qualification' : 'referent_familles_qualification', `${name} : ${staffCheckText(check)}`, `/agrements/${agrementId}`);
		}
		if (r.projet_familles_agree === true) {
			if (r.referent_familles_etp === null) add('referent-absent', 'referent_familles_etp', `${name} : un projet familles est agréé mais aucun poste de référent familles n’est enregistré.`);
			else if (r.referent_familles_jours_vacance === daysInYear(year)) {
				add('referent-vacant-toute-annee', 'referent_familles_jours_vacance', `${name} : le poste de référent familles est resté vacant toute l’année ${year}.`, `/agrements/${agrementId}`);
			}
		}
	}
	return issues;
}

