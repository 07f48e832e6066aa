/**
 * Request body limits of the production server (`./production-server.js`), decided from the
 * request line and headers alone, before any byte of a body is read: 64 KB everywhere, and a large
 * limit only on the few routes that take file uploads (listed once, in `UPLOAD_ROUTES`). Those
 * routes are also staff-only: the access policy refuses everyone else in `hooks.server.ts` before
 * an action reads the body.
 *
 * Plain JavaScript (typed by JSDoc): the production server loads it as is, without a build.
 */

/** Limit of every route not listed in `UPLOAD_ROUTES`: forms, sign-in, JSON APIs. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;
/** Default of MAILLAGE_MAX_UPLOAD_MB: imports (real commune files reach 100 MB). */
export const DEFAULT_MAX_UPLOAD_MB = 100;
/** Default of MAILLAGE_MAX_DOCUMENT_MB: documents attached to an agrément. */
export const DEFAULT_MAX_DOCUMENT_MB = 20;
/** Room for the multipart boundaries and the form's other fields above the file's own limit. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * @param {string | undefined} raw megabytes, as written in the environment
 * @param {number} fallbackMb used when `raw` is absent, unreadable or not positive
 * @returns {number} bytes
 */
function megabytes(raw, fallbackMb) {
	const value = Number(raw?.trim());
	return Math.round((Number.isFinite(value) && value > 0 ? value : fallbackMb) * 1024 * 1024);
}

/**
 * Size limit of an imported file, bytes, from MAILLAGE_MAX_UPLOAD_MB (default 100).
 * @param {NodeJS.ProcessEnv} [env]
 */
export function maxUploadBytes(env = process.env) {
	return megabytes(env.MAILLAGE_MAX_UPLOAD_MB, DEFAULT_MAX_UPLOAD_MB);
}

/**
 * Size limit of an agrément document, bytes, from MAILLAGE_MAX_DOCUMENT_MB (default 20).
 * @param {NodeJS.ProcessEnv} [env]
 */
export function maxDocumentBytes(env = process.env) {
	return megabytes(env.MAILLAGE_MAX_DOCUMENT_MB, DEFAULT_MAX_DOCUMENT_MB);
}

/**
 * « Le fichier dépasse la taille maximale d’import de 100 Mo … »: the refusal of an import too large.
 * @param {number} maxBytes
 */
export function uploadTooLargeMessage(maxBytes) {
	const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
	return (
		`Le fichier dépasse la taille maximale d’import de ${mb.toLocaleString('fr-FR')} Mo (réglable par MAILLAGE_MAX_UPLOAD_MB). ` +
		'Rien n’a été importé. Pour un fichier plus gros, utilisez la ligne de commande (npm run maillage -- import …).'
	);
}

/**
 * « Le fichier dépasse la limite de 20 Mo. »: the refusal of an agrément document too large.
 * @param {number} maxBytes
 */
export function documentTooLargeMessage(maxBytes) {
	return `Le fichier dépasse la limite de ${Math.round(maxBytes / (1024 * 1024))} Mo (réglable par MAILLAGE_MAX_DOCUMENT_MB). Rien n’a été enregistré.`;
}

/**
 * @typedef {object} UploadRoute
 * @property {RegExp} path the URL path, as sent (an encoded variant falls back to the small limit)
 * @property {string | null} action the SvelteKit form action (`?/name`, `default` without one); null for an endpoint
 * @property {(env: NodeJS.ProcessEnv) => number} limit bytes
 * @property {(env: NodeJS.ProcessEnv) => string} tooLarge the French refusal when a body exceeds the limit
 * @property {string} label what the route receives, for messages and the README
 */

/**
 * The only routes allowed large bodies (POST only). Each is a staff-only route of the access
 * policy (`import` or `agrements` write): keep it so when adding one.
 * @type {readonly UploadRoute[]}
 */
