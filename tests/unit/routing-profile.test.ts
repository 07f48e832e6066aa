/** OSM tags → drivable ways, speeds and directions; Tarjan's SCC against reachability; the heap. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyWay, parseMaxspeed, ROAD_CLASSES } from '$lib/routing/road-profile';
import { stronglyConnectedComponents } from '$lib/routing/scc';
import { IntHeap } from '$lib/routing/heap';
import { TEST_PROFILE } from './routing-fixtures';
import { itMaps } from '../helpers/cases';

const way = (tags: Record<string, string>) => classifyWay({ get: (k) => tags[k], toObject: () => tags }, TEST_PROFILE);

describe('road profile', () => {
	it('keeps the drivable classes at their default speeds, both ways', () => {
		for (const c of ROAD_CLASSES) {
			const w = way({ highway: c });
			expect(typeof w).toBe('object');
			if (typeof w === 'object') {
				expect(w.speedKmh).toBe(TEST_PROFILE.speedsKmh[c]);
				expect(w.oneway).toBe(c === 'motorway' ? 1 : 0);
			}
		}
	});
	// Leaves out other highways, private or forbidden access, construction, reversible one-ways.
	itMaps(way, [
		[{ highway: 'footway' }, 'not_drivable'],
		[{ highway: 'track' }, 'not_drivable'],
		[{ highway: 'construction', construction: 'primary' }, 'not_drivable'],
		[{ highway: 'residential', access: 'private' }, 'access'],
		[{ highway: 'residential', motor_vehicle: 'no' }, 'access'],
		[{ highway: 'service', service: 'emergency_access' }, 'access'],
		[{ highway: 'residential', construction: 'yes' }, 'construction'],
		[{ highway: 'residential', oneway: 'reversible' }, 'reversible']
	], 'classifyWay');
	it('keeps a way whose most specific access tag allows cars', () => {
		// The most specific access tag decides.
		expect(typeof way({ highway: 'residential', access: 'no', motorcar: 'yes' })).toBe('object');
		expect(typeof way({ highway: 'residential', access: 'destination' })).toBe('object');
	});
	it('reads one-ways and roundabouts', () => {
		const dir = (tags: Record<string, string>) => (way(tags) as { oneway: number }).oneway;
		expect(dir({ highway: 'primary', oneway: 'yes' })).toBe(1);
		expect(dir({ highway: 'primary', oneway: '-1' })).toBe(-1);
		expect(dir({ highway: 'motorway', oneway: 'no' })).toBe(0);
		expect(dir({ highway: 'tertiary', junction: 'roundabout' })).toBe(1);
	});
	it('reads maxspeed (numbers, mph, French zones) and drives 4/5 of it, capped on links and local roads', () => {
		expect(parseMaxspeed('50')).toBe(50);
		expect(parseMaxspeed('30 mph')).toBeCloseTo(48.28, 2);
		expect(parseMaxspeed('FR:urban')).toBe(50);
		expect(parseMaxspeed('FR:rural')).toBe(80);
		expect(parseMaxspeed('none')).toBeNull();
		expect(parseMaxspeed('50;30')).toBe(50);
		expect((way({ highway: 'primary', maxspeed: '80' }) as { speedKmh: number }).speedKmh).toBe(64);
		expect((way({ highway: 'motorway', maxspeed: '150' }) as { speedKmh: number }).speedKmh).toBe(104); // capped at 130, × 0.8
		expect((way({ highway: 'residential', maxspeed: '50' }) as { speedKmh: number }).speedKmh).toBe(25); // class default wins
	});
});

/** Components by brute force: u ~ v when each reaches the other. */
function reachability(n: number, edges: [number, number][]): boolean[][] {
	const r = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => i === j));
	for (const [a, b] of edges) r[a][b] = true;
	for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (r[i][k] && r[k][j]) r[i][j] = true;
	return r;
}

describe('strongly connected components (iterative Tarjan)', () => {
	it('equal the mutual-reachability classes on random digraphs', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 25 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 60 }))), ([n, edges]) => {
				const first = new Int32Array(n + 1);
				for (const [a] of edges) first[a + 1]++;
				for (let v = 0; v < n; v++) first[v + 1] += first[v];
				const fill = first.slice(0, n);
				const head = new Int32Array(edges.length);
				for (const [a, b] of edges) head[fill[a]++] = b;
				const { component, count, sizes } = stronglyConnectedComponents(first, head);
				const r = reachability(n, edges);
				for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(component[i] === component[j]).toBe(r[i][j] && r[j][i]);
				expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
				expect(new Set(component).size).toBe(count);
			})
		);
	});
	it('handles a path of 200,000 vertices (no recursion)', () => {
		const n = 200_000;
		const first = Int32Array.from({ length: n + 1 }, (_, i) => Math.min(i, n - 1));
		const head = Int32Array.from({ length: n - 1 }, (_, i) => i + 1);
		expect(stronglyConnectedComponents(first, head).count).toBe(n);
	});
});

describe('IntHeap', () => {
	it('pops keys in order, ties on the smaller value', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 1000 }))), (items) => {
				const heap = new IntHeap(2);
				for (const [k, v] of items) heap.push(k, v);
				const out: [number, number][] = [];
				while (heap.size > 0) {
					const k = heap.peekKey();
					out.push([k, heap.pop()]);
				}
				expect(out).toEqual([...items].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
			})
		);
	});
});
