/**
 * `maillage funding …` through the tool's entry (`callMaillage`; the usage error in a child process), embedded PGlite in a temporary folder:
 * import refused then accepted, export to stdout and to an XLSX file, posts with a dry run, usage
 * errors with exit 2.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb } from '../../src/lib/server/db/index';
import { migrate } from '../../src/lib/server/db/migrate';
import { callMaillage, runMaillage } from '../helpers/cli';

describe('maillage funding (CLI)', () => {
	let dir: string;
	let env: Record<string, string>;
	const file = (name: string, content: string) => {
		const p = path.join(dir, name);
		fs.writeFileSync(p, content);
		return p;
	};

	beforeAll(async () => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-funding-cli-'));
		env = { MAILLAGE_DATA_DIR: path.join(dir, 'pglite') };
		const handle = await createDb({ databaseUrl: null, dataDir: env.MAILLAGE_DATA_DIR, schema: 'maillage' });
		try {
			await migrate(handle.db, handle.schema);
			await handle.db.insertInto('commune').values({ code: '59350', name: 'Lille', departement_code: '59', ref_lon: 3.06, ref_lat: 50.63 }).execute();
			await handle.db
				.insertInto('structure')
				.values({ external_id: 'CS-1', name: 'Centre social Les Quatre Saisons', type: 'CS', commune_code: '59350', lon: 3.06, lat: 50.63, specificities: JSON.stringify([]) })
				.execute();
			await handle.db.insertInto('partner').values([{ code: 'CAF', name: 'CAF du Nord', kind: 'caf' }, { code: 'ETAT-PV', name: 'État', kind: 'etat' }]).execute();
			await handle.db.insertInto('funding_instrument').values([{ code: 'PS_AGC', label: 'PS AGC', family: 'prestation_service' }, { code: 'FONJEP', label: 'Poste FONJEP', family: 'poste' }]).execute();
		} finally {
			await handle.close();
		}
	}, 60_000);
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	it('funding import refuses a file with an error (exit 1), naming the line and column in French', async () => {
		const bad = file('bad.csv', 'annee;structure;financeur;dispositif;montant;statut\n2025;CS-1;CAF;PS_AGC;douze;versé\n');
		const result = await callMaillage(['funding', 'import', bad], { env });
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('Ligne 2, colonne montant : « douze » : le montant doit être un nombre en euros');
		expect(result.stderr).toMatch(/Fichier refusé/);
		expect(result.stdout).toBe('');
	});

	it('funding import --json accepts a good file; funding export - writes the CSV on stdout', async () => {
		const good = file('good.csv', 'annee;structure;financeur;dispositif;montant;statut;commentaire\n2025;CS-1;CAF;PS_AGC;32 508,08;versé;Solde\n');
		const imported = await callMaillage(['funding', 'import', good, '--json'], { env });
		expect(imported.code).toBe(0);
		expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'accepted', counts: { read: 1, inserted: 1 } });
		expect(imported.stderr).toMatch(/Import réussi : 1 ligne créée/);

		const exported = await callMaillage(['funding', 'export', '-'], { env });
		expect(exported.code).toBe(0);
		expect(exported.stdout.split('\r\n')[1]).toBe('2025;CS-1;CAF;PS_AGC;32508,08;versé;Solde;;Centre social Les Quatre Saisons;CS;;CAF du Nord;PS AGC;non');
		const xlsx = path.join(dir, 'financements.xlsx');
		const toFile = await callMaillage(['funding', 'export', xlsx], { env });
		expect(toFile.code).toBe(0);
		expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
	});

	it('funding postes --dry-run lists the FONJEP name matches and writes nothing; a bad --type exits 2', async () => {
		const posts = file(
			'fonjep.json',
			JSON.stringify([{ id_poste: 'D1', code_tiers: 'CENTRE SOCIAL LES QUATRE SAISONS', raison_sociale: 'CENTRE SOCIAL LES QUATRE SAISONS', montant: 7164, annee: '2023', insee_dep: '59' }])
		);
		const dry = await callMaillage(['funding', 'postes', posts, '--type', 'fonjep', '--dry-run'], { env });
		expect(dry.code).toBe(0);
		expect(dry.stderr).toMatch(/CENTRE SOCIAL LES QUATRE SAISONS \[59\] → Centre social Les Quatre Saisons \(1,00\) : rapproché/);
		expect(dry.stderr).toMatch(/Rien n’a été écrit/);
		const bad = await runMaillage(['funding', 'postes', posts, '--type', 'autre'], { env });
		expect(bad.code).toBe(2);
		expect(bad.stderr).toMatch(/type inconnu : autre/);
	});
});
