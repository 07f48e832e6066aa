/**
 * Quartiers prioritaires (QPV) by generation: every zone carries its generation (`2015`, `2024`)
 * and validity dates (migration `2026-12-06T0330`); an analysis at a date reads the QPV in force
 * that day. A QPV of unknown generation (no dates) is read at every date and reported.
 */
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Geometry } from 'geojson';
import type { Database } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

/** A zone is in force on `date` when its validity covers it (a missing bound is open). */
export function inForceOn(date: string) {
	return (eb: ExpressionBuilder<Database, 'zone'>) =>
		eb.and([
			eb.or([eb('zone.valid_from', 'is', null), eb('zone.valid_from', '<=', date)]),
			eb.or([eb('zone.valid_until', 'is', null), eb('zone.valid_until', '>=', date)])
		]);
}

/** A QPV as the analyses read it. */
export interface QpvRow {
	code: string;
	name: string;
	communeCodes: string[];
	population: number | null;
	geometry: Geometry | null;
	displayGeometry: Geometry | null;
	refLon: number | null;
	refLat: number | null;
	generation: string | null;
	validFrom: string | null;
	validUntil: string | null;
}

/** The QPV in force on `date`, by code. */
export async function listInForce(db: Db, date: string): Promise<QpvRow[]> {
	const rows = await db
		.selectFrom('zone')
		.select(['code', 'name', 'commune_codes', 'population', 'geometry', 'display_geometry', 'ref_lon', 'ref_lat', 'generation', 'valid_from', 'valid_until'])
		.where('kind', '=', 'qpv')
		.where(inForceOn(date))
		.orderBy('code')
		.execute();
	return rows.map((r) => ({
		code: r.code,
		name: r.name,
		communeCodes: Array.isArray(r.commune_codes) ? r.commune_codes.map(String) : [],
		population: r.population,
		geometry: r.geometry,
		displayGeometry: r.display_geometry,
		refLon: r.ref_lon,
		refLat: r.ref_lat,
		generation: r.generation,
		validFrom: r.valid_from,
		validUntil: r.valid_until
	}));
}

/** The generations stored: each with its QPV count and validity, and the QPV of unknown generation. */
export async function generations(db: Db): Promise<{ generation: string | null; count: number; validFrom: string | null; validUntil: string | null }[]> {
	const rows = await db
		.selectFrom('zone')
		.select((eb) => ['generation', eb.fn.min('valid_from').as('valid_from'), eb.fn.max('valid_until').as('valid_until'), eb.fn.countAll<number>().as('n')])
		.where('kind', '=', 'qpv')
		.groupBy('generation')
		.orderBy('generation')
		.execute();
	return rows.map((r) => ({ generation: r.generation, count: Number(r.n), validFrom: (r.valid_from as string | null) ?? null, validUntil: (r.valid_until as string | null) ?? null }));
}

/** The generation label of a QPV set in force on a day: « génération 2024 », « génération inconnue »… */
export function generationLabel(gens: readonly (string | null)[]): string {
	const known = [...new Set(gens.filter((g): g is string => g !== null))].sort();
	const unknown = gens.some((g) => g === null);
	const parts = known.map((g) => `génération ${g}`);
	if (unknown) parts.push('génération inconnue (à réimporter avec --generation)');
	return parts.length ? parts.join(' et ') : 'aucun QPV';
}
