import { describe, expect, it } from 'vitest';
import { abbreviate, cut, instrumentShortLabel, partnerShortLabel, placeShortLabel } from './short-labels';
import { itMaps } from '../../../tests/helpers/cases';

describe('short labels', () => {
	// instrumentShortLabel uses the PS code (AGC, ACF, AL), else a final acronym, else abbreviations.
	itMaps(instrumentShortLabel, [
		[{ code: 'PS_AGC', label: 'Prestation de service animation globale et coordination (AGC)' }, 'AGC'],
		[{ code: 'PS_AL', label: 'Prestation de service animation locale (EVS)' }, 'AL'],
		[{ code: 'X', label: 'Contrat local d’accompagnement à la scolarité (CLAS)' }, 'CLAS'],
		[{ code: 'CAF_SUBV_LOCALE', label: 'Subvention de fonctionnement sur fonds locaux CAF' }, 'Subv. fonds locaux CAF'],
		[{ code: 'COLLECTIVITE_SUBV', label: 'Subvention de fonctionnement de la commune ou de l’EPCI' }, 'Subv. commune/EPCI'],
		[{ code: 'FONJEP', label: 'Poste FONJEP' }, 'Poste FONJEP'],
		[{ code: 'ADULTES_RELAIS', label: 'Poste d’adulte-relais (aide de l’État)' }, 'Poste d’adulte-relais']
	]);

	// partnerShortLabel names the CAF, the MSA and the Département by their usual short forms.
	itMaps(partnerShortLabel, [
		[{ name: 'Caisse d’allocations familiales du département fictif', kind: 'caf' }, 'Caf'],
		[{ name: 'Conseil départemental du département fictif', kind: 'departement' }, 'CD'],
		[{ name: 'Ville de Calendan', kind: 'commune' }, 'Ville de Calendan'],
		[{ name: 'Communauté de communes du Littoral de Talouzac et des marais', kind: 'epci' }, 'CC Littoral Talouzac marais']
	]);

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
