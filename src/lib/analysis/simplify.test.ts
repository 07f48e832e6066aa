import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { createRandom } from '../domain/random';
import { simplifyForDisplay, vertexCount } from './simplify';
import { ringEdgeKeys } from '../../../tests/helpers/ring-edges';

/**
 * An n×n grid of communes (cells of 0.05°) whose inner borders wiggle (20 jittered vertices per
 * side, shared exactly by both neighbours) and whose outer border is straight.
 */
function wigglyGrid(n: number, seed: number): Polygon[] {
	const random = createRandom(seed);
	const size = 0.05;
	const [lon0, lat0] = [0.1, 46.3];
	const steps = 20;
	const edges = new Map<string, Position[]>();
	// The shared polyline between two grid nodes, generated once, reused reversed by the neighbour.
	const edge = (a: [number, number], b: [number, number]): Position[] => {
		const key = `${a}|${b}`;
		const back = `${b}|${a}`;
		if (edges.has(back)) return [...edges.get(back)!].reverse();
		if (!edges.has(key)) {
			const [ax, ay] = [lon0 + a[0] * size, lat0 + a[1] * size];
			const [bx, by] = [lon0 + b[0] * size, lat0 + b[1] * size];
			const outer = (a[0] === b[0] && (a[0] === 0 || a[0] === n)) || (a[1] === b[1] && (a[1] === 0 || a[1] === n));
			const line: Position[] = [];
			for (let k = 0; k <= steps; k++) {
				const t = k / steps;
				const jitter = outer || k === 0 || k === steps ? 0 : (random() - 0.5) * size * 0.08;
				line.push([ax + t * (bx - ax) + (a[1] === b[1] ? 0 : jitter), ay + t * (by - ay) + (a[0] === b[0] ? 0 : jitter)]);
			}
			edges.set(key, line);
		}
		return edges.get(key)!;
	};
	const cells: Polygon[] = [];
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < n; j++) {
			const corners: [number, number][] = [[i, j], [i + 1, j], [i + 1, j + 1], [i, j + 1], [i, j]];
			const ring: Position[] = [];
			for (let k = 0; k < 4; k++) ring.push(...edge(corners[k], corners[k + 1]).slice(0, -1));
			ring.push(ring[0]);
			cells.push({ type: 'Polygon', coordinates: [ring] });
		}
	}
	return cells;
}

const segmentsOf = (g: Polygon | MultiPolygon): string[] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat().flatMap(ringEdgeKeys);

describe('simplifyForDisplay(geometries, options)', () => {
	const grid = wigglyGrid(4, 42);

	it('drops vertices', () => {
		const out = simplifyForDisplay(grid, { minAreaM2: 200_000 });
		const before = grid.reduce((s, g) => s + vertexCount(g), 0);
		const after = out.reduce((s, g) => s + vertexCount(g!), 0);
		expect(after).toBeLessThan(before * 0.6);
		expect(out.every((g, i) => g !== grid[i])).toBe(true);
	});

	it('keeps neighbours sharing their borders: every inner edge is used by exactly two cells, outer edges by one', () => {
		const out = simplifyForDisplay(grid, { minAreaM2: 200_000 });
		const uses = new Map<string, number>();
		for (const g of out) for (const s of segmentsOf(g!)) uses.set(s, (uses.get(s) ?? 0) + 1);
		const onOuterBox = (s: string) => {
			const [[ax, ay], [bx, by]] = s.split('|').map((p) => p.split(',').map(Number));
			const on = (v: number, w: number, edge: number) => Math.abs(v - edge) < 1e-9 && Math.abs(w - edge) < 1e-9;
			return on(ax, bx, 0.1) || on(ax, bx, 0.3) || on(ay, by, 46.3) || on(ay, by, 46.5);
		};
		for (const [segment, count] of uses) {
			expect(count, segment).toBeLessThanOrEqual(2);
			if (count === 1) expect(onOuterBox(segment), segment).toBe(true);
			else expect(onOuterBox(segment), segment).toBe(false);
		}
	});

	it('never empties a polygon: a tiny island keeps a valid ring, nulls stay null, order kept', () => {
		const island: Polygon = { type: 'Polygon', coordinates: [[[0.5, 46.5], [0.5001, 46.5], [0.50005, 46.50005], [0.5, 46.5001], [0.5, 46.5]]] };
		const out = simplifyForDisplay([null, island, grid[0]], { minAreaM2: 1e9 });
		expect(out[0]).toBeNull();
		const ring = (out[1] as Polygon).coordinates[0];
		expect(ring.length).toBeGreaterThanOrEqual(4);
		expect(ring[0]).toEqual(ring[ring.length - 1]);
		expect((out[2] as Polygon).coordinates[0].length).toBeGreaterThanOrEqual(4);
	});

	it('does not modify its input and is deterministic', () => {
		const copy = JSON.parse(JSON.stringify(grid));
		const a = simplifyForDisplay(grid);
		expect(grid).toEqual(copy);
		expect(simplifyForDisplay(grid)).toEqual(a);
	});
});
