import { describe, expect, it } from 'vitest';
import type { Content } from 'pdfmake/interfaces';
import { qpvSection } from './pdf-qpv';
import { summarizeQpvRows } from '$lib/analysis/qpv-coverage';
import type { DossierQpv } from './data';
import type { QpvViewRow } from '../coverage/qpv-view';

/** Every text of a pdfmake content tree, spaces folded. */
const texts = (node: unknown): string =>
	typeof node === 'string'
		? node
		: Array.isArray(node)
			? node.map(texts).join(' ')
			: node && typeof node === 'object'
				? Object.entries(node).map(([k, v]) => (k === 'text' || k === 'stack' || k === 'table' || k === 'body' ? texts(v) : '')).join(' ')
				: '';
const text = (content: Content[]) => texts(content).replace(/[\s\u00a0\u202f]+/g, ' ');

const row = (code: string, name: string, population: number | null, served: boolean, cs: number | null, evs: number | null): QpvViewRow => ({
	code,
	name,
	generation: '2024',
	communes: [{ code: '00001', name: 'Port' }],
	population,
	nearestCs: cs === null ? null : { id: 1, name: 'Centre social du Port', km: cs },
	nearestEvs: evs === null ? null : { id: 2, name: 'EVS des Quais', km: evs },
	nearestKm: cs === null && evs === null ? null : Math.min(cs ?? Infinity, evs ?? Infinity),
	inside: cs === 0 || evs === 0,
	served
});

const section = (rows: QpvViewRow[]): DossierQpv => ({
	cadre: 'Circulaire Cnaf n°2012-013',
	generation: 'génération 2024',
	threshold: { km: 1, regime: 'Paramètre départemental (valeur par défaut)', validFrom: '2012-01-01', source: null },
	summary: summarizeQpvRows(rows),
	unserved: rows.filter((r) => !r.served)
});

describe('the dossier’s QPV section', () => {
	it('counts the served QPV and lists the unserved ones with their nearest CS and EVS, the distance and its regime', () => {
		const t = text(
			qpvSection(section([row('QN1', 'Les Quais', 1800, true, 0, 2.5), row('QN2', 'La Gare', 2400, false, 3.2, 6), row('QN3', 'Le Haut', null, false, null, null)]))
		);
		expect(t).toContain('3 quartiers prioritaires (génération 2024) : 1 desservi par une structure de l’animation de la vie sociale à 1,0 km au plus de leur contour (33,3 %), 2 sans structure, soit 2 400 habitants (population inconnue pour 1 quartier).');
		expect(t).toContain('Quartiers sans structure de l’animation de la vie sociale : 2');
		expect(t).toContain('La Gare Port 2 400 Centre social du Port (3,2 km) EVS des Quais (6,0 km)');
		expect(t).toContain('Le Haut Port inconnue — —');
		expect(t).not.toContain('Les Quais Port');
		expect(t).toContain('distance retenue : 1,0 km (Paramètre départemental (valeur par défaut))');
		expect(t).toContain('Cadre de référence : Circulaire Cnaf n°2012-013.');
	});

	it('says when every QPV is served, and when there is none', () => {
		expect(text(qpvSection(section([row('QN1', 'Les Quais', 1800, true, 0, 2.5)])))).toContain('1 quartier prioritaire (génération 2024) : 1 desservi');
		expect(text(qpvSection(section([row('QN1', 'Les Quais', 1800, true, 0, 2.5)])))).toContain('aucun sans structure');
		expect(text(qpvSection(section([])))).toContain('Aucun quartier prioritaire en vigueur sur le territoire à cette date.');
	});
});
