/**
 * The départements geo.api.gouv.fr serves communes for (metropolitan France, Corsica and the
 * five DROM), from `@etalab/decoupage-administratif`'s list, to check a code before downloading.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { normalizeDepartementCode } from '../../domain/insee';

export interface Departement {
	code: string;
	name: string;
}

interface RawDepartement {
	code: string;
	nom: string;
	zone: 'metro' | 'drom' | 'com';
}

let cached: Departement[] | null = null;

/** Metropolitan départements, then the DROM, in code order. */
export function listDepartements(): Departement[] {
	if (cached) return cached;
	const require = createRequire(import.meta.url);
	const dir = path.join(path.dirname(require.resolve('@etalab/decoupage-administratif/package.json')), 'data');
	const raw = JSON.parse(fs.readFileSync(path.join(dir, 'departements.json'), 'utf8')) as RawDepartement[];
	cached = raw.filter((d) => d.zone === 'metro' || d.zone === 'drom').map((d) => ({ code: d.code, name: d.nom }));
	return cached;
}

/**
 * The département a user typed (`86`, `2a`, `1` → `01`, `974`), or null when it is not one
 * geo.api.gouv.fr knows (`20`, `99`, `975`, `abc`).
 */
export function findDepartement(raw: string): Departement | null {
	const normalised = normalizeDepartementCode(raw);
	if (!normalised) return null;
	return listDepartements().find((d) => d.code === normalised.code) ?? null;
}
