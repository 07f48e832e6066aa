/**
 * The official list of communes and EPCI, read once per process from the data files of
 * `@etalab/decoupage-administratif` (version 6: COG 2026, populations légales 2023).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
	buildOfficialGeography,
	type OfficialGeography,
	type RawOfficialCommune,
	type RawOfficialEpci
} from '../../domain/official-geography';

/** Vintage of `@etalab/decoupage-administratif@6` (see its README, « Millésimes »). */
export const DECOUPAGE_VINTAGE = { cogYear: 2026, populationYear: 2023 } as const;

let cached: OfficialGeography | null = null;

function dataDir(): string {
	const require = createRequire(import.meta.url);
	return path.join(path.dirname(require.resolve('@etalab/decoupage-administratif/package.json')), 'data');
}

/** The lookup, built on first use (≈ 12 MB of JSON read, ≈ 0.3 s). */
export function officialGeography(): OfficialGeography {
	if (cached) return cached;
	const dir = dataDir();
	const read = <T>(name: string): T => JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as T;
	cached = buildOfficialGeography(
		{ communes: read<RawOfficialCommune[]>('communes.json'), epci: read<RawOfficialEpci[]>('epci.json') },
		DECOUPAGE_VINTAGE
	);
	return cached;
}
