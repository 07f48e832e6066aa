/**
 * The staff form of one structure-year: every entered field (`YEAR_FIELDS`) and the three detail
 * sections, read and checked with the very rules of the import (`parseYearValue`, the code lists
 * in force that year). Field names: the dictionary key for a value; `partenaires.<code>.<measure>`
 * and `contrats.<code>.<measure>` for the fixed grids; `activites.<n>.<domaine|public|actions|
 * participants>` for the activity rows (a row whose domain is empty is left out). One French
 * message per field in error; the typed text comes back unchanged. Pure.
 */
import { DETAIL_SECTIONS, type DetailMeasure } from './detail';
import type { ObservatoryLists } from './lists';
import { findCode, parseYearValue, valueProblemText } from './year-input';
import { YEAR_FIELDS, emptyYearValues, type StructureYearData, type YearActivity, type YearContract, type YearPartner, type YearValue } from './year-fields';

/** Blank activity rows offered under the filled ones. */
export const BLANK_ACTIVITY_ROWS = 3;

export type FormTexts = Record<string, string>;
export type FormErrors = Record<string, string>;

export type YearFormResult = { ok: true; data: StructureYearData } | { ok: false; errors: FormErrors };

const fr = (n: number | null) => (n === null ? '' : String(n).replace('.', ','));

/** A stored value as the form shows it (decimal comma, `oui`/`non`, axes separated by « | »). */
export function formText(value: YearValue): string {
	if (value === null) return '';
	if (Array.isArray(value)) return value.join(' | ');
	if (typeof value === 'boolean') return value ? 'oui' : 'non';
	if (typeof value === 'number') return fr(value);
	return value;
}

/** The form texts of stored data (or of an empty year). */
export function formTextsOf(data: StructureYearData | null): FormTexts {
	const texts: FormTexts = {};
	const values = data?.values ?? emptyYearValues();
	for (const f of YEAR_FIELDS) texts[f.key] = formText(values[f.key]);
	for (const p of data?.partners ?? []) {
		texts[`partenaires.${p.partnerKind}.partenaires`] = fr(p.partners);
		texts[`partenaires.${p.partnerKind}.conventions`] = fr(p.conventions);
	}
	for (const c of data?.contracts ?? []) {
		texts[`contrats.${c.contractType}.salaries`] = fr(c.headcount);
		texts[`contrats.${c.contractType}.etp`] = fr(c.etp);
	}
	(data?.activities ?? []).forEach((a, i) => {
		texts[`activites.${i}.domaine`] = a.domain;
		texts[`activites.${i}.public`] = a.public;
		texts[`activites.${i}.actions`] = fr(a.actions);
		texts[`activites.${i}.participants`] = fr(a.participants);
	});
	return texts;
}

/** The number of activity rows the texts hold (filled or not). */
export function activityRowCount(texts: FormTexts): number {
	let n = 0;
	for (const name of Object.keys(texts)) {
		const m = /^activites\.(\d+)\./.exec(name);
		if (m) n = Math.max(n, Number(m[1]) + 1);
	}
	return n;
}

/** The texts posted by the form, for the fields it knows (others are ignored). */
export function readFormTexts(form: { get(name: string): unknown }, lists: ObservatoryLists, activityRows: number): FormTexts {
	const texts: FormTexts = {};
	const read = (name: string) => {
		const v = form.get(name);
		texts[name] = typeof v === 'string' ? v.trim() : '';
	};
	for (const f of YEAR_FIELDS) read(f.key);
	for (const item of lists.partner_kinds.items) for (const m of DETAIL_SECTIONS.partenaires.measures) read(`partenaires.${item.code}.${m}`);
	for (const item of lists.contract_types.items) for (const m of DETAIL_SECTIONS.contrats.measures) read(`contrats.${item.code}.${m}`);
	for (let i = 0; i < activityRows; i++) for (const part of ['domaine', 'public', 'actions', 'participants']) read(`activites.${i}.${part}`);
	return texts;
}

/** Validates the texts of `year` with the import's rules and the lists in force that year. */
export function validateYearForm(texts: FormTexts, year: number, lists: ObservatoryLists): YearFormResult {
	const errors: FormErrors = {};
	const values = emptyYearValues();
	for (const f of YEAR_FIELDS) {
		const parsed = parseYearValue(texts[f.key] ?? '', f, lists);
		if (parsed.ok) values[f.key] = parsed.value;
		else errors[f.key] = valueProblemText(parsed.problem);
	}
	const measure = (name: string, m: DetailMeasure): number | null => {
		const parsed = parseYearValue(texts[name] ?? '', { type: m === 'etp' ? 'decimal' : 'entier' }, lists);
		if (parsed.ok) return parsed.value as number | null;
		errors[name] = valueProblemText(parsed.problem);
		return null;
	};
	const partners: YearPartner[] = [];
	for (const item of lists.partner_kinds.items) {
		const partnersCount = measure(`partenaires.${item.code}.partenaires`, 'partenaires');
		const conventions = measure(`partenaires.${item.code}.conventions`, 'conventions');
		if (partnersCount !== null || conventions !== null) partners.push({ partnerKind: item.code, partners: partnersCount, conventions });
	}
	const contracts: YearContract[] = [];
	for (const item of lists.contract_types.items) {
		const headcount = measure(`contrats.${item.code}.salaries`, 'salaries');
		const etp = measure(`contrats.${item.code}.etp`, 'etp');
		if (headcount !== null || etp !== null) contracts.push({ contractType: item.code, headcount, etp });
	}
	const activities: YearActivity[] = [];
	const seen = new Map<string, number>();
	for (let i = 0; i < activityRowCount(texts); i++) {
		const name = (part: string) => `activites.${i}.${part}`;
		const domainText = texts[name('domaine')] ?? '';
		const publicText = texts[name('public')] ?? '';
		const actions = measure(name('actions'), 'actions');
		const participants = measure(name('participants'), 'participants');
		if (domainText === '') {
			if (publicText !== '' || actions !== null || participants !== null) errors[name('domaine')] = 'Choisissez le domaine de cette activité (ou videz la ligne).';
			continue;
		}
		const domain = findCode(lists.activity_domains.items, domainText);
		const pub = findCode(lists.publics.items, publicText);
		if (domain === null) errors[name('domaine')] = `Domaine « ${domainText} » inconnu en ${year}.`;
		if (pub === null) errors[name('public')] = publicText === '' ? 'Choisissez le public de cette activité.' : `Public « ${publicText} » inconnu en ${year}.`;
		if (domain === null || pub === null) continue;
		const key = `${domain}|${pub}`;
		if (seen.has(key)) {
			errors[name('domaine')] = `Même domaine et même public qu’à la ligne ${seen.get(key)! + 1} : additionnez-les sur une seule ligne.`;
			continue;
		}
		seen.set(key, i);
		activities.push({ domain, public: pub, actions, participants });
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, data: { year, values, activities, partners, contracts } };
}
