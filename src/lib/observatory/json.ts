/**
 * The observatory export as JSON: the year, the dictionaries (records and detail), the code lists
 * of the year, the records with typed values (numbers, booleans, ISO dates as text, null when
 * unknown), the detail rows, the département summary and the consistency checks. Pure.
 */
import { DETAIL_FIELDS } from './detail';
import { dictionaryRows, OBSERVATORY_FIELDS, type FieldDefinition, type ObservatoryRecord } from './dictionary';
import type { ObservatoryIssue } from './checks';
import type { ObservatoryLists } from './lists';
import type { DepartementSummary } from './summary';

export interface ObservatoryJson {
	format: 'maillage-observatoire';
	version: 2;
	annee: number;
	/** When the file was produced, ISO 8601. */
	produitLe: string;
	dictionnaire: ReturnType<typeof dictionaryEntries>;
	dictionnaireDetail: ReturnType<typeof dictionaryEntries>;
	listes: Record<string, { code: string; libelle: string }[]>;
	fiches: ObservatoryRecord[];
	detail: ObservatoryRecord[];
	synthese: DepartementSummary;
	controles: { code: string; gravite: string; cle: string; champ: string | null; message: string; lien: string }[];
}

/** The dictionary as JSON entries (machine type and its French label). */
export function dictionaryEntries(fields: readonly FieldDefinition[]) {
	const rows = dictionaryRows(fields);
	return fields.map((f, i) => ({ champ: f.key, entete: f.header, signification: f.meaning, type: f.type, typeLibelle: rows[i].type, import: f.entry, importLibelle: rows[i].entry, source: f.source, rubrique: f.section ?? null }));
}

/** The JSON document (an object; `JSON.stringify` it with two-space indentation for files). */
export function toObservatoryJson(
	year: number,
	content: { records: readonly ObservatoryRecord[]; detail: readonly ObservatoryRecord[]; issues: readonly ObservatoryIssue[]; lists: ObservatoryLists; summary: DepartementSummary },
	producedAt: string
): ObservatoryJson {
	return {
		format: 'maillage-observatoire',
		version: 2,
		annee: year,
		produitLe: producedAt,
		dictionnaire: dictionaryEntries(OBSERVATORY_FIELDS),
		dictionnaireDetail: dictionaryEntries(DETAIL_FIELDS),
		listes: Object.fromEntries(Object.entries(content.lists).map(([k, l]) => [k, l.items.map((i) => ({ code: i.code, libelle: i.label }))])),
		fiches: [...content.records],
		detail: [...content.detail],
		synthese: content.summary,
		controles: content.issues.map((i) => ({ code: i.code, gravite: i.severity, cle: i.key, champ: i.field, message: i.message, lien: i.href }))
	};
}
