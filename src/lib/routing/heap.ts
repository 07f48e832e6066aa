/**
 * A binary min-heap of (key, value) integer pairs, for Dijkstra with lazy deletion: a vertex whose
 * distance improves is pushed again and stale entries are skipped when popped. Each entry is one
 * float64, key × 2²² + value — exact for keys < 2³¹ and values < 2²² (4 million vertices) —, so
 * a comparison is one number comparison, and ties on the key pop the smaller value first (runs
 * are deterministic).
 */
const SHIFT = 4_194_304; // 2^22

/** Largest value the heap holds (vertex index). */
export const MAX_HEAP_VALUE = SHIFT - 1;

export class IntHeap {
	private items: Float64Array;
	size = 0;

	constructor(capacity = 1024) {
		this.items = new Float64Array(capacity);
	}

	clear(): void {
		this.size = 0;
	}

	push(key: number, value: number): void {
		if (this.size === this.items.length) {
			const grown = new Float64Array(this.size * 2);
			grown.set(this.items);
			this.items = grown;
		}
		const items = this.items;
		const item = key * SHIFT + value;
		let i = this.size++;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			const p = items[parent];
			if (p <= item) break;
			items[i] = p;
			i = parent;
		}
		items[i] = item;
	}

	/** Key of the minimum (the heap must not be empty). */
	peekKey(): number {
		return Math.floor(this.items[0] / SHIFT);
	}

	/** Removes the minimum and returns its value; its key was `peekKey()`. */
	pop(): number {
		const items = this.items;
		const top = items[0];
		const n = --this.size;
		if (n > 0) {
			const item = items[n];
			let i = 0;
			for (;;) {
				let c = 2 * i + 1;
				if (c >= n) break;
				if (c + 1 < n && items[c + 1] < items[c]) c++;
				if (items[c] >= item) break;
				items[i] = items[c];
				i = c;
			}
			items[i] = item;
		}
		return top % SHIFT;
	}
}
