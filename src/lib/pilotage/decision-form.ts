/**
 * The form that records a decision of an instance of the schéma (comité de pilotage, comité
 * technique, CAF board…): date, body, wording, communes and structures concerned. Communes and
 * structures are checked against the known ones passed in. Pure.
 */
import { parseIsoDate } from '../format';

export const DECISION_BODIES = ['comite_pilotage', 'comite_technique', 'conseil_administration_caf', 'autre'] as const;
export type DecisionBody = (typeof DECISION_BODIES)[number];

export interface DecisionFormValue {
	decidedOn: string;
	body: DecisionBody;
	decision: string;
	communeCodes: string[];
	structureIds: number[];
}

export const MAX_DECISION_LENGTH = 4000;

/**
 * Reads `decided_on`, `body`, `decision`, `communes` (several values) and `structures` (several
 * values). Returns the value, or French messages keyed by field name.
 */
export function parseDecisionForm(
	fields: { decided_on?: string | null; body?: string | null; decision?: string | null; communes: readonly string[]; structures: readonly string[] },
	known: { communeCodes: ReadonlySet<string>; structureIds: ReadonlySet<number> },
	today: string
): { ok: true; value: DecisionFormValue } | { ok: false; errors: Record<string, string> } {
	const errors: Record<string, string> = {};
	const decidedOn = (fields.decided_on ?? '').trim();
	try {
		parseIsoDate(decidedOn);
		if (decidedOn > today) errors.decided_on = 'La date de la décision ne peut pas être dans le futur.';
	} catch {
		errors.decided_on = decidedOn === '' ? 'Indiquez la date de la décision.' : `« ${decidedOn} » n’est pas une date au format AAAA-MM-JJ.`;
	}
	const body = (fields.body ?? '') as DecisionBody;
	if (!DECISION_BODIES.includes(body)) errors.body = 'Choisissez l’instance qui a décidé.';
	const decision = (fields.decision ?? '').replace(/\r\n/g, '\n').trim();
	if (decision === '') errors.decision = 'Écrivez la décision.';
	else if (decision.length > MAX_DECISION_LENGTH) errors.decision = `La décision dépasse ${MAX_DECISION_LENGTH} caractères.`;
	const communeCodes = [...new Set(fields.communes.map((c) => c.trim()).filter(Boolean))];
	const unknownCommunes = communeCodes.filter((c) => !known.communeCodes.has(c));
	if (unknownCommunes.length > 0) errors.communes = `Commune inconnue : ${unknownCommunes.join(', ')}.`;
	const structureIds = [...new Set(fields.structures.map((s) => s.trim()).filter(Boolean))].map((s) => (/^\d{1,9}$/.test(s) ? Number(s) : NaN));
	if (structureIds.some((id) => !known.structureIds.has(id))) errors.structures = 'Une structure choisie n’existe pas.';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { decidedOn, body, decision, communeCodes, structureIds } };
}
