import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createProductionServer, installGracefulShutdown, pipeline, type Stage } from './production-server.js';

/**
 * Sends a raw HTTP/1.1 head and `body`, resolves with the answer once complete (its Content-Length
 * read) or once the server closes the connection.
 */
function raw(port: number, head: string, body: string | Buffer = ''): Promise<{ status: number; text: string; headers: Record<string, string>; writeError: string | null }> {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		let text = '';
		let writeError: string | null = null;
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			socket.destroy();
			const [headPart] = text.split('\r\n\r\n');
			const lines = headPart.split('\r\n').filter((l) => !l.startsWith('HTTP/1.1 100'));
			const headers: Record<string, string> = {};
			for (const line of lines.slice(1)) {
				const i = line.indexOf(':');
				if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
			}
			const status = Number(/HTTP\/1\.1 (\d{3}) (?!Continue)/.exec(text)?.[1] ?? 0);
			resolve({ status, text, headers, writeError });
		};
		socket.on('data', (chunk) => {
			text += chunk;
			const final = text.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '');
			const split = final.indexOf('\r\n\r\n');
			const length = /\r\ncontent-length: *(\d+)/i.exec(final.slice(0, split))?.[1];
			if (split >= 0 && length !== undefined && Buffer.byteLength(final.slice(split + 4)) >= Number(length)) finish();
		});
		socket.on('error', (e) => {
			writeError = e.message;
			finish();
		});
		socket.on('close', finish);
		socket.write(head.replace(/\n/g, '\r\n') + '\r\n\r\n');
		if (body.length) socket.write(body);
	});
}