export const UPLOAD_ROUTES = [
	{ path: /^\/api\/import$/, action: null, limit: (env) => maxUploadBytes(env), tooLarge: (env) => uploadTooLargeMessage(maxUploadBytes(env)), label: 'import de données (page Importer)' },
	{
		path: /^\/administration\/import$/,
		action: 'importer',
		limit: (env) => maxUploadBytes(env) + MULTIPART_OVERHEAD_BYTES,
		tooLarge: (env) => uploadTooLargeMessage(maxUploadBytes(env)),
		label: 'import de données (formulaire sans JavaScript)'
	},
	{
		path: /^\/financements\/import$/,
		action: 'default',
		limit: (env) => maxUploadBytes(env) + MULTIPART_OVERHEAD_BYTES,
		tooLarge: (env) => uploadTooLargeMessage(maxUploadBytes(env)),
		label: 'import des financements'
	},
	{
		path: /^\/exports\/observatoire\/import$/,
		action: 'default',
		limit: (env) => maxUploadBytes(env) + MULTIPART_OVERHEAD_BYTES,
		tooLarge: (env) => uploadTooLargeMessage(maxUploadBytes(env)),
		label: 'import des données annuelles (observatoire)'
	},
	{
		path: /^\/agrements\/\d{1,9}$/,
		action: 'document',
		limit: (env) => maxDocumentBytes(env) + MULTIPART_OVERHEAD_BYTES,
		tooLarge: (env) => documentTooLargeMessage(maxDocumentBytes(env)),
		label: 'document d’agrément'
	}
];

/**
 * The SvelteKit form action a URL's query names (`?/importer` → `importer`), `default` without one
 * — the same rule as SvelteKit's.
 * @param {URLSearchParams} params
 */
function actionName(params) {
	for (const [key] of params) if (key.startsWith('/')) return key.slice(1);
	return 'default';
}

/**
 * The upload route a request targets, or null.
 * @param {string} method
 * @param {string} rawUrl the request target (`/api/import?kind=communes`)
 */
export function uploadRouteOf(method, rawUrl) {
	if (method !== 'POST') return null;
	let url;
	try {
		url = new URL(rawUrl, 'http://localhost');
	} catch {
		return null;
	}
	return UPLOAD_ROUTES.find((r) => r.path.test(url.pathname) && (r.action === null || r.action === actionName(url.searchParams))) ?? null;
}

/**
 * The body limit of a request, bytes.
 * @param {string} method
 * @param {string} rawUrl
 * @param {NodeJS.ProcessEnv} [env]
 */
export function bodyLimitOf(method, rawUrl, env = process.env) {
	return uploadRouteOf(method, rawUrl)?.limit(env) ?? DEFAULT_BODY_LIMIT_BYTES;
}

/** The largest limit of any route: the adapter's own reader is capped at it (a second guard). */
export function largestBodyLimit(env = process.env) {
	return Math.max(DEFAULT_BODY_LIMIT_BYTES, ...UPLOAD_ROUTES.map((r) => r.limit(env)));
}

/**
 * @param {number} bytes
 * @returns {string} « 64 Ko », « 100 Mo »
 */
export function formatBytesFr(bytes) {
	if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024).toLocaleString('fr-FR')} Ko`;
	return `${(Math.round((bytes / 1024 / 1024) * 10) / 10).toLocaleString('fr-FR')} Mo`;
}

/**
 * @typedef {object} BodyRefusal
 * @property {411 | 413} status
 * @property {string} message in French
 */

/**
 * Whether a request may send its body, judged on its headers alone. A body must declare its
 * length (Content-Length): Node's HTTP parser then never delivers more than that many bytes as
 * this request's body, and SvelteKit's reader counts what arrives against it, so the declared
 * length bounds what is read. Bodies without a length (chunked) are refused with 411: browsers
 * never send them for forms or files.
 * @param {{ method?: string, url?: string, headers: import('node:http').IncomingHttpHeaders }} req
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {BodyRefusal | null}
 */
export function refuseBody(req, env = process.env) {
	const method = req.method ?? 'GET';
	const url = req.url ?? '/';
	const declared = req.headers['content-length'];
	if (declared === undefined) {
		if (req.headers['transfer-encoding'] === undefined) return null; // no body
		return {
			status: 411,
			message: 'Requête refusée : la taille du contenu envoyé doit être annoncée (en-tête Content-Length).'
		};
	}
	const length = Number(declared);
	const limit = bodyLimitOf(method, url, env);
	if (!Number.isFinite(length) || length <= limit) return null;
	const route = uploadRouteOf(method, url);
	return {
		status: 413,
		message: route
			? route.tooLarge(env)
			: `Envoi trop volumineux : ${formatBytesFr(length)} pour ${formatBytesFr(limit)} au plus sur cette adresse.`
	};
}
