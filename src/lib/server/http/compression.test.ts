import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { compression, isCompressible, MIN_BYTES } from './compression.js';
import { negotiateEncoding } from './negotiate.js';
import { pipeline } from './production-server.js';
import { itMaps } from '../../../../tests/helpers/cases';

const PAGE = `<!doctype html><html lang="fr"><body>${'<p>Commune couverte par un centre social.</p>'.repeat(200)}</body></html>`;
const BIG = Buffer.from('ligne de financement;12 345,67;Caf\n'.repeat(150_000));
const CSS = Buffer.from('.carte { color: red; }\n'.repeat(100));
const CSS_BR = zlib.brotliCompressSync(CSS);

/** The test app: one behaviour per path, as adapter-node's handler and SvelteKit write them. */
function app(req: IncomingMessage, res: ServerResponse) {
	const url = req.url ?? '/';
	if (url === '/page') {
		res.setHeader('content-type', 'text/html; charset=utf-8');
		res.setHeader('etag', '"abc"');
		res.writeHead(200);
		res.write(PAGE);
		res.end();
	} else if (url === '/small') {
		res.writeHead(200, { 'content-type': 'application/json', 'content-length': '11' }).end('{"ok":true}');
	} else if (url === '/small-end') {
		res.setHeader('content-type', 'application/json');
		res.end('{"ok":true}');
	} else if (url === '/image') {
		res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.alloc(4096, 7));
	} else if (url === '/precompressed') {
		res.writeHead(200, { 'content-type': 'text/css', 'content-encoding': 'br', 'content-length': String(CSS_BR.length) }).end(CSS_BR);
	} else if (url === '/no-transform') {
		res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'no-transform' }).end(PAGE);
	} else if (url === '/partial') {
		res.writeHead(206, { 'content-type': 'text/plain', 'content-range': 'bytes 0-9/100' }).end('0123456789');
	} else if (url === '/not-modified') {
		res.writeHead(304, { 'content-type': 'text/html' }).end();
	} else if (url === '/declared-length') {
		res.writeHead(200, [ 'content-type', 'text/csv', 'content-length', String(BIG.length) ]);
		res.end(BIG);
	} else if (url === '/big-stream') {
		// Writes with backpressure, as SvelteKit's setResponse does.
		res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
		let offset = 0;
		const next = () => {
			while (offset < BIG.length) {
				const chunk = BIG.subarray(offset, offset + 16_384);
				offset += chunk.length;
				if (!res.write(chunk)) {
					res.once('drain', next);
					return;
				}
			}
			res.end();
		};
		next();
	} else if (url === '/progress') {
		// NDJSON progress: the first line must arrive before the second is written.
		res.writeHead(200, { 'content-type': 'application/x-ndjson' });
		res.write(`${JSON.stringify({ type: 'progress', done: 1, pad: 'x'.repeat(2000) })}\n`);
		setTimeout(() => res.end(`${JSON.stringify({ type: 'report' })}\n`), 400);
	} else {
		res.writeHead(404, { 'content-type': 'text/plain' }).end('introuvable');
	}
}

interface Answer {
	status: number;
	headers: IncomingMessage['headers'];
	body: Buffer;
	/** Milliseconds from the request to the first decoded line. */
	firstLineMs: number | null;
	totalMs: number;
}

function get(port: number, path: string, acceptEncoding: string | null, method = 'GET'): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const headers: Record<string, string> = acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding };
		const req = http.request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
			const encoding = res.headers['content-encoding'];
			const decoder = encoding === 'br' ? zlib.createBrotliDecompress() : encoding === 'gzip' ? zlib.createGunzip() : null;
			const source = decoder ? res.pipe(decoder) : res;
			const chunks: Buffer[] = [];
			let firstLineMs: number | null = null;
			source.on('data', (c: Buffer) => {
				chunks.push(c);
				if (firstLineMs === null && Buffer.concat(chunks).includes(10)) firstLineMs = Date.now() - started;
			});
			source.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), firstLineMs, totalMs: Date.now() - started }));
			source.on('error', reject);
		});
		req.on('error', reject);
		req.end();
	});
}

