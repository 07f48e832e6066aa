/**
 * The observatory export as JSON: the year, the dictionary and the records with typed values
 * (numbers, booleans, ISO dates as text, null when unknown). Pure.
 */
import { FIELD_TYPES, OBSERVATORY_FIELDS, type ObservatoryRecord } from './dictionary';
import type { ObservatoryIssue } from './checks';

export interface ObservatoryJson {
	format: 'maillage-observatoire';
	version: 1;
	annee: number;
	/** When the file was produced, ISO 8601. */
	produitLe: string;
	dictionnaire: { champ: string; entete: string; signification: string; type: string; typeLibelle: string; source: string }[];
	fiches: ObservatoryRecord[];
	controles: { code: string; gravite: string; cle: string; champ: string | null; message: string; lien: string }[];
}

/** The JSON document (an object; `JSON.stringify` it with two-space indentation for files). */
export function toObservatoryJson(year: number, records: readonly ObservatoryRecord[], issues: readonly ObservatoryIssue[], producedAt: string): ObservatoryJson {
	return {
		format: 'maillage-observatoire',
		version: 1,
		annee: year,
		produitLe: producedAt,
		dictionnaire: OBSERVATORY_FIELDS.map((f) => ({ champ: f.key, entete: f.header, signification: f.meaning, type: f.type, typeLibelle: FIELD_TYPES[f.type], source: f.source })),
		fiches: [...records],
		controles: issues.map((i) => ({ code: i.code, gravite: i.severity, cle: i.key, champ: i.field, message: i.message, lien: i.href }))
	};
}
