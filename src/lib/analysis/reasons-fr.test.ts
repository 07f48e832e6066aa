import { describe, expect, it } from 'vitest';
import type { CoverageReason } from './reasons';
import { REASON_CODES } from './reasons';
import { AGREMENT_STATUS_LABELS, explainReasons, formatKm, formatMinutes, needIndicatorLabel, reasonText } from './reasons-fr';

const km = (distanceKm: number, threshold: number) => ({ distanceKm, minutes: null, threshold, unit: 'km' as const });
const min = (distanceKm: number, minutes: number, threshold: number) => ({ distanceKm, minutes, threshold, unit: 'min' as const });

/** One example of every reason code, with its expected sentence. */
const EXAMPLES: [CoverageReason, string][] = [
	[{ code: 'zone_competence', params: { structureId: 12, structureType: 'CS', others: 0 } }, 'Dans la zone de compétence de structure 12 (centre social)'],
	[{ code: 'cs_within_radius', params: { ...km(3.24, 8), structureId: 1 } }, 'Centre social le plus proche à 3,2 km ≤ seuil de 8 km'],
	[{ code: 'evs_within_radius', params: { ...km(4.96, 5), structureId: 2 } }, 'Espace de vie sociale le plus proche à 5 km ≤ seuil de 5 km'],
	[{ code: 'cs_beyond_radius', params: { ...km(14.23, 8), structureId: 1 } }, 'Centre social le plus proche à 14,2 km > seuil de 8 km'],
	[{ code: 'no_cs', params: {} }, 'Aucun centre social agréé pris en compte'],
	[{ code: 'evs_beyond_radius', params: { ...km(7.5, 5), structureId: 2 } }, 'Espace de vie sociale le plus proche à 7,5 km > seuil de 5 km'],
	[{ code: 'no_evs', params: {} }, 'Aucun espace de vie sociale agréé pris en compte'],
	[{ code: 'coverage_undated', params: { structureId: 'S9', structures: 1 } }, 'Couverture assurée uniquement par structure S9, aux dates d’agrément manquantes (à vérifier)'],
	[{ code: 'pole_beyond_isolation', params: { ...km(21, 15), poleId: 'P' } }, 'Pôle d’activités le plus proche à 21 km > seuil de 15 km'],
	[{ code: 'pole_within_isolation', params: { ...km(6.04, 15), poleId: 'P' } }, 'Pôle d’activités le plus proche à 6 km ≤ seuil de 15 km'],
	[{ code: 'no_poles', params: {} }, 'Aucun pôle d’activités renseigné : isolement non évalué'],
	[
		{ code: 'qpv_unserved', params: { qpvCode: 'QN08601M', population: 3400, distanceKm: 2.34, threshold: 1 } },
		'QPV QN08601M (3\u202f400 habitants) sans structure à moins de 1 km de son contour (la plus proche à 2,3 km)'
	],
	[
		{ code: 'reinforce_evs_only', params: {} },
		'Besoins relevés, mais la commune n’est couverte que par un EVS : « à renforcer » vise l’action d’un centre social'
	],
	[
		{ code: 'low_accessibility', params: { accessibility: 0.8412, threshold: 0.95, quantile: 0.25 } },
		'Accessibilité de 0,84 structure pour 10 000 habitants ≤ 0,95, seuil du premier quartile des communes'
	],
	[
		{ code: 'high_need', params: { indicator: 'taux_pauvrete', value: 23.44, threshold: 18.2, quantile: 0.75 } },
		'Taux de pauvreté de 23,4 % ≥ 18,2 %, seuil du dernier quartile des communes'
	],
	[
		{ code: 'need_unknown', params: { indicators: 'taux_pauvrete,familles_monoparentales/familles' } },
		'Indicateurs de besoin absents (taux de pauvreté, part des familles monoparentales) : la règle « à renforcer » ne peut pas conclure'
	]
];

