import { describe, expect, it } from 'vitest';
import { booleanPointInPolygon, distance } from '@turf/turf';
import { generateDemoDepartement } from './index';
import { isLuhnValid } from './identifiers';
import { addDays, endOfMonth, firstOfMonth, monthsBetween } from './dates';

const REF = '2026-06-30';
const demo = generateDemoDepartement({ referenceDate: REF });
const communes = new Map(demo.communes.map((c) => [c.code, c]));
const cs = demo.structures.filter((s) => s.type === 'CS');
const evs = demo.structures.filter((s) => s.type === 'EVS');

/** Months covered by an agrément, start and end included. */
const durationMonths = (a: { startDate: string; endDate: string }) => monthsBetween(a.startDate, a.endDate) + 1;

describe('demo structures', () => {
	it('are about 12 CS and 13 EVS with ids DEMO-CS-01… and unique Luhn-valid SIRET', () => {
		expect(cs).toHaveLength(12);
		expect(evs).toHaveLength(13);
		expect(cs[0].externalId).toBe('DEMO-CS-01');
		expect(evs[12].externalId).toBe('DEMO-EVS-13');
		// SIRET + establishment is unique; one multi-site manager shares its SIRET between two structures.
		const keys = demo.structures.map((s) => `${s.siret}.${s.establishment ?? ''}`);
		expect(new Set(keys).size).toBe(25);
		expect(new Set(demo.structures.map((s) => s.siret)).size).toBe(24);
		for (const s of demo.structures) {
			expect(s.siret).toMatch(/^\d{14}$/);
			expect(isLuhnValid(s.siret), s.siret).toBe(true);
			expect(isLuhnValid(s.managerSiren)).toBe(true);
			expect(s.siret.startsWith(s.managerSiren)).toBe(true);
		}
	});

	it('stand inside their commune, CS mostly in towns and EVS mostly rural', () => {
		for (const s of demo.structures) {
			const commune = communes.get(s.communeCode)!;
			expect(booleanPointInPolygon(s.point, commune.geometry), s.externalId).toBe(true);
			expect(s.zoneCommuneCodes[0]).toBe(s.communeCode);
			for (const code of s.zoneCommuneCodes) expect(communes.has(code)).toBe(true);
		}
		expect(cs.filter((s) => communes.get(s.communeCode)!.population >= 8000).length).toBeGreaterThanOrEqual(7);
		expect(evs.filter((s) => s.territoryType === 'rural').length).toBeGreaterThanOrEqual(10);
	});

	it('are mostly associations, with every other management mode present', () => {
		const modes = demo.structures.map((s) => s.managementMode);
		expect(modes.filter((m) => m === 'association').length).toBeGreaterThan(12);
		for (const mode of ['commune', 'ccas_cias', 'intercommunalite', 'caf_gestion_directe']) expect(modes).toContain(mode);
	});

	it('include an EVS run by the association of a CS, none by a public body running a CS, and one itinerant EVS', () => {
		const csManagers = new Set(cs.map((s) => s.managerSiren));
		const shared = evs.filter((s) => csManagers.has(s.managerSiren));
		expect(shared.length).toBeGreaterThanOrEqual(1);
		expect(shared.every((s) => s.managementMode === 'association')).toBe(true);
		// The circular gives an EVS to local associations: other modes only by a labelled derogation.
		const derogations = new Set(demo.anomalies.ruleDeviations.filter((d) => d.check === 'mode-gestion-evs').map((d) => d.structureId));
		expect(evs.filter((s) => s.managementMode !== 'association').map((s) => s.externalId).sort()).toEqual([...derogations].sort());
		expect(demo.committeeDecisions.filter((d) => /appel à projets|délégation de service public/.test(d.decision) && !/ni délégation de service public ni appel à projets/.test(d.decision))).toEqual([]);
		const itinerant = demo.structures.filter((s) => s.specificities.includes('itinerant'));
		expect(itinerant).toHaveLength(1);
		expect(itinerant[0].type).toBe('EVS');
		expect(itinerant[0].zoneCommuneCodes.length).toBeGreaterThan(3);
	});

	it('have a projet familles in most CS, none in EVS', () => {
		expect(cs.filter((s) => s.projetFamilles).length).toBeGreaterThanOrEqual(9);
		expect(evs.every((s) => !s.projetFamilles)).toBe(true);
	});

	it('leave rural communes beyond 8 km of any CS and 5 km of any EVS (dépourvus)', () => {
		const uncovered = demo.communes.filter(
			(c) =>
				cs.every((s) => distance(c.refPoint, s.point) > 8) && evs.every((s) => distance(c.refPoint, s.point) > 5)
		);
		expect(uncovered.length).toBeGreaterThan(30);
		expect(uncovered.filter((c) => !c.urban).length / uncovered.length).toBeGreaterThan(0.9);
	});
});

