/**
 * What `POST /api/import` streams back, one JSON object per line (NDJSON): progress events of the
 * parse, validate and write phases, then one `report` (or one `error`). Shared by the endpoint
 * and the Administration › Import page. Pure: no I/O.
 */
import { formatIssue, formatLocation, severityLabel } from '$lib/io/messages-fr';
import type { ImportIssue } from '$lib/io/issues';
import { importNotes, type ImportSideEffects } from '$lib/io/scope-fr';

export type ServerPhase = 'parse' | 'validate' | 'write';

/** An issue ready to display: where, what, in French. */
export interface WebIssue {
	severity: 'error' | 'warning';
	/** « Erreur » or « Avertissement ». */
	severityLabel: string;
	/** « Ligne 12, colonne code_commune », « Objet n° 3 », or empty for the whole file. */
	location: string;
	line: number | null;
	feature: number | null;
	column: string | null;
	code: string;
	/** The full French sentence, location first. */
	message: string;
}

export interface WebImportReport {
	status: 'accepted' | 'rejected' | 'partial';
	kind: string;
	fileName: string;
	fileHash: string;
	counts: { read: number; inserted: number; updated: number; unchanged: number; skipped: number; setAside?: number; band?: number };
	importLogId: number;
	errorCount: number;
	warningCount: number;
	/** The first issues (at most `MAX_ISSUES_SHOWN`); the CSV report has them all. */
	issues: WebIssue[];
	/** Total number of issues, shown or not. */
	issueCount: number;
	/** What the import kept and set aside (territory of work, border band), the territory it set, the EPCI it drew. */
	notes: string[];
}

export type ImportStreamEvent =
	| { type: 'progress'; phase: ServerPhase; done: number; total: number }
	| { type: 'report'; report: WebImportReport }
	| { type: 'error'; message: string };

/** Issues sent to the page; a France-wide file can carry thousands of warnings. */
export const MAX_ISSUES_SHOWN = 1000;

/** One issue for display. */
export function toWebIssue(issue: ImportIssue): WebIssue {
	return {
		severity: issue.severity,
		severityLabel: severityLabel(issue),
		location: formatLocation(issue),
		line: issue.line ?? null,
		feature: issue.feature ?? null,
		column: issue.column ?? null,
		code: issue.code,
		message: formatIssue(issue)
	};
}

/** The report of `runImport` for the page: counts, and the first issues in French, errors first. */
export function toWebReport(report: {
	status: WebImportReport['status'];
	kind: string;
	fileName: string;
	fileHash: string;
	counts: WebImportReport['counts'];
	importLogId: number;
	issues: readonly ImportIssue[];
} & Partial<ImportSideEffects>): WebImportReport {
	const errors = report.issues.filter((i) => i.severity === 'error');
	const warnings = report.issues.filter((i) => i.severity !== 'error');
	return {
		status: report.status,
		kind: report.kind,
		fileName: report.fileName,
		fileHash: report.fileHash,
		counts: report.counts,
		importLogId: report.importLogId,
		errorCount: errors.length,
		warningCount: warnings.length,
		issues: [...errors, ...warnings].slice(0, MAX_ISSUES_SHOWN).map(toWebIssue),
		issueCount: report.issues.length,
		notes: report.scope ? importNotes(report as ImportSideEffects) : []
	};
}

/**
 * Splits streamed text into complete NDJSON events; returns them and the unfinished tail to
 * prepend to the next chunk. Blank lines are skipped.
 */
export function parseEvents(buffer: string): { events: ImportStreamEvent[]; rest: string } {
	const lines = buffer.split('\n');
	const rest = lines.pop() ?? '';
	const events = lines.filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as ImportStreamEvent);
	return { events, rest };
}

/** The CSV report's rows (header first): severity, line, object, column, code, message. */
export function issueRows(issues: readonly ImportIssue[]): (string | number | null)[][] {
	return issues.map((issue) => {
		const web = toWebIssue(issue);
		return [web.severityLabel, web.line, web.feature, web.column, web.code, web.message];
	});
}

export const ISSUE_CSV_HEADERS = ['Gravité', 'Ligne', 'Objet n°', 'Colonne ou propriété', 'Code', 'Message'] as const;
