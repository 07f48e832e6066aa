/**
 * Validation of the accord-cadre commitment form: partner, year, kind, value (euros for an amount,
 * a whole count of structures otherwise), optional EPCI and instrument scope, comment. Pure.
 */
import type { CommitmentKind } from './accord-cadre';
import { AMOUNT_MESSAGES, MAX_COMMENT_LENGTH, parseAmount, parseComment, parseId, parseYear, type FieldErrors, type Parsed } from './line-input';
import { parseInteger } from '../io/values';

export const COMMITMENT_KINDS: readonly CommitmentKind[] = ['montant', 'structures_financees', 'creations_prioritaires'];

export interface CommitmentForm {
	partnerId: number;
	year: number;
	kind: CommitmentKind;
	value: number;
	epciSiren: string | null;
	instrumentId: number | null;
	comment: string | null;
}

export type CommitmentField = keyof CommitmentForm;

/** Reads `financeur`, `annee`, `nature`, `valeur`, `epci`, `dispositif`, `commentaire`. */
export function parseCommitmentForm(get: (name: string) => string | null): Parsed<CommitmentForm, CommitmentField> {
	const errors: FieldErrors<CommitmentField> = {};
	const partnerId = parseId(get('financeur'));
	if (partnerId === null) errors.partnerId = 'Choisissez le signataire.';
	const year = parseYear(get('annee'));
	if (year === null) errors.year = 'Année invalide.';
	const kind = get('nature') as CommitmentKind;
	if (!COMMITMENT_KINDS.includes(kind)) errors.kind = 'Choisissez la nature de l’engagement.';
	let value: number | null = null;
	if (kind === 'montant') {
		const amount = parseAmount(get('valeur'));
		if (amount.ok) value = amount.value;
		else errors.value = `Montant : ${AMOUNT_MESSAGES[amount.problem].charAt(0).toLowerCase()}${AMOUNT_MESSAGES[amount.problem].slice(1)}`;
	} else {
		const count = parseInteger(get('valeur') ?? '');
		if (count === null || count === undefined || count <= 0) errors.value = 'Nombre de structures : un nombre entier strictement positif.';
		else value = count;
	}
	const epci = (get('epci') ?? '').trim();
	if (epci !== '' && !/^\d{9}$/.test(epci)) errors.epciSiren = 'EPCI invalide.';
	const instrumentRaw = (get('dispositif') ?? '').trim();
	const instrumentId = instrumentRaw === '' ? null : parseId(instrumentRaw);
	if (instrumentRaw !== '' && instrumentId === null) errors.instrumentId = 'Dispositif invalide.';
	const comment = parseComment(get('commentaire'));
	if (comment && comment.length > MAX_COMMENT_LENGTH) errors.comment = `Commentaire trop long (${MAX_COMMENT_LENGTH} caractères au plus).`;
	if (Object.keys(errors).length > 0 || partnerId === null || year === null || value === null) return { ok: false, errors };
	return { ok: true, value: { partnerId, year, kind, value, epciSiren: epci === '' ? null : epci, instrumentId, comment } };
}
