import { describe, expect, it } from 'vitest';
import type { AuditLogEntry } from '$lib/server/db/audit';
import { fieldChanges, formatDateTime, formatValue, MAX_VALUE_LENGTH, subjectOf, summarize, toJournalItem } from './describe';

function entry(partial: Partial<AuditLogEntry>): AuditLogEntry {
	return {
		id: 1,
		at: '2026-03-01T23:30:05Z',
		userId: null,
		actor: 'chef@caf.fr',
		action: 'update',
		entity: 'structure',
		entityId: '4',
		before: null,
		after: null,
		importLog: null,
		...partial
	};
}

describe('formatDateTime(iso)', () => {
	it('formatDateTime(iso) prints the instant in Paris time, winter and summer', () => {
		expect(formatDateTime('2026-03-01T23:30:05Z')).toBe('2\u202fmars\u202f2026 à 00:30');
		expect(formatDateTime('2026-07-14T10:00:00Z', { seconds: true })).toBe('14\u202fjuillet\u202f2026 à 12:00:00');
	});
});

describe('formatValue(value)', () => {
	it('formatValue(value) writes booleans, numbers, dates and instants the French way; empty is null', () => {
		expect(formatValue(true)).toBe('oui');
		expect(formatValue(false)).toBe('non');
		expect(formatValue(12.5)).toBe('12,5');
		expect(formatValue('2026-03-01')).toBe('1\u202fmars\u202f2026');
		expect(formatValue('2026-03-01T23:30:05.000Z')).toBe('2\u202fmars\u202f2026 à 00:30:05');
		expect(formatValue(null)).toBeNull();
		expect(formatValue('')).toBeNull();
		expect(formatValue({ a: 1 })).toBe('{"a":1}');
	});
	it('formatValue(value) says a secret is masked, and cuts very long values', () => {
		expect(formatValue('[masqué]')).toBe('défini (masqué)');
		expect(formatValue('[masqué, modifié]')).toBe('nouveau (masqué)');
		const long = formatValue({ coordinates: Array.from({ length: 200 }, (_, i) => [i, i]) })!;
		expect(long.startsWith('{"coordinates":[[0,0],[1,1]')).toBe(true);
		expect(long.length).toBeLessThan(MAX_VALUE_LENGTH + 40);
		expect(long).toMatch(/… \(1\u202f797\u00a0caractères en tout\)$/);
	});
});

describe('fieldChanges(before, after)', () => {
	it('fieldChanges(before, after) lists only the changed fields, with French labels, skipping version and dates of record', () => {
		const changes = fieldChanges(
			{ id: 4, name: 'Le Phare', active: true, version: 3, updated_at: '2026-01-01T00:00:00Z', siret: null },
			{ id: 4, name: 'Le Phare', active: false, version: 4, updated_at: '2026-03-01T00:00:00Z', siret: '12345678901234' }
		);
		expect(changes).toEqual([
			{ field: 'active', label: 'Actif', before: 'oui', after: 'non' },
			{ field: 'siret', label: 'SIRET', before: null, after: '12345678901234' }
		]);
	});
	it('fieldChanges(null, after) lists the fields a creation set; fieldChanges(before, null) those a deletion removed', () => {
		expect(fieldChanges(null, { id: 2, name: 'Nouvelle', notes: null }).map((c) => [c.field, c.after])).toEqual([
			['id', '2'],
			['name', 'Nouvelle']
		]);
		expect(fieldChanges(null, { role: 'partenaire' })).toEqual([{ field: 'role', label: 'Rôle', before: null, after: 'Partenaire' }]);
		expect(fieldChanges({ id: 2, code: 'X' }, null).map((c) => [c.field, c.before, c.after])).toEqual([
			['id', '2', null],
			['code', 'X', null]
		]);
	});
});

describe('summarize(entry)', () => {
	it('summarize(entry) names what happened to an account', () => {
		const user = { email: 'a@b.fr', active: true, reset_code_hash: null, password_hash: '[masqué]', reset_code_expires_at: null };
		expect(summarize(entry({ entity: 'app_user', action: 'create', after: { ...user, role: 'partenaire' } }))).toBe('Compte créé (Partenaire)');
		expect(summarize(entry({ entity: 'app_user', before: user, after: { ...user, active: false } }))).toBe('Compte désactivé');
		expect(summarize(entry({ entity: 'app_user', before: { ...user, active: false }, after: user }))).toBe('Compte réactivé');
		expect(
			summarize(
				entry({
					entity: 'app_user',
					before: user,
					after: { ...user, reset_code_hash: '[masqué, modifié]', reset_code_expires_at: '2026-03-02T08:00:00Z' }
				})
			)
		).toBe('Code de réinitialisation émis (valable jusqu’au 2\u202fmars\u202f2026 à 09:00:00)');
		expect(
			summarize(
				entry({
					entity: 'app_user',
					before: { ...user, reset_code_hash: '[masqué]' },
					after: { ...user, password_hash: '[masqué, modifié]' }
				})
			)
		).toBe('Mot de passe choisi avec un code de réinitialisation');
		expect(summarize(entry({ entity: 'app_user', before: user, after: { ...user, password_hash: '[masqué, modifié]' } }))).toBe(
			'Mot de passe changé'
		);
	});
	it('summarize(entry) counts the changed fields of another update, and describes an import', () => {
		expect(summarize(entry({ before: { name: 'A', type: 'CS' }, after: { name: 'B', type: 'EVS' } }))).toBe('2\u00a0champs modifiés : Nom, Type');
		const importEntry = entry({
			action: 'import',
			entity: 'structures',
			importLog: { id: 3, kind: 'structures', fileName: 'cs.csv', status: 'rejected', counts: { read: 4, inserted: 0, updated: 0, unchanged: 0, skipped: 4 } }
		});
		expect(summarize(importEntry)).toBe('Fichier « cs.csv » : 4\u00a0lus, 0\u00a0ajouté, 0\u00a0modifié, 0\u00a0inchangé, 4\u00a0ignorés — refusé');
		expect(toJournalItem(importEntry)).toMatchObject({
			entityLabel: 'Import : Structures (centres sociaux et EVS)',
			subject: null,
			changes: [],
			importLog: { id: 3, kindLabel: 'Structures (centres sociaux et EVS)', statusLabel: 'refusé' }
		});
	});
});

describe('subjectOf(entry)', () => {
	it('subjectOf(entry) prefers an email, then a name, then the identifier', () => {
		expect(subjectOf({ before: null, after: { email: 'a@b.fr', name: 'x' }, entityId: '1' })).toBe('a@b.fr');
		expect(subjectOf({ before: { name: 'Le Phare' }, after: null, entityId: '1' })).toBe('Le Phare');
		expect(subjectOf({ before: null, after: { amount: 3 }, entityId: '9' })).toBe('n° 9');
	});
});
