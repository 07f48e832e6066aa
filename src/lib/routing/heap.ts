/**
 * A binary min-heap of (key, value) integer pairs in typed arrays, for Dijkstra with lazy
 * deletion: a vertex whose distance improves is pushed again and stale entries are skipped when
 * popped. Ties on the key pop the smaller value first, so runs are deterministic.
 */
export class IntHeap {
	private keys: Int32Array;
	private values: Int32Array;
	size = 0;

	constructor(capacity = 1024) {
		this.keys = new Int32Array(capacity);
		this.values = new Int32Array(capacity);
	}

	clear(): void {
		this.size = 0;
	}

	push(key: number, value: number): void {
		if (this.size === this.keys.length) {
			const k = new Int32Array(this.size * 2);
			k.set(this.keys);
			this.keys = k;
			const v = new Int32Array(this.size * 2);
			v.set(this.values);
			this.values = v;
		}
		const keys = this.keys;
		const values = this.values;
		let i = this.size++;
		while (i > 0) {
			const parent = (i - 1) >> 1;
			const pk = keys[parent];
			if (pk < key || (pk === key && values[parent] <= value)) break;
			keys[i] = pk;
			values[i] = values[parent];
			i = parent;
		}
		keys[i] = key;
		values[i] = value;
	}

	/** Key of the minimum (the heap must not be empty). */
	peekKey(): number {
		return this.keys[0];
	}

	/** Removes the minimum and returns its value; its key was `peekKey()`. */
	pop(): number {
		const keys = this.keys;
		const values = this.values;
		const top = values[0];
		const n = --this.size;
		if (n > 0) {
			const key = keys[n];
			const value = values[n];
			let i = 0;
			for (;;) {
				let c = 2 * i + 1;
				if (c >= n) break;
				const r = c + 1;
				if (r < n && (keys[r] < keys[c] || (keys[r] === keys[c] && values[r] < values[c]))) c = r;
				if (keys[c] > key || (keys[c] === key && values[c] >= value)) break;
				keys[i] = keys[c];
				values[i] = values[c];
				i = c;
			}
			keys[i] = key;
			values[i] = value;
		}
		return top;
	}
}
