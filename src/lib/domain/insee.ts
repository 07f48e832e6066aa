/**
 * INSEE codes of the Code officiel géographique (COG), always kept as **strings**:
 * `01001`, `2A004`, `97411`. Spreadsheets often turn them into numbers and lose the leading
 * zero (`1001`); the normalisers below restore it and say so, so the import can warn.
 */

/** A commune code: 2 characters of département (`01`…`95`, `2A`, `2B`, `97`) then 3 digits. */
export const COMMUNE_CODE_RE = /^(?:\d{2}|2[AB])\d{3}$/;
/** A département code: `01`…`95`, `2A`, `2B`, or 3 digits for overseas (`971`…`976`). */
export const DEPARTEMENT_CODE_RE = /^(?:\d{2}|2[AB]|97\d)$/;
/** An IRIS code: the commune code then 4 digits (`0000` for communes without IRIS). */
export const IRIS_CODE_RE = /^(?:\d{2}|2[AB])\d{3}\d{4}$/;
/** A QPV code: `QP` + 6 characters (2015 generation, `QP066007`) or `QN` + 5–6 characters + a letter (2024, `QN01301M`). */
export const QPV_CODE_RE = /^Q[PN][0-9AB]{3}\d{2,3}[A-Z]?$/;

/** A normalised code, and whether a lost leading zero had to be restored. */
export interface NormalisedCode {
	code: string;
	/** True when the raw value had lost its leading zero (`1001` → `01001`). */
	restored: boolean;
}

/** Trims, upper-cases, and drops a spreadsheet's trailing `.0` (`1001.0`). */
function clean(raw: string): string {
	return raw
		.trim()
		.toUpperCase()
		.replace(/\.0+$/, '');
}

/**
 * Normalises a commune INSEE code: `'2a004'` → `2A004`; `'1001'` → `01001` (restored).
 * Returns null when the value cannot be a commune code (`'ABCDE'`, `'101'`, empty).
 */
export function normalizeCommuneCode(raw: string): NormalisedCode | null {
	const value = clean(raw);
	if (COMMUNE_CODE_RE.test(value) && value !== '00000' && !value.startsWith('00')) {
		return { code: value, restored: false };
	}
	if (/^[1-9]\d{3}$/.test(value)) return { code: `0${value}`, restored: true };
	return null;
}

/**
 * Normalises a département code: `'1'` → `01` (restored), `'2a'` → `2A`, `'971'` stays.
 * Returns null when the value cannot be a département code.
 */
export function normalizeDepartementCode(raw: string): NormalisedCode | null {
	const value = clean(raw);
	if (DEPARTEMENT_CODE_RE.test(value) && value !== '00' && value !== '20') return { code: value, restored: false };
	if (/^[1-9]$/.test(value)) return { code: `0${value}`, restored: true };
	return null;
}

/**
 * Normalises an IRIS code. Accepts the `iris` prefix some files carry (`iris590080101`)
 * and restores a lost leading zero (`10010000` → `010010000`).
 */
export function normalizeIrisCode(raw: string): NormalisedCode | null {
	const value = clean(raw).replace(/^IRIS/, '');
	if (IRIS_CODE_RE.test(value) && !value.startsWith('00')) return { code: value, restored: false };
	if (/^[1-9]\d{7}$/.test(value)) return { code: `0${value}`, restored: true };
	return null;
}

/** Normalises a QPV code (`qp066007` → `QP066007`), or null. */
export function normalizeQpvCode(raw: string): string | null {
	const value = clean(raw);
	return QPV_CODE_RE.test(value) ? value : null;
}

/** The département of a commune code: 3 characters overseas (`97411` → `974`), else 2. */
export function departementOfCommune(code: string): string {
	return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2);
}

/** The département of a QPV code: `QP066007` → `66`, `QN01301M` → `13`, `QP971001` → `971`. */
export function departementOfQpv(code: string): string {
	const three = code.slice(2, 5);
	return three.startsWith('0') ? three.slice(1) : three;
}

/** The commune of an IRIS code (its first 5 characters). */
export function communeOfIris(irisCode: string): string {
	return irisCode.slice(0, 5);
}
