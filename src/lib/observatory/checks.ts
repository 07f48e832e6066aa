/**
 * Consistency checks run before the observatory export: each problem names the record (its key),
 * the field, a French message and the page where it is fixed. `erreur`: the record is wrong or
 * unusable as is; `avertissement`: to verify before sending. The checks of the entered data of a
 * year are `checkYearData` (shared with the import and the form); these add the identity, the
 * staff posts and the prestations de service against the PS check. Pure.
 */
import { checkSiret } from '../domain/siret';
import { daysInYear } from '../pilotage/dates';
import { staffCheckText } from '../pilotage/staff-requirements';
import { PS_KIND_LABELS } from '../funding/ps';
import { PS_COLUMN } from './dictionary';
import { euros, fr } from './format-fr';
import type { ObservatoryThresholds } from './lists';
import type { BuiltRecord } from './record';
import { checkYearData, YEAR_CHECK_CODES, type CheckSeverity } from './year-checks';

export type IssueSeverity = CheckSeverity;

export const CHECK_CODES = {
	'siret-manquant': { severity: 'erreur', label: 'SIRET manquant' },
	'siret-invalide': { severity: 'erreur', label: 'SIRET invalide' },
	'cle-en-double': { severity: 'erreur', label: 'Même SIRET et même établissement pour plusieurs structures' },
	'siret-partage': { severity: 'avertissement', label: 'SIRET partagé par plusieurs structures (multi-sites)' },
	'donnees-annuelles-manquantes': { severity: 'erreur', label: 'Données de l’année non saisies' },
	'population-zone-manquante': { severity: 'erreur', label: 'Population de la zone de compétence manquante' },
	'reponse-senacs-manquante': { severity: 'avertissement', label: 'Réponse à SENACS non renseignée' },
	'etp-postes-superieur': { severity: 'erreur', label: 'Postes suivis supérieurs aux ETP salariés' },
	...YEAR_CHECK_CODES,
	'ps-ecart': { severity: 'avertissement', label: 'PS enregistrée différente de la PS due' },
	'ps-sans-agrement': { severity: 'erreur', label: 'PS versée sans agrément sur l’année' },
	'ps-non-enregistree': { severity: 'avertissement', label: 'PS due non enregistrée' },
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
	field: string | null;
	message: string;
	/** The page where the problem is fixed. */
	href: string;
}

/** A record as the checks read it (`buildObservatoryRecords` gives them). */
export type CheckedRecord = Pick<BuiltRecord, 'record' | 'structureId' | 'agrementId' | 'data'> & Partial<Pick<BuiltRecord, 'staffChecks' | 'psChecks' | 'sameSiret'>>;


/** The page of the structure-year form. */
export function yearFormHref(structureId: number, year: number): string {
	return `/structures/${structureId}/annees/${year}`;
}

