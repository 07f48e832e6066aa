/**
 * Maillage's production HTTP server: a small pipeline of stages in front of adapter-node's request
 * handler (`build/handler.js`: static files, then SvelteKit). Started by `npm start`
 * (scripts/start.mjs) and by the end-to-end harness.
 *
 *   request → securityHeaders → bodyLimit → compression → app (build/handler.js)
 *
 * - `securityHeaders` sets the security headers on every response, static files included;
 * - `bodyLimit` refuses a body larger than its route allows (64 KB, large only on upload routes:
 *   `./body-limits.js`) from the headers alone, before any byte is read — also on
 *   `Expect: 100-continue`, so the client does not even send it;
 * - `compression` compresses text responses with brotli or gzip (`./compression.js`), leaving
 *   alone what is already compressed (adapter-node's precompressed files, the map outlines);
 * - on SIGTERM / SIGINT the server stops accepting connections, lets running requests finish
 *   (at most SHUTDOWN_TIMEOUT seconds), then emits `sveltekit:shutdown`, as adapter-node's own
 *   `index.js` does: hooks.server.ts closes the database then (PGlite releases its lock).
 *
 * Plain JavaScript (typed by JSDoc): loaded as is, without a build.
 */
import http from 'node:http';
import { refuseBody } from './body-limits.js';
import { compression } from './compression.js';
import { baseResponseHeaders } from './security-headers.js';

/**
 * @typedef {import('node:http').IncomingMessage} Request
 * @typedef {import('node:http').ServerResponse} Response
 * @typedef {(req: Request, res: Response, next: () => void) => unknown} Stage
 *   A stage handles the request, or calls `next()` to hand it to the following stage.
 */

/**
 * Runs `stages` in order for each request. A stage that throws (or rejects) ends the request with
 * a 500 in French, without details; when no stage answers, 404.
 * @param {readonly Stage[]} stages
 * @returns {(req: Request, res: Response) => void}
 */
export function pipeline(stages) {
	return (req, res) => {
		/** @param {unknown} error */
		const fail = (error) => {
			console.error(error);
			if (!res.headersSent) sendRefusal(req, res, 500, 'Une erreur interne est survenue.');
			else res.destroy();
		};
		/** @param {number} i */
		const run = (i) => {
			if (i >= stages.length) {
				sendRefusal(req, res, 404, 'Page introuvable');
				return;
			}
			try {
				const result = stages[i](req, res, () => run(i + 1));
				if (result instanceof Promise) result.catch(fail);
			} catch (error) {
				fail(error);
			}
		};
		run(0);
	};
}

/**
 * Stage: the security headers, set before anything else writes (a later `setHeader` of the app,
 * such as a page's own Content-Security-Policy, replaces the fallback).
 * @param {{ https: boolean }} options
 * @returns {Stage}
 */
export function securityHeaders(options) {
	const headers = baseResponseHeaders(options);
	return (_req, res, next) => {
		for (const [name, value] of headers) res.setHeader(name, value);
		next();
	};
}

/**
 * Stage: refuses a body larger than its route allows, or without a declared length.
 * @param {NodeJS.ProcessEnv} env
 * @returns {Stage}
 */
export function bodyLimit(env) {
	return (req, res, next) => {
		const refusal = refuseBody(req, env);
		if (refusal) sendRefusal(req, res, refusal.status, refusal.message);
		else next();
	};
}

/** How long a refused body may keep arriving (read and thrown away) so the client can read the answer. */
export const LINGER_MS = 5_000;

/**
 * Answers `status` with a French `message`, in the form the client expects: the JSON of a
 * SvelteKit form action (`use:enhance`), JSON `{ message }` for APIs and scripts, else a small
 * HTML page. A body that is still arriving is read and thrown away (Node's default for an unread
 * body: nothing is kept in memory) for at most `LINGER_MS`, then the connection is cut: closing
 * at once would make most clients fail on their next write before they read the answer.
 * @param {Request} req
 * @param {Response} res
 * @param {number} status
 * @param {string} message
 * @param {{ close?: boolean }} [options] `close`: end the connection after the answer (the client
 *   was told not to send its body: `Expect: 100-continue`)
 */
