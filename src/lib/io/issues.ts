/**
 * Problems found in an imported file are values, never exceptions: each names where it is
 * (CSV line, GeoJSON feature, column or property) and what, by a stable `code` and `params`.
 * The French sentence is built in one place, `messages-fr.ts`.
 */

export type Severity = 'error' | 'warning';

/** Every issue code, grouped by stage. `messages-fr.ts` has one sentence per code. */
export const ISSUE_CODES = [
	// file
	'file-empty',
	'file-too-large',
	'file-binary',
	'file-compressed',
	'file-spreadsheet',
	'file-format-unexpected',
	// XLSX workbooks (the guarded reader)
	'xlsx-unreadable',
	'xlsx-too-large',
	'xlsx-too-many-cells',
	'territory-required',
	// CSV
	'csv-unterminated-quote',
	'csv-column-count',
	'csv-missing-column',
	'csv-duplicate-column',
	'csv-no-rows',
	// JSON / GeoJSON
	'json-truncated',
	'json-syntax',
	'geojson-not-feature-collection',
	'geojson-no-features',
	'geojson-feature-invalid',
	'crs-unsupported',
	'crs-unknown',
	'crs-lambert93-reprojected',
	// geometry
	'geometry-missing',
	'geometry-not-polygon',
	'geometry-not-point',
	'geometry-malformed',
	'geometry-non-finite',
	'ring-unclosed',
	'ring-too-short',
	'geometry-outside-france',
	'geometry-self-intersection-repaired',
	'geometry-self-intersection-kept',
	'centre-invalid',
	// codes and keys
	'code-missing',
	'insee-invalid',
	'insee-leading-zero-restored',
	'departement-invalid',
	'duplicate-key',
	'commune-merged',
	'commune-arrondissement',
	'commune-unknown',
	'epci-unknown',
	'epci-parts-merged',
	'epci-feature-empty',
	'siren-invalid',
	'siren-checksum',
	'siret-invalid',
	'siret-checksum',
	'zone-code-invalid',
	// values
	'required-missing',
	'name-missing',
	'number-invalid',
	'integer-invalid',
	'date-invalid',
	'yes-no-invalid',
	'year-invalid',
	// structures and poles
	'structure-key-missing',
	'structure-type-unknown',
	'management-mode-unknown',
	'agrement-dates-incomplete',
	'agrement-dates-inverted',
	'coordinates-incomplete',
	'coordinates-invalid',
	'coordinates-swapped',
	'coordinates-outside-france',
	'location-approximate',
	'location-unavailable',
	'structure-key-conflict',
	'establishment-invalid',
	'structure-siret-ambiguous',
	// indicators
	'indicator-level-unknown',
	'indicator-level-ambiguous',
	'indicator-key-invalid',
	'indicator-value-missing',
	// agréments
	'agrement-kind-unknown',
	'agrement-decision-unknown',
	'agrement-decision-date-missing',
	'agrement-withdrawal-date-missing',
	'qpv-generation-missing',
	'qpv-generation-mismatch',
	'qpv-generation-unknown',
	'zonage-commune-duplicate',
	'zonage-commune-outside',
	'zonage-no-communes',
	'zonage-later-list',
	'agrement-structure-unknown',
	'agrement-kind-mismatch',
	// poles from INSEE zonings
	'insee-table-unrecognised',
	'insee-definition-unserved',
	'insee-leading-zeros-restored',
	'pole-code-ignored',
	'pole-commune-merged',
	'pole-commune-unknown',
	'pole-location-unavailable',
	'band-communes-missing',
	'aav-without-centre',
	'insee-poles-removed',
	// partners and instruments files
	'reference-choice-unknown',
	'reference-field-invalid',
	// travel times
	'travel-origin-unknown',
	'travel-destination-unknown',
	'travel-minutes-not-positive'
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

/**
 * One problem. `line` is the 1-based physical line of a CSV record (the header is line 1);
 * `feature` the 1-based rank of a GeoJSON feature in `features`; `column` the column or
 * property name as written in the file.
 */
export interface ImportIssue {
	severity: Severity;
	line?: number;
	feature?: number;
	column?: string;
	code: IssueCode;
	params?: Record<string, string | number>;
}

/** Where an issue is: the `line`/`feature`/`column` part of an issue. */
export type IssueLocation = Pick<ImportIssue, 'line' | 'feature' | 'column'>;

/** An error at `where`. */
export function issueError(
	code: IssueCode,
	where: IssueLocation = {},
	params?: ImportIssue['params']
): ImportIssue {
	return makeIssue('error', code, where, params);
}

/** A warning at `where`. */
export function issueWarning(
	code: IssueCode,
	where: IssueLocation = {},
	params?: ImportIssue['params']
): ImportIssue {
	return makeIssue('warning', code, where, params);
}

function makeIssue(
	severity: Severity,
	code: IssueCode,
	where: IssueLocation,
	params: ImportIssue['params']
): ImportIssue {
	// Fixed key order keeps golden files and logs stable.
	const out = { severity } as ImportIssue;
	if (where.line !== undefined) out.line = where.line;
	if (where.feature !== undefined) out.feature = where.feature;
	if (where.column !== undefined) out.column = where.column;
	out.code = code;
	if (params && Object.keys(params).length > 0) out.params = params;
	return out;
}

/**
 * The issues of a record set aside (outside the territory and its band): it is not kept, so its
 * errors do not refuse the file — they are reported as warnings — and its notices (a code merged
 * since, an arrondissement) are dropped: they would describe what is not kept (596 lines for the
 * communes of France around one département).
 */
export function asWarnings(issues: readonly ImportIssue[]): ImportIssue[] {
	return issues.filter((i) => i.severity === 'error').map((i) => ({ ...i, severity: 'warning' as const }));
}

/** Where each natural key of a file first appears: a key met again is a `duplicate-key` error naming that place. */
export class DuplicateKeys {
	private readonly first = new Map<string, number>();

	/**
	 * Records `key` at `position` (a line or a feature) the first time; met again, pushes the error
	 * at `where` into `own` (the key shown as `label`) and returns true.
	 */
	check(key: string, position: number, own: ImportIssue[], where: IssueLocation, label: string = key): boolean {
		const first = this.first.get(key);
		if (first === undefined) {
			this.first.set(key, position);
			return false;
		}
		own.push(issueError('duplicate-key', where, { key: label, first }));
		return true;
	}
}

/** True when at least one issue is an error. */
export function hasErrors(issues: readonly ImportIssue[]): boolean {
	return issues.some((i) => i.severity === 'error');
}

/**
 * The result of every `toDomain`: the valid items (records with an error are left out) and
 * every issue. `read` counts the records of the file (rows or features), `skipped` those left out.
 */
export interface DomainResult<T> {
	items: T[];
	issues: ImportIssue[];
	read: number;
	skipped: number;
}

/** The result of a file refused as a whole (no usable columns, CRS…): every record skipped. */
export function nothingImported<T>(issues: ImportIssue[], read: number): DomainResult<T> {
	return { items: [], issues, read, skipped: read };
}

function rank(issue: ImportIssue): number {
	return issue.line ?? issue.feature ?? 0;
}

/** Issues in file order (file-level first, then by line or feature), stable otherwise. */
export function sortIssues(issues: readonly ImportIssue[]): ImportIssue[] {
	return issues
		.map((issue, i) => ({ issue, i }))
		.sort((a, b) => rank(a.issue) - rank(b.issue) || a.i - b.i)
		.map(({ issue }) => issue);
}