describe('production server', () => {
	let server: Server;
	let port: number;
	let bodiesRead = 0;

	beforeAll(async () => {
		// A stand-in for adapter-node's handler: a static file, and a form action that reads its body.
		const app: Stage = (req, res) => {
			if (req.url === '/favicon.svg') {
				res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg/>');
				return;
			}
			let size = 0;
			req.on('data', (c: Buffer) => (size += c.length));
			req.on('end', () => {
				bodiesRead++;
				res.setHeader('content-security-policy', "default-src 'self'");
				res.writeHead(200, { 'content-type': 'text/plain', connection: 'close' }).end(`lu ${size}`);
			});
		};
		server = createProductionServer({ app, env: { MAILLAGE_MAX_UPLOAD_MB: '1' } });
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		port = (server.address() as AddressInfo).port;
	});
	afterAll(() => new Promise<void>((r) => server.close(() => r())));

	it('sets the security headers on static files too, keeping a page’s own CSP', async () => {
		const file = await raw(port, 'GET /favicon.svg HTTP/1.1\nHost: x\nConnection: close');
		expect(file.status).toBe(200);
		expect(file.headers['x-content-type-options']).toBe('nosniff');
		expect(file.headers['x-frame-options']).toBe('DENY');
		expect(file.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
		const page = await raw(port, 'POST /x HTTP/1.1\nHost: x\nContent-Length: 2', 'ab');
		expect(page.headers['content-security-policy']).toBe("default-src 'self'");
		expect(page.headers['referrer-policy']).toBe('same-origin');
	});

	it('refuses a large body on an ordinary route from its headers, without reading it (413, French)', async () => {
		const before = bodiesRead;
		const answer = await raw(port, 'POST /connexion?/connexion HTTP/1.1\nHost: x\nAccept: application/json\nContent-Type: application/x-www-form-urlencoded\nContent-Length: 104857600', 'email=a');
		expect(answer.status).toBe(413);
		expect(JSON.parse(answer.text.split('\r\n\r\n')[1])).toEqual({ message: 'Envoi trop volumineux : 100 Mo pour 64 Ko au plus sur cette adresse.' });
		expect(bodiesRead).toBe(before);
	});

	it('answers a SvelteKit form action in its own JSON shape, and a browser in HTML', async () => {
		const action = await raw(port, 'POST /structures/nouvelle HTTP/1.1\nHost: x\nx-sveltekit-action: true\nAccept: application/json\nContent-Length: 70000');
		expect(JSON.parse(action.text.split('\r\n\r\n')[1])).toMatchObject({ type: 'error', error: { message: expect.stringContaining('64 Ko') } });
		const html = await raw(port, 'POST /structures/nouvelle HTTP/1.1\nHost: x\nAccept: text/html\nContent-Length: 70000');
		expect(html.headers['content-type']).toMatch(/text\/html/);
		expect(html.text).toContain('<html lang="fr">');
	});

	it('lets an upload route take up to its own limit, and no more', async () => {
		const ok = await raw(port, 'POST /api/import?kind=communes HTTP/1.1\nHost: x\nContent-Length: 200000', 'x'.repeat(200_000));
		expect(ok.status).toBe(200);
		expect(ok.text).toContain('lu 200000');
		const tooBig = await raw(port, `POST /api/import?kind=communes HTTP/1.1\nHost: x\nContent-Length: ${2 * 1024 * 1024}`);
		expect(tooBig.status).toBe(413);
		expect(tooBig.text).toContain('MAILLAGE_MAX_UPLOAD_MB');
	});

	it('after a refusal, reads and throws away the rest of the body so the client gets the answer', async () => {
		const before = bodiesRead;
		const answer = await raw(port, 'POST /connexion HTTP/1.1\nHost: x\nContent-Length: 3000000', Buffer.alloc(3_000_000, 97));
		expect(answer.status).toBe(413);
		expect(answer.writeError).toBeNull();
		expect(bodiesRead).toBe(before);
	});

	it('refuses a body without a declared length (411)', async () => {
		const answer = await raw(port, 'POST /connexion HTTP/1.1\nHost: x\nTransfer-Encoding: chunked', '5\r\nhello\r\n');
		expect(answer.status).toBe(411);
	});

	it('refuses before « 100 Continue », so the client never sends the body', async () => {
		const answer = await raw(port, 'POST /connexion HTTP/1.1\nHost: x\nExpect: 100-continue\nContent-Length: 10000000');
		expect(answer.text.startsWith('HTTP/1.1 413')).toBe(true);
		expect(answer.text).not.toContain('100 Continue');
		const accepted = await raw(port, 'POST /x HTTP/1.1\nHost: x\nExpect: 100-continue\nContent-Length: 2', 'ab');
		expect(accepted.text.startsWith('HTTP/1.1 100 Continue')).toBe(true);
		expect(accepted.text).toContain('lu 2');
	});
});

describe('pipeline(stages)', () => {
	it('turns a failing stage into a French 500 without details', async () => {
		const failing: Stage = () => Promise.reject(new Error('SQL secret'));
		const listener = pipeline([failing]);
		const server = (await import('node:http')).createServer(listener);
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const errors: unknown[] = [];
		const original = console.error;
		console.error = (e: unknown) => errors.push(e);
		try {
			const answer = await raw((server.address() as AddressInfo).port, 'GET / HTTP/1.1\nHost: x\nConnection: close');
			expect(answer.status).toBe(500);
			expect(answer.text).toContain('Une erreur interne est survenue.');
			expect(answer.text).not.toContain('SQL secret');
			expect(errors).toHaveLength(1);
		} finally {
			console.error = original;
			await new Promise<void>((r) => server.close(() => r()));
		}
	});
});

describe('installGracefulShutdown(server)', () => {
	it('lets a running request end, then emits sveltekit:shutdown (the app closes its database)', async () => {
		let finish: () => void = () => {};
		const slow: Stage = (_req, res) => {
			finish = () => res.end('fin');
		};
		const server = createProductionServer({ app: slow, env: {} });
		const { shutdown, dispose } = installGracefulShutdown(server, { timeoutMs: 5_000 });
		await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
		const pending = raw((server.address() as AddressInfo).port, 'GET / HTTP/1.1\nHost: x');
		await new Promise((r) => setTimeout(r, 100));
		const events: string[] = [];
		const onShutdown = (reason: string) => events.push(reason);
		process.on('sveltekit:shutdown' as never, onShutdown);
		try {
			shutdown('SIGTERM');
			await new Promise((r) => setTimeout(r, 100));
			expect(events).toEqual([]); // still serving the running request
			finish();
			const answer = await pending;
			expect(answer.text).toContain('fin');
			await new Promise((r) => setTimeout(r, 100));
			expect(events).toEqual(['SIGTERM']);
		} finally {
			process.off('sveltekit:shutdown' as never, onShutdown);
			dispose();
		}
	});
});
