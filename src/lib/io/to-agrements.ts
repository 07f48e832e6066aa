/**
 * Agréments of a CSV file → agrément items (issue 7): one row per agrément,
 * `id_structure;type_agrement;debut;fin;premier;decision;date_decision`.
 * - `id_structure`: the structure's identifier in the CAF files (the `id` of the structures
 *   import), or its SIRET (14 digits); resolved against the database by the server half.
 * - `type_agrement`: `AGC` / `animation globale (et coordination)`, `ACF` / `animation collective
 *   familles`, `AL` / `animation locale` / `EVS` → `animation_globale`,
 *   `animation_collective_familles`, `animation_locale`.
 * - `debut`, `fin`: dates `AAAA-MM-JJ` or `JJ/MM/AAAA`, `fin` not before `debut`.
 * - `premier`: `oui` / `non` (a first projet social); empty means `non`.
 * - `decision`: `accordé`, `refusé`, `en instruction`, `prorogé` (a *prorogation*: a row with the
 *   extension's own dates), `retiré` (a *retrait*: the agrément stops covering the day after
 *   `date_decision`, then required) — accents and case free; empty means `accordé`.
 *   `date_decision` optional otherwise; a decided agrément without it gets a warning.
 * Natural key: structure + kind + start date (a repeat in the file is an error).
 */
import { cell, openCsv, type ColumnSpec } from './columns';
import type { ImportContext } from './context';
import type { CsvTable } from './csv';
import { DuplicateKeys, hasErrors, issueError, issueWarning, nothingImported, type DomainResult, type ImportIssue } from './issues';
import { foldText, parseDate, parseYesNo } from './values';

export type AgrementKindCode = 'animation_globale' | 'animation_collective_familles' | 'animation_locale';
export type AgrementDecisionCode = 'en_instruction' | 'accorde' | 'proroge' | 'refuse' | 'retire';

/** One agrément read from the file. */
export interface AgrementInput {
	/** The CSV line, to place the server's own issues. */
	line: number;
	/** As written: an external id, or a SIRET once spaces are removed. */
	structureKey: string;
	/** The column name of `structureKey` as written in the file. */
	structureColumn: string;
	kind: AgrementKindCode;
	startDate: string;
	endDate: string;
	isFirst: boolean;
	decision: AgrementDecisionCode;
	decisionDate: string | null;
}

type Field = 'id_structure' | 'type_agrement' | 'debut' | 'fin' | 'premier' | 'decision' | 'date_decision';
const COLUMNS: readonly ColumnSpec<Field>[] = [
	{ field: 'id_structure', names: ['id_structure', 'structure', 'identifiant_structure', 'id', 'siret'], required: true },
	{ field: 'type_agrement', names: ['type_agrement', 'type', 'nature', 'nature_agrement'], required: true },
	{ field: 'debut', names: ['debut', 'date_debut', 'agrement_debut'], required: true },
	{ field: 'fin', names: ['fin', 'date_fin', 'agrement_fin'], required: true },
	{ field: 'premier', names: ['premier', 'premier_projet', 'premier_agrement'] },
	{ field: 'decision', names: ['decision'] },
	{ field: 'date_decision', names: ['date_decision', 'decision_date', 'date_de_decision'] }
];

const KINDS: Record<string, AgrementKindCode> = {
	agc: 'animation_globale',
	ag: 'animation_globale',
	'animation globale': 'animation_globale',
	'animation globale et coordination': 'animation_globale',
	animation_globale: 'animation_globale',
	acf: 'animation_collective_familles',
	'animation collective familles': 'animation_collective_familles',
	'animation collective famille': 'animation_collective_familles',
	animation_collective_familles: 'animation_collective_familles',
	al: 'animation_locale',
	evs: 'animation_locale',
	'animation locale': 'animation_locale',
	animation_locale: 'animation_locale'
};

const DECISIONS: Record<string, AgrementDecisionCode> = {
	accorde: 'accorde',
	accord: 'accorde',
	agree: 'accorde',
	refuse: 'refuse',
	refus: 'refuse',
	'en instruction': 'en_instruction',
	en_instruction: 'en_instruction',
	instruction: 'en_instruction',
	proroge: 'proroge',
	prorogation: 'proroge',
	retire: 'retire',
	retrait: 'retire'
};

