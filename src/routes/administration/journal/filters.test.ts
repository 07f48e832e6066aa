import { describe, expect, it } from 'vitest';
import { journalSearch, parseJournalQuery } from './filters';

describe('parseJournalQuery(params)', () => {
	it('parseJournalQuery(params) reads the French parameters of the journal', () => {
		const q = parseJournalQuery(new URLSearchParams('entite=app_user&identifiant=12&action=update&auteur=chef@caf.fr&du=2026-03-01&au=2026-03-31&page=3'));
		expect(q).toEqual({
			filters: { entity: 'app_user', entityId: '12', action: 'update', actor: 'chef@caf.fr', from: '2026-03-01', to: '2026-03-31' },
			page: 3,
			notes: []
		});
	});
	it('parseJournalQuery(params) ignores unknown actions and bad pages, notes malformed dates, swaps reversed ones', () => {
		const q = parseJournalQuery(new URLSearchParams('action=drop&page=-2&du=2026-02-30&au=hier'));
		expect(q.filters).toEqual({ entity: null, entityId: null, action: null, actor: null, from: null, to: null });
		expect(q.page).toBe(1);
		expect(q.notes).toEqual([
			'Date de début ignorée : « 2026-02-30 » n’est pas une date (format attendu : AAAA-MM-JJ).',
			'Date de fin ignorée : « hier » n’est pas une date (format attendu : AAAA-MM-JJ).'
		]);
		const swapped = parseJournalQuery(new URLSearchParams('du=2026-04-01&au=2026-03-01'));
		expect([swapped.filters.from, swapped.filters.to]).toEqual(['2026-03-01', '2026-04-01']);
		expect(swapped.notes).toHaveLength(1);
	});
});

describe('journalSearch(filters)', () => {
	it('journalSearch(filters) writes the same query back, without the page', () => {
		const q = parseJournalQuery(new URLSearchParams('entite=app_user&auteur=a b@c.fr&page=4'));
		expect(journalSearch(q.filters)).toBe('?entite=app_user&auteur=a+b%40c.fr');
		expect(parseJournalQuery(new URLSearchParams(journalSearch(q.filters))).filters).toEqual(q.filters);
		expect(journalSearch(parseJournalQuery(new URLSearchParams('')).filters)).toBe('');
	});
});
