import { describe, expect, it } from 'vitest';
import { generateDemoDepartement } from './index';
import { CEILING_REGIME, psAmount, psCeiling, psRate, psShare, statusOf } from './funding';
import type { AgrementKind } from './types';

const demo = generateDemoDepartement({ referenceDate: '2026-06-30' });
const KIND_OF: Record<string, AgrementKind> = {
	PS_AGC: 'animation_globale',
	PS_ACF: 'animation_collective_familles',
	PS_AL: 'animation_locale'
};

describe('psRate(kind, year) and psAmount(kind, year, expenses)', () => {
	it('psRate uses 40 % / 60 % until 2023 and 42.4 % / 63.6 % from 2024', () => {
		expect(psRate('animation_globale', 2023)).toBe(0.4);
		expect(psRate('animation_globale', 2024)).toBe(0.424);
		expect(psRate('animation_collective_familles', 2023)).toBe(0.6);
		expect(psRate('animation_locale', 2024)).toBe(0.636);
	});

	it('psAmount caps the expenses at the prix plafond', () => {
		const ceiling = psCeiling('animation_globale', 2025);
		expect(psAmount('animation_globale', 2025, ceiling * 2)).toBeCloseTo(0.424 * ceiling, 2);
		expect(psAmount('animation_globale', 2025, 10000)).toBe(4240);
	});

	it('statusOf(year, 2026) is verse before, notifie in, previsionnel after the reference year', () => {
		expect(statusOf(2025, 2026)).toBe('verse');
		expect(statusOf(2026, 2026)).toBe('notifie');
		expect(statusOf(2027, 2026)).toBe('previsionnel');
	});
});

describe('demo funding', () => {
	it('has the 6 partners and the instruments of the domain', () => {
		const codes = demo.partners.map((p) => p.code);
		expect(codes).toHaveLength(6);
		for (const code of ['CAF', 'CD', 'MSA', 'ETAT-PV']) expect(codes).toContain(code);
		const prefecture = [...demo.communes].sort((a, b) => b.population - a.population)[0];
		expect(codes).toContain(`COM-${prefecture.code}`);
		expect(codes.some((c) => /^EPCI-2000000\d\d$/.test(c))).toBe(true);
		const instruments = demo.instruments.map((i) => i.code);
		for (const code of ['PS_AGC', 'PS_ACF', 'PS_AL', 'CAF_SUBV_LOCALE', 'BONUS_TERRITOIRE', 'CAF_INVEST', 'CD_SUBV', 'COLLECTIVITE_SUBV', 'ADULTES_RELAIS', 'FONJEP', 'AUTRE']) {
			expect(instruments).toContain(code);
		}
	});

	it('spans 2023–2026: past years paid, the reference year notified', () => {
		expect([...new Set(demo.fundingLines.map((l) => l.year))].sort()).toEqual([2023, 2024, 2025, 2026]);
		for (const l of demo.fundingLines) expect(l.status).toBe(l.year < 2026 ? 'verse' : 'notifie');
		const keys = demo.fundingLines.map((l) => `${l.structureId}/${l.partnerCode}/${l.instrumentCode}/${l.year}`);
		expect(new Set(keys).size).toBe(keys.length);
		const partners = new Set(demo.partners.map((p) => p.code));
		const instruments = new Set(demo.instruments.map((i) => i.code));
		for (const l of demo.fundingLines) {
			expect(partners.has(l.partnerCode)).toBe(true);
			expect(instruments.has(l.instrumentCode)).toBe(true);
			expect(l.amount).toBeGreaterThan(0);
		}
	});

	it('computes PS as rate × min(expenses, ceiling) × the share of the year an agrément covers, except the two deliberate mismatches', () => {
		const mismatched = new Set(demo.anomalies.psMismatches.map((m) => `${m.structureId}/${m.instrumentCode}/${m.year}`));
		expect(mismatched.size).toBe(2);
		let checked = 0;
		const found: string[] = [];
		for (const line of demo.fundingLines.filter((l) => l.instrumentCode in KIND_OF)) {
			const expense = demo.eligibleExpenses.find(
				(e) => e.structureId === line.structureId && e.instrumentCode === line.instrumentCode && e.year === line.year
			);
			expect(expense, `${line.structureId} ${line.instrumentCode} ${line.year}`).toBeDefined();
			const key = `${line.structureId}/${line.instrumentCode}/${line.year}`;
			const own = demo.agrements.filter((a) => a.structureId === line.structureId);
			const share = psShare(own, KIND_OF[line.instrumentCode], line.year);
			const expected = Math.round(psAmount(KIND_OF[line.instrumentCode], line.year, expense!.amount) * share * 100) / 100;
			if (Math.abs(expected - line.amount) > 0.005) found.push(key);
			checked++;
		}
		expect(checked).toBeGreaterThan(80);
		expect(new Set(found)).toEqual(mismatched);
		for (const m of demo.anomalies.psMismatches) expect(m.amount).not.toBe(m.expected);
	});

	it('has PS lines only while an agrément of that kind is granted', () => {
		for (const line of demo.fundingLines.filter((l) => l.instrumentCode in KIND_OF)) {
			const granted = demo.agrements.filter(
				(a) =>
					a.structureId === line.structureId &&
					a.kind === KIND_OF[line.instrumentCode] &&
					a.decision === 'accorde' &&
					a.startDate <= `${line.year}-12-31` &&
					a.endDate >= `${line.year}-01-01`
			);
			expect(granted.length, `${line.structureId} ${line.instrumentCode} ${line.year}`).toBeGreaterThan(0);
		}
	});

	it('emits fictional yearly prix plafonds as reference parameters', () => {
		for (const kind of ['animation_globale', 'animation_collective_familles', 'animation_locale'] as const) {
			for (const year of [2023, 2024, 2025, 2026]) {
				const p = demo.referenceParameters.find((r) => r.key === `ps_ceiling.${kind}` && r.validFrom === `${year}-01-01`)!;
				expect(p.value).toBe(psCeiling(kind, year));
				expect(p.validUntil).toBe(`${year}-12-31`);
				expect(p.regime).toBe(CEILING_REGIME);
			}
		}
	});

	it('makes communes and EPCI the largest co-funder of the CS they fund', () => {
		const collectivity = demo.fundingLines.filter((l) => l.instrumentCode === 'COLLECTIVITE_SUBV');
		expect(collectivity.length).toBeGreaterThan(10);
		for (const l of collectivity.filter((x) => demo.structures.find((s) => s.externalId === x.structureId)!.type === 'CS')) {
			const others = demo.fundingLines.filter(
				(o) => o.structureId === l.structureId && o.year === l.year && o.instrumentCode !== 'COLLECTIVITE_SUBV'
			);
			for (const o of others) expect(l.amount).toBeGreaterThan(o.amount);
		}
	});
});

