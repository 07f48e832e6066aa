/**
 * The audit trail: every create, update and delete records who, when, the entity and its
 * before/after state; a bulk import is one entry pointing to its import log. Admins browse it
 * (filters, pages) and export it (CSV for spreadsheets, JSON for machines).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema';
import { IMPORT_KINDS, isImportKind } from '../../io/import-file';
// The one CSV writer of the app (`;`, BOM, formula guard); kept beside the other exports.
import { BOM, csvCell, type CsvCell } from '../../io/csv-writer';
import { parisDateTime } from '../../format';

/** Who acts: a signed-in user, or the command line / system (userId null). */
export interface AuditActor {
	userId: number | null;
	/** Shown in the log: an email, `cli`, `système`… */
	label: string;
}

export const SYSTEM_ACTOR: AuditActor = { userId: null, label: 'système' };
export const CLI_ACTOR: AuditActor = { userId: null, label: 'ligne de commande' };

export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'import'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** French names of the actions, for the journal and its exports. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
	create: 'Création',
	update: 'Modification',
	delete: 'Suppression',
	import: 'Import'
};

/** French names of the audited tables (the `entity` of create/update/delete entries). */
const ENTITY_LABELS: Record<string, string> = {
	app_user: 'Compte',
	work_territory: 'Territoire de travail',
	pole_definition: 'Définition des pôles d’activités',
	epci: 'EPCI',
	commune: 'Commune',
	zone: 'Zone (QPV, IRIS…)',
	activity_pole: "Pôle d'activités",
	structure: 'Structure',
	agrement: 'Agrément',
	staff_post: 'Poste',
	structure_year: 'Données annuelles (observatoire)',
	structure_year_detail: 'Détail annuel (activités, partenaires, contrats)',
	activite: 'Import : données annuelles (activité)',
	partner: 'Partenaire',
	funding_instrument: 'Dispositif de financement',
	funding_line: 'Ligne de financement',
	reference_parameter: 'Paramètre de référence',
	accord_cadre: 'Accord-cadre',
	commitment: 'Engagement',
	schema_directeur: 'Schéma directeur',
	orientation: 'Orientation',
	objective: 'Objectif',
	indicator: 'Indicateur',
	committee_decision: 'Décision de comité'
};

/**
 * The French name of an entity code: a table (`structure` → « Structure ») or, for an import,
 * its kind (`structures` → « Import : Structures (centres sociaux et EVS) »). Unknown codes are
 * returned as they are, never hidden.
 */
export function entityLabel(entity: string, action?: AuditAction): string {
	if ((action === 'import' || !(entity in ENTITY_LABELS)) && isImportKind(entity)) return `Import : ${IMPORT_KINDS[entity].label}`;
	return ENTITY_LABELS[entity] ?? entity;
}

export interface AuditEntry {
	action: AuditAction;
	entity: string;
	entityId?: string | number | null;
	before?: unknown;
	after?: unknown;
	importLogId?: number | null;
}

type Db = Kysely<Database> | Transaction<Database>;

const SECRET_KEYS = ['password_hash', 'reset_code_hash'] as const;
/** What replaces a secret in the log. */
export const MASKED = '[masqué]';
/** What replaces a secret that this change replaced by another one (so the diff still shows it). */
export const MASKED_CHANGED = '[masqué, modifié]';

function isRecord(value: unknown): value is Record<string, unknown> {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Strips secrets (password hashes, reset codes) before a row enters the log. An empty secret
 * stays null and a secret that differs from `previous` is marked as changed, so an admin still
 * sees « code de réinitialisation émis » or « mot de passe changé » without the secret itself.
 */
function redact(value: unknown, previous?: unknown): unknown {
	if (!isRecord(value)) return value;
	const copy: Record<string, unknown> = { ...value };
	for (const key of SECRET_KEYS) {
		if (!(key in copy) || copy[key] === null) continue;
		const changed = isRecord(previous) && key in previous && previous[key] !== copy[key];
		copy[key] = changed ? MASKED_CHANGED : MASKED;
	}
	return copy;
}

export async function record(db: Db, actor: AuditActor, entry: AuditEntry): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			user_id: actor.userId,
			actor: actor.label,
			action: entry.action,
			entity: entry.entity,
			entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
			before: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
			after: entry.after === undefined ? null : JSON.stringify(redact(entry.after, entry.before)),
			import_log_id: entry.importLogId ?? null
		})
		.execute();
}

