/**
 * Issue 13 §2: the cadre de référence of 18 December 2025 is a dated regime beside 2012's, switched
 * by date on the migrated reference data of both databases: 31 December 2026 reads 2012's rules,
 * 1 January 2027 the new ones (their unpublished figures « à compléter »), never an edited 2012 row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import * as referenceParameters from '../../src/lib/server/db/reference-parameters';
import { cadreReferenceOn, cadreText } from '../../src/lib/pilotage/cadre';
import { isPending, parameterOn, type DatedParameter } from '../../src/lib/domain/dated-parameter';
import { evsManagementRuleOn } from '../../src/lib/pilotage/evs-management';
import { staffRequirementsOn } from '../../src/lib/pilotage/staff-requirements';

const BEFORE = '2026-12-31';
const AFTER = '2027-01-01';
const NEW = 'Circulaire Cnaf du 18 décembre 2025';

for (const dialect of testDialects()) {
	describe(`the 2012 and 2025 regimes switched by date, on ${dialect.kind}`, () => {
		let t: TestDb;
		let params: DatedParameter[];
		beforeAll(async () => {
			t = await dialect.open();
			params = await referenceParameters.list(t.db);
		});
		afterAll(() => t?.dispose());

		it('the cadre in force and the sentence a page shows', () => {
			expect(cadreReferenceOn(params, BEFORE)?.short).toBe('Circulaire Cnaf 2012-013');
			expect(cadreReferenceOn(params, AFTER)?.short).toBe(NEW);
			expect(cadreText(cadreReferenceOn(params, AFTER), AFTER)).toBe(
				'Cadre de référence en vigueur au 01/01/2027 : Circulaire Cnaf du 18 décembre 2025 (cadre de référence de l’animation de la vie sociale).'
			);
			expect(cadreReferenceOn(params, '2012-06-19')).toBeNull();
		});

		it('each rule of 2012 gives way on 1 January 2027 to the new regime’s, pending where its figure is not public', () => {
			for (const key of ['agrement_duration_months.renouvellement', 'agrement_duration_months.premier', 'staff_requirement.directeur', 'agrement_criteria.projet_social', 'agrement.evs_modes_gestion']) {
				const before = parameterOn(params, key, BEFORE)!;
				const after = parameterOn(params, key, AFTER)!;
				expect(before.regime, key).toBe('Circulaire Cnaf n°2012-013');
				expect(isPending(before), key).toBe(false);
				expect(after.regime, key).toBe(NEW);
				expect(isPending(after), key).toBe(true);
			}
			expect(parameterOn(params, 'agrement_duration_months.renouvellement', BEFORE)!.value).toBe(48);
			expect(evsManagementRuleOn(params, BEFORE)!.modes).toEqual(['association']);
			expect(evsManagementRuleOn(params, AFTER)!.modes).toBeNull();
			expect(staffRequirementsOn(params, BEFORE).map((r) => [r.post, r.pending, r.value?.minQualificationLevel])).toEqual([
				['directeur', false, 6],
				['referent_familles', false, 5]
			]);
			expect(staffRequirementsOn(params, AFTER).every((r) => r.pending)).toBe(true);
		});

		it('the volet familles becomes mandatory and the merged PS centre social appears from 2027 only', () => {
			expect(parameterOn(params, 'agrement.volet_familles_obligatoire', BEFORE)!.value).toBe(false);
			expect(parameterOn(params, 'agrement.volet_familles_obligatoire', AFTER)!.value).toBe(true);
			const codes = (date: string) => parameterOn(params, 'ps.instrument_codes', date)!.value as Record<string, string>;
			expect(codes(BEFORE)).not.toHaveProperty('centre_social');
			expect(codes(AFTER)).toMatchObject({ animation_globale: 'PS_AGC', animation_collective_familles: 'PS_ACF', centre_social: 'PS_CS' });
		});
	});
}
