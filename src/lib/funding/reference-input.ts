/**
 * Partners (funders) and funding instruments as editable reference data: the kinds and families
 * allowed, validation of the forms, and the usual list of AVS instruments a CAF starts from
 * (same codes as the demo, so files and accounts written for one work with the other). Pure.
 */
import { parseDate } from '../io/values';
import type { FieldErrors, Parsed } from './line-input';

export const PARTNER_KINDS = ['caf', 'departement', 'commune', 'epci', 'msa', 'etat', 'region', 'carsat', 'federation', 'autre'] as const;
export type PartnerKind = (typeof PARTNER_KINDS)[number];

export const INSTRUMENT_FAMILIES = ['prestation_service', 'subvention', 'poste', 'investissement', 'autre'] as const;
export type InstrumentFamily = (typeof INSTRUMENT_FAMILIES)[number];

/** Codes: capitals, digits, `_` and `-`, 1 to 40 characters (`CAF`, `COM-00001`, `PS_AGC`). */
const CODE = /^[A-Z0-9][A-Z0-9_-]{0,39}$/;

export interface PartnerInput {
	code: string;
	name: string;
	kind: PartnerKind;
	territoryCode: string | null;
}

export type PartnerField = keyof PartnerInput;

function text(raw: string | null): string {
	return (raw ?? '').trim();
}

/**
 * The `code` (in capitals) and the required title (`nom` or `libelle`, 200 characters at most)
 * every reference form starts with; a problem is written in `errors`.
 */
function readCodeAndTitle<F extends string>(
	get: (name: string) => string | null,
	errors: FieldErrors<F | 'code'>,
	title: { param: string; field: F; message: string }
): { code: string; title: string } {
	const code = text(get('code')).toUpperCase();
	if (!CODE.test(code)) errors.code = 'Code attendu : lettres majuscules, chiffres, « _ » ou « - » (40 caractères au plus).';
	const value = text(get(title.param));
	if (value === '' || value.length > 200) errors[title.field] = title.message;
	return { code, title: value };
}

/** One of `allowed`; null when the field is empty, undefined when it holds anything else (as `parseDate`). */
function choiceOf<T extends string>(raw: string | null, allowed: readonly T[]): T | null | undefined {
	const value = text(raw);
	if (value === '') return null;
	return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Reads `code`, `nom`, `nature`, `territoire`. The territory is required for a commune (INSEE) or an EPCI (SIREN). */
export function parsePartnerForm(get: (name: string) => string | null): Parsed<PartnerInput, PartnerField> {
	const errors: FieldErrors<PartnerField> = {};
	const { code, title: name } = readCodeAndTitle(get, errors, { param: 'nom', field: 'name', message: 'Nom obligatoire (200 caractères au plus).' });
	const kind = choiceOf(get('nature'), PARTNER_KINDS);
	if (!kind) errors.kind = 'Choisissez la nature du financeur.';
	const territory = text(get('territoire'));
	if (kind === 'commune' && !/^(\d{5}|2[AB]\d{3})$/.test(territory)) errors.territoryCode = 'Code INSEE de la commune attendu (5 caractères).';
	else if (kind === 'epci' && !/^\d{9}$/.test(territory)) errors.territoryCode = 'SIREN de l’EPCI attendu (9 chiffres).';
	else if (territory.length > 20) errors.territoryCode = 'Code de territoire trop long.';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, value: { code, name, kind: kind!, territoryCode: territory === '' ? null : territory } };
}

export interface InstrumentInput {
	code: string;
	label: string;
	family: InstrumentFamily;
	/** The kind of partner that usually funds it, null for any. */
	partnerKind: PartnerKind | null;
	validFrom: string | null;
	validUntil: string | null;
}

export type InstrumentField = keyof InstrumentInput;

/** Reads `code`, `libelle`, `famille`, `nature_financeur`, `debut`, `fin` (dates optional). */
export function parseInstrumentForm(get: (name: string) => string | null): Parsed<InstrumentInput, InstrumentField> {
	const errors: FieldErrors<InstrumentField> = {};
	const { code, title: label } = readCodeAndTitle(get, errors, { param: 'libelle', field: 'label', message: 'Libellé obligatoire (200 caractères au plus).' });
	const family = choiceOf(get('famille'), INSTRUMENT_FAMILIES);
	if (!family) errors.family = 'Choisissez la famille du dispositif.';
	const partnerKind = choiceOf(get('nature_financeur'), PARTNER_KINDS);
	if (partnerKind === undefined) errors.partnerKind = 'Nature de financeur inconnue.';
	const from = parseDate(get('debut') ?? '');
	const until = parseDate(get('fin') ?? '');
	if (from === undefined) errors.validFrom = 'Date de début invalide (AAAA-MM-JJ ou JJ/MM/AAAA).';
	if (until === undefined) errors.validUntil = 'Date de fin invalide (AAAA-MM-JJ ou JJ/MM/AAAA).';
	if (from && until && until < from) errors.validUntil = 'La fin précède le début.';
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			code,
			label,
			family: family!,
			partnerKind: partnerKind ?? null,
			validFrom: from ?? null,
			validUntil: until ?? null
		}
	};
}

/** The usual AVS instruments (issue 6 §1), as a CAF would start its list. */
export const STANDARD_INSTRUMENTS: readonly InstrumentInput[] = [
	{ code: 'PS_AGC', label: 'Prestation de service animation globale et coordination (AGC)', family: 'prestation_service', partnerKind: 'caf', validFrom: null, validUntil: null },
	{ code: 'PS_ACF', label: 'Prestation de service animation collective familles (ACF)', family: 'prestation_service', partnerKind: 'caf', validFrom: null, validUntil: null },
	{ code: 'PS_AL', label: 'Prestation de service animation locale (EVS)', family: 'prestation_service', partnerKind: 'caf', validFrom: null, validUntil: null },
	{ code: 'CAF_SUBV_LOCALE', label: 'Subvention de fonctionnement sur fonds locaux CAF', family: 'subvention', partnerKind: 'caf', validFrom: null, validUntil: null },
	{ code: 'BONUS_TERRITOIRE', label: 'Bonus territoire (convention territoriale globale)', family: 'subvention', partnerKind: 'caf', validFrom: null, validUntil: null },
	{ code: 'CAF_INVEST', label: 'Aide à l’investissement CAF', family: 'investissement', partnerKind: 'caf', validFrom: null, validUntil: null },
	{ code: 'CD_SUBV', label: 'Subvention du Conseil départemental', family: 'subvention', partnerKind: 'departement', validFrom: null, validUntil: null },
	{ code: 'COLLECTIVITE_SUBV', label: 'Subvention de fonctionnement de la commune ou de l’EPCI', family: 'subvention', partnerKind: null, validFrom: null, validUntil: null },
	{ code: 'MSA_SUBV', label: 'Subvention MSA (appel à projets ruralité)', family: 'subvention', partnerKind: 'msa', validFrom: null, validUntil: null },
	{ code: 'ADULTES_RELAIS', label: 'Poste d’adulte-relais (aide de l’État)', family: 'poste', partnerKind: 'etat', validFrom: null, validUntil: null },
	{ code: 'FONJEP', label: 'Poste FONJEP', family: 'poste', partnerKind: 'etat', validFrom: null, validUntil: null },
	{ code: 'AUTRE', label: 'Autre financement', family: 'autre', partnerKind: null, validFrom: null, validUntil: null }
];
