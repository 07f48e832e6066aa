/**
 * Strongly connected components of a directed graph in CSR form, by Tarjan's algorithm written
 * with an explicit stack (no recursion: a région's road graph is millions of vertices deep).
 * O(V + E) time, five Int32Arrays of V.
 */

/** Component of every vertex (0 … count−1) and the number of components. */
export interface Components {
	component: Int32Array;
	count: number;
	/** Vertices per component. */
	sizes: Int32Array;
}

/**
 * @param firstOut CSR offsets (V + 1)
 * @param head target vertex of each edge
 */
export function stronglyConnectedComponents(firstOut: Int32Array, head: Int32Array): Components {
	const n = firstOut.length - 1;
	const index = new Int32Array(n).fill(-1);
	const low = new Int32Array(n);
	const component = new Int32Array(n).fill(-1);
	const stack = new Int32Array(n); // Tarjan's stack of open vertices
	const onStack = new Uint8Array(n);
	const callVertex = new Int32Array(n); // the explicit call stack: vertex and next edge to look at
	const callEdge = new Int32Array(n);
	let sp = 0;
	let next = 0;
	let count = 0;
	const sizes: number[] = [];
	for (let root = 0; root < n; root++) {
		if (index[root] !== -1) continue;
		let depth = 0;
		callVertex[0] = root;
		callEdge[0] = firstOut[root];
		index[root] = low[root] = next++;
		stack[sp++] = root;
		onStack[root] = 1;
		while (depth >= 0) {
			const v = callVertex[depth];
			const e = callEdge[depth];
			if (e < firstOut[v + 1]) {
				callEdge[depth] = e + 1;
				const w = head[e];
				if (index[w] === -1) {
					index[w] = low[w] = next++;
					stack[sp++] = w;
					onStack[w] = 1;
					depth++;
					callVertex[depth] = w;
					callEdge[depth] = firstOut[w];
				} else if (onStack[w] && index[w] < low[v]) low[v] = index[w];
				continue;
			}
			// v is done: close its component if it is a root, then return to its caller.
			if (low[v] === index[v]) {
				let size = 0;
				let w: number;
				do {
					w = stack[--sp];
					onStack[w] = 0;
					component[w] = count;
					size++;
				} while (w !== v);
				sizes.push(size);
				count++;
			}
			depth--;
			if (depth >= 0) {
				const caller = callVertex[depth];
				if (low[v] < low[caller]) low[caller] = low[v];
			}
		}
	}
	return { component, count, sizes: Int32Array.from(sizes) };
}
