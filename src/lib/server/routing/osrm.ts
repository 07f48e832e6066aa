/**
 * Travel times from an OSRM server (`table` service, https://project-osrm.org/docs/v5.24.0/api/#table-service),
 * for users who already run one: origins × destinations in batches (an OSRM server answers at most
 * `--max-table-size` locations per request, 100 by default), each request retried on a network
 * error, a timeout or a 5xx answer, with a French error naming the server and the batch when it
 * keeps failing (exit code 3: the environment, not the data).
 */
import { EnvironmentError } from '../errors';

export interface OsrmOptions {
	/** Base URL, e.g. `http://localhost:5000` (the profile path `/table/v1/driving` is added). */
	url: string;
	/** Origins and destinations per request (their sum stays ≤ the server's max-table-size). */
	batch?: number;
	/** Attempts per request (first try included). */
	attempts?: number;
	/** Per-request timeout, ms. */
	timeoutMs?: number;
	/** Pause before a retry, ms (doubled at each retry). */
	retryDelayMs?: number;
	signal?: AbortSignal;
	onProgress?: (done: number, total: number) => void;
	fetch?: typeof fetch;
}

type Point = { lon: number; lat: number };

/** The URL as users name it in sources and messages: no credentials, no trailing slash. */
export function osrmLabel(url: string): string {
	try {
		const u = new URL(url);
		u.username = '';
		u.password = '';
		return u.toString().replace(/\/+$/, '');
	} catch {
		return url.replace(/\/+$/, '');
	}
}

/** Checks a URL typed by the user. @throws EnvironmentError (French) */
export function checkOsrmUrl(url: string): string {
	let u: URL;
	try {
		u = new URL(url);
	} catch {
		throw new EnvironmentError(`Adresse du serveur OSRM invalide : « ${url} » (exemple : http://localhost:5000).`);
	}
	if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new EnvironmentError(`Adresse du serveur OSRM invalide : « ${url} » (http ou https attendu).`);
	return u.toString().replace(/\/+$/, '');
}

const sleep = (ms: number, signal?: AbortSignal) =>
	new Promise<void>((resolve, reject) => {
		const t = setTimeout(resolve, ms);
		signal?.addEventListener('abort', () => {
			clearTimeout(t);
			reject(signal.reason);
		});
	});

/**
 * Durations (seconds, null when OSRM finds no route) from every origin to every destination:
 * `result[i][j]`.
 */
export async function osrmTable(origins: readonly Point[], destinations: readonly Point[], options: OsrmOptions): Promise<(number | null)[][]> {
	const base = checkOsrmUrl(options.url);
	const label = osrmLabel(base);
	const half = Math.max(1, Math.floor((options.batch ?? 100) / 2));
	const attempts = options.attempts ?? 3;
	const timeoutMs = options.timeoutMs ?? 30_000;
	const doFetch = options.fetch ?? fetch;
	const result: (number | null)[][] = origins.map(() => new Array(destinations.length).fill(null));
	const total = Math.ceil(origins.length / half) * Math.ceil(destinations.length / half);
	let done = 0;
	const coord = (p: Point) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`;
	for (let o = 0; o < origins.length; o += half) {
		const os = origins.slice(o, o + half);
		for (let d = 0; d < destinations.length; d += half) {
			const ds = destinations.slice(d, d + half);
			const coords = [...os, ...ds].map(coord).join(';');
			const sources = os.map((_, k) => k).join(';');
			const dests = ds.map((_, k) => os.length + k).join(';');
			const url = `${base}/table/v1/driving/${coords}?sources=${sources}&destinations=${dests}&annotations=duration`;
			const where = `lot ${done + 1} sur ${total}`;
			let lastError = '';
			let durations: (number | null)[][] | null = null;
			for (let attempt = 1; attempt <= attempts && durations === null; attempt++) {
				options.signal?.throwIfAborted();
				if (attempt > 1) await sleep((options.retryDelayMs ?? 500) * 2 ** (attempt - 2), options.signal);
				let response: Response;
				try {
					const signal = options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
					response = await doFetch(url, { signal, headers: { accept: 'application/json' } });
				} catch (error) {
					options.signal?.throwIfAborted();
					const e = error as Error & { cause?: { code?: string; message?: string; errors?: { code?: string }[] } };
					const code = e.cause?.code ?? e.cause?.errors?.[0]?.code;
					if (e.name === 'TimeoutError') lastError = `pas de réponse en ${(timeoutMs / 1000).toLocaleString('fr-FR')} s`;
					else if (code === 'ECONNREFUSED') lastError = 'connexion refusée (le serveur est-il lancé ?)';
					else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') lastError = 'nom de serveur inconnu';
					else if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') lastError = 'connexion coupée par le serveur';
					else lastError = code ?? e.cause?.message ?? e.message;
					continue;
				}
				type TableAnswer = { code?: string; message?: string; durations?: (number | null)[][] };
				let body: TableAnswer | null;
				try {
					body = (await response.json()) as TableAnswer;
				} catch {
					body = null;
				}
				if (response.ok && body?.code === 'Ok' && Array.isArray(body.durations) && body.durations.length === os.length && body.durations.every((row: unknown) => Array.isArray(row) && row.length === ds.length)) {
					durations = body.durations;
					break;
				}
				const detail = body?.code ? `${body.code}${body.message ? ` : ${body.message}` : ''}` : 'réponse illisible';
				lastError = `HTTP ${response.status}, ${detail}`;
				// A query the server refuses will be refused again: no retry.
				if (response.status >= 400 && response.status < 500 && response.status !== 429) break;
			}
			if (durations === null) {
				throw new EnvironmentError(
					`Le serveur OSRM ${label} n’a pas donné les temps (${where}, ${os.length} × ${ds.length} points) : ${lastError}. Les temps de trajet enregistrés n’ont pas été modifiés.`
				);
			}
			durations.forEach((row, k) => {
				for (let j = 0; j < ds.length; j++) result[o + k][d + j] = row[j] === null || row[j] === undefined ? null : Number(row[j]);
			});
			options.onProgress?.(++done, total);
		}
	}
	return result;
}
