/**
 * Finds the columns a CSV kind needs in a header, by canonical name and accepted aliases
 * (`code_commune`, `code_insee`, `insee`, `codgeo`…), whatever the case, accents or spacing.
 */
import { issueError, type ImportIssue } from './issues';
import { normalizeName } from './values';
import type { CsvRecord, CsvTable } from './csv';

export interface ColumnSpec<F extends string> {
	field: F;
	/** Accepted names, canonical first, all in `normalizeName` form. */
	names: readonly string[];
	required?: boolean;
}

/** Where each field's column is: its index and its name as written in the file. */
export interface ResolvedColumns<F extends string> {
	index: Partial<Record<F, number>>;
	name: Partial<Record<F, string>>;
	issues: ImportIssue[];
}

/**
 * Maps header names to fields. Reports a missing required column (with the accepted names)
 * and a column name written twice (`csv-duplicate-column`, for the fields it would feed).
 */
export function resolveColumns<F extends string>(
	header: readonly string[],
	specs: readonly ColumnSpec<F>[]
): ResolvedColumns<F> {
	const positions = new Map<string, number[]>();
	header.forEach((h, i) => {
		const key = normalizeName(h);
		if (key === '') return;
		positions.set(key, [...(positions.get(key) ?? []), i]);
	});
	const index: Partial<Record<F, number>> = {};
	const name: Partial<Record<F, string>> = {};
	const issues: ImportIssue[] = [];
	for (const spec of specs) {
		const found = spec.names.find((n) => positions.has(n));
		if (found === undefined) {
			if (spec.required) {
				issues.push(
					issueError('csv-missing-column', { column: spec.names[0] }, { accepted: spec.names.join(', ') })
				);
			}
			continue;
		}
		const at = positions.get(found)!;
		if (at.length > 1) {
			issues.push(issueError('csv-duplicate-column', { column: header[at[0]] }, { count: at.length }));
		}
		index[spec.field] = at[0];
		name[spec.field] = header[at[0]];
	}
	return { index, name, issues };
}

/** A cell, trimmed; undefined when the field's column is absent from the file. */
export function cell<F extends string>(
	columns: ResolvedColumns<F>,
	record: CsvRecord,
	field: F
): string | undefined {
	const i = columns.index[field];
	return i === undefined ? undefined : (record.values[i] ?? '').trim();
}

/**
 * How every CSV importer starts: the reader's issues plus the columns', the records read (rows of
 * a wrong length count: they were reported and are skipped) and where each field's column is.
 */
export function openCsv<F extends string>(
	table: CsvTable,
	specs: readonly ColumnSpec<F>[]
): { issues: ImportIssue[]; read: number; columns: ResolvedColumns<F> } {
	const columns = resolveColumns(table.header, specs);
	const read = table.records.length + table.issues.filter((i) => i.code === 'csv-column-count').length;
	return { issues: [...table.issues, ...columns.issues], read, columns };
}
