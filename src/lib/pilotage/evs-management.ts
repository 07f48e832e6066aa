/**
 * Who may run an EVS: the circular n°2012-013 reserves it to « des associations locales qui
 * veillent à l’implication et à la participation des usagers et habitants (dérogation possible à
 * titre exceptionnel et provisoire) ». The allowed management modes are a dated parameter
 * (`agrement.evs_modes_gestion`, `{ modes, derogation }`), so a later regime states its own; a
 * pending row says the rule is « à compléter ». Pure.
 */
import { isPending, parameterOn, type DatedParameter } from '../domain/dated-parameter';
import { MANAGEMENT_MODE_LABELS, MANAGEMENT_MODES, type ManagementMode } from '../domain/structure';

export const EVS_MANAGEMENT_KEY = 'agrement.evs_modes_gestion';

/** The rule in force: allowed modes and how a derogation is granted; null modes when pending. */
export interface EvsManagementRule {
	modes: ManagementMode[] | null;
	/** « à titre exceptionnel et provisoire », or null when the rule allows none. */
	derogation: string | null;
	regime: string;
}

/**
 * `conforme`, `derogation` (a mode outside the rule: only by exceptional, provisional derogation),
 * `a_completer` (the rule's modes are pending), `mode_inconnu` (the structure's mode is not recorded).
 */
export type EvsManagementStatus = 'conforme' | 'derogation' | 'a_completer' | 'mode_inconnu';

export interface EvsManagementCheck {
	status: EvsManagementStatus;
	mode: ManagementMode | null;
	rule: EvsManagementRule;
}

/** The rule in force on `date`, or null when none is recorded. Throws on a malformed value. */
export function evsManagementRuleOn(params: readonly DatedParameter[], date: string): EvsManagementRule | null {
	const p = parameterOn(params, EVS_MANAGEMENT_KEY, date);
	if (!p) return null;
	if (isPending(p)) return { modes: null, derogation: null, regime: p.regime };
	const v = p.value as { modes?: unknown; derogation?: unknown };
	const known = new Set<string>(MANAGEMENT_MODES);
	if (!Array.isArray(v?.modes) || !v.modes.every((m) => typeof m === 'string' && known.has(m))) {
		throw new Error(`Paramètre ${EVS_MANAGEMENT_KEY} du ${p.validFrom} : « modes » doit lister des modes de gestion connus.`);
	}
	return { modes: v.modes as ManagementMode[], derogation: typeof v.derogation === 'string' ? v.derogation : null, regime: p.regime };
}

/** The check of an EVS whose recorded `management_mode` is `recorded`, under `rule`. */
export function checkEvsManagement(recorded: string | null, rule: EvsManagementRule): EvsManagementCheck {
	const mode = (MANAGEMENT_MODES as readonly string[]).includes(recorded ?? '') ? (recorded as ManagementMode) : null;
	const status: EvsManagementStatus =
		rule.modes === null ? 'a_completer' : mode === null ? 'mode_inconnu' : rule.modes.includes(mode) ? 'conforme' : 'derogation';
	return { status, mode, rule };
}

const modeList = (modes: readonly ManagementMode[]) => modes.map((m) => MANAGEMENT_MODE_LABELS[m].toLowerCase()).join(', ');

/** « Gestion : commune. Un EVS est géré par association ; autre mode par dérogation … (Circulaire Cnaf n°2012-013). » */
export function evsManagementText(check: EvsManagementCheck): string {
	const mode = check.mode ? MANAGEMENT_MODE_LABELS[check.mode].toLowerCase() : 'non renseignée';
	const { rule } = check;
	if (check.status === 'mode_inconnu') return `Gestion : non renseignée. Le mode de gestion de la structure est à enregistrer pour vérifier la règle (${rule.regime}).`;
	if (check.status === 'a_completer') return `Gestion : ${mode}. Modes de gestion admis pour un EVS à compléter (${rule.regime}).`;
	const allowed = `Un EVS est géré par : ${modeList(rule.modes!)}`;
	if (check.status === 'conforme') return `Gestion : ${mode}. ${allowed} (${rule.regime}).`;
	const derogation = rule.derogation ? `, autre mode seulement par dérogation ${rule.derogation}` : '';
	return `Gestion : ${mode}. ${allowed}${derogation} (${rule.regime}) : la dérogation et son terme sont à motiver dans l’agrément.`;
}
