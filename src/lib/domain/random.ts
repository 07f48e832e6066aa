/**
 * Seeded pseudo-random numbers (mulberry32) for the demo generator, tests and benchmarks:
 * pure code never calls Math.random, it takes a `Random` instead.
 */
export type Random = () => number;

/** A deterministic generator of floats in [0, 1) from a 32-bit seed. */
export function createRandom(seed: number): Random {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** An integer in [min, max], both included. */
export function randomInt(random: Random, min: number, max: number): number {
	return min + Math.floor(random() * (max - min + 1));
}

/** A standard normal deviate (Box–Muller). */
export function randomNormal(random: Random, mean = 0, sd = 1): number {
	const u = 1 - random();
	const v = random();
	return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** One element of a non-empty array. */
export function pick<T>(random: Random, items: readonly T[]): T {
	if (items.length === 0) throw new Error('pick: empty array');
	return items[Math.floor(random() * items.length)];
}

/** A shuffled copy (Fisher–Yates). */
export function shuffle<T>(random: Random, items: readonly T[]): T[] {
	const out = items.slice();
	for (let i = out.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[out[i], out[j]] = [out[j], out[i]];
	}
	return out;
}
