/**
 * Reads one typed-in value of a structure-year field, the same way for the import files and the
 * staff form: whole numbers and ETP ≥ 0 (spaces and decimal comma accepted), euros ≥ 0 with at
 * most two decimals, `oui`/`non`, dates `AAAA-MM-JJ` or `JJ/MM/AAAA`, codes of the list in force
 * that year (the code or its label, any case or accents), axes separated by « | ». A problem is a
 * value (code + parameters); `valueProblemText` says it in French. Pure.
 */
import { foldText, parseDate, parseDecimal, parseYesNo } from '../io/values';
import type { FieldType } from './dictionary';
import { LIST_LABELS, type ObservatoryLists } from './lists';
import type { CodeListKey, YearValue } from './year-fields';

/** Bounds of plausible values (beyond: a typing error). */
export const VALUE_LIMITS = { count: 10_000_000, etp: 100_000, euros: 100_000_000_000, text: 2_000, axis: 300, axes: 12 } as const;

export type ValueProblem =
	| { code: 'integer-invalid'; value: string }
	| { code: 'number-invalid'; value: string }
	| { code: 'negative'; value: string }
	| { code: 'too-large'; value: string; max: number }
	| { code: 'cents'; value: string }
	| { code: 'yes-no-invalid'; value: string }
	| { code: 'date-invalid'; value: string }
	| { code: 'code-unknown'; value: string; list: CodeListKey; known: string }
	| { code: 'text-too-long'; max: number };

export type ParsedValue = { ok: true; value: YearValue } | { ok: false; problem: ValueProblem };

export interface ValueSpec {
	type: FieldType;
	list?: CodeListKey;
	multiple?: boolean;
}

const ok = (value: YearValue): ParsedValue => ({ ok: true, value });
const bad = (problem: ValueProblem): ParsedValue => ({ ok: false, problem });

/** The code of `raw` in a list: the code itself, or the code of a label, folded; null when unknown. */
export function findCode(items: readonly { code: string; label: string }[], raw: string): string | null {
	const folded = foldText(raw);
	return items.find((i) => foldText(i.code) === folded)?.code ?? items.find((i) => foldText(i.label) === folded)?.code ?? null;
}

function knownCodes(lists: ObservatoryLists, list: CodeListKey): string {
	const codes = lists[list].items.map((i) => i.code);
	return codes.length === 0 ? '(aucune liste en vigueur cette année)' : codes.join(', ');
}

/** Reads `raw` as a value of `spec`; an empty cell is null (an empty list for the axes). */
export function parseYearValue(raw: string, spec: ValueSpec, lists: ObservatoryLists): ParsedValue {
	const text = raw.trim();
	if (text === '') return ok(spec.multiple ? [] : null);
	switch (spec.type) {
		case 'entier':
		case 'decimal':
		case 'euros': {
			const n = parseDecimal(text);
			if (n === null || n === undefined) return bad({ code: spec.type === 'entier' ? 'integer-invalid' : 'number-invalid', value: text });
			if (spec.type === 'entier' && !Number.isInteger(n)) return bad({ code: 'integer-invalid', value: text });
			if (n < 0) return bad({ code: 'negative', value: text });
			const max = spec.type === 'entier' ? VALUE_LIMITS.count : spec.type === 'decimal' ? VALUE_LIMITS.etp : VALUE_LIMITS.euros;
			if (n > max) return bad({ code: 'too-large', value: text, max });
			if (spec.type === 'euros' && Math.abs(Math.round(n * 100) - n * 100) > 1e-6) return bad({ code: 'cents', value: text });
			return ok(spec.type === 'entier' ? n : Math.round(n * 100) / 100);
		}
		case 'booleen': {
			const b = parseYesNo(text);
			return b === undefined || b === null ? bad({ code: 'yes-no-invalid', value: text }) : ok(b);
		}
		case 'date': {
			const d = parseDate(text);
			return d ? ok(d) : bad({ code: 'date-invalid', value: text });
		}
		default: {
			if (spec.list) {
				const code = findCode(lists[spec.list].items, text);
				return code === null ? bad({ code: 'code-unknown', value: text, list: spec.list, known: knownCodes(lists, spec.list) }) : ok(code);
			}
			if (spec.multiple) {
				const items = text
					.split('|')
					.map((s) => s.trim())
					.filter((s) => s !== '');
				if (items.length > VALUE_LIMITS.axes || items.some((s) => s.length > VALUE_LIMITS.axis)) return bad({ code: 'text-too-long', max: VALUE_LIMITS.axis });
				return ok(items);
			}
			if (text.length > VALUE_LIMITS.text) return bad({ code: 'text-too-long', max: VALUE_LIMITS.text });
			return ok(text);
		}
	}
}

const q = (v: string) => `« ${v} »`;
const number = (n: number) => n.toLocaleString('fr-FR');

/** The French sentence of a value problem (without its location). */
export function valueProblemText(problem: ValueProblem): string {
	switch (problem.code) {
		case 'integer-invalid':
			return `${q(problem.value)} n’est pas un nombre entier.`;
		case 'number-invalid':
			return `${q(problem.value)} n’est pas un nombre (virgule décimale acceptée).`;
		case 'negative':
			return `${q(problem.value)} est négatif : un nombre positif ou nul est attendu.`;
		case 'too-large':
			return `${q(problem.value)} dépasse ${number(problem.max)} : faute de frappe ?`;
		case 'cents':
			return `${q(problem.value)} : un montant en euros a au plus deux décimales.`;
		case 'yes-no-invalid':
			return `${q(problem.value)} : oui ou non attendu.`;
		case 'date-invalid':
			return `${q(problem.value)} n’est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA).`;
		case 'code-unknown':
			return `${q(problem.value)} n’est pas dans la liste des ${LIST_LABELS[problem.list]} en vigueur cette année : ${problem.known}.`;
		case 'text-too-long':
			return `texte trop long (${number(problem.max)} caractères au plus${problem.max === VALUE_LIMITS.axis ? ` par axe, ${VALUE_LIMITS.axes} axes au plus` : ''}).`;
	}
}
