/**
 * Funders (partners) and funding instruments as files (issue 14 §4): the columns of the web grids
 * — partners `code;nom;nature;territoire`, instruments `code;libelle;famille;nature_financeur;
 * debut;fin` — read from a CSV or worksheet table into the inputs of the web forms (same checks:
 * `parsePartnerForm`, `parseInstrumentForm`), and written back (CSV `;` UTF-8 BOM, or XLSX).
 * A nature or a family is its code (`commune`) or its French label (« Commune »). Pure.
 */
import { cell, resolveColumns, type ColumnSpec } from '../io/columns';
import type { CsvTable } from '../io/csv';
import { issueError, type IssueLocation } from '../io/issues';
import { foldText } from '../io/values';
import { instrumentFamilyLabels, partnerKindLabels } from '../ui/labels';
import type { FundingIssue } from './import';
import {
	INSTRUMENT_FAMILIES,
	PARTNER_KINDS,
	parseInstrumentForm,
	parsePartnerForm,
	type InstrumentInput,
	type PartnerInput
} from './reference-input';

export type ReferenceKind = 'partenaires' | 'dispositifs';

type PartnerField = 'code' | 'nom' | 'nature' | 'territoire';
type InstrumentField = 'code' | 'libelle' | 'famille' | 'nature_financeur' | 'debut' | 'fin';

export const PARTNER_FILE_COLUMNS: readonly ColumnSpec<PartnerField>[] = [
	{ field: 'code', names: ['code', 'code_financeur', 'code_partenaire'], required: true },
	{ field: 'nom', names: ['nom', 'name', 'nom_financeur', 'libelle'], required: true },
	{ field: 'nature', names: ['nature', 'type', 'kind', 'nature_financeur'], required: true },
	{ field: 'territoire', names: ['territoire', 'code_territoire', 'territory'] }
];

export const INSTRUMENT_FILE_COLUMNS: readonly ColumnSpec<InstrumentField>[] = [
	{ field: 'code', names: ['code', 'code_dispositif'], required: true },
	{ field: 'libelle', names: ['libelle', 'label', 'nom', 'libelle_dispositif'], required: true },
	{ field: 'famille', names: ['famille', 'family'], required: true },
	{ field: 'nature_financeur', names: ['nature_financeur', 'financeur', 'partner_kind'] },
	{ field: 'debut', names: ['debut', 'valide_du', 'valid_from', 'date_debut'] },
	{ field: 'fin', names: ['fin', 'valide_au', 'valid_until', 'date_fin'] }
];

/** A code by its code or its folded label: `commune`, « Commune », « intercommunalite (epci) ». */
function choiceReader(codes: readonly string[], labels: Record<string, string>): (raw: string) => string | null {
	const map = new Map<string, string>();
	for (const code of codes) {
		map.set(foldText(code), code);
		map.set(foldText(labels[code] ?? code), code);
	}
	map.set('epci', 'epci');
	map.set('intercommunalite', 'epci');
	map.set('conseil departemental', 'departement');
	map.set('cd', 'departement');
	return (raw) => (raw.trim() === '' ? null : (map.get(foldText(raw)) ?? null));
}

const partnerKind = choiceReader(PARTNER_KINDS, partnerKindLabels);
const instrumentFamily = choiceReader(INSTRUMENT_FAMILIES, instrumentFamilyLabels);

export interface ReferenceFileItem<T> {
	line: number;
	value: T;
}

export interface ReferenceFileResult<T> {
	items: ReferenceFileItem<T>[];
	issues: FundingIssue[];
	read: number;
	skipped: number;
}

/** Which form field each column feeds, to name the column of a form error. */
const PARTNER_FORM_COLUMNS: Record<keyof PartnerInput, PartnerField> = { code: 'code', name: 'nom', kind: 'nature', territoryCode: 'territoire' };
const INSTRUMENT_FORM_COLUMNS: Record<keyof InstrumentInput, InstrumentField> = {
	code: 'code',
	label: 'libelle',
	family: 'famille',
	partnerKind: 'nature_financeur',
	validFrom: 'debut',
	validUntil: 'fin'
};

