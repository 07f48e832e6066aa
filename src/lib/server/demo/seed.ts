/**
 * Writes the fictional demo département (`$lib/demo`) into an empty database, in one
 * transaction, and marks the dataset as `demo` so it never mixes with real data.
 */
import { seedObservatory } from './seed-observatory';
import { insertByCode, insertId, insertRows } from './insert-rows';
import { instrumentValues, partnerValues } from '../db/funding-reference';
import { createDemoAccounts } from '../auth/demo-accounts';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import * as meta from '../db/meta';
import { RejectedDataError } from '../errors';
import { generateDemoDepartement, DEFAULT_DEMO_SEED, DEMO_DEPARTEMENT_CODE, DEMO_DEPARTEMENT_NAME } from '../../demo/index';
import type { DemoDepartement } from '../../demo/index';
import { isPublishedFigure, isPublishedIndicator } from '../../demo/publication';

/** What the UI shows wherever the demo data appear. */
export const DEMO_DEPARTEMENT_LABEL = `${DEMO_DEPARTEMENT_NAME} (${DEMO_DEPARTEMENT_CODE}) — données fictives`;

/** Rows written per table. */
export interface DemoSummary {
	epcis: number;
	communes: number;
	zones: number;
	territorialIndicators: number;
	activityPoles: number;
	structures: number;
	structureZoneCommunes: number;
	agrements: number;
	agrementCriteria: number;
	staffPosts: number;
	participationCounts: number;
	structureYears: number;
	partners: number;
	fundingInstruments: number;
	fundingLines: number;
	eligibleExpenses: number;
	referenceParameters: number;
	accordsCadres: number;
	accordCadreSignatories: number;
	commitments: number;
	schemasDirecteurs: number;
	schemaSignatories: number;
	orientations: number;
	objectives: number;
	indicators: number;
	indicatorTargets: number;
	indicatorValues: number;
	committeeDecisions: number;
	/** Demo accounts, one per role (see README). */
	users: number;
}

export interface SeedDemoOptions {
	/** ISO date the demo describes (agrément stages, funding statuses); default: today in Paris. */
	referenceDate?: string;
	/** Generator seed; default the generator's. */
	seed?: number;
	/** Told as each step starts (the first-start page shows it). */
	onStep?: (step: DemoStep) => void;
}

/** The steps of `seedDemo`, in order. */
export const DEMO_STEPS = ['generation', 'territoire', 'structures', 'financements', 'pilotage', 'comptes'] as const;
export type DemoStep = (typeof DEMO_STEPS)[number];

