import { describe, expect, it } from 'vitest';
import { checkEvsManager, evsManagerText, normalizeManagerName, sameManager, type ReinforcedCentre } from './evs-manager';

const centres: Record<string, ReinforcedCentre> = {
	CS1: { id: 'CS1', name: 'Centre social des Dunes', manager: { name: 'Association des Dunes', siren: '123456789' } },
	CS2: { id: 'CS2', name: 'Centre social intercommunal', manager: { name: 'CC du Val', siren: null } }
};
const centreOf = (id: string | number) => centres[String(id)];
const aRenforcer = [{ code: '00001', reinforce: true, reinforcedCsIds: ['CS1'] }];

describe('sameManager(a, b)', () => {
	it('compares by SIREN when both are known, else by name without case, accents or legal-form words', () => {
		expect(sameManager({ name: 'X', siren: '123 456 789' }, { name: 'Y', siren: '123456789' })).toBe(true);
		expect(sameManager({ name: 'Association des Dunes', siren: '123456789' }, { name: 'Association des Dunes', siren: '987654321' })).toBe(false);
		expect(sameManager({ name: 'Association des Écoles', siren: null }, { name: 'ecoles', siren: '1' })).toBe(true);
		expect(sameManager({ name: null, siren: null }, { name: 'CC du Val', siren: null })).toBeNull();
		expect(normalizeManagerName('Commune de Saint-Éloi')).toBe('saint eloi');
	});
});

describe('checkEvsManager(territory, manager, centreOf)', () => {
	it('does not apply outside a territory « à renforcer »', () => {
		expect(checkEvsManager([{ code: '00001', reinforce: false, reinforcedCsIds: [] }], null, centreOf).status).toBe('non_applicable');
	});
	it('flags an EVS sharing the centre social’s manager (by SIREN), and one whose manager is not given', () => {
		const same = checkEvsManager(aRenforcer, { name: 'Asso Dunes', siren: '123456789' }, centreOf);
		expect(same).toMatchObject({ status: 'meme_gestionnaire', shared: [centres.CS1] });
		expect(evsManagerText(same)).toBe(
			'Territoire à renforcer : l’EVS a le même gestionnaire que Centre social des Dunes (Association des Dunes, SIREN 123456789) ; la circulaire exige un gestionnaire distinct de celui du centre social.'
		);
		const unknown = checkEvsManager(aRenforcer, null, centreOf);
		expect(unknown.status).toBe('gestionnaire_a_preciser');
		expect(evsManagerText(unknown)).toContain('gestionnaire à préciser — il devra être distinct de celui du centre social (Centre social des Dunes');
	});
	it('accepts a distinct manager; cannot tell when names are missing', () => {
		expect(checkEvsManager(aRenforcer, { name: 'Association Vivre ensemble', siren: '555555555' }, centreOf).status).toBe('distinct');
		expect(checkEvsManager([{ code: '00002', reinforce: true, reinforcedCsIds: ['CS2'] }], { name: null, siren: '555555555' }, centreOf).status).toBe('indetermine');
		expect(checkEvsManager([{ code: '00002', reinforce: null, reinforcedCsIds: ['CS2'] }], null, centreOf).status).toBe('non_applicable');
	});
});
