/**
 * Priority communes of a coverage run (dépourvue et isolée, dépourvue, isolée, à renforcer),
 * largest population first, with their reasons in French: the rows of the Territoires ›
 * Priorités page and of its CSV export.
 */
import type { Kysely } from 'kysely';
import { explainReasons, type CoverageCategory } from '$lib/analysis';
import { coverageCategories } from '$lib/palette';
import type { Database } from '../db/schema';
import { reasonNames, type CoverageRun } from './report';

/** The categories that call for action, in precedence order. */
export const PRIORITY_CATEGORIES = ['depourvue_isolee', 'depourvue', 'isolee', 'a_renforcer'] as const satisfies readonly CoverageCategory[];
export type PriorityCategory = (typeof PRIORITY_CATEGORIES)[number];

export interface PriorityRow {
	code: string;
	name: string;
	epciSiren: string | null;
	epciName: string | null;
	/** Inhabitants. */
	population: number;
	category: PriorityCategory;
	categoryLabel: string;
	covered: boolean;
	isolated: boolean | null;
	reinforce: boolean | null;
	nearestStructureName: string | null;
	/** km, null when none. */
	nearestStructureKm: number | null;
	nearestCsKm: number | null;
	nearestEvsKm: number | null;
	nearestPoleKm: number | null;
	/** 2SFCA, structures per 10,000 inhabitants. */
	accessibility: number;
	/** French sentences. */
	reasons: string[];
	/** QPV in force whose main commune it is (codes). */
	qpvCodes: string[];
	/** In the zones France ruralités revitalisation at the date. */
	zfrr: boolean;
}

export interface PriorityFilters {
	category?: PriorityCategory | null;
	/** SIREN of an EPCI. */
	epci?: string | null;
	/** Part of the name (accents and case ignored) or start of the INSEE code. */
	q?: string | null;
	/** `prioritaire`: only communes with a QPV or in the ZFRR. */
	zonage?: 'prioritaire' | null;
}

const normalized = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** True for a priority category key. */
export function isPriorityCategory(value: unknown): value is PriorityCategory {
	return (PRIORITY_CATEGORIES as readonly unknown[]).includes(value);
}

/** EPCI names by SIREN. */
export async function epciNames(db: Kysely<Database>): Promise<Map<string, string>> {
	const rows = await db.selectFrom('epci').select(['siren', 'name']).orderBy('name').execute();
	return new Map(rows.map((r) => [r.siren, r.name]));
}

/** Every priority commune of the run, largest population first (then name), before filters. */
export function priorityRows(run: CoverageRun, epcis: ReadonlyMap<string, string>, zfrr: ReadonlySet<string> = new Set()): PriorityRow[] {
	const names = reasonNames(run.inputs);
	const rows: PriorityRow[] = [];
	const qpvsOf = new Map<string, string[]>();
	for (const q of run.inputs.qpvs ?? []) qpvsOf.set(q.communeCode, [...(qpvsOf.get(q.communeCode) ?? []), q.code]);
	for (const c of run.result.communes) {
		if (!isPriorityCategory(c.category)) continue;
		rows.push({
			code: c.code,
			name: c.name,
			epciSiren: c.epci,
			epciName: c.epci ? (epcis.get(c.epci) ?? null) : null,
			population: c.population,
			category: c.category,
			categoryLabel: coverageCategories.find((k) => k.key === c.category)?.label ?? c.category,
			covered: c.covered,
			isolated: c.isolated,
			reinforce: c.reinforce,
			nearestStructureName: c.nearestStructureId === null ? null : (names.structureName?.(c.nearestStructureId) ?? String(c.nearestStructureId)),
			nearestStructureKm: c.nearestStructureKm,
			nearestCsKm: c.nearestCsKm,
			nearestEvsKm: c.nearestEvsKm,
			nearestPoleKm: c.nearestPoleKm,
			accessibility: c.accessibility,
			reasons: explainReasons(c.reasons, names).map((r) => r.text),
			qpvCodes: qpvsOf.get(c.code) ?? [],
			zfrr: zfrr.has(c.code)
		});
	}
	const collator = new Intl.Collator('fr', { sensitivity: 'base' });
	return rows.sort((a, b) => b.population - a.population || collator.compare(a.name, b.name));
}

/** The rows that pass the filters. */
export function filterPriorities(rows: readonly PriorityRow[], filters: PriorityFilters): PriorityRow[] {
	const q = filters.q ? normalized(filters.q.trim()) : '';
	return rows.filter(
		(r) =>
			(!filters.category || r.category === filters.category) &&
			(!filters.epci || r.epciSiren === filters.epci) &&
			(q === '' || normalized(r.name).includes(q) || r.code.startsWith(q)) &&
			(filters.zonage !== 'prioritaire' || r.zfrr || r.qpvCodes.length > 0)
	);
}
