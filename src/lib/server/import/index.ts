/**
 * The import pipeline's server entry: `runImport(db, options)` for the CLI and the web page,
 * plus what they display (kinds, French messages, the size limit).
 */
export { runImport, loadImportContext, DEMO_DATABASE_MESSAGE } from './run-import';
export type { ImportCounts, ImportPhase, ImportReport, RunImportOptions } from './run-import';
export { maxUploadBytes, DEFAULT_MAX_UPLOAD_MB } from './limits';
export { IMPORT_KINDS, isImportKind, type ImportKind } from '../../io/import-file';
export { formatIssue, formatLocation, severityLabel } from '../../io/messages-fr';
export type { ImportIssue } from '../../io/issues';
