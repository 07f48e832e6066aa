/**
 * What the audit journal shows of an entry: a one-line French summary, the subject (the
 * account's email, the structure's name…) and the changed fields with readable before/after
 * values. Server-side only (the page receives these strings, not the raw rows, which may hold
 * whole geometries).
 */
import {
	AUDIT_ACTION_LABELS,
	MASKED,
	MASKED_CHANGED,
	changedFieldNames,
	entityLabel,
	importStatusLabel,
	type AuditLogEntry
} from '$lib/server/db/audit';
import { IMPORT_KINDS, isImportKind } from '$lib/io/import-file';
import { ROLE_LABELS, type Role } from '$lib/domain/policy';
import { plural } from '$lib/format';

/** French names of the columns met in the log; other columns show their raw name. */
const FIELD_LABELS: Record<string, string> = {
	id: 'Identifiant',
	email: 'Adresse électronique',
	display_name: 'Nom affiché',
	role: 'Rôle',
	partner_id: 'Partenaire (n°)',
	active: 'Actif',
	password_hash: 'Mot de passe',
	password_changed_at: 'Mot de passe défini le',
	reset_code_hash: 'Code de réinitialisation',
	reset_code_expires_at: 'Code de réinitialisation valable jusqu’au',
	last_login_at: 'Dernière connexion',
	name: 'Nom',
	label: 'Libellé',
	code: 'Code',
	kind: 'Nature',
	type: 'Type',
	siret: 'SIRET',
	siren: 'SIREN',
	commune_code: 'Commune (code INSEE)',
	epci_siren: 'EPCI (SIREN)',
	structure_id: 'Structure (n°)',
	instrument_id: 'Dispositif (n°)',
	address: 'Adresse',
	status: 'Statut',
	decision: 'Décision',
	start_date: 'Début',
	end_date: 'Fin',
	year: 'Année',
	amount: 'Montant',
	amount_eur: 'Montant (€)',
	published: 'Publié',
	notes: 'Notes',
	comment: 'Commentaire',
	population: 'Population',
	geometry: 'Géométrie',
	lon: 'Longitude',
	lat: 'Latitude',
	value: 'Valeur',
	target: 'Cible',
	title: 'Titre',
	description: 'Description'
};

/** The French name of a column (`display_name` → « Nom affiché »), or the column itself. */
export function fieldLabel(field: string): string {
	return FIELD_LABELS[field] ?? field;
}

/** Longer values are cut (geometries, long texts): the CSV and JSON exports keep them whole. */
export const MAX_VALUE_LENGTH = 240;

/** An instant in France's legal time, the French way (`$lib/format`), re-exported for the journal's callers. */
import { formatDate, formatDateTime } from '$lib/format';
export { formatDateTime };

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const validDay = (iso: string) => {
	const d = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso);
};