function readTable<F extends string, T extends { code: string }>(
	table: CsvTable,
	specs: readonly ColumnSpec<F>[],
	formColumns: Record<keyof T, F>,
	choices: Partial<Record<F, { read: (raw: string) => string | null; formName: string; accepted: string; optional?: boolean }>>,
	formNames: Record<F, string>,
	parse: (get: (name: string) => string | null) => { ok: true; value: T } | { ok: false; errors: Partial<Record<keyof T, string>> }
): ReferenceFileResult<T> {
	const columns = resolveColumns(table.header, specs);
	const issues: FundingIssue[] = [...table.issues, ...columns.issues];
	const read = table.records.length;
	if (columns.issues.some((i) => i.code === 'csv-missing-column')) return { items: [], issues, read, skipped: read };
	const items: ReferenceFileItem<T>[] = [];
	const firstLine = new Map<string, number>();
	let skipped = 0;
	for (const record of table.records) {
		const at = (field: F): IssueLocation => ({ line: record.line, column: columns.name[field] ?? field });
		const own: FundingIssue[] = [];
		// A code written twice is reported whatever else is wrong with the row.
		const code = (cell(columns, record, specs[0].field) ?? '').trim().toUpperCase();
		const first = code ? firstLine.get(code) : undefined;
		if (first !== undefined) own.push({ ...issueError('duplicate-key', at(specs[0].field), { key: code, first }) });
		else if (code) firstLine.set(code, record.line);
		const values = new Map<string, string>();
		for (const spec of specs) {
			let raw = cell(columns, record, spec.field) ?? '';
			const choice = choices[spec.field];
			if (choice && raw !== '') {
				const code = choice.read(raw);
				if (code === null) own.push({ ...issueError('reference-choice-unknown', at(spec.field), { value: raw, accepted: choice.accepted }) });
				else raw = code;
			}
			values.set(formNames[spec.field], raw);
		}
		if (!own.some((i) => i.code === 'reference-choice-unknown')) {
			const parsed = parse((name) => values.get(name) ?? null);
			if (!parsed.ok) {
				for (const [field, message] of Object.entries(parsed.errors) as [keyof T, string][]) {
					own.push({ ...issueError('reference-field-invalid', at(formColumns[field]), { message }) });
				}
			} else if (own.length === 0) {
				items.push({ line: record.line, value: parsed.value });
				continue;
			}
		}
		issues.push(...own);
		skipped++;
	}
	return { items, issues, read, skipped };
}

/** Partners of a table `code;nom;nature;territoire`. */
export function partnersFromTable(table: CsvTable): ReferenceFileResult<PartnerInput> {
	return readTable<PartnerField, PartnerInput>(
		table,
		PARTNER_FILE_COLUMNS,
		PARTNER_FORM_COLUMNS,
		{ nature: { read: partnerKind, formName: 'nature', accepted: PARTNER_KINDS.map((k) => partnerKindLabels[k]).join(', ') } },
		{ code: 'code', nom: 'nom', nature: 'nature', territoire: 'territoire' },
		parsePartnerForm
	);
}

/** Instruments of a table `code;libelle;famille;nature_financeur;debut;fin`. */
export function instrumentsFromTable(table: CsvTable): ReferenceFileResult<InstrumentInput> {
	return readTable<InstrumentField, InstrumentInput>(
		table,
		INSTRUMENT_FILE_COLUMNS,
		INSTRUMENT_FORM_COLUMNS,
		{
			famille: { read: instrumentFamily, formName: 'famille', accepted: INSTRUMENT_FAMILIES.map((f) => instrumentFamilyLabels[f]).join(', ') },
			nature_financeur: { read: partnerKind, formName: 'nature_financeur', accepted: PARTNER_KINDS.map((k) => partnerKindLabels[k]).join(', ') }
		},
		{ code: 'code', libelle: 'libelle', famille: 'famille', nature_financeur: 'nature_financeur', debut: 'debut', fin: 'fin' },
		parseInstrumentForm
	);
}

/** Header and rows of the partners file (natures as French labels: the file reads back as is). */
export function partnersFileRows(partners: readonly { code: string; name: string; kind: string; territoryCode: string | null }[]): {
	header: string[];
	rows: (string | null)[][];
} {
	return {
		header: ['code', 'nom', 'nature', 'territoire'],
		rows: partners.map((p) => [p.code, p.name, (partnerKindLabels as Record<string, string>)[p.kind] ?? p.kind, p.territoryCode])
	};
}

/** Header and rows of the instruments file. */
export function instrumentsFileRows(
	instruments: readonly { code: string; label: string; family: string; partnerKind: string | null; validFrom: string | null; validUntil: string | null }[]
): { header: string[]; rows: (string | null)[][] } {
	return {
		header: ['code', 'libelle', 'famille', 'nature_financeur', 'debut', 'fin'],
		rows: instruments.map((i) => [
			i.code,
			i.label,
			(instrumentFamilyLabels as Record<string, string>)[i.family] ?? i.family,
			i.partnerKind ? ((partnerKindLabels as Record<string, string>)[i.partnerKind] ?? i.partnerKind) : null,
			i.validFrom,
			i.validUntil
		])
	};
}
