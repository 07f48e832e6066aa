/**
 * A tiny hand-made département for the repository tests: every figure the tests expect can be
 * recomputed by hand from this file. « Today » is 2026-03-15.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/lib/server/db/schema';

export const TODAY = '2026-03-15';

export const EPCI = { val: '200000001', ville: '200000002' } as const;

export interface FixtureIds {
	structures: { A: number; B: number; C: number; D: number; E: number };
	partners: { caf: number; cd: number; commune: number };
	instruments: { psAgc: number; subCd: number };
	accordCadre: number;
	schema: number;
}

const point = { ref_lon: 2.35, ref_lat: 48.85 };

/**
 * Inserts the fixture. Population: 20 000 + 5 000 + 3 000 + (unknown) + 2 000 = 30 000.
 * Open on TODAY: CS A, CS B, CS E, EVS C (EVS D closed on 2025-01-01).
 */
export async function insertFixture(db: Kysely<Database>): Promise<FixtureIds> {
	await db
		.insertInto('epci')
		.values([
			{ siren: EPCI.val, name: 'CC du Val', nature: 'CC' },
			{ siren: EPCI.ville, name: 'CA de la Ville', nature: 'CA' }
		])
		.execute();
	await db
		.insertInto('commune')
		.values([
			{ code: '00001', name: 'Ville-Centre', departement_code: '00', epci_siren: EPCI.ville, population: 20000, population_year: 2021, ...point },
			{ code: '00002', name: 'Saint-Éloi', departement_code: '00', epci_siren: EPCI.val, population: 5000, population_year: 2021, ...point },
			{ code: '00003', name: "L'Étang", departement_code: '00', epci_siren: EPCI.val, population: 3000, population_year: 2021, ...point },
			{ code: '00004', name: 'ÉCOUEN-LE-BAS', departement_code: '00', epci_siren: null, population: null, population_year: null, ...point },
			{ code: '00005', name: 'Hameau', departement_code: '00', epci_siren: EPCI.ville, population: 2000, population_year: 2020, ...point }
		])
		.execute();
	await db
		.insertInto('zone')
		.values([
			{ kind: 'qpv', code: 'QN00001', name: 'Quartier des Tilleuls', commune_codes: JSON.stringify(['00001']) },
			{ kind: 'iris', code: '000010101', name: 'Iris 1', commune_codes: JSON.stringify(['00001']) }
		])
		.execute();

	const structure = (name: string, type: 'CS' | 'EVS', commune_code: string, management_mode: string | null, closed_on: string | null = null) => ({
		name,
		type,
		commune_code,
		management_mode,
		closed_on,
		lon: 2.35,
		lat: 48.85,
		manager_name: `Gestionnaire ${name}`,
		specificities: JSON.stringify(name === 'Centre A' ? ['itinerant'] : [])
	});
	const inserted = await db
		.insertInto('structure')
		.values([
			structure('Centre A', 'CS', '00001', 'association'),
			structure('Centre B', 'CS', '00001', 'commune'),
			structure('Espace C', 'EVS', '00002', 'association'),
			structure('Espace D', 'EVS', '00003', 'association', '2025-01-01'),
			structure('Centre E', 'CS', '00004', null)
		])
		.returning(['id', 'name'])
		.execute();
	const id = (name: string) => inserted.find((s) => s.name === name)!.id;
	const S = { A: id('Centre A'), B: id('Centre B'), C: id('Espace C'), D: id('Espace D'), E: id('Centre E') };

	await db
		.insertInto('structure_zone_commune')
		.values([
			{ structure_id: S.A, commune_code: '00001' },
			{ structure_id: S.A, commune_code: '00005' },
			{ structure_id: S.C, commune_code: '00002' }
		])
		.execute();

	await db
		.insertInto('agrement')
		.values([
			// A: ends within 6 months, not renewed → to renew
			{ structure_id: S.A, kind: 'animation_globale', start_date: '2022-06-01', end_date: '2026-05-31', is_first: false },
			{ structure_id: S.A, kind: 'animation_collective_familles', start_date: '2022-06-01', end_date: '2026-05-31' },
			{ structure_id: S.A, kind: 'animation_globale', start_date: '2018-06-01', end_date: '2022-05-31', is_first: true },
			// B: ends within 6 months but a renewal is under instruction → not to renew
			{ structure_id: S.B, kind: 'animation_globale', start_date: '2022-07-01', end_date: '2026-06-30' },
			{ structure_id: S.B, kind: 'animation_globale', start_date: '2026-07-01', end_date: '2030-06-30', decision: 'en_instruction' },
			// C: running long
			{ structure_id: S.C, kind: 'animation_locale', start_date: '2025-01-01', end_date: '2028-12-31', is_first: true },
			// D: closed structure, its agrément would end soon but does not count
			{ structure_id: S.D, kind: 'animation_locale', start_date: '2022-04-02', end_date: '2026-04-01' },
			// E: ends exactly 6 months after TODAY → inside the window; a refused one before
			{ structure_id: S.E, kind: 'animation_globale', start_date: '2025-09-16', end_date: '2026-09-15', is_first: true },
			{ structure_id: S.E, kind: 'animation_globale', start_date: '2024-01-01', end_date: '2024-12-31', decision: 'refuse' }
		])
		.execute();

	await db
		.insertInto('staff_post')
		.values([
			{ structure_id: S.A, kind: 'directeur', etp: 1, vacant_from: '2026-01-01' },
			{ structure_id: S.A, kind: 'referent_familles', etp: 0.8 },
			{ structure_id: S.B, kind: 'directeur', etp: 1 },
			{ structure_id: S.B, kind: 'referent_familles', etp: 0.5, vacant_from: '2025-01-01', vacant_until: '2025-06-30' },
			{ structure_id: S.D, kind: 'directeur', etp: 1, vacant_from: '2024-06-01' },
			{ structure_id: S.E, kind: 'directeur', etp: 1, vacant_from: '2026-03-01', vacant_until: TODAY },
			{ structure_id: S.E, kind: 'autre', etp: 1, vacant_from: '2026-01-01' }
		])
		.execute();

	const partners = await db
		.insertInto('partner')
		.values([
			{ code: 'CAF', name: 'CAF du département', kind: 'caf' },
			{ code: 'CD', name: 'Conseil départemental', kind: 'departement' },
			{ code: 'C00001', name: 'Commune de Ville-Centre', kind: 'commune', territory_code: '00001' }
		])
		.returning(['id', 'code'])
		.execute();
	const P = {
		caf: partners.find((p) => p.code === 'CAF')!.id,
		cd: partners.find((p) => p.code === 'CD')!.id,
		commune: partners.find((p) => p.code === 'C00001')!.id
	};
	const instruments = await db
		.insertInto('funding_instrument')
		.values([
			{ code: 'PS_AGC', label: 'Prestation de service AGC', family: 'prestation_service', partner_kind: 'caf' },
			{ code: 'SUB_CD', label: 'Subvention du Département', family: 'subvention', partner_kind: 'departement' }
		])
		.returning(['id', 'code'])
		.execute();
	const I = {
		psAgc: instruments.find((i) => i.code === 'PS_AGC')!.id,
		subCd: instruments.find((i) => i.code === 'SUB_CD')!.id
	};
	await db
		.insertInto('funding_line')
		.values([
			{ structure_id: S.A, partner_id: P.caf, instrument_id: I.psAgc, year: 2026, amount: 100000, status: 'verse' },
			{ structure_id: S.B, partner_id: P.caf, instrument_id: I.psAgc, year: 2026, amount: 50000, status: 'notifie' },
			{ structure_id: S.C, partner_id: P.cd, instrument_id: I.subCd, year: 2026, amount: 10000, status: 'previsionnel' },
			{ structure_id: S.A, partner_id: P.cd, instrument_id: I.subCd, year: 2026, amount: 2000.5, status: 'verse' },
			{ structure_id: S.A, partner_id: P.caf, instrument_id: I.psAgc, year: 2025, amount: 90000, status: 'verse' }
		])
		.execute();

	const accord = await db
		.insertInto('accord_cadre')
		.values({ name: 'Accord-cadre 2025-2026', start_year: 2025, end_year: 2026, signed_on: '2024-12-10' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('accord_cadre_signatory')
		.values([
			{ accord_cadre_id: accord.id, partner_id: P.caf },
			{ accord_cadre_id: accord.id, partner_id: P.cd }
		])
		.execute();
	await db
		.insertInto('commitment')
		.values([
			{ accord_cadre_id: accord.id, partner_id: P.caf, year: 2025, kind: 'montant', value: 100000 },
			{ accord_cadre_id: accord.id, partner_id: P.caf, year: 2026, kind: 'montant', value: 160000 },
			{ accord_cadre_id: accord.id, partner_id: P.cd, year: 2026, kind: 'montant', value: 8000, epci_siren: EPCI.val },
			{ accord_cadre_id: accord.id, partner_id: P.cd, year: 2026, kind: 'structures_financees', value: 3 },
			{ accord_cadre_id: accord.id, partner_id: P.cd, year: 2026, kind: 'creations_prioritaires', value: 1 }
		])
		.execute();

	const schema = await db
		.insertInto('schema_directeur')
		.values({ name: 'Schéma directeur 2025-2028', start_year: 2025, end_year: 2028, adopted_on: '2025-02-01' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db.insertInto('schema_signatory').values({ schema_id: schema.id, partner_id: P.caf }).execute();
	const orientations = await db
		.insertInto('orientation')
		.values([
			{ schema_id: schema.id, position: 2, title: 'Soutenir les structures' },
			{ schema_id: schema.id, position: 1, title: 'Couvrir le territoire' }
		])
		.returning(['id', 'position'])
		.execute();
	const o1 = orientations.find((o) => o.position === 1)!.id;
	const objective = await db
		.insertInto('objective')
		.values({ orientation_id: o1, position: 1, title: 'Créer des EVS en territoire dépourvu', description: null })
		.returning('id')
		.executeTakeFirstOrThrow();
	const indicator = await db
		.insertInto('indicator')
		.values({ objective_id: objective.id, label: 'EVS créés', unit: 'structures', baseline_year: 2024, baseline_value: 0 })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('indicator_target')
		.values([
			{ indicator_id: indicator.id, year: 2026, target: 2 },
			{ indicator_id: indicator.id, year: 2025, target: 1 }
		])
		.execute();
	await db.insertInto('indicator_value').values({ indicator_id: indicator.id, year: 2025, value: 1, source: 'CAF' }).execute();
	await db
		.insertInto('committee_decision')
		.values([
			{ decided_on: '2025-03-01', body: 'comite_pilotage', decision: 'Adoption du schéma', commune_codes: JSON.stringify([]), structure_ids: JSON.stringify([]) },
			{ decided_on: '2025-10-01', body: 'comite_technique', decision: 'Appel à projets EVS', commune_codes: JSON.stringify(['00003']), structure_ids: JSON.stringify([S.C]) }
		])
		.execute();

	return { structures: S, partners: P, instruments: I, accordCadre: accord.id, schema: schema.id };
}
