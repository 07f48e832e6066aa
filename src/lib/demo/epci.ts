/**
 * Five fictional EPCI: contiguous groups of communes grown from five seeds (the préfecture and
 * the four towns) over the commune adjacency graph, each outlined by the union of its communes.
 */
import type { Random } from '../domain/random';
import { distanceKm } from './geometry';
import { withLuhnKey } from './identifiers';
import { deName } from './names';
import { dissolve, type Territory } from './territory';
import type { DemoEpci } from './types';

/** Share of the communes each region aims at: the agglomeration is smaller in communes. */
const TARGET_SHARES = [0.16, 0.21, 0.21, 0.21, 0.21];
const CC_FORMS = ['Pays', 'Val', 'Bocage', 'Littoral'] as const;

/** Fictional SIREN of the n-th EPCI (1-based): `2000000` + n + Luhn key, e.g. `200000016`. */
export function epciSiren(n: number): string {
	return withLuhnKey(`2000000${n}`);
}

/**
 * Region growing: the region furthest below its target share takes the unassigned neighbour
 * nearest its seed (distance jittered so borders are not circles). Every region stays contiguous
 * because it only ever takes neighbours of its members. Returns the region index of each commune.
 */
export function growRegions(random: Random, territory: Territory, seeds: number[]): number[] {
	const n = territory.communes.length;
	const region = new Array<number>(n).fill(-1);
	const members: number[][] = seeds.map((s, r) => {
		region[s] = r;
		return [s];
	});
	const targets = TARGET_SHARES.map((share) => share * n);
	let unassigned = n - seeds.length;
	while (unassigned > 0) {
		let progressed = false;
		const byNeed = seeds
			.map((_, r) => r)
			.sort((a, b) => members[a].length / targets[a] - members[b].length / targets[b] || a - b);
		for (const r of byNeed) {
			let best = -1;
			let bestScore = Infinity;
			for (const m of members[r]) {
				for (const j of territory.adjacency[m]) {
					if (region[j] !== -1) continue;
					const score = distanceKm(territory.refXy[j], territory.refXy[seeds[r]]) * (1 + 0.35 * random());
					if (score < bestScore || (score === bestScore && j < best)) {
						bestScore = score;
						best = j;
					}
				}
			}
			if (best === -1) continue;
			region[best] = r;
			members[r].push(best);
			unassigned--;
			progressed = true;
			break;
		}
		if (!progressed) throw new Error(`growRegions: ${unassigned} communes unreachable from the seeds`);
	}
	return region;
}

/** The five EPCI; also sets `epciSiren` on every commune of `territory`. */
export function generateEpcis(random: Random, territory: Territory): DemoEpci[] {
	const seeds = [territory.prefecture, ...territory.villes];
	const region = growRegions(random, territory, seeds);
	return seeds.map((seed, r) => {
		const siren = epciSiren(r + 1);
		const indices = region.flatMap((g, i) => (g === r ? [i] : []));
		for (const i of indices) territory.communes[i].epciSiren = siren;
		const seedName = territory.communes[seed].name;
		const geometry = dissolve(indices.map((i) => territory.communes[i].geometry));
		return {
			siren,
			name: r === 0 ? `CA ${deName(seedName)}` : `CC du ${CC_FORMS[r - 1]} ${deName(seedName)}`,
			nature: r === 0 ? 'CA' : 'CC',
			communeCodes: indices.map((i) => territory.communes[i].code),
			geometry,
			displayGeometry: geometry
		} satisfies DemoEpci;
	});
}
