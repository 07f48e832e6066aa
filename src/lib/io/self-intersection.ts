/**
 * Self-intersections of a polygon's rings, found with a sweep over segments sorted by their
 * west edge (about n·√n for real contours, instead of the n² of testing every pair).
 * Within a ring, any contact between non-adjacent edges counts (a crossing, a vertex visited
 * twice, a spike folding back); between rings of one polygon, only proper crossings count,
 * since a hole may touch its shell at one point.
 */
import type { Position } from 'geojson';

interface Segment {
	ring: number;
	index: number;
	/** Number of segments of its ring. */
	count: number;
	ax: number;
	ay: number;
	bx: number;
	by: number;
	minX: number;
	maxX: number;
	minY: number;
	maxY: number;
}

function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
	const v = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
	return v > 0 ? 1 : v < 0 ? -1 : 0;
}

function onSegment(s: Segment, x: number, y: number): boolean {
	return x >= s.minX && x <= s.maxX && y >= s.minY && y <= s.maxY;
}

function adjacent(s: Segment, t: Segment): boolean {
	if (s.ring !== t.ring) return false;
	const d = Math.abs(s.index - t.index);
	return d === 1 || d === s.count - 1;
}

/** For two edges sharing a vertex: that vertex when they fold back onto each other (a spike). */
function foldBack(s: Segment, t: Segment): [number, number] | null {
	// The shared vertex q and the two far ends p, r.
	const [p, q, r] =
		s.bx === t.ax && s.by === t.ay
			? [[s.ax, s.ay], [s.bx, s.by], [t.bx, t.by]]
			: [[t.ax, t.ay], [t.bx, t.by], [s.bx, s.by]];
	if (orient(p[0], p[1], q[0], q[1], r[0], r[1]) !== 0) return null;
	const sameWay = (p[0] - q[0]) * (r[0] - q[0]) + (p[1] - q[1]) * (r[1] - q[1]) > 0;
	return sameWay ? [q[0], q[1]] : null;
}

/** Where two segments meet, or null. `proper` limits to crossings through both interiors. */
function meet(s: Segment, t: Segment, properOnly: boolean): [number, number] | null {
	const o1 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
	const o2 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
	const o3 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
	const o4 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
	if (o1 * o2 < 0 && o3 * o4 < 0) {
		const d = (s.bx - s.ax) * (t.by - t.ay) - (s.by - s.ay) * (t.bx - t.ax);
		const u = ((t.ax - s.ax) * (t.by - t.ay) - (t.ay - s.ay) * (t.bx - t.ax)) / d;
		return [s.ax + u * (s.bx - s.ax), s.ay + u * (s.by - s.ay)];
	}
	if (properOnly) return null;
	if (o1 === 0 && onSegment(s, t.ax, t.ay)) return [t.ax, t.ay];
	if (o2 === 0 && onSegment(s, t.bx, t.by)) return [t.bx, t.by];
	if (o3 === 0 && onSegment(t, s.ax, s.ay)) return [s.ax, s.ay];
	if (o4 === 0 && onSegment(t, s.bx, s.by)) return [s.bx, s.by];
	return null;
}

/**
 * The first self-intersection point of a polygon (rings of [x, y] positions, closed), or null
 * when its rings are simple and only touch each other at points.
 */
export function findSelfIntersection(rings: readonly (readonly Position[])[]): [number, number] | null {
	const segments: Segment[] = [];
	rings.forEach((ring, r) => {
		const count = ring.length - 1;
		for (let i = 0; i < count; i++) {
			const [ax, ay] = ring[i];
			const [bx, by] = ring[i + 1];
			segments.push({
				ring: r,
				index: i,
				count,
				ax,
				ay,
				bx,
				by,
				minX: Math.min(ax, bx),
				maxX: Math.max(ax, bx),
				minY: Math.min(ay, by),
				maxY: Math.max(ay, by)
			});
		}
	});
	segments.sort((a, b) => a.minX - b.minX);
	let active: Segment[] = [];
	for (const s of segments) {
		active = active.filter((t) => t.maxX >= s.minX);
		for (const t of active) {
			if (t.maxY < s.minY || t.minY > s.maxY) continue;
			if (adjacent(s, t)) {
				const spike = s.count > 2 ? foldBack(s, t) : null;
				if (spike) return spike;
				continue;
			}
			const point = meet(s, t, s.ring !== t.ring);
			if (point) return point;
		}
		active.push(s);
	}
	return null;
}
