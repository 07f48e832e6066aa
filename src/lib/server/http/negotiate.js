/**
 * Which content coding to answer with, from a request's `Accept-Encoding` (RFC 9110 §12.5.3):
 * brotli or gzip when the client accepts them (a `q` above 0, directly or through `*`), the higher
 * `q` first and brotli on a tie (smaller for the same work on the client); null for none (identity).
 *
 * Plain JavaScript (typed by JSDoc): the production server loads it as is, without a build.
 */

/** @typedef {'br' | 'gzip'} ContentCoding */

/** @type {readonly ContentCoding[]} */
const SUPPORTED = ['br', 'gzip'];

/**
 * @param {string | null | undefined} header the request's Accept-Encoding
 * @returns {ContentCoding | null}
 */
export function negotiateEncoding(header) {
	if (!header) return null;
	/** @type {Map<string, number>} */
	const weights = new Map();
	for (const part of header.split(',')) {
		const [rawName, ...params] = part.split(';');
		const name = rawName.trim().toLowerCase();
		if (!name) continue;
		let q = 1;
		for (const param of params) {
			const [key, value] = param.split('=').map((s) => s.trim());
			if (key.toLowerCase() === 'q') {
				const parsed = Number(value);
				q = Number.isFinite(parsed) ? Math.min(1, Math.max(0, parsed)) : 0;
			}
		}
		// `x-gzip` is gzip (RFC 9110 §8.4.1.3); the first mention of a coding counts.
		const key = name === 'x-gzip' ? 'gzip' : name;
		if (!weights.has(key)) weights.set(key, q);
	}
	/** @type {ContentCoding | null} */
	let best = null;
	let bestQ = 0;
	for (const coding of SUPPORTED) {
		const q = weights.get(coding) ?? weights.get('*') ?? 0;
		if (q > bestQ) {
			best = coding;
			bestQ = q;
		}
	}
	return best;
}
