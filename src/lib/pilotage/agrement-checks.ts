/**
 * The checks the agrément assessment shows beside the criteria: its length against the dated
 * maxima, the staff requirements against the posts held, the volet familles when the regime in
 * force requires it, and for an EVS in a territory where a centre social's action is reinforced,
 * a manager distinct from the centre social's. Each check is a tone and a French sentence that
 * names the rule and its regime. Pure.
 */
import { evsManagerText, type EvsManagerCheck } from '../analysis/evs-manager';
import type { CadreReference } from './cadre';
import { durationCheckText, type DurationCheck } from './agrement-rules';
import { staffCheckText, type StaffCheck } from './staff-requirements';
import { evsManagementText, type EvsManagementCheck } from './evs-management';

/** `ok`: the rule is met; `ecart`: it is not; `a_completer`: its figure is not public yet; `info`: context. */
export type CheckTone = 'ok' | 'ecart' | 'a_completer' | 'info';

export interface AgrementCheckItem {
	key: string;
	label: string;
	tone: CheckTone;
	text: string;
}

export const CHECK_TONE_LABELS: Record<CheckTone, string> = {
	ok: 'Conforme',
	ecart: 'Écart à la règle',
	a_completer: 'Règle à compléter',
	info: 'Information'
};

/** The duration check as an item. */
export function durationItem(check: DurationCheck): AgrementCheckItem {
	const tone: CheckTone =
		check.status === 'conforme' || check.status === 'exception'
			? 'ok'
			: check.status === 'non_conforme'
				? 'ecart'
				: check.status === 'a_completer'
					? 'a_completer'
					: 'info';
	const { months, days } = check.length;
	const length = `${months}\u00a0mois${days ? ` et ${days}\u00a0jour${days > 1 ? 's' : ''}` : ''}`;
	return { key: 'duree', label: 'Durée de l’agrément', tone, text: `${length} : ${durationCheckText(check)}` };
}

/** The staff requirement checks as items. */
export function staffItems(checks: readonly StaffCheck[]): AgrementCheckItem[] {
	return checks.map((c) => ({
		key: `poste-${c.post}`,
		label: c.post === 'directeur' ? 'Direction (critère 8)' : 'Référent familles (critère 4 du projet familles)',
		tone: c.status === 'conforme' ? 'ok' : c.status === 'regle_a_completer' ? 'a_completer' : 'ecart',
		text: staffCheckText(c)
	}));
}

/**
 * The volet familles: from the 2025 regime every projet social of a centre social includes one
 * (`agrement.volet_familles_obligatoire`, dated). Null when the rule does not apply (EVS, not
 * mandatory at the agrément's start).
 */
export function voletFamillesItem(
	rule: { mandatory: boolean; regime: string } | null,
	structure: { type: 'CS' | 'EVS'; projetFamilles: boolean }
): AgrementCheckItem | null {
	if (!rule || !rule.mandatory || structure.type !== 'CS') return null;
	return structure.projetFamilles
		? { key: 'volet-familles', label: 'Volet familles', tone: 'ok', text: `Le projet social comporte un volet familles, obligatoire (${rule.regime}).` }
		: {
				key: 'volet-familles',
				label: 'Volet familles',
				tone: 'ecart',
				text: `Aucun projet familles n’est enregistré pour ce centre social : le volet familles est obligatoire dans tout projet social (${rule.regime}).`
			};
}

/** The cadre de référence in force at the agrément's start, as an item. */
export function cadreItem(cadre: CadreReference | null, startDate: string): AgrementCheckItem {
	const day = `${startDate.slice(8, 10)}/${startDate.slice(5, 7)}/${startDate.slice(0, 4)}`;
	return {
		key: 'cadre',
		label: 'Cadre de référence',
		tone: 'info',
		text: cadre ? `En vigueur au début de l’agrément (${day}) : ${cadre.name}.` : `Aucun cadre de référence enregistré au ${day}.`
	};
}

/** The distinct-manager rule of an EVS in a territory « à renforcer », as an item. */
export function evsManagerItem(check: EvsManagerCheck): AgrementCheckItem {
	const tone: CheckTone =
		check.status === 'distinct' ? 'ok' : check.status === 'non_applicable' ? 'info' : check.status === 'indetermine' ? 'a_completer' : 'ecart';
	return { key: 'gestionnaire-evs', label: 'Gestionnaire distinct du centre social', tone, text: evsManagerText(check) };
}

/** Who runs an EVS against the dated management modes, as an item. */
export function evsManagementItem(check: EvsManagementCheck): AgrementCheckItem {
	const tone: CheckTone = check.status === 'conforme' ? 'ok' : check.status === 'derogation' ? 'ecart' : 'a_completer';
	return { key: 'mode-gestion-evs', label: 'Mode de gestion de l’EVS', tone, text: evsManagementText(check) };
}
