import { describe, expect, it } from 'vitest';
import type { DatedParameter } from '../domain/dated-parameter';
import { checkEvsManagement, evsManagementRuleOn, evsManagementText } from './evs-management';
import { evsManagementItem } from './agrement-checks';

const CIRC = 'Circulaire Cnaf n°2012-013';
const NEW = 'Circulaire Cnaf du 18 décembre 2025';
const params: DatedParameter[] = [
	{ key: 'agrement.evs_modes_gestion', validFrom: '2012-06-20', validUntil: null, value: { modes: ['association'], derogation: 'à titre exceptionnel et provisoire' }, regime: CIRC, source: null },
	{ key: 'agrement.evs_modes_gestion', validFrom: '2027-01-01', validUntil: null, value: null, regime: NEW, source: null }
];

describe('the management modes of an EVS (dated rule)', () => {
	it('has no rule before the circular of 2012, the 2012 rule up to 31 December 2026, a pending one from 1 January 2027', () => {
		expect(evsManagementRuleOn(params, '2012-06-19')).toBeNull();
		expect(evsManagementRuleOn(params, '2012-06-20')).toEqual({ modes: ['association'], derogation: 'à titre exceptionnel et provisoire', regime: CIRC });
		expect(evsManagementRuleOn(params, '2026-12-31')!.regime).toBe(CIRC);
		expect(evsManagementRuleOn(params, '2027-01-01')).toEqual({ modes: null, derogation: null, regime: NEW });
	});

	it('an association is conforme; a commune only by derogation (écart); an unknown or unrecorded mode cannot be judged', () => {
		const rule = evsManagementRuleOn(params, '2024-07-01')!;
		expect(checkEvsManagement('association', rule).status).toBe('conforme');
		const communal = checkEvsManagement('commune', rule);
		expect(communal.status).toBe('derogation');
		expect(evsManagementText(communal)).toBe(
			'Gestion : commune. Un EVS est géré par : association, autre mode seulement par dérogation à titre exceptionnel et provisoire (Circulaire Cnaf n°2012-013) : la dérogation et son terme sont à motiver dans l’agrément.'
		);
		expect(evsManagementItem(communal)).toMatchObject({ key: 'mode-gestion-evs', tone: 'ecart' });
		expect(checkEvsManagement('intercommunalite', rule).status).toBe('derogation');
		expect(checkEvsManagement(null, rule).status).toBe('mode_inconnu');
		expect(checkEvsManagement('dsp', rule).status).toBe('mode_inconnu');
		expect(evsManagementItem(checkEvsManagement(null, rule)).tone).toBe('a_completer');
		expect(evsManagementItem(checkEvsManagement('association', rule)).tone).toBe('ok');
	});

	it('under a pending rule says it is « à compléter » instead of judging', () => {
		const check = checkEvsManagement('commune', evsManagementRuleOn(params, '2027-01-01')!);
		expect(check.status).toBe('a_completer');
		expect(evsManagementText(check)).toBe(`Gestion : commune. Modes de gestion admis pour un EVS à compléter (${NEW}).`);
		expect(evsManagementItem(check).tone).toBe('a_completer');
	});

	it('refuses a malformed value rather than guessing', () => {
		const bad = [{ ...params[0], value: { modes: ['dsp'] } }];
		expect(() => evsManagementRuleOn(bad, '2020-01-01')).toThrow(/modes de gestion connus/);
	});
});
