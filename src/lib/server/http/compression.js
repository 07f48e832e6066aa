/**
 * Stage of the production server: compresses text responses (pages, JSON, CSV, scripts, SVG…)
 * with brotli or gzip, as the client's `Accept-Encoding` allows (`./negotiate.js`).
 *
 * It wraps the response before the app writes: the decision is taken once the headers are known
 * (at `writeHead`, explicit or implied by the first write). Left as they are: responses already
 * encoded (the app's precompressed files and outlines), partial content, no body (HEAD, 204, 304),
 * `Cache-Control: no-transform`, types that are not text (images, fonts, archives, PDF), and
 * bodies under `MIN_BYTES` when their length is known. Dynamic quality: brotli 5, gzip 6 — about
 * as small as gzip 9 for a tenth of brotli 11's time.
 *
 * Streams stay streams: what the app writes during one turn of the event loop is flushed at the
 * end of that turn, so the import's progress lines reach the browser as they are written.
 *
 * Plain JavaScript (typed by JSDoc): loaded as is, without a build.
 */
import zlib from 'node:zlib';
import { negotiateEncoding } from './negotiate.js';

/** Smaller bodies are sent as they are (headers and framing would eat the gain). */
export const MIN_BYTES = 1024;

/** Content types worth compressing (the part before `;`). */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|ecmascript|xml|xhtml\+xml|manifest\+json|geo\+json|ld\+json|problem\+json|x-ndjson|ndjson|wasm)$|application\/[\w.+-]+\+(json|xml)$|image\/svg\+xml$)/;

/**
 * @param {string | number | string[] | undefined} contentType
 * @returns {boolean}
 */
export function isCompressible(contentType) {
	if (typeof contentType !== 'string') return false;
	return COMPRESSIBLE.test(contentType.split(';')[0].trim().toLowerCase());
}

/**
 * @typedef {import('node:http').IncomingMessage} Request
 * @typedef {import('node:http').ServerResponse} Response
 */

/** @param {'br' | 'gzip'} encoding */
function createEncoder(encoding) {
	return encoding === 'br'
		? zlib.createBrotliCompress({
				params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT }
			})
		: zlib.createGzip({ level: 6 });
}

/**
 * Adds `Accept-Encoding` to the response's `Vary` (caches must keep one copy per coding).
 * @param {Response} res
 */
function addVary(res) {
	const vary = res.getHeader('vary');
	const list = (Array.isArray(vary) ? vary.join(',') : String(vary ?? ''))
		.split(',')
		.map((s) => s.trim())
		.filter(Boolean);
	if (list.some((v) => v === '*' || v.toLowerCase() === 'accept-encoding')) return;
	res.setHeader('Vary', [...list, 'Accept-Encoding'].join(', '));
}

/**
 * The compression stage.
 * @returns {(req: Request, res: Response, next: () => void) => void}
 */
export function compression() {
	return (req, res, next) => {
		const encoding = negotiateEncoding(req.headers['accept-encoding']);
		const head = req.method === 'HEAD';
		/** @type {zlib.BrotliCompress | zlib.Gzip | null} */
		let encoder = null;
		let decided = false;
		let flushScheduled = false;

		const originalWriteHead = res.writeHead;
		/** @type {(...args: any[]) => boolean} */
		const originalWrite = res.write;
		/** @type {(...args: any[]) => Response} */
		const originalEnd = res.end;

		/**
		 * Chooses, from the headers now set, whether to compress.
		 * @param {number | null} knownLength body length when the whole body is already known
		 */
		const decide = (knownLength) => {
			if (decided) return;
			decided = true;
			const status = res.statusCode;
			if (!isCompressible(res.getHeader('content-type'))) return;
			addVary(res);
			if (!encoding || head || status < 200 || status === 204 || status === 206 || status === 304) return;
			const existing = res.getHeader('content-encoding');
			if (existing && String(existing).toLowerCase() !== 'identity') return;
			if (res.hasHeader('content-range')) return;
			if (/\bno-transform\b/i.test(String(res.getHeader('cache-control') ?? ''))) return;
			const declared = Number(res.getHeader('content-length'));
			const length = Number.isFinite(declared) && res.hasHeader('content-length') ? declared : knownLength;
			if (length !== null && length < MIN_BYTES) return;

			res.removeHeader('Content-Length');
			res.setHeader('Content-Encoding', encoding);
			// The bytes differ from the identity representation's: a strong validator becomes weak.
			const etag = res.getHeader('etag');
			if (typeof etag === 'string' && etag.startsWith('"')) res.setHeader('ETag', `W/${etag}`);
			encoder = createEncoder(encoding);
			const stream = encoder;
			stream.on('data', (/** @type {Buffer} */ chunk) => {
				if (!originalWrite.call(res, chunk)) stream.pause();
			});
			stream.on('end', () => originalEnd.call(res));
			stream.on('drain', () => res.emit('drain'));
			stream.on('error', (error) => res.destroy(error));
			res.on('drain', () => stream.resume());
			res.on('close', () => stream.destroy());
		};

		/** @type {Response['writeHead']} */
		const writeHead = function (/** @type {number} */ statusCode, /** @type {any[]} */ ...rest) {
			// Headers given to writeHead are moved onto the response first, so the decision sees them.
			let reason = typeof rest[0] === 'string' ? rest.shift() : undefined;
			const headers = rest[0];
			if (Array.isArray(headers)) {
				for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(headers[i], headers[i + 1]);
			} else if (headers && typeof headers === 'object') {
				for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value);
			}
			res.statusCode = statusCode;
			decide(null);
			return reason === undefined ? originalWriteHead.call(res, statusCode) : originalWriteHead.call(res, statusCode, reason);
		};
		res.writeHead = /** @type {Response['writeHead']} */ (writeHead);

		const scheduleFlush = () => {
			if (flushScheduled) return;
			flushScheduled = true;
			setImmediate(() => {
				flushScheduled = false;
				const stream = encoder;
				if (!stream || stream.writableEnded || stream.destroyed) return;
				if (encoding === 'br') stream.flush(zlib.constants.BROTLI_OPERATION_FLUSH);
				else stream.flush(zlib.constants.Z_SYNC_FLUSH);
			});
		};

		/** @type {any} */ (res).write = function (/** @type {any} */ chunk, /** @type {any} */ encodingOrCallback, /** @type {any} */ callback) {
			if (!res.headersSent && !decided) decide(null);
			if (!encoder) return originalWrite.call(res, chunk, encodingOrCallback, callback);
			scheduleFlush();
			return encoder.write(chunk, encodingOrCallback, callback);
		};

		/** @type {any} */ (res).end = function (/** @type {any} */ chunk, /** @type {any} */ encodingOrCallback, /** @type {any} */ callback) {
			if (typeof chunk === 'function') {
				callback = chunk;
				chunk = undefined;
			} else if (typeof encodingOrCallback === 'function') {
				callback = encodingOrCallback;
				encodingOrCallback = undefined;
			}
			if (!res.headersSent && !decided) {
				const length = chunk === undefined || chunk === null ? 0 : typeof chunk === 'string' ? Buffer.byteLength(chunk, encodingOrCallback) : chunk.length;
				decide(length);
			}
			if (!encoder) return originalEnd.call(res, chunk, encodingOrCallback, callback);
			if (callback) res.once('finish', callback);
			if (chunk !== undefined && chunk !== null) encoder.end(chunk, encodingOrCallback);
			else encoder.end();
			return res;
		};

		next();
	};
}
