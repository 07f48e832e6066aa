/**
 * The funding export table: the import's columns first (`annee;structure;financeur;dispositif;
 * montant;statut;commentaire`, so an exported file imports back unchanged), then readable names.
 * Amounts are numbers (decimal comma in CSV, real numbers in XLSX). Pure.
 */
import type { FundingLine, FundingStatus } from './types';

const EXPORT_KEYS = [
	'annee', 'structure', 'financeur', 'dispositif', 'montant', 'statut', 'commentaire',
	'siret', 'nom_structure', 'type', 'epci', 'nom_financeur', 'libelle_dispositif', 'publie'
] as const;

/** The columns of the export: the header is the key itself (as the import reads it). */
export const EXPORT_COLUMNS = EXPORT_KEYS.map((key) => ({ key, label: key }));

export type ExportCell = string | number | boolean | null;

/** The French word of a status, as written in files (`versé`). */
export const STATUS_WORDS: Record<FundingStatus, string> = {
	previsionnel: 'prévisionnel',
	notifie: 'notifié',
	verse: 'versé'
};

/** One row per line, cells in `EXPORT_COLUMNS` order. `structure` is the file id, else the Maillage id. */
export function exportRows(lines: readonly FundingLine[]): ExportCell[][] {
	return lines.map((l) => [
		l.year,
		l.structureExternalId ?? String(l.structureId),
		l.partnerCode,
		l.instrumentCode,
		l.amount,
		STATUS_WORDS[l.status],
		l.comment,
		l.structureSiret,
		l.structureName,
		l.structureType,
		l.epciName,
		l.partnerName,
		l.instrumentLabel,
		l.published
	]);
}

/** The header line (column names). */
export function exportHeaders(): string[] {
	return EXPORT_COLUMNS.map((c) => c.label);
}
