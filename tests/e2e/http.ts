/** HTTP helpers of the end-to-end tests that talk to the built server without a browser. */
import net from 'node:net';
import { DEMO_PASSWORD } from './browser';

/** Signs in through the sign-in form action; returns the session cookie (`name=value`). */
export async function signInCookie(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
	const response = await fetch(`${baseUrl}/connexion?/connexion`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl, accept: 'text/html' },
		body: new URLSearchParams({ email, password, redirectTo: '/' })
	});
	const cookie = response.headers.get('set-cookie');
	if (response.status !== 303 || !cookie) throw new Error(`sign-in of ${email} failed: ${response.status}`);
	return cookie.split(';')[0];
}

export interface RawAnswer {
	status: number;
	headers: Record<string, string>;
	body: string;
	/** Milliseconds from sending the head to the end of the answer. */
	ms: number;
}

/**
 * Sends a raw HTTP/1.1 request head — and only `body` of its announced body — then reads the
 * answer until the server closes the connection or `timeoutMs` passes (a server waiting for
 * the announced body never answers: status 0).
 */
export function rawHttp(baseUrl: string, head: string[], body = '', timeoutMs = 10_000): Promise<RawAnswer> {
	const url = new URL(baseUrl);
	return new Promise((resolve) => {
		const started = Date.now();
		const socket = net.connect(Number(url.port), url.hostname);
		let text = '';
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			socket.destroy();
			const split = text.indexOf('\r\n\r\n');
			const lines = (split >= 0 ? text.slice(0, split) : text).split('\r\n');
			const headers: Record<string, string> = {};
			for (const line of lines.slice(1)) {
				const i = line.indexOf(':');
				if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
			}
			resolve({ status: Number(lines[0]?.split(' ')[1] ?? 0) || 0, headers, body: split >= 0 ? text.slice(split + 4) : '', ms: Date.now() - started });
		};
		const timer = setTimeout(finish, timeoutMs);
		socket.on('data', (chunk) => {
			text += chunk;
			// A complete answer with a length: no need to wait for the close.
			const split = text.indexOf('\r\n\r\n');
			const length = /\r\ncontent-length: *(\d+)/i.exec(text.slice(0, split))?.[1];
			if (split >= 0 && length !== undefined && Buffer.byteLength(text.slice(split + 4)) >= Number(length)) finish();
		});
		socket.on('error', finish);
		socket.on('close', finish);
		socket.write([...head, `Host: ${url.host}`, '', ''].join('\r\n') + body);
	});
}

/** Resident memory of process `pid`, bytes (Linux), or null. */
export async function residentBytes(pid: number): Promise<number | null> {
	try {
		const status = await (await import('node:fs/promises')).readFile(`/proc/${pid}/status`, 'utf8');
		const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
		return kb ? Number(kb) * 1024 : null;
	} catch {
		return null;
	}
}
