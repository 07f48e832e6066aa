/**
 * Where to send the browser after sign-in (`/connexion?redirectTo=…`): only a path of this site.
 * Pure (no clock, no I/O).
 */

/** Longest target kept; longer ones are not links a person followed. */
const MAX_TARGET_LENGTH = 2048;

/**
 * `target` when it is a path of `origin` (`/structures/12?x=1#a`), else `/`. Refused: absolute
 * and protocol-relative URLs (`https://…`, `//evil`), backslashes (`/\evil`, which browsers read as
 * `//evil`), any control character (a tab or a line feed that browsers strip, turning `/\t/evil`
 * into `//evil`, or that breaks the Location header), and the sign-in page itself. The result is
 * the path as the URL parser normalises it, so what the browser follows is what was checked.
 * @param origin the site's origin, `http://127.0.0.1:3000` (`event.url.origin`)
 */
export function safeRedirectTarget(target: string | null | undefined, origin: string): string {
	if (!target || target.length > MAX_TARGET_LENGTH) return '/';
	// eslint-disable-next-line no-control-regex
	if (!target.startsWith('/') || target.includes('\\') || /[\u0000-\u001f\u007f-\u009f\s]/.test(target)) return '/';
	if (target.startsWith('//')) return '/';
	let url: URL;
	try {
		url = new URL(target, origin);
	} catch {
		return '/';
	}
	if (url.origin !== origin) return '/';
	const path = url.pathname + url.search + url.hash;
	if (url.pathname === '/connexion' || !path.startsWith('/') || path.startsWith('//')) return '/';
	return path;
}