describe('reasonText(reason)', () => {
	it('reasonText has a sentence for every reason code', () => {
		expect(new Set(EXAMPLES.map(([r]) => r.code))).toEqual(new Set(REASON_CODES));
	});

	for (const [reason, text] of EXAMPLES) {
		it(`reasonText(${reason.code}) reads « ${text} »`, () => {
			expect(reasonText(reason)).toBe(text);
		});
	}

	it('reasonText shows minutes first, then km, with the minutes metric', () => {
		expect(reasonText({ code: 'cs_beyond_radius', params: { ...min(12.3, 17.4, 15), structureId: 1 } })).toBe(
			'Centre social le plus proche à 17 min (12,3 km) > seuil de 15 min'
		);
	});

	it('reasonText names structures and poles when names are given', () => {
		const names = { structureName: (id: string | number) => (id === 1 ? 'CSC La Blaiserie' : null), poleName: () => 'Poitiers' };
		expect(reasonText({ code: 'cs_within_radius', params: { ...km(3.24, 8), structureId: 1 } }, names)).toBe(
			'Centre social le plus proche (CSC La Blaiserie) à 3,2 km ≤ seuil de 8 km'
		);
		expect(reasonText({ code: 'pole_beyond_isolation', params: { ...km(21, 15), poleId: 7 } }, names)).toBe(
			'Pôle d’activités le plus proche (Poitiers) à 21 km > seuil de 15 km'
		);
		expect(reasonText({ code: 'zone_competence', params: { structureId: 1, structureType: 'EVS', others: 2 } }, names)).toBe(
			'Dans la zone de compétence de CSC La Blaiserie (espace de vie sociale) et de 2 autres structures'
		);
	});

	it('reasonText says when a QPV has no structure at all', () => {
		expect(reasonText({ code: 'qpv_unserved', params: { qpvCode: 'Q', population: 900, distanceKm: null, threshold: 1 } })).toBe(
			'QPV Q (900 habitants) sans structure à moins de 1 km de son contour (aucune structure prise en compte)'
		);
	});
});

describe('explainReasons(reasons)', () => {
	it('explainReasons adds the text and keeps code and params', () => {
		const [reason, text] = EXAMPLES[3];
		expect(explainReasons([reason])).toEqual([{ ...reason, text }]);
	});
});

describe('French formats and labels', () => {
	it('formatKm and formatMinutes use a decimal comma and at most one decimal / whole minutes', () => {
		expect(formatKm(14.249)).toBe('14,2 km');
		expect(formatKm(8)).toBe('8 km');
		expect(formatKm(1234.5)).toBe('1\u202f234,5 km');
		expect(formatMinutes(17.6)).toBe('18 min');
	});

	it('needIndicatorLabel knows the documented indicators and falls back to the key', () => {
		expect(needIndicatorLabel('taux_pauvrete')).toBe('Taux de pauvreté');
		expect(needIndicatorLabel('part_jeunes')).toBe('part_jeunes');
		expect(AGREMENT_STATUS_LABELS.undated).toContain('Sans dates');
	});
});

describe('complete road times', () => {
	it('a pair beyond the cutoff reads « hors d’atteinte », with the crow-flies distance and the threshold', () => {
		expect(
			reasonText({ code: 'cs_beyond_radius', params: { distanceKm: 14.24, minutes: Infinity, threshold: 15, unit: 'min', structureId: 3 } }, { structureName: () => 'CS des Tilleuls' })
		).toBe('Centre social le plus proche (CS des Tilleuls) hors d’atteinte dans la limite du calcul des temps (14,2 km à vol d’oiseau), seuil de 15 min');
		expect(reasonText({ code: 'pole_beyond_isolation', params: { distanceKm: 30, minutes: Infinity, threshold: 20, unit: 'min', poleId: 1 } })).toBe(
			'Pôle d’activités le plus proche hors d’atteinte dans la limite du calcul des temps (30 km à vol d’oiseau), seuil de 20 min'
		);
	});
});