describe('compression stage', () => {
	let server: Server;
	let port: number;

	beforeAll(async () => {
		server = http.createServer(pipeline([compression(), app]));
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		port = (server.address() as AddressInfo).port;
	});
	afterAll(() => new Promise<void>((r) => server.close(() => r())));

	it('sends a page in brotli when accepted, gzip otherwise, as is without Accept-Encoding', async () => {
		const br = await get(port, '/page', 'gzip, deflate, br');
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.body.toString()).toBe(PAGE);
		expect(br.headers['vary']).toMatch(/Accept-Encoding/);
		expect(br.headers['content-length']).toBeUndefined();
		expect(br.headers['etag']).toBe('W/"abc"');

		const gz = await get(port, '/page', 'gzip');
		expect(gz.headers['content-encoding']).toBe('gzip');
		expect(gz.body.toString()).toBe(PAGE);

		const plain = await get(port, '/page', null);
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.body.toString()).toBe(PAGE);
		expect(plain.headers['vary']).toMatch(/Accept-Encoding/);
		expect(plain.headers['etag']).toBe('"abc"');
	});

	it('leaves small bodies, non-text types, encoded, partial and no-transform responses alone', async () => {
		for (const path of ['/small', '/small-end']) {
			const small = await get(port, path, 'br');
			expect(small.headers['content-encoding'], path).toBeUndefined();
			expect(small.body.toString()).toBe('{"ok":true}');
		}
		const image = await get(port, '/image', 'br');
		expect(image.headers['content-encoding']).toBeUndefined();
		expect(image.headers['vary']).toBeUndefined();
		expect(image.body.length).toBe(4096);
		const pre = await get(port, '/precompressed', 'br', 'GET');
		expect(pre.headers['content-encoding']).toBe('br');
		expect(pre.headers['content-length']).toBe(String(CSS_BR.length));
		expect(pre.body.equals(CSS)).toBe(true);
		expect((await get(port, '/no-transform', 'br')).headers['content-encoding']).toBeUndefined();
		const partial = await get(port, '/partial', 'br');
		expect(partial.status).toBe(206);
		expect(partial.headers['content-encoding']).toBeUndefined();
		expect(partial.body.toString()).toBe('0123456789');
		const notModified = await get(port, '/not-modified', 'br');
		expect(notModified.status).toBe(304);
		expect(notModified.headers['content-encoding']).toBeUndefined();
		const head = await get(port, '/page', 'br', 'HEAD');
		expect(head.headers['content-encoding']).toBeUndefined();
	});

	it('compresses a large body with a declared length (dropping it) and a streamed one under backpressure', async () => {
		const declared = await get(port, '/declared-length', 'gzip');
		expect(declared.headers['content-encoding']).toBe('gzip');
		expect(declared.headers['content-length']).toBeUndefined();
		expect(declared.body.equals(BIG)).toBe(true);
		const streamed = await get(port, '/big-stream', 'br');
		expect(streamed.headers['content-encoding']).toBe('br');
		expect(streamed.body.equals(BIG)).toBe(true);
	});

	it('keeps a stream a stream: each line arrives when written', async () => {
		for (const encoding of ['br', 'gzip']) {
			const answer = await get(port, '/progress', encoding);
			expect(answer.headers['content-encoding']).toBe(encoding);
			expect(answer.body.toString().trim().split('\n')).toHaveLength(2);
			expect(answer.firstLineMs, encoding).not.toBeNull();
			expect(answer.totalMs - answer.firstLineMs!, encoding).toBeGreaterThan(250);
		}
	});
});

describe('negotiateEncoding', () => {
	// Prefers brotli, honours q-values, wildcards and refusals.
	itMaps(negotiateEncoding, [
		['gzip, deflate, br, zstd', 'br'],
		['gzip', 'gzip'],
		['x-gzip', 'gzip'],
		['br;q=0.5, gzip;q=0.8', 'gzip'],
		['br;q=0, gzip', 'gzip'],
		['*', 'br'],
		['*;q=0.5, br;q=0', 'gzip'],
		['identity', null],
		['gzip;q=0', null],
		['', null],
		[undefined, null]
	]);

	it('knows which types are text', () => {
		for (const type of ['text/html; charset=utf-8', 'application/json', 'application/x-ndjson', 'text/csv', 'image/svg+xml', 'application/javascript', 'application/vnd.api+json'])
			expect(isCompressible(type), type).toBe(true);
		for (const type of ['image/png', 'font/woff2', 'application/pdf', 'application/zip', 'application/octet-stream', undefined])
			expect(isCompressible(type), String(type)).toBe(false);
		expect(MIN_BYTES).toBeGreaterThan(0);
	});
});