/** Every problem of `records`, in record order then check order. */
export function checkObservatoryRecords(records: readonly CheckedRecord[], thresholds: ObservatoryThresholds): ObservatoryIssue[] {
	const issues: ObservatoryIssue[] = [];
	const keys = new Map<string, CheckedRecord[]>();
	for (const r of records) keys.set(String(r.record.cle), [...(keys.get(String(r.record.cle)) ?? []), r]);
	for (const built of records) {
		const { record: r, structureId, agrementId, data, staffChecks = [], psChecks = [], sameSiret = [] } = built;
		const name = String(r.nom);
		const year = Number(r.annee);
		const structureHref = `/structures/${structureId}`;
		const formHref = yearFormHref(structureId, year);
		const add = (code: CheckCode, field: string | null, message: string, href = structureHref) =>
			issues.push({ code, severity: CHECK_CODES[code].severity, key: String(r.cle), structureId, structureName: name, field, message, href });
		if (r.siret === null) add('siret-manquant', 'siret', `${name} : le SIRET n’est pas renseigné ; la fiche ne peut pas être identifiée par l’observatoire.`);
		else {
			const check = checkSiret(String(r.siret));
			if (check.status !== 'ok') add('siret-invalide', 'siret', `${name} : le SIRET « ${r.siret} » ${check.status === 'bad-format' ? 'ne compte pas 14 chiffres' : 'a une clé de contrôle fausse (faute de frappe ?)'}.`);
			const twins = (keys.get(String(r.cle)) ?? []).filter((o) => o.structureId !== structureId);
			if (twins.length > 0) {
				add(
					'cle-en-double',
					'etablissement',
					`${name} : même SIRET ${r.siret}${r.etablissement ? ` et même établissement ${r.etablissement}` : ' sans établissement'} que ${twins.map((t) => `« ${t.record.nom} »`).join(', ')} : donnez à chacune un suffixe d’établissement pour distinguer leurs fiches.`
				);
			} else if (sameSiret.length > 0) {
				add(
					'siret-partage',
					'siret',
					`${name} : le SIRET ${r.siret} est aussi celui de ${sameSiret.map((o) => `« ${o.name} »${o.establishment ? ` (établissement ${o.establishment})` : ''}`).join(', ')} : gestionnaire multi-sites, les fiches sont distinguées par l’établissement.`
				);
			}
		}
		if (r.date_premier_agrement === null) add('premier-agrement-manquant', 'date_premier_agrement', `${name} : la date du premier agrément n’est pas renseignée.`);
		if (r.mode_gestion === null) add('mode-gestion-manquant', 'mode_gestion', `${name} : le mode de gestion n’est pas renseigné.`);
		if (!data) {
			add('donnees-annuelles-manquantes', null, `${name} : aucune donnée annuelle ${year} (publics, bénévolat, emploi, charges et produits…) n’est saisie.`, formHref);
		} else {
			if (r.population_zone === null) add('population-zone-manquante', 'population_zone', `${name} : la population de la zone de compétence ${year} n’est pas renseignée.`, formHref);
			if (r.reponse_senacs === null) add('reponse-senacs-manquante', 'reponse_senacs', `${name} : la réponse de la structure à SENACS ${year} n’est pas renseignée.`, formHref);
			if (r.benevoles_activite === null && r.benevoles_gouvernance === null) add('benevoles-manquants', 'benevoles_activite', `${name} : les bénévoles ${year} ne sont pas renseignés.`, formHref);
			for (const c of checkYearData(data, { thresholds, operatingFunding: typeof r.financements_total === 'number' ? r.financements_total : null })) {
				add(c.code, c.field, `${name} : ${c.message}`, formHref);
			}
			const tracked = [r.etp_direction, r.etp_referent_familles, r.etp_autres_postes].reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
			if (typeof r.etp === 'number' && tracked > r.etp + 0.005) {
				add('etp-postes-superieur', 'etp', `${name} : les postes suivis (direction, référent familles, autres) représentent ${fr(tracked)} ETP sur l’année, plus que les ${fr(r.etp)} ETP salariés déclarés.`, formHref);
			}
		}
		if ([1, 2, 3, 4, 5].every((level) => r[`participation_${level}`] === null)) {
			add('participation-manquante', 'participation_1', `${name} : la participation des habitants ${year} (5 niveaux) n’est pas renseignée.`, formHref);
		}
		// Prestations de service: the record's PS against the PS due (pro rata of the agréments).
		for (const p of psChecks) {
			const label = p.kind ? PS_KIND_LABELS[p.kind] : p.instrumentCode;
			const psHref = `/financements/ps?annee=${year}`;
			if (p.status === 'ecart' && p.difference !== null) {
				add('ps-ecart', p.kind ? PS_COLUMN[p.kind] : null, `${name} : PS ${label} enregistrée ${euros(p.recorded ?? 0)}, due ${euros(p.computed ?? 0)} (écart ${euros(p.difference)}). ${p.reason}`, psHref);
			} else if (p.status === 'sans_agrement') {
				add('ps-sans-agrement', p.kind ? PS_COLUMN[p.kind] : null, `${name} : PS ${label} de ${euros(p.recorded ?? 0)} enregistrée pour ${year} sans agrément qui y ouvre droit. ${p.reason}`, psHref);
			} else if (p.status === 'non_enregistre' && p.computed !== null && p.computed > 0) {
				add('ps-non-enregistree', p.kind ? PS_COLUMN[p.kind] : null, `${name} : PS ${label} due de ${euros(p.computed)} mais aucune ligne enregistrée pour ${year}.`, psHref);
			}
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
