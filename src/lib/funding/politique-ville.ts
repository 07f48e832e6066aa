/**
 * State funding of posts in structures, from the politique de la ville open data (ANCT, Dauphin):
 * adultes-relais (one record per post, the employer's SIRET in `code_tiers`) and FONJEP posts
 * (only the employer's name). The documented mapping to funding lines:
 * - records are kept only in the départements of the structures;
 * - adultes-relais: `code_tiers` (14 digits) = the structure's SIRET → matched;
 * - FONJEP: the employer's name against the names of the structures of the same département
 *   (`name-match.ts`), matched only when clear; ambiguous and unmatched names are listed for review;
 * - the posts of one structure and year are summed into one line (instrument ADULTES_RELAIS or
 *   FONJEP, status `verse`), the post ids kept in the comment.
 * Pure.
 */
import { departementOfCommune } from '../domain/insee';
import { compactIdentifier } from '../domain/siret';
import { matchName, type NameMatch, type NameMatchOptions } from './name-match';
import { fromCents, toCents } from './types';

export type PolitiqueVilleKind = 'adultes_relais' | 'fonjep';

/** Instrument codes of the two kinds (those of the standard list and the demo). */
export const POLITIQUE_VILLE_INSTRUMENTS: Record<PolitiqueVilleKind, string> = {
	adultes_relais: 'ADULTES_RELAIS',
	fonjep: 'FONJEP'
};

/** One funded post of the open-data file. */
export interface PostRecord {
	postId: string;
	/** SIRET (adultes-relais) or name (FONJEP). */
	codeTiers: string;
	employerName: string;
	year: number;
	/** Euros. */
	amount: number;
	departement: string;
	contratVille: string | null;
}

function str(v: unknown): string | null {
	return typeof v === 'string' ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
}

/** Reads the JSON array of posts; records without year, amount, employer or département are counted as invalid. */
export function parsePostRecords(json: unknown): { records: PostRecord[]; invalid: number } {
	const records: PostRecord[] = [];
	let invalid = 0;
	if (!Array.isArray(json)) return { records, invalid: 0 };
	for (const raw of json) {
		if (typeof raw !== 'object' || raw === null) {
			invalid++;
			continue;
		}
		const r = raw as Record<string, unknown>;
		const year = Number(str(r.annee));
		const amount = Number(str(r.montant));
		const codeTiers = str(r.code_tiers);
		const employerName = str(r.raison_sociale) ?? codeTiers;
		const departement = str(r.insee_dep);
		if (!Number.isInteger(year) || !Number.isFinite(amount) || amount <= 0 || !codeTiers || !employerName || !departement) {
			invalid++;
			continue;
		}
		records.push({ postId: str(r.id_poste) ?? '', codeTiers, employerName, year, amount, departement, contratVille: str(r.code_cv) });
	}
	return { records, invalid };
}

/** A structure the posts may land on. */
export interface PostStructure {
	id: number;
	name: string;
	siret: string | null;
	communeCode: string;
}

/** Posts summed per structure and year: one funding line. */
export interface PostLine {
	structureId: number;
	year: number;
	amount: number;
	postIds: string[];
	comment: string;
}

function sumLines(kind: PolitiqueVilleKind, matched: { structureId: number; record: PostRecord }[]): PostLine[] {
	const byKey = new Map<string, { structureId: number; year: number; cents: number; postIds: string[] }>();
	for (const { structureId, record } of matched) {
		const key = `${structureId}|${record.year}`;
		const e = byKey.get(key) ?? { structureId, year: record.year, cents: 0, postIds: [] };
		e.cents += toCents(record.amount);
		e.postIds.push(record.postId);
		byKey.set(key, e);
	}
	const label = kind === 'adultes_relais' ? 'adulte-relais' : 'FONJEP';
	return [...byKey.values()]
		.map((e) => ({
			structureId: e.structureId,
			year: e.year,
			amount: fromCents(e.cents),
			postIds: e.postIds.sort(),
			comment: `${e.postIds.length} poste${e.postIds.length > 1 ? 's' : ''} ${label} (${e.postIds.sort().join(', ')}) — données ANCT politique de la ville`
		}))
		.sort((a, b) => a.structureId - b.structureId || a.year - b.year);
}

function departementsOf(structures: readonly PostStructure[]): Set<string> {
	return new Set(structures.map((s) => departementOfCommune(s.communeCode)));
}

export interface AdultesRelaisMapping {
	lines: PostLine[];
	/** Records of the structures' départements whose SIRET matches no structure. */
	unmatched: PostRecord[];
	/** Records matched to a structure. */
	matchedRecords: number;
}

/** Adultes-relais posts → lines, by employer SIRET = structure SIRET. */
export function mapAdultesRelais(records: readonly PostRecord[], structures: readonly PostStructure[]): AdultesRelaisMapping {
	const deps = departementsOf(structures);
	const bySiret = new Map<string, number>();
	for (const s of structures) if (s.siret) bySiret.set(compactIdentifier(s.siret), s.id);
	const matched: { structureId: number; record: PostRecord }[] = [];
	const unmatched: PostRecord[] = [];
	for (const record of records) {
		if (!deps.has(record.departement)) continue;
		const id = bySiret.get(compactIdentifier(record.codeTiers));
		if (id === undefined) unmatched.push(record);
		else matched.push({ structureId: id, record });
	}
	return { lines: sumLines('adultes_relais', matched), unmatched, matchedRecords: matched.length };
}

/** One employer name of the FONJEP file (all its posts), with the name match to review. */
export interface FonjepReview {
	departement: string;
	employerName: string;
	records: PostRecord[];
	match: NameMatch<PostStructure>;
}

export interface FonjepMapping {
	/** Every employer name of the structures' départements, best score first. */
	reviews: FonjepReview[];
	/** Lines of the `matched` reviews only. */
	lines: PostLine[];
}

/** FONJEP posts → lines, by a name match within each département (see `matchName`). */
export function mapFonjep(records: readonly PostRecord[], structures: readonly PostStructure[], options: NameMatchOptions = {}): FonjepMapping {
	const deps = departementsOf(structures);
	const groups = new Map<string, PostRecord[]>();
	for (const r of records) {
		if (!deps.has(r.departement)) continue;
		const key = `${r.departement}|${r.employerName}`;
		groups.set(key, [...(groups.get(key) ?? []), r]);
	}
	const reviews: FonjepReview[] = [];
	for (const group of groups.values()) {
		const { departement, employerName } = group[0];
		const candidates = structures.filter((s) => departementOfCommune(s.communeCode) === departement);
		reviews.push({ departement, employerName, records: group, match: matchName(employerName, candidates, options) });
	}
	reviews.sort((a, b) => (b.match.best?.score ?? 0) - (a.match.best?.score ?? 0) || a.employerName.localeCompare(b.employerName, 'fr'));
	const matched = reviews
		.filter((r) => r.match.status === 'matched')
		.flatMap((r) => r.records.map((record) => ({ structureId: r.match.best!.candidate.id, record })));
	return { reviews, lines: sumLines('fonjep', matched) };
}
