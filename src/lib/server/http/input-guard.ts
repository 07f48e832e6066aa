/**
 * What every request may carry, checked in one place before a route reads it: query parameters
 * and route parameters (by `hooks.server.ts`, for every route), form fields and uploaded file names
 * (`readForm`), JSON bodies (`readJson`). Bad input is a 400 with a French message naming the
 * parameter — never a 500 from deep inside (PostgreSQL refuses a NUL byte in text, a number past
 * the integer range, and the multipart parser throws on a malformed part).
 *
 * The rules are deliberately few: no control character (a NUL byte above all) in any name or
 * value (form texts may hold tabs and line breaks), bounded lengths and counts, and the numeric
 * parameters of the whole app (`NUMERIC_PARAMETERS`) within their range. Routes then read values
 * with their own meaning (an unknown filter value is ignored with a note, as before).
 */
import { error } from '@sveltejs/kit';

export const INPUT_LIMITS = {
	/** Query parameters per request. */
	maxParameters: 100,
	/** Characters of a parameter or field name. */
	maxNameLength: 100,
	/** Characters of a query or route parameter value. */
	maxValueLength: 2_000,
	/** Characters of a form text field (long comments, decision texts). */
	maxFieldLength: 100_000,
	/** Fields of a form. */
	maxFields: 2_000,
	/** Characters of an uploaded file's name. */
	maxFileNameLength: 255
} as const;

/** The largest id of a row (PostgreSQL `integer`). */
export const MAX_ID = 2_147_483_647;

interface NumericRule {
	min: number;
	max: number;
	/** Comma-separated list (`ids=1,2,3`), at most `maxItems` numbers. */
	list?: boolean;
	maxItems?: number;
}

/**
 * Query parameters that are whole numbers wherever they appear in the app, with their range.
 * An empty value means « not given » (filter forms send `annee=` for « all »).
 */
export const NUMERIC_PARAMETERS: Record<string, NumericRule> = {
	offset: { min: 0, max: 1_000_000_000 },
	limit: { min: 1, max: 1_000_000 },
	page: { min: 1, max: 1_000_000 },
	ids: { min: 1, max: MAX_ID, list: true, maxItems: 20 },
	financeur: { min: 1, max: MAX_ID },
	dispositif: { min: 1, max: MAX_ID },
	structure: { min: 1, max: MAX_ID },
	scenario: { min: 1, max: MAX_ID },
	ecran: { min: 1, max: 99 }
};

/**
 * Parameters a route cleans itself, whose hostile values must reach it to be answered gently: the
 * sign-in page turns any `redirectTo` that is not a path of the site into `/` (safeRedirectTarget).
 * Their length is still bounded.
 */
const SELF_CLEANED_PARAMETERS = new Set(['redirectTo']);

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const nf = (n: number) => n.toLocaleString('fr-FR');
const shown = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value).replace(CONTROL, '�');

/** The problem of one name/value pair, in French, or null. */
function textProblem(what: string, name: string, value: string, options: { maxLength: number; lines: boolean }): string | null {
	if (name.length > INPUT_LIMITS.maxNameLength) return `${what} au nom trop long (plus de ${INPUT_LIMITS.maxNameLength} caractères).`;
	if (CONTROL.test(name)) return `${what} au nom invalide : il contient un caractère de contrôle.`;
	if ((options.lines ? CONTROL_BUT_LINES : CONTROL).test(value)) {
		return `${what} « ${name} » invalide : sa valeur contient un caractère de contrôle (octet nul ou autre), refusé.`;
	}
	if (value.length > options.maxLength) return `${what} « ${name} » trop long : ${nf(value.length)} caractères pour ${nf(options.maxLength)} au plus.`;
	return null;
}

function numericProblem(name: string, value: string, rule: NumericRule): string | null {
	if (value.trim() === '') return null;
	const items = rule.list ? value.split(',').map((v) => v.trim()).filter((v) => v !== '') : [value.trim()];
	if (rule.list && items.length > (rule.maxItems ?? Infinity)) return `Paramètre « ${name} » : ${rule.maxItems} valeurs au plus.`;
	for (const item of items) {
		const n = /^\d{1,16}$/.test(item) ? Number(item) : NaN;
		if (!Number.isSafeInteger(n) || n < rule.min || n > rule.max) {
			return `Paramètre « ${name} » invalide : « ${shown(item)} » n’est pas un nombre entier entre ${nf(rule.min)} et ${nf(rule.max)}.`;
		}
	}
	return null;
}

