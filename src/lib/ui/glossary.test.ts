import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import GlossaryHelp from './GlossaryHelp.svelte';
import { glossary, glossaryEntry } from './glossary';

describe('glossary', () => {
	it('is alphabetical, with unique anchors', () => {
		const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
		const terms = glossary.map((e) => fold(e.term));
		expect(terms).toEqual([...terms].sort((a, b) => a.localeCompare(b, 'fr')));
		expect(new Set(glossary.map((e) => e.id)).size).toBe(glossary.length);
	});

	it('defines every index the pages show', () => {
		for (const id of ['accessibilite-2sfca', 'accessibilite-relative', 'categorie-couverture', 'commune-couverte', 'distance', 'distance-mediane', 'isolement', 'besoin', 'part-population-couverte', 'point-de-reference', 'rayon-couverture', 'structures-pour-10000', 'taux-realisation']) {
			expect(glossaryEntry(id), id).not.toBeNull();
		}
		expect(glossaryEntry('accessibilite-2sfca')!.definition).toMatch(/deux étapes.*10 000 habitants/s);
	});

	it('GlossaryHelp shows the definition on demand and links to the help page', () => {
		const { body } = render(GlossaryHelp, { props: { id: 'accessibilite-2sfca' } });
		expect(body).toContain('role="tooltip"');
		expect(body).toContain('Définition : Accessibilité (2SFCA)');
		expect(body).toContain('href="/aide#accessibilite-2sfca"');
		expect(render(GlossaryHelp, { props: { id: 'inconnu' } }).body).not.toContain('tooltip');
	});
});
