/**
 * A communal zoning list (the *zones France ruralités revitalisation*, ZFRR) of a CSV file → the
 * INSEE codes it lists: one column `code_commune` (also `code`, `code_insee`, `insee`, `codgeo`,
 * `insee_com`), one commune per row; other columns are ignored. A lost leading zero is restored
 * with a warning; a code given twice is a warning; a malformed code is an error naming its line.
 * Communes outside the database are kept aside by the server (only the territory's are stored).
 */
import { cell, openCsv, type ColumnSpec } from './columns';
import type { ImportContext } from './context';
import type { CsvTable } from './csv';
import { readCommuneCode } from './fields';
import { hasErrors, issueError, issueWarning, nothingImported, type DomainResult, type ImportIssue } from './issues';

type Field = 'code_commune';
const COLUMNS: readonly ColumnSpec<Field>[] = [
	{ field: 'code_commune', names: ['code_commune', 'code', 'code_insee', 'insee', 'codgeo', 'insee_com', 'com'], required: true }
];

/** One listed commune. */
export interface ZonageCommuneInput {
	/** The CSV line, to place the server's issues. */
	line: number;
	communeCode: string;
}

/** The communes of the list, with every issue. */
export function zonageCommunesFromCsv(table: CsvTable, ctx: ImportContext): DomainResult<ZonageCommuneInput> {
	const { issues, read, columns } = openCsv(table, COLUMNS);
	if (hasErrors(columns.issues)) return nothingImported(issues, read);
	const column = columns.name.code_commune ?? 'code_commune';
	const items: ZonageCommuneInput[] = [];
	const seen = new Map<string, number>();
	for (const record of table.records) {
		const own: ImportIssue[] = [];
		const where = { line: record.line, column };
		const raw = cell(columns, record, 'code_commune') ?? '';
		if (raw === '') own.push(issueError('required-missing', where));
		const code = raw === '' ? null : readCommuneCode(raw, where, ctx.official, own, { checkOfficial: false });
		issues.push(...own);
		if (hasErrors(own) || code === null) continue;
		const first = seen.get(code);
		if (first !== undefined) {
			issues.push(issueWarning('zonage-commune-duplicate', where, { code, first }));
			continue;
		}
		seen.set(code, record.line);
		items.push({ line: record.line, communeCode: code });
	}
	return { items, issues, read, skipped: read - items.length };
}
