/**
 * Fictional French place names for the demo (Atlantic-coast flavour), and the French
 * preposition rules used to build labels such as « CC du Pays de … ».
 */
import { pick, type Random } from '../domain/random';

const ROOTS = [
	'Ker', 'Plou', 'Lan', 'Tré', 'Pen', 'Loc', 'Gour', 'Bren', 'Mor', 'Quil', 'Ros', 'Guer', 'Bel',
	'Font', 'Val', 'Mar', 'Ard', 'Cour', 'Roch', 'Vil', 'Aub', 'Ven', 'Sav', 'Len', 'Per', 'Pon',
	'Lor', 'Bran', 'Cal', 'Dor', 'Esc', 'Gal', 'Jar', 'Mal', 'Orv', 'Sul', 'Tal', 'Vers', 'Alb'
];
const LINKS = ['', '', '', 'a', 'e', 'i', 'o', 'ar', 'en', 'ou'];
const ENDINGS = [
	'vern', 'guen', 'lec', 'dan', 'mel', 'gat', 'zac', 'ville', 'mont', 'ac', 'ay', 'é', 'eux', 'ière',
	'ois', 'iac', 'oux', 'ans', 'ignac', 'ec', 'an', 'ol', 'ic', 'ard', 'enne', 'elle', 'ouët', 'ion'
];
const ARTICLES = ['Le ', 'La ', 'Les '];
const QUALIFIERS = ['-sur-Mer', '-en-Lande', '-les-Bois', '-la-Rivière', '-du-Marais', '-des-Prés', '-sur-Aulne'];

/** A short invented name, e.g. « Kervern », « Plouarzac ». */
export function inventWord(random: Random): string {
	for (;;) {
		const word = pick(random, ROOTS) + pick(random, LINKS) + pick(random, ENDINGS);
		// Avoid vowel clusters and doubled letters that read badly.
		if (!/[aeiouyéèëê]{3}|ae|ea|ee|ao|oa|oe|é[aeéio]|[aeiou]é|([aeiou])\1|(.)\2\2/i.test(word) && word.length <= 11) return word;
	}
}

/** A commune name; `simple` gives a bare word (for towns), otherwise prefixes and suffixes may apply. */
export function inventCommuneName(random: Random, simple = false): string {
	const word = inventWord(random);
	if (simple) return word;
	const r = random();
	let name = word;
	if (r < 0.14) name = `Saint-${word}`;
	else if (r < 0.2) name = `Sainte-${inventWord(random).replace(/^(.*?)(e?)$/, '$1e')}`;
	else if (r < 0.3) name = `${pick(random, ARTICLES)}${word}`;
	if (random() < 0.12) name += pick(random, QUALIFIERS);
	return name;
}

/** Unique invented names, the first `simpleCount` of them bare words. */
export function inventUniqueNames(random: Random, count: number, simpleCount: number): string[] {
	const seen = new Set<string>();
	const names: string[] = [];
	while (names.length < count) {
		const name = inventCommuneName(random, names.length < simpleCount);
		const key = sortKey(baseWord(name));
		if (seen.has(key)) continue;
		seen.add(key);
		names.push(name);
	}
	return names;
}

/** The invented word inside a name: « Saint-Kervern-sur-Mer » → « Kervern ». */
function baseWord(name: string): string {
	return name
		.replace(/^Saint(e)?-/, '')
		.replace(/^(Le|La|Les) /, '')
		.replace(/-.*$/, '');
}

/** Accent- and case-insensitive key for alphabetical order, independent of the runtime's locale. */
export function sortKey(name: string): string {
	return name
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toUpperCase()
		.replace(/[^A-Z0-9]+/g, ' ')
		.trim();
}

/** « de X », « d'X », « du X » (Le X), « des X » (Les X). */
export function deName(name: string): string {
	if (name.startsWith('Le ')) return `du ${name.slice(3)}`;
	if (name.startsWith('Les ')) return `des ${name.slice(4)}`;
	if (/^[AEIOUYÉÈH]/i.test(name)) return `d’${name}`;
	return `de ${name}`;
}
