/**
 * The Sarthe (72) from the real open data of ../shared/data (SOURCES.md), loaded the way a Caf
 * would (issue 14 §5): its communes (the territory of work), the national EPCI file, the France
 * services list as poles, the poles of the INSEE bassins de vie, then a structures file, a
 * partners file and a funding file generated here — no real list of centres sociaux is public
 * here: real communes, invented names, two structures in the border band (Alençon, Nogent-le-
 * Rotrou), two far away (Paris, and Lyon with a malformed type). Used by the real-data
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

/** Structures of the test file: [id, type, commune, latitude, longitude] (no coordinates: the commune's reference point). */
export const SARTHE_STRUCTURES: [string, 'CS' | 'EVS', string, string, string][] = [
	['TEST-CS-01', 'CS', '72181', '', ''],
	['TEST-CS-02', 'CS', '72181', '48.0150', '0.1750'],
	['TEST-CS-03', 'CS', '72154', '', ''],
	['TEST-CS-04', 'CS', '72264', '', ''],
	['TEST-CS-05', 'CS', '72003', '', ''],
	['TEST-EVS-01', 'EVS', '72180', '', ''],
	['TEST-EVS-02', 'EVS', '72269', '', ''],
	['TEST-EVS-03', 'EVS', '72096', '', ''],
	// The border band: Alençon (Orne) and Nogent-le-Rotrou (Eure-et-Loir), a few km from the Sarthe.
	['TEST-CS-ALENCON', 'CS', '61001', '48.4306', '0.0913'],
	['TEST-EVS-NOGENT', 'EVS', '28280', '48.3217', '0.8217'],
	// Far away: set aside; Lyon's row is malformed (an unknown type): only a warning.
	['TEST-CS-PARIS', 'CS', '75056', '48.8566', '2.3522'],
	['TEST-CS-LYON', 'CS', '69123', '45.7640', '4.8357']
];

export function sartheStructuresCsv(): string {
	return [
		'id;nom;type;code_commune;latitude;longitude;mode_gestion',
		...SARTHE_STRUCTURES.map(([id, type, code, lat, lon], i) => {
			const name = `${type === 'CS' ? 'Centre social' : 'Espace de vie sociale'} d’essai n° ${i + 1}`;
			return [id, name, id === 'TEST-CS-LYON' ? 'MJC' : type, code, lat, lon, 'association'].join(';');
		})
	].join('\n');
}

export function sarthePartnersCsv(): string {
	return [
		'code;nom;nature;territoire',
		'CAF;Caisse d’allocations familiales de la Sarthe;CAF;72',
		'REGION;Région Pays de la Loire;Région;52',
		'CARSAT;Carsat Pays de la Loire;Carsat;'
	].join('\n');
}

/** Funding of 2025: the Caf's PS, the Département, Le Mans (by its INSEE code) and its EPCI (by SIREN). */
export function sartheFundingCsv(): string {
	return [
		'annee;structure;financeur;dispositif;montant;statut;commentaire',
		'2025;TEST-CS-01;CAF;PS_AGC;68000;versé;',
		'2025;TEST-CS-01;CD;CD_SUBV;15000;notifié;',
		'2025;TEST-CS-01;72181;COLLECTIVITE_SUBV;40000;versé;Ville du Mans',
		'2025;TEST-CS-02;247200132;COLLECTIVITE_SUBV;25000;versé;Le Mans Métropole',
		'2025;TEST-EVS-01;CAF;PS_AL;21000;versé;',
		'2025;TEST-EVS-01;REGION;AUTRE;5000;prévisionnel;'
	].join('\n');
}

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
		structures: await timed('structures', () => imp('structures', 'structures-sarthe.csv', text(sartheStructuresCsv()))),
		partners: await timed('financeurs', () =>
			runReferenceImport(db, { kind: 'partenaires', fileName: 'financeurs.csv', bytes: text(sarthePartnersCsv()), actor: 'test' })
		),
		funding: await timed('financements', () => runFundingImport(db, { fileName: 'financements-2025.csv', bytes: text(sartheFundingCsv()), actor: 'test' }))
	};
}
