import { describe, expect, it } from 'vitest';
import { abbreviate, cut, instrumentShortLabel, partnerShortLabel, placeShortLabel } from './short-labels';

describe('short labels', () => {
	it('instrumentShortLabel uses the PS code (AGC, ACF, AL), else a final acronym, else abbreviations', () => {
		expect(instrumentShortLabel({ code: 'PS_AGC', label: 'Prestation de service animation globale et coordination (AGC)' })).toBe('AGC');
		expect(instrumentShortLabel({ code: 'PS_AL', label: 'Prestation de service animation locale (EVS)' })).toBe('AL');
		expect(instrumentShortLabel({ code: 'X', label: 'Contrat local d’accompagnement à la scolarité (CLAS)' })).toBe('CLAS');
		expect(instrumentShortLabel({ code: 'CAF_SUBV_LOCALE', label: 'Subvention de fonctionnement sur fonds locaux CAF' })).toBe('Subv. fonds locaux CAF');
		expect(instrumentShortLabel({ code: 'COLLECTIVITE_SUBV', label: 'Subvention de fonctionnement de la commune ou de l’EPCI' })).toBe('Subv. commune/EPCI');
		expect(instrumentShortLabel({ code: 'FONJEP', label: 'Poste FONJEP' })).toBe('Poste FONJEP');
		expect(instrumentShortLabel({ code: 'ADULTES_RELAIS', label: 'Poste d’adulte-relais (aide de l’État)' })).toBe('Poste d’adulte-relais');
	});

	it('partnerShortLabel names the CAF, the MSA and the Département by their usual short forms', () => {
		expect(partnerShortLabel({ name: 'Caisse d’allocations familiales du département fictif', kind: 'caf' })).toBe('Caf');
		expect(partnerShortLabel({ name: 'Conseil départemental du département fictif', kind: 'departement' })).toBe('CD');
		expect(partnerShortLabel({ name: 'Ville de Calendan', kind: 'commune' })).toBe('Ville de Calendan');
		expect(partnerShortLabel({ name: 'Communauté de communes du Littoral de Talouzac et des marais', kind: 'epci' })).toBe('CC Littoral Talouzac marais');
	});

	it('placeShortLabel abbreviates structure names and only cuts what still does not fit', () => {
		expect(placeShortLabel('Centre social intercommunal du Littoral de Talouzac')).toBe('CS intercommunal du Littoral de Talouzac');
		expect(placeShortLabel('Espace de vie sociale Les Voisins des Salines')).toBe('EVS Les Voisins des Salines');
		expect(placeShortLabel('Maison pour tous du Port-Neuf')).toBe('Maison pour tous du Port-Neuf');
	});

	it('abbreviate never returns more than maxChars; cut ends on a word with « … »', () => {
		for (const max of [8, 12, 20, 30]) {
			expect(abbreviate('Association pour le développement des solidarités rurales de la vallée', max).length).toBeLessThanOrEqual(max);
		}
		expect(cut('Association pour le développement', 16)).toBe('Association…');
		expect(cut('court', 16)).toBe('court');
	});
});
