/**
 * The geo.api.gouv.fr client: downloads the communes of one département (contours, centres,
 * populations, EPCI) as GeoJSON, the quickest start for a real département. The base URL comes
 * from MAILLAGE_GEO_API_URL (tests point it at a local fake server). Every failure of the service
 * — unreachable, HTTP error, timeout — is an EnvironmentError (exit 3) with a French message;
 * the caller then imports the bytes through `runImport`, like an uploaded file.
 */
import { EnvironmentError, RejectedDataError } from '../errors';
import { concatBytes } from '../../io/bytes';

/** The public service; override with MAILLAGE_GEO_API_URL. */
export const DEFAULT_GEO_API_URL = 'https://geo.api.gouv.fr';
/** Whole-download time limit (headers and body), seconds. */
export const DEFAULT_TIMEOUT_S = 60;

/** The base URL without a trailing slash, from the environment. */
export function geoApiBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
	const raw = env.MAILLAGE_GEO_API_URL?.trim() || DEFAULT_GEO_API_URL;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new EnvironmentError(`MAILLAGE_GEO_API_URL n’est pas une adresse valide : « ${raw} ».`);
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new EnvironmentError(`MAILLAGE_GEO_API_URL doit commencer par https:// (ou http://) : « ${raw} ».`);
	}
	return raw.replace(/\/+$/, '');
}

/** `{base}/departements/{code}/communes?fields=…&format=geojson&geometry=contour`. */
export function departementCommunesUrl(baseUrl: string, departementCode: string): string {
	const fields = 'nom,code,population,centre,contour,codeEpci';
	return `${baseUrl}/departements/${encodeURIComponent(departementCode)}/communes?fields=${fields}&format=geojson&geometry=contour`;
}

export interface DownloadOptions {
	/** Whole-download limit in milliseconds. */
	timeoutMs: number;
	/** Refuse a body larger than this (bytes). */
	maxBytes: number;
	/** Aborted by Ctrl-C: the download stops at once. */
	signal?: AbortSignal;
	/** Called as bytes arrive; `total` from Content-Length when the server sends it. */
	onProgress?: (receivedBytes: number, totalBytes: number | null) => void;
	/** Injected in tests; defaults to the global fetch. */
	fetch?: typeof fetch;
}

/** The service's host for messages: `geo.api.gouv.fr`, `127.0.0.1:4321`. */
function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/** The system error code of a fetch failure (`ECONNREFUSED`, `ENOTFOUND`…), else its innermost message. */
function causeOf(error: unknown): string {
	let current: unknown = error;
	let message = error instanceof Error ? error.message : String(error);
	for (let depth = 0; depth < 5 && current; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string') return code;
		if (current instanceof Error) message = current.message;
		current = (current as { cause?: unknown }).cause;
	}
	return message;
}

const NETWORK_HINTS: Record<string, string> = {
	ECONNREFUSED: 'connexion refusée',
	ENOTFOUND: 'nom de serveur introuvable (pas d’accès à Internet ?)',
	EAI_AGAIN: 'résolution du nom impossible (pas d’accès à Internet ?)',
	ECONNRESET: 'connexion interrompue par le serveur',
	ETIMEDOUT: 'délai de connexion dépassé',
	UND_ERR_SOCKET: 'connexion interrompue par le serveur'
};

/**
 * Downloads `url` into memory with a running size check and an overall timeout.
 * @throws EnvironmentError (HTTP error, timeout, network), RejectedDataError (over `maxBytes`)
 */
export async function download(url: string, options: DownloadOptions): Promise<Uint8Array> {
	const host = hostOf(url);
	const timeout = AbortSignal.timeout(options.timeoutMs);
	const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
	const seconds = Math.round(options.timeoutMs / 100) / 10;
	const timedOut = () =>
		new EnvironmentError(
			`le service ${host} n’a pas répondu en ${seconds.toLocaleString('fr-FR')} s (${url}). ` +
				'Réessayez plus tard, ou allongez le délai avec --timeout.'
		);
	const failed = (error: unknown): Error => {
		if (options.signal?.aborted) return options.signal.reason instanceof Error ? options.signal.reason : new Error('interrompu');
		if (timeout.aborted) return timedOut();
		const cause = causeOf(error);
		return new EnvironmentError(`impossible de joindre ${host} : ${NETWORK_HINTS[cause] ?? cause}. Adresse demandée : ${url}`);
	};

	let response: Response;
	try {
		response = await (options.fetch ?? fetch)(url, { signal, headers: { accept: 'application/geo+json, application/json' } });
	} catch (error) {
		throw failed(error);
	}
	if (!response.ok) {
		await response.body?.cancel().catch(() => {});
		const reason = response.statusText ? ` ${response.statusText}` : '';
		throw new EnvironmentError(
			`le service ${host} a répondu par une erreur HTTP ${response.status}${reason} (${url}). ` +
				(response.status >= 500 || response.status === 429
					? 'Le service est peut-être indisponible : réessayez plus tard.'
					: 'Vérifiez MAILLAGE_GEO_API_URL et le code du département.')
		);
	}
	const declared = Number(response.headers.get('content-length'));
	const total = Number.isFinite(declared) && declared > 0 ? declared : null;
	const tooLarge = (size: number) =>
		new RejectedDataError(
			`la réponse de ${host} dépasse la limite de ${Math.round(options.maxBytes / 1024 / 1024)} Mo ` +
				`(${Math.round(size / 1024 / 1024)} Mo au moins ; réglable par MAILLAGE_MAX_UPLOAD_MB). Rien n’a été écrit.`
		);
	if (total !== null && total > options.maxBytes) {
		await response.body?.cancel().catch(() => {});
		throw tooLarge(total);
	}
	const chunks: Uint8Array[] = [];
	let received = 0;
	try {
		const reader = response.body?.getReader();
		if (reader) {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				received += value.byteLength;
				if (received > options.maxBytes) {
					await reader.cancel().catch(() => {});
					throw tooLarge(received);
				}
				chunks.push(value);
				options.onProgress?.(received, total);
			}
		}
	} catch (error) {
		if (error instanceof RejectedDataError) throw error;
		throw failed(error);
	}
	return concatBytes(chunks, received);
}