/** Today's date in Paris as `YYYY-MM-DD`. */
export function todayInParis(now: Date = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

const json = (value: unknown) => JSON.stringify(value);

/** The demo goes only into a pristine database (same rule as the app's start and `db seed-demo`). */
async function assertPristine(trx: Transaction<Database>): Promise<void> {
	if ((await meta.datasetKind(trx)) === 'real') {
		throw new RejectedDataError('La base est réservée aux données réelles : le département de démonstration ne peut pas y être chargé.');
	}
	const inUse = await meta.inUseReasons(trx);
	if (inUse.length > 0) {
		throw new RejectedDataError(`La base contient déjà ${inUse.join(', ')} : le département de démonstration ne se charge que dans une base vierge.`);
	}
}

/**
 * Generates the demo département and writes it in one transaction. Refuses (RejectedDataError,
 * nothing written) unless the database is pristine (`meta.inUseReasons`).
 */
export async function seedDemo(db: Kysely<Database>, options: SeedDemoOptions = {}): Promise<DemoSummary> {
	const step = options.onStep ?? (() => {});
	step('generation');
	const demo = generateDemoDepartement({
		seed: options.seed ?? DEFAULT_DEMO_SEED,
		referenceDate: options.referenceDate ?? todayInParis()
	});
	return db.transaction().execute(async (trx) => {
		await assertPristine(trx);
		step('territoire');
		const summary = await writeTerritory(trx, demo);
		step('structures');
		const structureIds = await writeStructures(trx, demo, summary);
		step('financements');
		const refs = await writeFunding(trx, demo, structureIds, summary);
		step('pilotage');
		await writePilotage(trx, demo, structureIds, refs, summary);
		step('comptes');
		(summary as DemoSummary).users = await createDemoAccounts(trx);
		await meta.set(trx, 'dataset', 'demo');
		await meta.set(trx, 'demo_seed', String(demo.seed));
		await meta.set(trx, 'demo_reference_date', demo.referenceDate);
		await meta.set(trx, 'departement_code', demo.departement.code);
		await meta.set(trx, 'departement_name', demo.departement.name);
		return summary as DemoSummary;
	});
}

async function writeTerritory(trx: Transaction<Database>, demo: DemoDepartement): Promise<Partial<DemoSummary>> {
	await insertRows(trx, 'epci', demo.epcis, (e) => ({ siren: e.siren, name: e.name, nature: e.nature, geometry: json(e.geometry), display_geometry: json(e.displayGeometry) }));
	await insertRows(trx, 'commune', demo.communes, (c) => ({
		code: c.code,
		name: c.name,
		departement_code: demo.departement.code,
		epci_siren: c.epciSiren,
		population: c.population,
		population_year: c.populationYear,
		area_km2: c.areaKm2,
		geometry: json(c.geometry),
		display_geometry: json(c.displayGeometry),
		ref_lon: c.refPoint[0],
		ref_lat: c.refPoint[1],
		ref_point_source: 'centroid' as const,
		urban: c.urban
	}));
	await insertRows(trx, 'zone', demo.zones, (z) => ({
		kind: z.kind,
		code: z.code,
		name: z.name,
		commune_codes: json(z.communeCodes),
		population: z.population,
		geometry: json(z.geometry),
		display_geometry: json(z.geometry),
		ref_lon: z.refPoint[0],
		ref_lat: z.refPoint[1],
		generation: z.generation,
		valid_from: z.validFrom
	}));
	await insertRows(trx, 'zonage_commune', demo.zonageCommunes, (z) => ({ zonage: z.zonage, commune_code: z.communeCode, valid_from: z.validFrom, valid_until: null, source: z.source, import_log_id: null }));
	await insertRows(trx, 'territorial_indicator', demo.indicators, (i) => ({ territory_kind: i.territoryKind, territory_code: i.territoryCode, year: i.year, key: i.key, value: i.value, source: i.source }));
	await insertRows(trx, 'activity_pole', demo.activityPoles, (p) => ({
		commune_code: p.communeCode,
		name: p.name,
		type: p.type,
		lon: p.point[0],
		lat: p.point[1],
		location_approximate: p.locationApproximate
	}));
	return {
		epcis: demo.epcis.length,
		communes: demo.communes.length,
		zones: demo.zones.length,
		territorialIndicators: demo.indicators.length,
		activityPoles: demo.activityPoles.length
	};
}

/** Writes structures and what hangs off them; returns external id → database id. */
async function writeStructures(
	trx: Transaction<Database>,
	demo: DemoDepartement,
	summary: Partial<DemoSummary>
): Promise<Map<string, number>> {
	const inserted = await trx
		.insertInto('structure')
		.values(
			demo.structures.map((s) => ({
				external_id: s.externalId,
				siret: s.siret,
				establishment: s.establishment ?? null,
				name: s.name,
				type: s.type,
				commune_code: s.communeCode,
				address: s.address,
				lon: s.point[0],
				lat: s.point[1],
				location_approximate: false,
				manager_name: s.managerName,
				manager_siren: s.managerSiren,
				management_mode: s.managementMode,
				first_agrement_date: s.firstAgrementDate,
				projet_familles: s.projetFamilles,
				federation_member: s.federationMember,
				territory_type: s.territoryType,
				territory_size: s.territorySize,
				specificities: json(s.specificities),
				closed_on: null
			}))
		)
		.returning(['id', 'external_id'])
		.execute();
	const ids = new Map(inserted.map((r) => [r.external_id!, r.id]));
	const idOf = (externalId: string) => {
		const id = ids.get(externalId);
		if (id === undefined) throw new Error(`unknown demo structure: ${externalId}`);
		return id;
	};

	const zoneRows = demo.structures.flatMap((s) =>
		s.zoneCommuneCodes.map((code) => ({ structure_id: idOf(s.externalId), commune_code: code }))
	);
	await insertRows(trx, 'structure_zone_commune', zoneRows);

	const agrementRows = await trx
		.insertInto('agrement')
		.values(
			demo.agrements.map((a) => ({
				structure_id: idOf(a.structureId),
				kind: a.kind,
				start_date: a.startDate,
				end_date: a.endDate,
				is_first: a.isFirst,
				decision: a.decision,
				decision_date: a.decisionDate,
				duration_exception: a.durationException,
				comment: a.comment
			}))
		)
		.returning(['id', 'structure_id', 'kind', 'start_date'])
		.execute();
	const externalOf = new Map([...ids].map(([external, id]) => [id, external]));
	const agrementIds = new Map(
		agrementRows.map((r) => [`${externalOf.get(r.structure_id)}/${r.kind}/${r.start_date}`, r.id])
	);
	const criteria = demo.criteria.map((c) => {
		const agrementId = agrementIds.get(c.agrementKey);
		if (agrementId === undefined) throw new Error(`unknown demo agrément: ${c.agrementKey}`);
		return { agrement_id: agrementId, framework: c.framework, criterion: c.criterion, status: c.status, comment: c.comment };
	});
	await insertRows(trx, 'agrement_criterion', criteria);

	await insertRows(trx, 'staff_post', demo.staffPosts, (p) => ({
		structure_id: idOf(p.structureId),
		kind: p.kind,
		etp: p.etp,
		qualification_level: p.qualificationLevel,
		vacant_from: p.vacantFrom,
		vacant_until: p.vacantUntil,
		start_date: p.startDate,
		end_date: p.endDate,
		holder: p.holder
	}));
	await insertRows(trx, 'participation_count', demo.participation, (p) => ({ structure_id: idOf(p.structureId), year: p.year, level: p.level, count: p.count }));
	// The yearly observatory data: four years of every SENACS section (issue 15).
	const observatory = await seedObservatory(trx, demo, idOf);

	Object.assign(summary, {
		structures: inserted.length,
		structureZoneCommunes: zoneRows.length,
		agrements: agrementRows.length,
		agrementCriteria: criteria.length,
		staffPosts: demo.staffPosts.length,
		participationCounts: observatory.participationCounts,
		structureYears: observatory.structureYears
	});
	return ids;
}

interface FundingRefs {
	partnerIds: Map<string, number>;
	instrumentIds: Map<string, number>;
}

/**
 * Partners and instruments are matched by code: an administrator may have created some before
 * loading data (e.g. to attach user accounts to partners); existing rows are reused, not duplicated.
 */
async function writeFunding(
	trx: Transaction<Database>,
	demo: DemoDepartement,
	structureIds: Map<string, number>,
	summary: Partial<DemoSummary>
): Promise<FundingRefs> {
	const referenceYear = Number(demo.referenceDate.slice(0, 4));
	const refs: FundingRefs = {
		partnerIds: await insertByCode(trx, 'partner', demo.partners.map(partnerValues)),
		instrumentIds: await insertByCode(trx, 'funding_instrument', demo.instruments.map(instrumentValues))
	};
	const lookup = (map: Map<string, number>, key: string) => {
		const id = map.get(key);
		if (id === undefined) throw new Error(`unknown demo reference: ${key}`);
		return id;
	};

	await insertRows(trx, 'funding_line', demo.fundingLines, (l) => ({
		structure_id: lookup(structureIds, l.structureId),
		partner_id: lookup(refs.partnerIds, l.partnerCode),
		instrument_id: lookup(refs.instrumentIds, l.instrumentCode),
		year: l.year,
		amount: l.amount,
		status: l.status,
		comment: l.comment,
		published: isPublishedFigure(l, referenceYear)
	}));
	await insertRows(trx, 'eligible_expense', demo.eligibleExpenses, (e) => ({
		structure_id: lookup(structureIds, e.structureId),
		instrument_id: lookup(refs.instrumentIds, e.instrumentCode),
		year: e.year,
		amount: e.amount
	}));
	await trx
		.insertInto('reference_parameter')
		.values(
			demo.referenceParameters.map((p) => ({
				key: p.key,
				valid_from: p.validFrom,
				valid_until: p.validUntil,
				value: json(p.value),
				unit: p.unit,
				regime: p.regime,
				source: p.source,
				comment: p.comment
			}))
		)
		.onConflict((oc) => oc.columns(['key', 'valid_from']).doNothing())
		.execute();

	Object.assign(summary, {
		partners: demo.partners.length,
		fundingInstruments: demo.instruments.length,
		fundingLines: demo.fundingLines.length,
		eligibleExpenses: demo.eligibleExpenses.length,
		referenceParameters: demo.referenceParameters.length
	});
	return refs;
}

async function writePilotage(
	trx: Transaction<Database>,
	demo: DemoDepartement,
	structureIds: Map<string, number>,
	refs: FundingRefs,
	summary: Partial<DemoSummary>
): Promise<void> {
	const partnerId = (code: string) => refs.partnerIds.get(code)!;
	const referenceYear = Number(demo.referenceDate.slice(0, 4));

	// Accord-cadre.
	const ac = demo.accordCadre;
	const accordId = await insertId(trx, 'accord_cadre', { name: ac.name, start_year: ac.startYear, end_year: ac.endYear, signed_on: ac.signedOn });
	await insertRows(trx, 'accord_cadre_signatory', ac.signatoryCodes, (code) => ({ accord_cadre_id: accordId, partner_id: partnerId(code) }));
	await insertRows(trx, 'commitment', ac.commitments, (c) => ({
		accord_cadre_id: accordId,
		partner_id: partnerId(c.partnerCode),
		year: c.year,
		kind: c.kind,
		value: c.value,
		epci_siren: c.epciSiren,
		instrument_id: c.instrumentCode ? refs.instrumentIds.get(c.instrumentCode)! : null,
		comment: c.comment,
		published: isPublishedFigure(c, referenceYear)
	}));

	// Schéma directeur: orientations → objectives → indicators → targets and values.
	const sd = demo.schemaDirecteur;
	const schemaId = await insertId(trx, 'schema_directeur', { name: sd.name, start_year: sd.startYear, end_year: sd.endYear, adopted_on: sd.adoptedOn });
	await insertRows(trx, 'schema_signatory', sd.signatoryCodes, (code) => ({ schema_id: schemaId, partner_id: partnerId(code) }));
	let objectives = 0;
	let indicators = 0;
	let targets = 0;
	let values = 0;
	for (const o of sd.orientations) {
		const orientationId = await insertId(trx, 'orientation', { schema_id: schemaId, position: o.position, title: o.title });
		for (const obj of o.objectives) {
			objectives++;
			const objectiveId = await insertId(trx, 'objective', { orientation_id: orientationId, position: obj.position, title: obj.title, description: obj.description });
			for (const ind of obj.indicators) {
				indicators++;
				const indicatorId = await insertId(trx, 'indicator', {
					objective_id: objectiveId,
					label: ind.label,
					unit: ind.unit,
					computation: ind.computation,
					baseline_year: ind.baselineYear,
					baseline_value: ind.baselineValue,
					higher_is_better: ind.higherIsBetter,
					source: ind.source,
					// What partners and observers see: `$lib/demo/publication.ts`.
					published: isPublishedIndicator(ind)
				});
				await insertRows(trx, 'indicator_target', ind.targets, (t) => ({ indicator_id: indicatorId, year: t.year, target: t.target }));
				await insertRows(trx, 'indicator_value', ind.values, (v) => ({ indicator_id: indicatorId, year: v.year, value: v.value, source: v.source }));
				targets += ind.targets.length;
				values += ind.values.length;
			}
		}
	}

	await insertRows(trx, 'committee_decision', demo.committeeDecisions, (d) => ({
		decided_on: d.decidedOn,
		body: d.body,
		decision: d.decision,
		commune_codes: json(d.communeCodes),
		structure_ids: json(d.structureIds.map((id) => structureIds.get(id)!))
	}));

	Object.assign(summary, {
		accordsCadres: 1,
		accordCadreSignatories: ac.signatoryCodes.length,
		commitments: ac.commitments.length,
		schemasDirecteurs: 1,
		schemaSignatories: sd.signatoryCodes.length,
		orientations: sd.orientations.length,
		objectives,
		indicators,
		indicatorTargets: targets,
		indicatorValues: values,
		committeeDecisions: demo.committeeDecisions.length
	});
}