/** The first problem of a query string, in French, or null. */
export function queryProblem(params: URLSearchParams): string | null {
	let count = 0;
	for (const [name, value] of params) {
		if (++count > INPUT_LIMITS.maxParameters) return `Adresse refusée : plus de ${INPUT_LIMITS.maxParameters} paramètres.`;
		const problem =
			textProblem('Paramètre', name, SELF_CLEANED_PARAMETERS.has(name) ? value.replace(CONTROL_ALL, '') : value, { maxLength: INPUT_LIMITS.maxValueLength, lines: false }) ??
			(Object.hasOwn(NUMERIC_PARAMETERS, name) ? numericProblem(name, value, NUMERIC_PARAMETERS[name]) : null);
		if (problem) return problem;
	}
	return null;
}

/** The first problem of the route's parameters (`/territoires/[code]`), in French, or null. */
export function routeParamsProblem(params: Partial<Record<string, string>>): string | null {
	for (const [name, value] of Object.entries(params)) {
		if (value === undefined) continue;
		const problem = textProblem('Élément d’adresse', name, value, { maxLength: INPUT_LIMITS.maxValueLength, lines: false });
		if (problem) return problem;
	}
	return null;
}

/** The first problem of a submitted form (field names, texts, file names), in French, or null. */
export function formProblem(form: FormData): string | null {
	let count = 0;
	for (const [name, value] of form) {
		if (++count > INPUT_LIMITS.maxFields) return `Formulaire refusé : plus de ${nf(INPUT_LIMITS.maxFields)} champs.`;
		if (typeof value === 'string') {
			const problem = textProblem('Champ', name, value, { maxLength: INPUT_LIMITS.maxFieldLength, lines: true });
			if (problem) return problem;
		} else {
			const problem =
				textProblem('Champ', name, '', { maxLength: 0, lines: false }) ??
				textProblem('Nom de fichier du champ', name, value.name, { maxLength: INPUT_LIMITS.maxFileNameLength, lines: false });
			if (problem) return problem;
		}
	}
	return null;
}

/** The first problem of a parsed JSON body (every string, key and value, at any depth), or null. */
export function jsonProblem(value: unknown, path = 'corps', depth = 0): string | null {
	if (depth > 64) return 'Contenu JSON refusé : trop imbriqué.';
	if (typeof value === 'string') return textProblem('Valeur JSON', path, value, { maxLength: INPUT_LIMITS.maxFieldLength, lines: true });
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			const problem = jsonProblem(value[i], `${path}[${i}]`, depth + 1);
			if (problem) return problem;
		}
		return null;
	}
	if (value && typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) {
			const problem = textProblem('Clé JSON', key, '', { maxLength: 0, lines: false }) ?? jsonProblem(item, `${path}.${key}`, depth + 1);
			if (problem) return problem;
		}
	}
	return null;
}

/**
 * The request's form, checked: a body the multipart parser cannot read (a malformed part, a
 * file name badly encoded) or a field with a control character is a 400 in French.
 */
export async function readForm(request: Request): Promise<FormData> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch (e) {
		// A body over its size limit keeps its own answer (413).
		if (typeof (e as { status?: unknown } | null)?.status === 'number') throw e;
		error(400, 'Formulaire illisible : le contenu envoyé est mal formé (en-tête de fichier ou de champ invalide). Renvoyez le formulaire depuis la page.');
	}
	const problem = formProblem(form);
	if (problem) error(400, problem);
	return form;
}

/**
 * The request's JSON body, which must be an object, checked (unreadable JSON, another value, or a
 * control character in a string: 400 in French).
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
	let body: unknown;
	try {
		body = await request.json();
	} catch {
		error(400, 'Corps de requête illisible : un objet JSON est attendu.');
	}
	if (!body || typeof body !== 'object' || Array.isArray(body)) error(400, 'Corps de requête refusé : un objet JSON est attendu.');
	const problem = jsonProblem(body);
	if (problem) error(400, problem);
	return body as Record<string, unknown>;
}