const DECISION_WORDS: Record<AgrementDecisionCode, string> = {
	en_instruction: 'en instruction',
	accorde: 'accordé',
	proroge: 'prorogé',
	refuse: 'refusé',
	retire: 'retiré'
};

/** The kind of `raw` (any case or accents), or undefined. */
export function readAgrementKind(raw: string): AgrementKindCode | undefined {
	return KINDS[foldText(raw).replace(/-/g, ' ')];
}

/** The decision of `raw`, `accorde` when blank, or undefined. */
export function readAgrementDecision(raw: string): AgrementDecisionCode | undefined {
	const folded = foldText(raw);
	if (folded === '') return 'accorde';
	return DECISIONS[folded] ?? DECISIONS[folded.replace(/s$/, '')];
}

/** The structure key as written, or a SIRET typed with spaces compacted (`998 389 126 00017`). */
export function structureKeyOf(raw: string): string {
	const text = raw.trim();
	return /^\d[\d\s\u00a0\u202f.]*$/.test(text) ? text.replace(/[\s\u00a0\u202f.]/g, '') : text;
}

/** Agréments of a CSV table. The context is unused (structures are resolved by the server). */
export function agrementsFromCsv(table: CsvTable, _ctx?: ImportContext): DomainResult<AgrementInput> {
	const { issues, read, columns } = openCsv(table, COLUMNS);
	if (hasErrors(columns.issues)) return nothingImported(issues, read);
	const name = (f: Field) => columns.name[f] ?? f;
	const items: AgrementInput[] = [];
	const seen = new DuplicateKeys();
	for (const record of table.records) {
		const own: ImportIssue[] = [];
		const at = (f: Field) => ({ line: record.line, column: name(f) });
		const key = structureKeyOf(cell(columns, record, 'id_structure') ?? '');
		if (key === '') own.push(issueError('required-missing', at('id_structure')));
		const kindRaw = cell(columns, record, 'type_agrement') ?? '';
		const kind = kindRaw === '' ? undefined : readAgrementKind(kindRaw);
		if (kindRaw === '') own.push(issueError('required-missing', at('type_agrement')));
		else if (!kind) own.push(issueError('agrement-kind-unknown', at('type_agrement'), { value: kindRaw }));
		const date = (f: Field, required: boolean): string | null => {
			const raw = cell(columns, record, f) ?? '';
			const value = parseDate(raw);
			if (value === undefined) own.push(issueError('date-invalid', at(f), { value: raw }));
			else if (value === null && required) own.push(issueError('required-missing', at(f)));
			return value ?? null;
		};
		const start = date('debut', true);
		const end = date('fin', true);
		if (start && end && end < start) own.push(issueError('agrement-dates-inverted', at('fin'), { start, end }));
		const firstRaw = cell(columns, record, 'premier') ?? '';
		const first = parseYesNo(firstRaw);
		if (first === undefined) own.push(issueError('yes-no-invalid', at('premier'), { value: firstRaw }));
		const decisionRaw = cell(columns, record, 'decision') ?? '';
		const decision = readAgrementDecision(decisionRaw);
		if (!decision) own.push(issueError('agrement-decision-unknown', at('decision'), { value: decisionRaw }));
		const decisionDate = date('date_decision', false);
		if (decision === 'retire' && decisionDate === null && !own.some((i) => i.column === name('date_decision'))) {
			own.push(issueError('agrement-withdrawal-date-missing', at('date_decision'), {}));
		} else if (decision && decision !== 'en_instruction' && decisionDate === null && !own.some((i) => i.column === name('date_decision'))) {
			own.push(issueWarning('agrement-decision-date-missing', at('date_decision'), { value: DECISION_WORDS[decision] }));
		}
		if (key && kind && start) seen.check(`${key}|${kind}|${start}`, record.line, own, at('debut'), `${key} ${kindRaw} ${start}`);
		issues.push(...own);
		if (hasErrors(own) || !kind || !start || !end || !decision) continue;
		items.push({
			line: record.line,
			structureKey: key,
			structureColumn: name('id_structure'),
			kind,
			startDate: start,
			endDate: end,
			isFirst: first ?? false,
			decision,
			decisionDate
		});
	}
	return { items, issues, read, skipped: read - items.length };
}
