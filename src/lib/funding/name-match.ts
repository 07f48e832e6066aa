/**
 * Matching an organisation named in a file (FONJEP posts carry only a name) to a structure of the
 * database: names are normalised (accents, case, punctuation, abbreviations), the words every
 * centre shares (« centre social », « association », « maison de quartier »…) are set aside, and
 * the distinctive rest is compared by Sørensen–Dice similarity of character bigrams (0–1).
 * A match needs a score ≥ `threshold` and a lead of `margin` over the runner-up; anything else is
 * listed for review, never guessed. Pure.
 */
import { foldText } from '../io/values';

const ABBREVIATIONS: Record<string, string> = {
	assoc: 'association',
	asso: 'association',
	ass: 'association',
	cs: 'centre social',
	csc: 'centre socioculturel',
	evs: 'espace de vie sociale',
	mjc: 'maison des jeunes et de la culture',
	st: 'saint',
	ste: 'sainte',
	mq: 'maison de quartier'
};

/** Words that say what kind of place it is, not which one. */
const GENERIC = new Set([
	'association', 'centre', 'centres', 'social', 'sociale', 'sociaux', 'socio', 'socioculturel', 'socioculturelle',
	'culturel', 'culturelle', 'et', 'de', 'des', 'du', 'la', 'le', 'les', 'l', 'd', 'au', 'aux', 'maison', 'quartier',
	'quartiers', 'espace', 'vie', 'jeunes', 'jeunesse', 'culture', 'loisirs', 'animation', 'familial', 'familiale',
	'intercommunal', 'intercommunale', 'municipal', 'municipale', 'ville', 'a', 'en', 'pour', 'sur'
]);

/** Folded words of a name, abbreviations expanded: `ASSOC. C.S. « La Busette »` → `association c s la busette`. */
export function nameWords(name: string): string[] {
	const words = foldText(name)
		.replace(/[^a-z0-9]+/g, ' ')
		.trim()
		.split(' ')
		.filter(Boolean);
	return words.flatMap((w) => (ABBREVIATIONS[w] ?? w).split(' '));
}

/** The distinctive part of a name (generic words removed), e.g. `Centre social La Busette` → `busette`. */
export function distinctiveName(name: string): string {
	return nameWords(name)
		.filter((w) => !GENERIC.has(w))
		.join(' ');
}

function bigrams(text: string): Map<string, number> {
	const s = ` ${text} `;
	const out = new Map<string, number>();
	for (let i = 0; i < s.length - 1; i++) {
		const g = s.slice(i, i + 2);
		out.set(g, (out.get(g) ?? 0) + 1);
	}
	return out;
}

/** Sørensen–Dice similarity of two texts' character bigrams, 0 (nothing shared) to 1 (same). */
export function diceSimilarity(a: string, b: string): number {
	if (a === '' || b === '') return 0;
	if (a === b) return 1;
	const ga = bigrams(a);
	const gb = bigrams(b);
	let shared = 0;
	let total = 0;
	for (const [g, n] of ga) {
		shared += Math.min(n, gb.get(g) ?? 0);
		total += n;
	}
	for (const n of gb.values()) total += n;
	return (2 * shared) / total;
}

/** Similarity of two organisation names on their distinctive parts (0 when either has none). */
export function nameSimilarity(a: string, b: string): number {
	return diceSimilarity(distinctiveName(a), distinctiveName(b));
}

export interface NameCandidate {
	id: number;
	name: string;
}

export type NameMatchStatus = 'matched' | 'ambiguous' | 'unmatched';

export interface NameMatch<C extends NameCandidate> {
	name: string;
	status: NameMatchStatus;
	best: { candidate: C; score: number } | null;
	runnerUp: { candidate: C; score: number } | null;
}

export interface NameMatchOptions {
	/** Minimum similarity of a match (0–1). Default 0.85. */
	threshold?: number;
	/** Minimum lead of the best candidate over the runner-up. Default 0.1. */
	margin?: number;
}

/** Matches one name against candidates; `matched` only when clear, else listed for review. */
export function matchName<C extends NameCandidate>(name: string, candidates: readonly C[], options: NameMatchOptions = {}): NameMatch<C> {
	const threshold = options.threshold ?? 0.85;
	const margin = options.margin ?? 0.1;
	const scored = candidates
		.map((candidate) => ({ candidate, score: nameSimilarity(name, candidate.name) }))
		.filter((s) => s.score > 0)
		.sort((a, b) => b.score - a.score || a.candidate.id - b.candidate.id);
	const best = scored[0] ?? null;
	const runnerUp = scored[1] ?? null;
	let status: NameMatchStatus = 'unmatched';
	if (best && best.score >= threshold) status = runnerUp && best.score - runnerUp.score < margin ? 'ambiguous' : 'matched';
	return { name, status, best, runnerUp };
}
