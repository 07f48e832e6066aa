/**
 * The Sarthe (72) from the real open data of ../shared/data (SOURCES.md), loaded the way a Caf
 * would (issue 14 §5): its communes (the territory of work), the national EPCI file, the France
 * services list as poles, the poles of the INSEE bassins de vie, then the structures, partners and
 * funding files of `exemples/sarthe/` (no real list of centres sociaux is public). Used by the real-data
 * integration test and by the e2e harness (a server on this database).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/schema';
import { runImport, type ImportReport } from '../../src/lib/server/import/run-import';
import { runReferenceImport, type ReferenceImportReport } from '../../src/lib/server/import/reference-files';
import { runFundingImport, type FundingImportReport } from '../../src/lib/server/import/funding';
import type { ImportKind } from '../../src/lib/io/import-file';
import type { InseePoleDefinition } from '../../src/lib/io/to-poles-insee';

export const SHARED_DATA = path.resolve(import.meta.dirname, '../../../shared/data');
export const SARTHE_FILES = {
	communes: 'communes-2023-72-sarthe.geojson',
	epci: 'epci-france-anct-2022.geojson',
	franceServices: 'france-services-20240801.csv',
	insee: 'insee-table-appartenance-geo-communes-2022.csv'
} as const;
export const sarthePresent = Object.values(SARTHE_FILES).every((f) => fs.existsSync(path.join(SHARED_DATA, f)));

/**
 * The structures, funders and funding files of the README « Votre département » (`exemples/sarthe/`):
 * real communes, invented names, two structures in the border band (Alençon 61001, Nogent-le-
 * Rotrou 28280), two far away (Paris, and Lyon with a malformed type); funding of 2025 by the Caf,
 * the Département, Le Mans (by its INSEE code) and its EPCI (by SIREN).
 */
export const SARTHE_EXAMPLES = path.resolve(import.meta.dirname, '../../exemples/sarthe');
const example = (name: string) => fs.readFileSync(path.join(SARTHE_EXAMPLES, name), 'utf8');
export const sartheStructuresCsv = () => example('structures.csv');
export const sarthePartnersCsv = () => example('financeurs.csv');
export const sartheFundingCsv = () => example('financements-2025.csv');

export interface SartheReports {
	communes: ImportReport;
	epci: ImportReport;
	franceServices: ImportReport;
	bassinsDeVie: ImportReport;
	structures: ImportReport;
	partners: ReferenceImportReport;
	funding: FundingImportReport;
}

/**
 * Loads the Sarthe into an empty migrated database, in the order of the README « Votre
 * département ». Each step's report is returned; `onStep` is told after each one.
 */
export async function loadSarthe(db: Kysely<Database>, onStep: (name: string, seconds: number) => void = () => {}): Promise<SartheReports> {
	const file = (name: string) => new Uint8Array(fs.readFileSync(path.join(SHARED_DATA, name)));
	const timed = async <T>(name: string, step: () => Promise<T>): Promise<T> => {
		const t0 = performance.now();
		const result = await step();
		onStep(name, (performance.now() - t0) / 1000);
		return result;
	};
	const imp = (kind: ImportKind, fileName: string, bytes: Uint8Array, poleDefinition?: InseePoleDefinition) =>
		runImport(db, { kind, fileName, bytes, actor: 'test', poleDefinition });
	const text = (s: string) => new TextEncoder().encode(s);
	return {
		communes: await timed('communes', () => imp('communes', SARTHE_FILES.communes, file(SARTHE_FILES.communes))),
		epci: await timed('epci', () => imp('epci', SARTHE_FILES.epci, file(SARTHE_FILES.epci))),
		franceServices: await timed('france services', () => imp('poles', SARTHE_FILES.franceServices, file(SARTHE_FILES.franceServices))),
		bassinsDeVie: await timed('bassins de vie', () => imp('poles_insee', SARTHE_FILES.insee, file(SARTHE_FILES.insee), 'bassins-de-vie')),
		structures: await timed('structures', () => imp('structures', 'structures.csv', text(sartheStructuresCsv()))),
		partners: await timed('financeurs', () =>
			runReferenceImport(db, { kind: 'partenaires', fileName: 'financeurs.csv', bytes: text(sarthePartnersCsv()), actor: 'test' })
		),
		funding: await timed('financements', () => runFundingImport(db, { fileName: 'financements-2025.csv', bytes: text(sartheFundingCsv()), actor: 'test' }))
	};
}
