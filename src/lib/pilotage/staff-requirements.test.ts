import { describe, expect, it } from 'vitest';
import type { DatedParameter } from '../domain/dated-parameter';
import {
	checkStaffInYear,
	checkStaffOn,
	postsHeldInYear,
	postsHeldOn,
	staffCheckText,
	staffRequirementsOn,
	type DatedStaffPost
} from './staff-requirements';

const CIRC = 'Circulaire Cnaf n°2012-013';
const NEW = 'Circulaire Cnaf du 18 décembre 2025';
const params: DatedParameter[] = [
	{
		key: 'staff_requirement.directeur',
		validFrom: '2012-06-20',
		validUntil: null,
		value: { structureType: 'CS', agrementKind: 'animation_globale', framework: 'projet_social', criterion: 8, minQualificationLevel: 6, minEtp: 1 },
		regime: CIRC,
		source: null
	},
	{
		key: 'staff_requirement.referent_familles',
		validFrom: '2012-06-20',
		validUntil: null,
		value: { structureType: 'CS', agrementKind: 'animation_collective_familles', framework: 'projet_familles', criterion: 4, minQualificationLevel: 5, minEtp: 0.5 },
		regime: CIRC,
		source: null
	},
	{ key: 'staff_requirement.directeur', validFrom: '2027-01-01', validUntil: null, value: null, regime: NEW, source: null },
	{ key: 'staff_requirement.referent_familles', validFrom: '2027-01-01', validUntil: null, value: null, regime: NEW, source: null }
];

let nextId = 1;
function post(kind: string, over: Partial<DatedStaffPost> = {}): DatedStaffPost {
	return { id: nextId++, structureId: 1, kind, etp: 1, qualificationLevel: 6, startDate: null, endDate: null, vacantFrom: null, vacantUntil: null, ...over };
}
const CS = { type: 'CS' as const, agrementKinds: ['animation_globale', 'animation_collective_familles'] };

describe('staffRequirementsOn(params, date)', () => {
	it('reads the 2012 requirements until 31 December 2026 and the pending 2025 ones from 1 January 2027', () => {
		expect(staffRequirementsOn(params, '2026-12-31').map((r) => [r.post, r.value?.minQualificationLevel, r.value?.minEtp, r.pending])).toEqual([
			['directeur', 6, 1, false],
			['referent_familles', 5, 0.5, false]
		]);
		expect(staffRequirementsOn(params, '2027-01-01').map((r) => [r.post, r.pending, r.regime])).toEqual([
			['directeur', true, NEW],
			['referent_familles', true, NEW]
		]);
	});
	it('throws on a value that is not a requirement', () => {
		expect(() => staffRequirementsOn([{ ...params[0], value: { minEtp: 1 } }], '2020-01-01')).toThrow('invalid staff requirement');
	});
});

describe('checkStaffOn(structure, posts, requirements, date)', () => {
	const req = staffRequirementsOn(params, '2026-06-01');
	it('a level-6 full-time director and a level-5 half-time référent familles meet criterion 8 and criterion 4', () => {
		const checks = checkStaffOn(CS, [post('directeur'), post('referent_familles', { etp: 0.5, qualificationLevel: 5 })], req, '2026-06-01');
		expect(checks.map((c) => [c.post, c.status])).toEqual([
			['directeur', 'conforme'],
			['referent_familles', 'conforme']
		]);
	});
	it('level 5 for a director, 0.49 ETP for a référent familles, an unknown level and a missing post are failures', () => {
		const checks = checkStaffOn(CS, [post('directeur', { qualificationLevel: 5 }), post('referent_familles', { etp: 0.49, qualificationLevel: 5 })], req, '2026-06-01');
		expect(checks.map((c) => c.status)).toEqual(['qualification_insuffisante', 'temps_insuffisant']);
		expect(staffCheckText(checks[0])).toBe('Direction : niveau 5 enregistré, niveau 6 au moins, temps plein (Circulaire Cnaf n°2012-013, critère 8 du projet social).');
		expect(checkStaffOn(CS, [post('directeur', { qualificationLevel: null })], req, '2026-06-01')[0].status).toBe('qualification_inconnue');
		expect(checkStaffOn(CS, [post('directeur', { etp: 0.9 })], req, '2026-06-01')[0].status).toBe('temps_insuffisant');
		expect(checkStaffOn(CS, [], req, '2026-06-01').map((c) => c.status)).toEqual(['poste_absent', 'poste_absent']);
	});
	it('the référent familles requirement applies only with an ACF agrément; EVS have none', () => {
		expect(checkStaffOn({ type: 'CS', agrementKinds: ['animation_globale'] }, [post('directeur')], req, '2026-06-01').map((c) => c.post)).toEqual(['directeur']);
		expect(checkStaffOn({ type: 'EVS', agrementKinds: ['animation_locale'] }, [], req, '2026-06-01')).toEqual([]);
	});
	it('reads the holder of the day: a level-5 director who left on 31 August, replaced by a level-6 on 1 September', () => {
		const left = post('directeur', { qualificationLevel: 5, startDate: '2019-01-01', endDate: '2026-08-31' });
		const arrived = post('directeur', { qualificationLevel: 6, startDate: '2026-09-01' });
		expect(checkStaffOn(CS, [left, arrived], req, '2026-08-31').find((c) => c.post === 'directeur')).toMatchObject({ status: 'qualification_insuffisante', checked: left });
		expect(checkStaffOn(CS, [left, arrived], req, '2026-09-01').find((c) => c.post === 'directeur')).toMatchObject({ status: 'conforme', checked: arrived });
		expect(postsHeldOn([left, arrived], '2026-08-31')).toEqual([left]);
	});
	it('from 1 January 2027 the requirements of the new regime are « à compléter »', () => {
		const checks = checkStaffOn(CS, [post('directeur')], staffRequirementsOn(params, '2027-01-01'), '2027-01-01');
		expect(checks.map((c) => c.status)).toEqual(['regle_a_completer', 'regle_a_completer']);
		expect(staffCheckText(checks[0])).toBe(`Direction : exigences du régime en vigueur (${NEW}) à compléter.`);
	});
});

describe('postsHeldInYear and checkStaffInYear', () => {
	const req = staffRequirementsOn(params, '2026-01-01');
	it('a year shows each holder of the year, and none of other years', () => {
		const old = post('directeur', { startDate: '2015-01-01', endDate: '2025-12-31' });
		const a = post('directeur', { qualificationLevel: 5, startDate: '2026-01-01', endDate: '2026-03-31' });
		const b = post('directeur', { startDate: '2026-04-01' });
		expect(postsHeldInYear([old, a, b], 2026)).toEqual([b, a]);
		expect(postsHeldInYear([old, a, b], 2025)).toEqual([old]);
		expect(checkStaffInYear({ type: 'CS', agrementKinds: ['animation_globale'] }, [old, a, b], req, 2026).map((c) => [c.checked?.id, c.status])).toEqual([
			[b.id, 'conforme'],
			[a.id, 'qualification_insuffisante']
		]);
		expect(checkStaffInYear({ type: 'CS', agrementKinds: ['animation_globale'] }, [old], req, 2026).map((c) => c.status)).toEqual(['poste_absent']);
	});
});