/** A stored value as text: `oui`/`non`, French dates, masked secrets in words; null for empty. */
export function formatValue(value: unknown): string | null {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'boolean') return value ? 'oui' : 'non';
	if (typeof value === 'number') return String(value).replace('.', ',');
	let text: string;
	if (typeof value === 'string') {
		if (value === MASKED) return 'défini (masqué)';
		if (value === MASKED_CHANGED) return 'nouveau (masqué)';
		const day = DAY.exec(value);
		if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) text = formatDateTime(value, { seconds: true });
		else if (day) text = validDay(value) ? formatDate(value) : value;
		else text = value;
	} else text = JSON.stringify(value);
	return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}… (${plural(text.length, 'caractère')} en tout)` : text;
}

/** One changed field, ready to show. */
export interface FieldChange {
	field: string;
	label: string;
	/** Null: empty, or absent (a creation has no before, a deletion no after). */
	before: string | null;
	after: string | null;
}

function asRecord(value: unknown): Record<string, unknown> | null {
	return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The fields an entry changed (see `changedFieldNames`), with French labels and readable values. */
export function fieldChanges(before: unknown, after: unknown): FieldChange[] {
	const b = asRecord(before);
	const a = asRecord(after);
	const show = (row: Record<string, unknown> | null, field: string) => {
		const value = row?.[field];
		// A role reads better by its name than by its code.
		if (field === 'role' && typeof value === 'string' && value in ROLE_LABELS) return ROLE_LABELS[value as Role];
		return row ? formatValue(value) : null;
	};
	return changedFieldNames(before, after).map((field) => ({
		field,
		label: fieldLabel(field),
		before: show(b, field),
		after: show(a, field)
	}));
}

/** What names the row: an account's email, a structure's name, a code… or `n° <id>`. */
export function subjectOf(entry: Pick<AuditLogEntry, 'before' | 'after' | 'entityId'>): string | null {
	const row = asRecord(entry.after) ?? asRecord(entry.before);
	for (const key of ['email', 'name', 'label', 'title', 'code']) {
		const value = row?.[key];
		if (typeof value === 'string' && value.trim()) return value;
	}
	return entry.entityId ? `n° ${entry.entityId}` : null;
}

/** « 120 lus, 100 ajoutés, 20 modifiés, 0 inchangé, 0 ignoré » (records of an import). */
export function importCountsText(counts: Record<string, number>): string {
	const parts: string[] = [];
	const words: [string, string, string][] = [
		['read', 'lu', 'lus'],
		['inserted', 'ajouté', 'ajoutés'],
		['updated', 'modifié', 'modifiés'],
		['unchanged', 'inchangé', 'inchangés'],
		['skipped', 'ignoré', 'ignorés']
	];
	for (const [key, one, many] of words) if (typeof counts[key] === 'number') parts.push(plural(counts[key], one, many));
	return parts.join(', ');
}

/** The one-line French summary of an entry. */
export function summarize(entry: AuditLogEntry): string {
	if (entry.action === 'import') {
		const log = entry.importLog;
		if (!log) return 'Import';
		return `Fichier « ${log.fileName} » : ${importCountsText(log.counts)} — ${importStatusLabel(log.status)}`;
	}
	const before = asRecord(entry.before);
	const after = asRecord(entry.after);
	if (entry.entity === 'app_user') {
		if (entry.action === 'create') {
			const role = after?.role as Role | undefined;
			return `Compte créé${role && role in ROLE_LABELS ? ` (${ROLE_LABELS[role]})` : ''}`;
		}
		if (entry.action === 'update' && before && after) {
			if (before.active !== after.active) return after.active ? 'Compte réactivé' : 'Compte désactivé';
			if (after.reset_code_hash && after.reset_code_hash !== before.reset_code_hash)
				return `Code de réinitialisation émis (valable jusqu’au ${formatValue(after.reset_code_expires_at) ?? '—'})`;
			if (after.password_hash === MASKED_CHANGED)
				return before.reset_code_hash && !after.reset_code_hash
					? 'Mot de passe choisi avec un code de réinitialisation'
					: 'Mot de passe changé';
		}
	}
	if (entry.action === 'update') {
		const changes = changedFieldNames(entry.before, entry.after).map(fieldLabel);
		if (changes.length === 0) return 'Aucun champ modifié';
		return `${plural(changes.length, 'champ modifié', 'champs modifiés')} : ${changes.join(', ')}`;
	}
	return AUDIT_ACTION_LABELS[entry.action] ?? entry.action;
}

/** An entry as the journal page shows it. */
export interface JournalItem {
	id: number;
	/** ISO 8601, for `<time datetime>`. */
	at: string;
	/** `27/11/2026 à 14:05:09`, Paris time. */
	atText: string;
	actor: string;
	action: AuditLogEntry['action'];
	actionLabel: string;
	entity: string;
	entityLabel: string;
	entityId: string | null;
	subject: string | null;
	summary: string;
	/** Changed fields (update), fields set (create) or fields the row had (delete). */
	changes: FieldChange[];
	importLog: { id: number; fileName: string; kindLabel: string; statusLabel: string; countsText: string } | null;
}

/** The journal's view of one entry. */
export function toJournalItem(entry: AuditLogEntry): JournalItem {
	return {
		id: entry.id,
		at: entry.at,
		atText: formatDateTime(entry.at, { seconds: true }),
		actor: entry.actor,
		action: entry.action,
		actionLabel: AUDIT_ACTION_LABELS[entry.action] ?? entry.action,
		entity: entry.entity,
		entityLabel: entityLabel(entry.entity, entry.action),
		entityId: entry.entityId,
		subject: entry.action === 'import' ? null : subjectOf(entry),
		summary: summarize(entry),
		changes: entry.action === 'import' ? [] : fieldChanges(entry.before, entry.after),
		importLog: entry.importLog
			? {
					id: entry.importLog.id,
					fileName: entry.importLog.fileName,
					kindLabel: isImportKind(entry.importLog.kind) ? IMPORT_KINDS[entry.importLog.kind].label : entry.importLog.kind,
					statusLabel: importStatusLabel(entry.importLog.status),
					countsText: importCountsText(entry.importLog.counts)
				}
			: null
	};
}