// --- Reading the log ----------------------------------------------------------------------------

/** Which entries to read. Every filter is optional; they combine with AND. */
export interface AuditFilters {
	/** Entity code (`app_user`, `structure`, or an import kind such as `structures`). */
	entity?: string | null;
	/** Identifier of the entity (e.g. one account's id). */
	entityId?: string | null;
	action?: AuditAction | null;
	/** Only entries of this account. */
	userId?: number | null;
	/** Only entries whose actor label is exactly this (an email, « ligne de commande »…). */
	actor?: string | null;
	/** First calendar day included, `YYYY-MM-DD`, in France (Europe/Paris). */
	from?: string | null;
	/** Last calendar day included, `YYYY-MM-DD`, in France (Europe/Paris). */
	to?: string | null;
}

export interface AuditListOptions extends AuditFilters {
	/** Page size; default 100, at most 1000. */
	limit?: number;
	offset?: number;
}

/** The import an `import` entry points to. */
export interface ImportLogSummary {
	id: number;
	/** Import kind (`structures`, `communes`…). */
	kind: string;
	fileName: string;
	status: 'accepted' | 'rejected' | 'partial';
	/** read, inserted, updated, unchanged, skipped. */
	counts: Record<string, number>;
}

export interface AuditLogEntry {
	id: number;
	/** When, ISO 8601 (UTC). */
	at: string;
	userId: number | null;
	actor: string;
	action: AuditAction;
	entity: string;
	entityId: string | null;
	/** The row before the change (secrets masked), null for a creation or an import. */
	before: unknown;
	/** The row after the change (secrets masked), null for a deletion. */
	after: unknown;
	importLog: ImportLogSummary | null;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A valid `YYYY-MM-DD` calendar date, or null. */
export function isoDay(value: string | null | undefined): string | null {
	if (!value || !ISO_DAY.test(value)) return null;
	const [y, m, d] = value.split('-').map(Number);
	const check = new Date(Date.UTC(y, m - 1, d));
	return check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d ? value : null;
}

function filtered(db: Db, filters: AuditFilters) {
	let query = db.selectFrom('audit_log as a');
	if (filters.entity) query = query.where('a.entity', '=', filters.entity);
	if (filters.entityId) query = query.where('a.entity_id', '=', filters.entityId);
	if (filters.action) query = query.where('a.action', '=', filters.action);
	if (filters.userId !== undefined && filters.userId !== null) query = query.where('a.user_id', '=', filters.userId);
	if (filters.actor) query = query.where('a.actor', '=', filters.actor);
	// Calendar days in France: midnight in Paris, whatever the server's time zone.
	const from = isoDay(filters.from);
	const to = isoDay(filters.to);
	if (from) query = query.where('a.at', '>=', sql<Date>`(${from}::date)::timestamp at time zone 'Europe/Paris'`);
	if (to) query = query.where('a.at', '<', sql<Date>`(${to}::date + 1)::timestamp at time zone 'Europe/Paris'`);
	return query;
}

function toIso(value: Date | string): string {
	return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Entries matching `options`, newest first, with the import they point to. */
export async function list(db: Db, options: AuditListOptions = {}): Promise<AuditLogEntry[]> {
	const limit = Math.min(Math.max(1, options.limit ?? 100), 1000);
	return readPage(db, options, { limit, offset: Math.max(0, options.offset ?? 0) });
}

async function readPage(db: Db, filters: AuditFilters, page: { limit: number; offset?: number; beforeId?: number }): Promise<AuditLogEntry[]> {
	let query = filtered(db, filters)
		.leftJoin('import_log as i', 'i.id', 'a.import_log_id')
		.select([
			'a.id',
			'a.at',
			'a.user_id as userId',
			'a.actor',
			'a.action',
			'a.entity',
			'a.entity_id as entityId',
			'a.before',
			'a.after',
			'a.import_log_id',
			'i.kind as import_kind',
			'i.file_name as import_file_name',
			'i.status as import_status',
			'i.counts as import_counts'
		])
		.orderBy('a.id', 'desc')
		.limit(page.limit);
	if (page.beforeId !== undefined) query = query.where('a.id', '<', page.beforeId);
	if (page.offset) query = query.offset(page.offset);
	const rows = await query.execute();
	return rows.map(({ import_log_id, import_kind, import_file_name, import_status, import_counts, ...r }) => ({
		...r,
		id: Number(r.id),
		at: toIso(r.at),
		before: r.before ?? null,
		after: r.after ?? null,
		importLog:
			import_log_id !== null && import_file_name !== null
				? {
						id: import_log_id,
						kind: import_kind ?? '',
						fileName: import_file_name,
						status: import_status ?? 'accepted',
						counts: (import_counts ?? {}) as Record<string, number>
					}
				: null
	}));
}

/** How many entries match `filters`. */
export async function count(db: Db, filters: AuditFilters = {}): Promise<number> {
	const row = await filtered(db, filters)
		.select((eb) => eb.fn.countAll<string | number>().as('n'))
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/**
 * Every matching entry, newest first, in batches of `batchSize` (keyset paging on the id, so a
 * large export never holds the whole log in memory and is not disturbed by new entries).
 */
export async function* iterate(db: Db, filters: AuditFilters = {}, batchSize = 500): AsyncGenerator<AuditLogEntry[]> {
	let beforeId: number | undefined;
	for (;;) {
		const batch = await readPage(db, filters, { limit: batchSize, beforeId });
		if (batch.length > 0) yield batch;
		if (batch.length < batchSize) return;
		beforeId = batch[batch.length - 1].id;
	}
}

/** The values the journal's filters can take: entities and actors present in the log. */
export async function filterOptions(db: Db): Promise<{ entities: { code: string; label: string }[]; actors: string[] }> {
	const [entities, actors] = await Promise.all([
		db.selectFrom('audit_log').select(['entity', 'action']).distinct().execute(),
		db.selectFrom('audit_log').select('actor').distinct().orderBy('actor').execute()
	]);
	const byCode = new Map<string, string>();
	for (const e of entities) if (!byCode.has(e.entity) || e.action !== 'import') byCode.set(e.entity, entityLabel(e.entity, e.action));
	return {
		entities: [...byCode].map(([code, label]) => ({ code, label })).sort((a, b) => a.label.localeCompare(b.label, 'fr')),
		actors: actors.map((a) => a.actor)
	};
}

// --- One import -----------------------------------------------------------------------------------

export interface ImportLogDetail extends ImportLogSummary {
	at: string;
	actor: string;
	/** sha256 of the file, hex. */
	fileHash: string;
	/** The issues found, in file order (`formatIssue` of `$lib/io/messages-fr` gives the French). */
	issues: unknown[];
}

/** One row of the import log, or null. */
export async function getImportLog(db: Db, id: number): Promise<ImportLogDetail | null> {
	const row = await db.selectFrom('import_log').selectAll().where('id', '=', id).executeTakeFirst();
	if (!row) return null;
	return {
		id: row.id,
		at: toIso(row.at),
		actor: row.actor,
		kind: row.kind,
		fileName: row.file_name,
		fileHash: row.file_hash,
		status: row.status,
		counts: row.counts ?? {},
		issues: Array.isArray(row.issues) ? row.issues : []
	};
}

// --- Differences and exports ----------------------------------------------------------------------

/** Bookkeeping columns left out of « what changed ». */
const BOOKKEEPING = new Set(['version', 'created_at', 'updated_at']);

/**
 * The fields an entry changed, in the row's column order: for an update those whose value
 * differs; for a creation those set (not null); for a deletion those the row had.
 * `version`, `created_at` and `updated_at` are left out.
 */
export function changedFieldNames(before: unknown, after: unknown): string[] {
	const b = isRecord(before) ? before : null;
	const a = isRecord(after) ? after : null;
	if (!b && !a) return [];
	const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].filter((k) => !BOOKKEEPING.has(k));
	if (!b) return keys.filter((k) => a![k] !== null && a![k] !== undefined);
	if (!a) return keys.filter((k) => b[k] !== null && b[k] !== undefined);
	return keys.filter((k) => JSON.stringify(b[k] ?? null) !== JSON.stringify(a[k] ?? null));
}

const IMPORT_STATUS_LABELS: Record<ImportLogSummary['status'], string> = {
	accepted: 'accepté',
	partial: 'accepté en partie',
	rejected: 'refusé'
};

/** « accepté », « accepté en partie » or « refusé ». */
export function importStatusLabel(status: string): string {
	return IMPORT_STATUS_LABELS[status as ImportLogSummary['status']] ?? status;
}

export { parisDateTime };

/** Column headers of the CSV export, in French. */
export const AUDIT_CSV_HEADERS = [
	'N°',
	'Date et heure (Paris)',
	'Auteur',
	'Action',
	'Élément',
	'Code de l’élément',
	'Identifiant de l’élément',
	'Champs modifiés',
	'Avant (JSON)',
	'Après (JSON)',
	'N° de l’import',
	'Fichier importé',
	'Statut de l’import'
] as const;

/** One entry as the cells of a CSV line (see AUDIT_CSV_HEADERS). */
export function auditCsvCells(entry: AuditLogEntry): CsvCell[] {
	return [
		entry.id,
		parisDateTime(entry.at),
		entry.actor,
		AUDIT_ACTION_LABELS[entry.action] ?? entry.action,
		entityLabel(entry.entity, entry.action),
		entry.entity,
		entry.entityId,
		changedFieldNames(entry.before, entry.after).join(', '),
		entry.before === null ? null : JSON.stringify(entry.before),
		entry.after === null ? null : JSON.stringify(entry.after),
		entry.importLog?.id ?? null,
		entry.importLog?.fileName ?? null,
		entry.importLog ? importStatusLabel(entry.importLog.status) : null
	];
}

function csvLine(cells: readonly CsvCell[]): string {
	return cells.map(csvCell).join(';') + '\r\n';
}

/**
 * The matching entries as CSV for French spreadsheets, newest first: UTF-8 byte-order mark,
 * `;` separator, CRLF line ends, quoted cells where needed, French headers. Yields the text in
 * pieces (header, then one piece per batch) so a route can stream it.
 */
export async function* exportCsv(db: Db, filters: AuditFilters = {}): AsyncGenerator<string> {
	yield BOM + csvLine(AUDIT_CSV_HEADERS);
	for await (const batch of iterate(db, filters)) yield batch.map((e) => csvLine(auditCsvCells(e))).join('');
}

/** The matching entries as one JSON array, newest first, in pieces (see exportCsv). */
export async function* exportJson(db: Db, filters: AuditFilters = {}): AsyncGenerator<string> {
	yield '[';
	let first = true;
	for await (const batch of iterate(db, filters)) {
		const text = batch.map((e) => JSON.stringify(e)).join(',\n');
		yield (first ? '\n' : ',\n') + text;
		first = false;
	}
	yield first ? ']\n' : '\n]\n';
}