describe('demo agréments', () => {
	it('give CS animation globale (+ familles) and EVS animation locale', () => {
		for (const s of cs) {
			const kinds = new Set(demo.agrements.filter((a) => a.structureId === s.externalId).map((a) => a.kind));
			expect(kinds.has('animation_globale')).toBe(true);
			expect(kinds.has('animation_locale')).toBe(false);
			if (s.projetFamilles) expect(kinds.has('animation_collective_familles')).toBe(true);
		}
		for (const s of evs) {
			const kinds = new Set(demo.agrements.filter((a) => a.structureId === s.externalId).map((a) => a.kind));
			expect([...kinds]).toEqual(['animation_locale']);
		}
	});

	it('cover every stage: first (1 year), renewal (4 years), ending within 6 months, en_instruction, refused', () => {
		const first = demo.agrements.filter((a) => a.isFirst);
		expect(first.length).toBeGreaterThanOrEqual(2);
		for (const a of first) expect(durationMonths(a)).toBe(12);
		const renewals = demo.agrements.filter((a) => !a.isFirst && a.decision === 'accorde' && durationMonths(a) === 48);
		expect(renewals.length).toBeGreaterThan(20);
		const sixMonths = endOfMonth(REF, 6);
		const endingSoon = demo.agrements.filter((a) => a.decision === 'accorde' && a.endDate >= REF && a.endDate <= sixMonths);
		expect(new Set(endingSoon.map((a) => a.structureId)).size).toBeGreaterThanOrEqual(3);
		const pending = demo.agrements.filter((a) => a.decision === 'en_instruction');
		expect(pending.length).toBeGreaterThanOrEqual(1);
		for (const p of pending) {
			expect(p.decisionDate).toBeNull();
			const expired = demo.agrements.find((a) => a.structureId === p.structureId && a.kind === p.kind && a.endDate === addDays(p.startDate, -1))!;
			expect(expired.decision).toBe('accorde');
			expect(expired.endDate < REF).toBe(true);
		}
		const refused = demo.agrements.filter((a) => a.decision === 'refuse');
		expect(refused).toHaveLength(1);
		expect(refused[0].decisionDate! <= REF).toBe(true);
		expect(demo.agrements.some((a) => a.durationException !== null && durationMonths(a) === 24)).toBe(true);
	});

	it('never overlap for one structure and kind, and are decided before they start', () => {
		const groups = new Map<string, typeof demo.agrements>();
		for (const a of demo.agrements) groups.set(`${a.structureId}/${a.kind}`, [...(groups.get(`${a.structureId}/${a.kind}`) ?? []), a]);
		for (const list of groups.values()) {
			const sorted = [...list].sort((a, b) => (a.startDate < b.startDate ? -1 : 1));
			for (let i = 1; i < sorted.length; i++) expect(sorted[i].startDate).toBe(addDays(sorted[i - 1].endDate, 1));
		}
		for (const a of demo.agrements) {
			if (a.decisionDate) expect(a.decisionDate < a.startDate).toBe(true);
			expect(a.startDate).toBe(firstOfMonth(a.startDate));
		}
		for (const s of demo.structures) {
			const earliest = demo.agrements.filter((a) => a.structureId === s.externalId).map((a) => a.startDate).sort()[0];
			expect(s.firstAgrementDate <= earliest).toBe(true);
		}
	});

	it('hold criteria assessments: 8 projet social, 4 projet familles, a few partiel or insuffisant', () => {
		const keys = new Set(demo.agrements.map((a) => a.key));
		const byAgrement = new Map<string, number[]>();
		for (const c of demo.criteria) {
			expect(keys.has(c.agrementKey)).toBe(true);
			byAgrement.set(c.agrementKey, [...(byAgrement.get(c.agrementKey) ?? []), c.criterion]);
		}
		expect(byAgrement.size).toBeGreaterThanOrEqual(8);
		for (const [key, list] of byAgrement) {
			const kind = demo.agrements.find((a) => a.key === key)!.kind;
			expect(list).toEqual(kind === 'animation_collective_familles' ? [1, 2, 3, 4] : [1, 2, 3, 4, 5, 6, 7, 8]);
		}
		expect(demo.criteria.some((c) => c.status === 'insuffisant')).toBe(true);
		expect(demo.criteria.filter((c) => c.status === 'partiel').length).toBeGreaterThanOrEqual(3);
		const refused = demo.agrements.find((a) => a.decision === 'refuse')!;
		expect(demo.criteria.find((c) => c.agrementKey === refused.key && c.criterion === 4)!.status).toBe('insuffisant');
	});

	it('follow the reference date: another date shifts the stages', () => {
		const later = generateDemoDepartement({ referenceDate: '2027-03-31' });
		expect(later.communes).toStrictEqual(demo.communes);
		expect(later.agrements.find((a) => a.isFirst)!.startDate > '2026-12-31').toBe(true);
	});
});