describe('demo accord-cadre and schéma directeur', () => {
	it('has every partner sign an accord-cadre over the funding years, the Département below its commitment', () => {
		const ac = demo.accordCadre;
		expect([ac.startYear, ac.endYear]).toEqual([2023, 2026]);
		expect(ac.signatoryCodes).toEqual(demo.partners.map((p) => p.code));
		const paid = (partner: string, year: number) =>
			demo.fundingLines.filter((l) => l.partnerCode === partner && l.year === year).reduce((s, l) => s + l.amount, 0);
		const amounts = ac.commitments.filter((c) => c.kind === 'montant');
		for (const partner of demo.partners) expect(amounts.filter((c) => c.partnerCode === partner.code)).toHaveLength(4);
		for (const c of amounts) {
			if (c.partnerCode === 'CD') expect(paid(c.partnerCode, c.year)).toBeLessThan(c.value);
			else expect(paid(c.partnerCode, c.year)).toBeGreaterThanOrEqual(c.value);
		}
		expect(ac.commitments.some((c) => c.kind === 'structures_financees')).toBe(true);
		expect(ac.commitments.some((c) => c.kind === 'creations_prioritaires' && c.epciSiren !== null)).toBe(true);
	});

	it('has a schéma directeur 2023–2027 of 3 orientations × 2 objectives with targets for each year', () => {
		const sd = demo.schemaDirecteur;
		expect([sd.startYear, sd.endYear]).toEqual([2023, 2027]);
		expect(sd.orientations).toHaveLength(3);
		const computations = new Set<string>();
		for (const o of sd.orientations) {
			expect(o.objectives).toHaveLength(2);
			for (const obj of o.objectives) {
				expect(obj.indicators.length).toBeGreaterThan(0);
				for (const ind of obj.indicators) {
					expect(ind.targets.map((t) => t.year)).toEqual([2023, 2024, 2025, 2026, 2027]);
					if (ind.computation) computations.add(ind.computation);
					else {
						expect(ind.values.length).toBeGreaterThan(0);
						for (const v of ind.values) expect(v.year).toBeLessThan(2026);
					}
				}
			}
		}
		expect(computations).toEqual(
			new Set(['part_population_couverte', 'evs_crees_territoires_prioritaires', 'structures_avec_projet_familles', 'taux_realisation_accord_cadre'])
		);
	});

	it('records committee decisions in the past, pointing at existing structures and communes', () => {
		expect(demo.committeeDecisions.length).toBeGreaterThanOrEqual(3);
		const ids = new Set(demo.structures.map((s) => s.externalId));
		const codes = new Set(demo.communes.map((c) => c.code));
		for (const d of demo.committeeDecisions) {
			expect(d.decidedOn <= demo.referenceDate).toBe(true);
			for (const id of d.structureIds) expect(ids.has(id)).toBe(true);
			for (const code of d.communeCodes) expect(codes.has(code)).toBe(true);
		}
	});
});
