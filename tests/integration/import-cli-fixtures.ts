/**
 * Generated commune files of any size for the import CLI, fetch, kill and e2e tests: real INSEE
 * codes, names, populations and EPCI of `@etalab/decoupage-administratif` (so the joins with the
 * official list hold), invented square shapes laid on a grid. No real contour is copied.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createDb, type DbHandle } from '../../src/lib/server/db/index';
import type { Database } from '../../src/lib/server/db/schema';
import { testDatabaseUrl } from '../helpers/db';

interface OfficialCommune {
	code: string;
	nom: string;
	departement: string;
	type: string;
	population?: number;
}

const require = createRequire(import.meta.url);
const dataDir = path.join(path.dirname(require.resolve('@etalab/decoupage-administratif/package.json')), 'data');
let communes: OfficialCommune[] | null = null;
let epciOf: Map<string, string> | null = null;

/** Current communes of the official list (optionally of one département), in code order. */
export function officialCommunes(departement?: string): OfficialCommune[] {
	communes ??= (JSON.parse(fs.readFileSync(path.join(dataDir, 'communes.json'), 'utf8')) as OfficialCommune[])
		.filter((c) => c.type === 'commune-actuelle')
		.sort((a, b) => (a.code < b.code ? -1 : 1));
	return departement ? communes.filter((c) => c.departement === departement) : communes;
}

/** SIREN of the EPCI of each commune code. */
function epciMembership(): Map<string, string> {
	if (epciOf) return epciOf;
	const list = JSON.parse(fs.readFileSync(path.join(dataDir, 'epci.json'), 'utf8')) as { code: string; membres: { code: string }[] }[];
	epciOf = new Map(list.flatMap((e) => e.membres.map((m) => [m.code, e.code] as [string, string])));
	return epciOf;
}

export interface GeneratedCommunesOptions {
	/** Communes to draw (default: the first `count` of the official list). */
	communes?: readonly OfficialCommune[];
	count?: number;
	/** [west, south, east, north] WGS84 degrees the grid fills; default around Poitiers. */
	bbox?: [number, number, number, number];
	/** Vertices per side of each square (heavier files for timing tests); default 1. */
	verticesPerSide?: number;
	/** geo.api.gouv.fr's format: properties `code`, `nom`, `population`, `codeEpci`, `centre`, no feature id. */
	geoApi?: boolean;
}

/** A FeatureCollection of square communes on a grid, as GeoJSON text. */
export function generatedCommunesGeoJson(options: GeneratedCommunesOptions = {}): string {
	const list = (options.communes ?? officialCommunes()).slice(0, options.count ?? Infinity);
	const [west, south, east, north] = options.bbox ?? [0.0, 46.3, 0.7, 46.8];
	const columns = Math.ceil(Math.sqrt(list.length * ((east - west) / (north - south))));
	const rows = Math.ceil(list.length / columns);
	const dx = (east - west) / columns;
	const dy = (north - south) / rows;
	const steps = Math.max(1, options.verticesPerSide ?? 1);
	const round = (v: number) => Math.round(v * 1e6) / 1e6;
	const epci = options.geoApi ? epciMembership() : null;
	const features = list.map((c, i) => {
		const x0 = west + (i % columns) * dx;
		const y0 = south + Math.floor(i / columns) * dy;
		const ring: [number, number][] = [];
		// Counter-clockwise square, `steps` segments per side.
		for (let k = 0; k < steps; k++) ring.push([round(x0 + (dx * k) / steps), round(y0)]);
		for (let k = 0; k < steps; k++) ring.push([round(x0 + dx), round(y0 + (dy * k) / steps)]);
		for (let k = 0; k < steps; k++) ring.push([round(x0 + dx - (dx * k) / steps), round(y0 + dy)]);
		for (let k = 0; k < steps; k++) ring.push([round(x0), round(y0 + dy - (dy * k) / steps)]);
		ring.push(ring[0]);
		const geometry = { type: 'Polygon', coordinates: [ring] };
		if (options.geoApi) {
			return {
				type: 'Feature',
				geometry,
				properties: {
					code: c.code,
					nom: c.nom,
					population: c.population ?? 0,
					codeEpci: epci!.get(c.code),
					centre: { type: 'Point', coordinates: [round(x0 + dx / 2), round(y0 + dy / 2)] }
				}
			};
		}
		return { type: 'Feature', id: c.code, geometry, properties: { nom: c.nom } };
	});
	return JSON.stringify({ type: 'FeatureCollection', features });
}

/** A database the CLI child processes write to, and that the test opens between runs to check. */
export interface CliDatabase {
	kind: 'pglite' | 'postgres';
	/** Environment for `runMaillage`. */
	env: Record<string, string>;
	/** Opens the same database in the test process (close it before the next CLI run on PGlite). */
	open(): Promise<DbHandle>;
	/** Removes the folder or drops the schema. */
	dispose(): Promise<void>;
}

/** A fresh PGlite data folder, plus a fresh PostgreSQL schema when TEST_DATABASE_URL is set. */
export function cliDatabases(label: string): CliDatabase[] {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), `maillage-${label}-`));
	const dataDir = path.join(dir, 'pglite');
	const list: CliDatabase[] = [
		{
			kind: 'pglite',
			env: { MAILLAGE_DATA_DIR: dataDir },
			open: () => createDb({ databaseUrl: null, dataDir, schema: 'maillage' }),
			async dispose() {
				fs.rmSync(dir, { recursive: true, force: true });
			}
		}
	];
	if (testDatabaseUrl) {
		const url = testDatabaseUrl;
		const schema = `cli_${label.replace(/\W/g, '_')}_${randomBytes(4).toString('hex')}`;
		list.push({
			kind: 'postgres',
			env: { DATABASE_URL: url, MAILLAGE_DB_SCHEMA: schema },
			open: () => createDb({ databaseUrl: url, dataDir: 'memory://', schema }),
			async dispose() {
				const handle = await createDb({ databaseUrl: url, dataDir: 'memory://', schema });
				await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(handle.db);
				await handle.close();
			}
		});
	}
	return list;
}

/** Runs `fn` on the database, opened for the time of the call. */
export async function withDb<T>(target: CliDatabase, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
	const handle = await target.open();
	try {
		return await fn(handle.db);
	} finally {
		await handle.close();
	}
}