export function sendRefusal(req, res, status, message, options = {}) {
	const accept = String(req.headers.accept ?? '');
	let body;
	if (req.headers['x-sveltekit-action'] === 'true') {
		res.setHeader('Content-Type', 'application/json');
		body = JSON.stringify({ type: 'error', error: { message } });
	} else if (accept.includes('text/html')) {
		res.setHeader('Content-Type', 'text/html; charset=utf-8');
		body = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Maillage — erreur ${status}</title></head><body><h1>Erreur ${status}</h1><p>${escapeHtml(message)}</p><p><a href="/">Retour à l’accueil</a></p></body></html>`;
	} else {
		res.setHeader('Content-Type', 'application/json; charset=utf-8');
		body = JSON.stringify({ message });
	}
	res.setHeader('Cache-Control', 'no-store');
	if (options.close) res.setHeader('Connection', 'close');
	res.on('finish', () => {
		if (req.complete) return;
		const cut = setTimeout(() => req.socket.destroy(), LINGER_MS);
		cut.unref();
		req.once('end', () => clearTimeout(cut));
		req.once('close', () => clearTimeout(cut));
	});
	res.statusCode = status;
	res.end(body);
}

/** @param {string} text */
function escapeHtml(text) {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * @typedef {object} ServerOptions
 * @property {Stage} app the application (adapter-node's `handler`)
 * @property {NodeJS.ProcessEnv} [env] defaults to `process.env`
 */

/**
 * Builds the production server (not listening yet).
 * @param {ServerOptions} options
 * @returns {http.Server}
 */
export function createProductionServer({ app, env = process.env }) {
	const server = http.createServer();
	const keepAlive = seconds(env.KEEP_ALIVE_TIMEOUT);
	if (keepAlive !== null) server.keepAliveTimeout = keepAlive * 1000;
	const headersTimeout = seconds(env.HEADERS_TIMEOUT);
	if (headersTimeout !== null) server.headersTimeout = headersTimeout * 1000;

	const https = (env.ORIGIN ?? '').trim().toLowerCase().startsWith('https:');
	const stages = [
		securityHeaders({ https }),
		bodyLimit(env),
		compression(),
		app
	];
	const listener = pipeline(stages);
	server.on('request', listener);
	// `Expect: 100-continue`: decide before the client sends the body (Node would accept it blindly).
	server.on('checkContinue', (req, res) => {
		const refusal = refuseBody(req, env);
		if (refusal) {
			for (const [name, value] of baseResponseHeaders({ https })) res.setHeader(name, value);
			sendRefusal(req, res, refusal.status, refusal.message, { close: true });
			return;
		}
		res.writeContinue();
		listener(req, res);
	});
	return server;
}

/** @param {string | undefined} raw */
function seconds(raw) {
	if (raw === undefined || raw.trim() === '') return null;
	if (!/^\d+$/.test(raw.trim())) throw new Error(`Valeur invalide (nombre entier de secondes attendu) : ${raw}`);
	return Number(raw.trim());
}

/**
 * Graceful shutdown on SIGTERM and SIGINT: stop accepting connections, close idle keep-alive
 * connections, let running requests end (at most `timeoutMs`, then close them), then emit
 * `sveltekit:shutdown` (the app closes its database). Returns the shutdown function.
 * @param {http.Server} server
 * @param {{ timeoutMs: number }} options
 */
export function installGracefulShutdown(server, { timeoutMs }) {
	/** @type {NodeJS.Timeout | null} */
	let forceClose = null;
	let requests = 0;
	server.on('request', (req) => {
		requests++;
		req.on('close', () => {
			requests--;
			// While shutting down, a connection whose request ended must not take another one.
			if (forceClose) server.closeIdleConnections();
		});
	});
	/** @param {string} reason */
	const shutdown = (reason) => {
		if (forceClose) return;
		forceClose = setTimeout(() => server.closeAllConnections(), timeoutMs);
		forceClose.unref();
		server.closeIdleConnections();
		server.close(() => {
			if (forceClose) clearTimeout(forceClose);
			// adapter-node's event: hooks.server.ts closes the database (PGlite releases its lock).
			/** @type {(event: string, reason: string) => boolean} */ (process.emit)('sveltekit:shutdown', reason);
		});
	};
	const onTerm = () => shutdown('SIGTERM');
	const onInt = () => shutdown('SIGINT');
	process.on('SIGTERM', onTerm);
	process.on('SIGINT', onInt);
	return {
		shutdown,
		pendingRequests: () => requests,
		/** Removes the signal handlers (tests). */
		dispose() {
			process.off('SIGTERM', onTerm);
			process.off('SIGINT', onInt);
		}
	};
}
