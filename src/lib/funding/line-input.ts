/**
 * Validation of what a person types for a funding line, eligible expenses or a commitment: the
 * same rules for forms and file imports, with French messages. Values arrive as text (decimal
 * comma accepted). Pure.
 */
import { foldText, parseDecimal } from '../io/values';
import { FUNDING_STATUSES, isFundingStatus, type FundingStatus } from './types';

/** Largest amount accepted (euros): far above any AVS line, far below numeric(14, 2). */
export const MAX_AMOUNT_EUR = 1_000_000_000;
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export const MAX_COMMENT_LENGTH = 1000;

export type AmountProblem = 'missing' | 'not-a-number' | 'not-positive' | 'too-large' | 'too-precise';

export const AMOUNT_MESSAGES: Record<AmountProblem, string> = {
	missing: 'Montant obligatoire.',
	'not-a-number': 'Le montant doit être un nombre en euros (par exemple 12 500,50).',
	'not-positive': 'Le montant doit être strictement positif.',
	'too-large': `Le montant dépasse ${MAX_AMOUNT_EUR.toLocaleString('fr-FR')} € : vérifiez la saisie.`,
	'too-precise': 'Le montant se saisit au centime près (deux décimales au plus).'
};

/** An amount in euros, strictly positive, at most two decimals. */
export function parseAmount(raw: string | null | undefined): { ok: true; value: number } | { ok: false; problem: AmountProblem } {
	const parsed = parseDecimal(raw ?? '');
	if (parsed === null) return { ok: false, problem: 'missing' };
	if (parsed === undefined) return { ok: false, problem: 'not-a-number' };
	if (parsed <= 0) return { ok: false, problem: 'not-positive' };
	if (parsed > MAX_AMOUNT_EUR) return { ok: false, problem: 'too-large' };
	if (Math.abs(Math.round(parsed * 100) - parsed * 100) > 1e-6) return { ok: false, problem: 'too-precise' };
	return { ok: true, value: Math.round(parsed * 100) / 100 };
}

/** A year between MIN_YEAR and MAX_YEAR, or null. */
export function parseYear(raw: string | null | undefined): number | null {
	const value = (raw ?? '').trim();
	if (!/^\d{4}$/.test(value)) return null;
	const year = Number(value);
	return year >= MIN_YEAR && year <= MAX_YEAR ? year : null;
}

const STATUS_ALIASES: Record<string, FundingStatus> = {
	previsionnel: 'previsionnel',
	prevision: 'previsionnel',
	prevu: 'previsionnel',
	forecast: 'previsionnel',
	notifie: 'notifie',
	notification: 'notifie',
	accorde: 'notifie',
	verse: 'verse',
	paye: 'verse',
	paid: 'verse',
	realise: 'verse'
};

/** A status from its code or French word, whatever the case or accents (`Versé`, `notifie`…). */
export function parseStatus(raw: string | null | undefined): FundingStatus | null {
	const key = foldText(raw ?? '').replace(/\s+/g, '_');
	return isFundingStatus(key) ? key : (STATUS_ALIASES[key] ?? null);
}

/** A positive integer id from a form field, or null. */
export function parseId(raw: string | null | undefined): number | null {
	const value = (raw ?? '').trim();
	if (!/^\d{1,9}$/.test(value)) return null;
	const n = Number(value);
	return n > 0 ? n : null;
}

/** A comment: trimmed, empty → null. */
export function parseComment(raw: string | null | undefined): string | null {
	const value = (raw ?? '').trim();
	return value === '' ? null : value;
}

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export type Parsed<T, F extends string> = { ok: true; value: T } | { ok: false; errors: FieldErrors<F> };

/** What an edit of an existing line may change. */
export interface LineEdit {
	amount: number;
	status: FundingStatus;
	comment: string | null;
}

export type LineEditField = keyof LineEdit;

const STATUS_MESSAGE = `Statut inconnu : ${FUNDING_STATUSES.length} valeurs possibles (prévisionnel, notifié, versé).`;

/** Reads `montant`, `statut`, `commentaire` of a form. */
export function parseLineEdit(get: (name: string) => string | null): Parsed<LineEdit, LineEditField> {
	const errors: FieldErrors<LineEditField> = {};
	const amount = parseAmount(get('montant'));
	if (!amount.ok) errors.amount = AMOUNT_MESSAGES[amount.problem];
	const status = parseStatus(get('statut'));
	if (!status) errors.status = STATUS_MESSAGE;
	const comment = parseComment(get('commentaire'));
	if (comment && comment.length > MAX_COMMENT_LENGTH) errors.comment = `Commentaire trop long (${MAX_COMMENT_LENGTH} caractères au plus).`;
	if (Object.keys(errors).length > 0 || !amount.ok || !status) return { ok: false, errors };
	return { ok: true, value: { amount: amount.value, status, comment } };
}

/** A new line: its identity (structure, partner, instrument, year) and its values. */
export interface LineCreate extends LineEdit {
	structureId: number;
	partnerId: number;
	instrumentId: number;
	year: number;
}

export type LineCreateField = keyof LineCreate;

/** Reads `structure`, `financeur`, `dispositif`, `annee` and the edit fields of a form. */
export function parseLineCreate(get: (name: string) => string | null): Parsed<LineCreate, LineCreateField> {
	const edit = parseLineEdit(get);
	const errors: FieldErrors<LineCreateField> = edit.ok ? {} : { ...edit.errors };
	const structureId = parseId(get('structure'));
	if (structureId === null) errors.structureId = 'Choisissez une structure.';
	const partnerId = parseId(get('financeur'));
	if (partnerId === null) errors.partnerId = 'Choisissez un financeur.';
	const instrumentId = parseId(get('dispositif'));
	if (instrumentId === null) errors.instrumentId = 'Choisissez un dispositif.';
	const year = parseYear(get('annee'));
	if (year === null) errors.year = `Année attendue entre ${MIN_YEAR} et ${MAX_YEAR}.`;
	if (!edit.ok || structureId === null || partnerId === null || instrumentId === null || year === null) return { ok: false, errors };
	return { ok: true, value: { ...edit.value, structureId, partnerId, instrumentId, year } };
}

/** An expense or commitment value: `parseAmount` rules, message for a labelled field. */
export function amountError(raw: string | null, label: string): string | null {
	const parsed = parseAmount(raw);
	return parsed.ok ? null : `${label} : ${AMOUNT_MESSAGES[parsed.problem].charAt(0).toLowerCase()}${AMOUNT_MESSAGES[parsed.problem].slice(1)}`;
}