describe('demo staff and activity', () => {
	it('give every CS a full-time qualified director, and leave exactly one director post vacant', () => {
		for (const s of cs) {
			const directors = demo.staffPosts.filter((p) => p.structureId === s.externalId && p.kind === 'directeur');
			expect(directors).toHaveLength(1);
			expect(directors[0].etp).toBe(1);
			expect([6, 7]).toContain(directors[0].qualificationLevel);
		}
		const vacant = demo.staffPosts.filter(
			(p) => p.kind === 'directeur' && p.vacantFrom !== null && p.vacantFrom <= REF && (p.vacantUntil === null || p.vacantUntil >= REF)
		);
		expect(vacant).toHaveLength(1);
		expect(vacant[0].vacantUntil).toBeNull();
		expect(monthsBetween(vacant[0].vacantFrom!, REF)).toBeGreaterThanOrEqual(1);
		expect(monthsBetween(vacant[0].vacantFrom!, REF)).toBeLessThanOrEqual(6);
	});

	it('give a référent familles (0.5–1 ETP, level 5 or 6) held on the reference date to each CS with a projet familles; one changed holder', () => {
		let changes = 0;
		for (const s of cs.filter((c) => c.projetFamilles)) {
			const posts = demo.staffPosts.filter((p) => p.structureId === s.externalId && p.kind === 'referent_familles');
			const held = posts.filter((p) => (p.startDate === null || p.startDate <= REF) && (p.endDate === null || p.endDate >= REF));
			expect(held).toHaveLength(1);
			expect(held[0].etp).toBeGreaterThanOrEqual(0.5);
			expect(held[0].etp).toBeLessThanOrEqual(1);
			expect([5, 6]).toContain(held[0].qualificationLevel);
			if (posts.length === 2) {
				changes++;
				const [before, after] = [...posts].sort((a, b) => (a.startDate! < b.startDate! ? -1 : 1));
				expect(before.endDate! < after.startDate!).toBe(true);
				expect(after.vacantFrom).toBe(after.startDate);
			}
		}
		expect(changes).toBe(1);
	});

	it('count participation at 5 levels and yearly figures with CS and EVS budgets in range', () => {
		for (const p of demo.participation) expect(p.count).toBeGreaterThan(0);
		expect(new Set(demo.participation.map((p) => p.level))).toEqual(new Set([1, 2, 3, 4, 5]));
		expect([...new Set(demo.structureYears.map((y) => y.year))].sort()).toEqual([2024, 2025]);
		for (const y of demo.structureYears) {
			const type = demo.structures.find((s) => s.externalId === y.structureId)!.type;
			if (type === 'CS') {
				expect(y.budgetTotal).toBeGreaterThanOrEqual(380000);
				expect(y.budgetTotal).toBeLessThanOrEqual(950000);
			} else {
				expect(y.budgetTotal).toBeGreaterThanOrEqual(28000);
				expect(y.budgetTotal).toBeLessThanOrEqual(125000);
			}
			expect(y.zonePopulation).toBeGreaterThan(0);
		}
	});
});
