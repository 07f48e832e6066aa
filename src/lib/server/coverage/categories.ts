/**
 * The coverage category of every commune on a date (the analysis of `/carte` with the parameters
 * in force), for lists that show or filter by it (Territoires). Null, with the French reason, when
 * the analysis cannot run (no commune, a parameter in force unusable).
 */
import type { Kysely } from 'kysely';
import type { CoverageCategory } from '$lib/analysis';
import { coverageCategories } from '$lib/palette';
import type { Database } from '../db/schema';
import { UserFacingError } from '../errors';
import { runCoverageAnalysis } from './report';

export type CategoryKey = (typeof coverageCategories)[number]['key'];

/** `?categorie=` values: the category keys. */
export function parseCategory(raw: string | null): CategoryKey | null {
	return coverageCategories.find((c) => c.key === raw)?.key ?? null;
}

export interface CommuneCategories {
	byCode: Map<string, CoverageCategory> | null;
	/** Why there are no categories (French), or null. */
	error: string | null;
	/** Communes per category, in the palette's order. */
	counts: { key: CategoryKey; label: string; communes: number }[];
}

export async function communeCategories(db: Kysely<Database>, date: string): Promise<CommuneCategories> {
	try {
		const { result } = await runCoverageAnalysis(db, { date });
		const byCode = new Map(result.communes.map((c) => [c.code, c.category]));
		const counts = coverageCategories.map((c) => ({ key: c.key, label: c.label, communes: result.communes.filter((x) => x.category === c.key).length }));
		return { byCode, error: null, counts };
	} catch (error) {
		if (!(error instanceof UserFacingError)) throw error;
		return { byCode: null, error: error.message, counts: [] };
	}
}
