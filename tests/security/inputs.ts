/**
 * Hostile inputs of the security suite and of `npm run fuzz`: the query parameter names the app
 * reads (scanned from the sources, so a new parameter is attacked without editing this file),
 * payload families (SQL injection, XSS, control characters, huge numbers, odd Unicode), and a
 * seeded sampler so a sample run is reproducible.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRandom } from '../../src/lib/domain/random';

const SRC = fileURLToPath(new URL('../../src', import.meta.url));

function sourceFiles(dir = SRC): string[] {
	const out: string[] = [];
	for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) out.push(...sourceFiles(full));
		else if (/\.(ts|js|svelte)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) out.push(full);
	}
	return out;
}

/**
 * Every query (and form) parameter name the app reads: `.get('x')`, `.getAll('x')`, `.has('x')`,
 * `oneOf(params, 'x', …)`, `intParam(params, 'x', …)`, and the values of `*_PARAMS` / `*_KEYS`
 * objects. Sorted.
 */
export function queryParameterNames(): string[] {
	const names = new Set<string>();
	for (const file of sourceFiles()) {
		const text = fs.readFileSync(file, 'utf8');
		for (const m of text.matchAll(/\.(?:get|getAll|has)\(\s*'([A-Za-z_][A-Za-z0-9_]{0,40})'/g)) names.add(m[1]);
		for (const m of text.matchAll(/(?:oneOf|intParam)\([^,()]+,\s*'([A-Za-z_][A-Za-z0-9_]{0,40})'/g)) names.add(m[1]);
		for (const m of text.matchAll(/\b[A-Z][A-Z_]*(?:PARAMS|KEYS)\b[^=\n]*=\s*\{([^}]*)\}/g)) {
			for (const v of m[1].matchAll(/:\s*'([A-Za-z_][A-Za-z0-9_]{0,40})'/g)) names.add(v[1]);
		}
	}
	return [...names].sort();
}

export const SQL_INJECTION = [
	"' OR '1'='1",
	"1' OR '1'='1' --",
	"1; DROP TABLE structure; --",
	"' UNION SELECT email, password_hash FROM app_user --",
	"1 AND (SELECT pg_sleep(5)) IS NULL",
	"'; SELECT pg_sleep(5); --",
	"\\'; --",
	'1)) OR ((1=1',
	"$$; DROP TABLE app_user; $$",
	"admin'--",
	'%27%20OR%201=1',
	"1e309",
	"' || (SELECT version()) || '"
] as const;

export const XSS = [
	'<script>window.__xss=1</script>',
	'"><img src=x onerror="window.__xss=1">',
	"'><svg onload=window.__xss=1>",
	'javascript:window.__xss=1',
	'</title><script>window.__xss=1</script>',
	'{{constructor.constructor("window.__xss=1")()}}',
	'<a href="javascript:window.__xss=1">x</a>'
] as const;

export const MALFORMED = [
	'\u0000',
	'a\u0000b',
	'\u0001\u0002\u001f',
	'\r\nSet-Cookie: pris=1',
	'99999999999999999999',
	'-1',
	'1e400',
	'NaN',
	'0x7fffffff',
	'9'.repeat(400),
	'\ud800',
	'é'.repeat(3000),
	'../../../../etc/passwd',
	'%00',
	'%ZZ',
	'[]',
	'{"a":1}'
] as const;

export const HOSTILE_VALUES: readonly string[] = [...SQL_INJECTION, ...XSS, ...MALFORMED];

/** The project's seeded generator (mulberry32), so sample runs repeat. */
export const seeded = createRandom;

/** `count` items of `list` picked with `random` (with repetition). */
export function pick<T>(list: readonly T[], count: number, random: () => number): T[] {
	return Array.from({ length: count }, () => list[Math.floor(random() * list.length)]);
}

/** A query string setting `name` to `value`, percent-encoded as a browser would. */
export function queryOf(pairs: readonly (readonly [string, string])[]): string {
	return new URLSearchParams(pairs.map(([k, v]) => [k, v])).toString();
}
