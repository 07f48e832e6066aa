/**
 * Where a JSON text is broken, independently of the JavaScript engine's error wording: a
 * small validating scanner (no values built, no recursion) run only after `JSON.parse` failed.
 * It also finds the `NaN` / `Infinity` tokens that Python and some GIS tools write, so they
 * can be reported on their feature rather than as a bare syntax error.
 */

/** What the scanner expected where it stopped. */
export type JsonExpectation =
	| 'value'
	| 'property-name'
	| 'colon'
	| 'comma-or-brace'
	| 'comma-or-bracket'
	| 'end'
	| 'string-end'
	| 'escape'
	| 'number';

export interface JsonSyntaxError {
	/** 0-based offset in the text (UTF-16 units). */
	position: number;
	/** 1-based line and column of `position`. */
	line: number;
	column: number;
	expected: JsonExpectation;
	/** The text found there (a few characters), or '' at the end of the text. */
	found: string;
	/** True when the text ended before the JSON did: a truncated file. */
	truncated: boolean;
}

export interface JsonScan {
	error: JsonSyntaxError | null;
	/** [start, end) offsets of `NaN`, `Infinity`, `-Infinity` tokens used as values. */
	nonFinite: [number, number][];
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WS = new Set([' ', '\t', '\n', '\r']);

/** 1-based line and column of an offset. */
export function lineColumnAt(text: string, position: number): { line: number; column: number } {
	let line = 1;
	let lineStart = 0;
	const end = Math.min(position, text.length);
	for (let i = 0; i < end; i++) {
		if (text.charCodeAt(i) === 10) {
			line++;
			lineStart = i + 1;
		}
	}
	return { line, column: end - lineStart + 1 };
}

/** Scans `text` as JSON; returns the first syntax error (or null) and the non-finite tokens. */
export function scanJson(text: string): JsonScan {
	const n = text.length;
	const stack: ('{' | '[')[] = [];
	const nonFinite: [number, number][] = [];
	type State = 'value' | 'value-or-end' | 'key' | 'key-or-end' | 'colon' | 'after';
	let state: State = 'value';
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

	const fail = (position: number, expected: JsonExpectation): JsonScan => {
		const { line, column } = lineColumnAt(text, position);
		return {
			error: {
				position,
				line,
				column,
				expected,
				found: position >= n ? '' : text.slice(position, position + 12).split(/[\r\n]/)[0],
				truncated: position >= n
			},
			nonFinite
		};
	};

	// Returns the offset after the string starting at `start` (a quote), or a failure.
	const scanString = (start: number): number | JsonScan => {
		let j = start + 1;
		while (j < n) {
			const c = text.charCodeAt(j);
			if (c === 34) return j + 1;
			if (c === 92) {
				const e = text[j + 1];
				if (e === undefined) return fail(n, 'string-end');
				if (e === 'u') {
					if (!/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) {
						return j + 6 > n ? fail(n, 'string-end') : fail(j, 'escape');
					}
					j += 6;
				} else if ('"\\/bfnrt'.includes(e)) j += 2;
				else return fail(j, 'escape');
				continue;
			}
			if (c < 0x20) return fail(j, 'string-end');
			j++;
		}
		return fail(n, 'string-end');
	};

	for (;;) {
		while (i < n && WS.has(text[i])) i++;
		if (i >= n) {
			return state === 'after' && stack.length === 0
				? { error: null, nonFinite }
				: fail(n, state === 'colon' ? 'colon' : state.startsWith('key') ? 'property-name' : 'value');
		}
		const c = text[i];
		if (state === 'value' || state === 'value-or-end') {
			if (state === 'value-or-end' && c === ']') {
				stack.pop();
				i++;
				state = 'after';
			} else if (c === '{') {
				stack.push('{');
				i++;
				state = 'key-or-end';
			} else if (c === '[') {
				stack.push('[');
				i++;
				state = 'value-or-end';
			} else if (c === '"') {
				const r = scanString(i);
				if (typeof r !== 'number') return r;
				i = r;
				state = 'after';
			} else if (text.startsWith('NaN', i) || text.startsWith('Infinity', i) || text.startsWith('-Infinity', i)) {
				const len = text.startsWith('NaN', i) ? 3 : text.startsWith('-', i) ? 9 : 8;
				nonFinite.push([i, i + len]);
				i += len;
				state = 'after';
			} else if (c === '-' || (c >= '0' && c <= '9')) {
				NUMBER_RE.lastIndex = i;
				if (!NUMBER_RE.exec(text)) return fail(i, 'number');
				i = NUMBER_RE.lastIndex;
				state = 'after';
			} else if (text.startsWith('true', i)) {
				i += 4;
				state = 'after';
			} else if (text.startsWith('false', i)) {
				i += 5;
				state = 'after';
			} else if (text.startsWith('null', i)) {
				i += 4;
				state = 'after';
			} else {
				// A literal cut by the end of the file (`tru`) is a truncation too.
				const rest = text.slice(i);
				const cut = rest.length < 9 && ['true', 'false', 'null', 'NaN', 'Infinity'].some((w) => w.startsWith(rest));
				return fail(cut ? n : i, 'value');
			}
		} else if (state === 'key' || state === 'key-or-end') {
			if (state === 'key-or-end' && c === '}') {
				stack.pop();
				i++;
				state = 'after';
			} else if (c === '"') {
				const r = scanString(i);
				if (typeof r !== 'number') return r;
				i = r;
				state = 'colon';
			} else return fail(i, 'property-name');
		} else if (state === 'colon') {
			if (c !== ':') return fail(i, 'colon');
			i++;
			state = 'value';
		} else {
			const top = stack[stack.length - 1];
			if (top === undefined) return fail(i, 'end');
			if (c === ',') {
				i++;
				state = top === '{' ? 'key' : 'value';
			} else if ((top === '{' && c === '}') || (top === '[' && c === ']')) {
				stack.pop();
				i++;
				state = 'after';
			} else return fail(i, top === '{' ? 'comma-or-brace' : 'comma-or-bracket');
		}
	}
}

/** The text with each non-finite token replaced by `null`. */
export function replaceNonFinite(text: string, tokens: readonly [number, number][]): string {
	let out = '';
	let at = 0;
	for (const [start, end] of tokens) {
		out += text.slice(at, start) + 'null';
		at = end;
	}
	return out + text.slice(at);
}
