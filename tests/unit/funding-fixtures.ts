/**
 * Generated funding facts for the view tests: seeded, so a failure replays. Amounts in euros with
 * cents, several partners, instruments, structures (some outside any EPCI), years and statuses.
 */
import { createRandom, randomInt, pick } from '../../src/lib/domain/random';
import type { FundingFact, FundingStatus } from '../../src/lib/funding/types';

export const PARTNERS = [
	{ id: 1, name: 'CAF', kind: 'caf' },
	{ id: 2, name: 'Conseil départemental', kind: 'departement' },
	{ id: 3, name: 'MSA', kind: 'msa' },
	{ id: 4, name: 'Ville de Port', kind: 'commune' }
];
export const INSTRUMENTS = [
	{ id: 10, code: 'PS_AGC', label: 'PS AGC', family: 'prestation_service' },
	{ id: 11, code: 'CD_SUBV', label: 'Subvention CD', family: 'subvention' },
	{ id: 12, code: 'MSA_SUBV', label: 'Subvention MSA', family: 'subvention' },
	{ id: 13, code: 'COLL', label: 'Subvention collectivité', family: 'subvention' }
];
export const EPCIS = [
	{ siren: '200000001', name: 'CC du Val', population: 12000 },
	{ siren: '200000002', name: 'CA de Port', population: 80000 },
	{ siren: '200000003', name: 'CC des Landes', population: null }
];
const STATUSES: FundingStatus[] = ['previsionnel', 'notifie', 'verse'];

/** `count` facts with unique (structure, partner, instrument, year), seeded. */
export function generateFacts(seed: number, count = 200): FundingFact[] {
	const random = createRandom(seed);
	const facts: FundingFact[] = [];
	const seen = new Set<string>();
	const structures = Array.from({ length: 12 }, (_, i) => ({
		id: 100 + i,
		name: `Structure ${String.fromCharCode(65 + i)}`,
		type: i % 3 === 0 ? ('EVS' as const) : ('CS' as const),
		epci: i % 5 === 4 ? null : EPCIS[i % EPCIS.length]
	}));
	let id = 1;
	let guard = 0;
	while (facts.length < count && guard++ < count * 50) {
		const s = pick(random, structures);
		const p = pick(random, PARTNERS);
		const i = pick(random, INSTRUMENTS);
		const year = randomInt(random, 2022, 2026);
		const key = `${s.id}|${p.id}|${i.id}|${year}`;
		if (seen.has(key)) continue;
		seen.add(key);
		facts.push({
			id: id++,
			structureId: s.id,
			structureName: s.name,
			structureType: s.type,
			communeCode: String(s.id).padStart(5, '0'),
			epciSiren: s.epci?.siren ?? null,
			epciName: s.epci?.name ?? null,
			partnerId: p.id,
			partnerName: p.name,
			partnerKind: p.kind,
			instrumentId: i.id,
			instrumentCode: i.code,
			instrumentLabel: i.label,
			instrumentFamily: i.family,
			year,
			amount: randomInt(random, 1, 30_000_000) / 100,
			status: pick(random, STATUSES),
			published: random() < 0.3
		});
	}
	return facts;
}

/** The brute-force sum in cents of the facts passing `keep`. */
export function sumCents(facts: readonly FundingFact[], keep: (f: FundingFact) => boolean = () => true): number {
	return facts.filter(keep).reduce((s, f) => s + Math.round(f.amount * 100), 0);
}
