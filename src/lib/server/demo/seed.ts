/**
 * Writes the fictional demo département (`$lib/demo`) into an empty database, in one
 * transaction, and marks the dataset as `demo` so it never mixes with real data.
 */
import { seedObservatory } from './seed-observatory';
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

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for our widest tables. */
const CHUNK = 400;

/** Today's date in Paris as `YYYY-MM-DD`. */
export function todayInParis(now: Date = new Date()): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
	for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
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
	await trx
		.insertInto('epci')
		.values(
			demo.epcis.map((e) => ({
				siren: e.siren,
				name: e.name,
				nature: e.nature,
				geometry: json(e.geometry),
				display_geometry: json(e.displayGeometry)
			}))
		)
		.execute();
	await insertChunked(demo.communes, (chunk) =>
		trx
			.insertInto('commune')
			.values(
				chunk.map((c) => ({
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
				}))
			)
			.execute()
	);
	await trx
		.insertInto('zone')
		.values(
			demo.zones.map((z) => ({
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
			}))
		)
		.execute();
	await insertChunked(demo.zonageCommunes, (chunk) =>
		trx
			.insertInto('zonage_commune')
			.values(chunk.map((z) => ({ zonage: z.zonage, commune_code: z.communeCode, valid_from: z.validFrom, valid_until: null, source: z.source, import_log_id: null })))
			.execute()
	);
	await insertChunked(demo.indicators, (chunk) =>
		trx
			.insertInto('territorial_indicator')
			.values(
				chunk.map((i) => ({
					territory_kind: i.territoryKind,
					territory_code: i.territoryCode,
					year: i.year,
					key: i.key,
					value: i.value,
					source: i.source
				}))
			)
			.execute()
	);
	await trx
		.insertInto('activity_pole')
		.values(
			demo.activityPoles.map((p) => ({
				commune_code: p.communeCode,
				name: p.name,
				type: p.type,
				lon: p.point[0],
				lat: p.point[1],
				location_approximate: p.locationApproximate
			}))
		)
		.execute();
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
	await insertChunked(zoneRows, (chunk) => trx.insertInto('structure_zone_commune').values(chunk).execute());

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
	await insertChunked(criteria, (chunk) => trx.insertInto('agrement_criterion').values(chunk).execute());

	await trx
		.insertInto('staff_post')
		.values(
			demo.staffPosts.map((p) => ({
				structure_id: idOf(p.structureId),
				kind: p.kind,
				etp: p.etp,
				qualification_level: p.qualificationLevel,
				vacant_from: p.vacantFrom,
				vacant_until: p.vacantUntil,
				start_date: p.startDate,
				end_date: p.endDate,
				holder: p.holder
			}))
		)
		.execute();
	await insertChunked(demo.participation, (chunk) =>
		trx
			.insertInto('participation_count')
			.values(chunk.map((p) => ({ structure_id: idOf(p.structureId), year: p.year, level: p.level, count: p.count })))
			.execute()
	);
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
	await trx
		.insertInto('partner')
		.values(demo.partners.map((p) => ({ code: p.code, name: p.name, kind: p.kind, territory_code: p.territoryCode })))
		.onConflict((oc) => oc.column('code').doNothing())
		.execute();
	const partners = await trx
		.selectFrom('partner')
		.select(['id', 'code'])
		.where('code', 'in', demo.partners.map((p) => p.code))
		.execute();
	await trx
		.insertInto('funding_instrument')
		.values(
			demo.instruments.map((i) => ({
				code: i.code,
				label: i.label,
				family: i.family,
				partner_kind: i.partnerKind,
				valid_from: i.validFrom,
				valid_until: i.validUntil
			}))
		)
		.onConflict((oc) => oc.column('code').doNothing())
		.execute();
	const instruments = await trx
		.selectFrom('funding_instrument')
		.select(['id', 'code'])
		.where('code', 'in', demo.instruments.map((i) => i.code))
		.execute();
	const refs: FundingRefs = {
		partnerIds: new Map(partners.map((p) => [p.code, p.id])),
		instrumentIds: new Map(instruments.map((i) => [i.code, i.id]))
	};
	const lookup = (map: Map<string, number>, key: string) => {
		const id = map.get(key);
		if (id === undefined) throw new Error(`unknown demo reference: ${key}`);
		return id;
	};

	await insertChunked(demo.fundingLines, (chunk) =>
		trx
			.insertInto('funding_line')
			.values(
				chunk.map((l) => ({
					structure_id: lookup(structureIds, l.structureId),
					partner_id: lookup(refs.partnerIds, l.partnerCode),
					instrument_id: lookup(refs.instrumentIds, l.instrumentCode),
					year: l.year,
					amount: l.amount,
					status: l.status,
					comment: l.comment,
					published: isPublishedFigure(l, referenceYear)
				}))
			)
			.execute()
	);
	await insertChunked(demo.eligibleExpenses, (chunk) =>
		trx
			.insertInto('eligible_expense')
			.values(
				chunk.map((e) => ({
					structure_id: lookup(structureIds, e.structureId),
					instrument_id: lookup(refs.instrumentIds, e.instrumentCode),
					year: e.year,
					amount: e.amount
				}))
			)
			.execute()
	);
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
	const { id: accordId } = await trx
		.insertInto('accord_cadre')
		.values({ name: ac.name, start_year: ac.startYear, end_year: ac.endYear, signed_on: ac.signedOn })
		.returning('id')
		.executeTakeFirstOrThrow();
	await trx
		.insertInto('accord_cadre_signatory')
		.values(ac.signatoryCodes.map((code) => ({ accord_cadre_id: accordId, partner_id: partnerId(code) })))
		.execute();
	await trx
		.insertInto('commitment')
		.values(
			ac.commitments.map((c) => ({
				accord_cadre_id: accordId,
				partner_id: partnerId(c.partnerCode),
				year: c.year,
				kind: c.kind,
				value: c.value,
				epci_siren: c.epciSiren,
				instrument_id: c.instrumentCode ? refs.instrumentIds.get(c.instrumentCode)! : null,
				comment: c.comment,
				published: isPublishedFigure(c, referenceYear)
			}))
		)
		.execute();

	// Schéma directeur: orientations → objectives → indicators → targets and values.
	const sd = demo.schemaDirecteur;
	const { id: schemaId } = await trx
		.insertInto('schema_directeur')
		.values({ name: sd.name, start_year: sd.startYear, end_year: sd.endYear, adopted_on: sd.adoptedOn })
		.returning('id')
		.executeTakeFirstOrThrow();
	await trx
		.insertInto('schema_signatory')
		.values(sd.signatoryCodes.map((code) => ({ schema_id: schemaId, partner_id: partnerId(code) })))
		.execute();
	let objectives = 0;
	let indicators = 0;
	let targets = 0;
	let values = 0;
	for (const o of sd.orientations) {
		const { id: orientationId } = await trx
			.insertInto('orientation')
			.values({ schema_id: schemaId, position: o.position, title: o.title })
			.returning('id')
			.executeTakeFirstOrThrow();
		for (const obj of o.objectives) {
			objectives++;
			const { id: objectiveId } = await trx
				.insertInto('objective')
				.values({ orientation_id: orientationId, position: obj.position, title: obj.title, description: obj.description })
				.returning('id')
				.executeTakeFirstOrThrow();
			for (const ind of obj.indicators) {
				indicators++;
				const { id: indicatorId } = await trx
					.insertInto('indicator')
					.values({
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
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				if (ind.targets.length) {
					await trx
						.insertInto('indicator_target')
						.values(ind.targets.map((t) => ({ indicator_id: indicatorId, year: t.year, target: t.target })))
						.execute();
					targets += ind.targets.length;
				}
				if (ind.values.length) {
					await trx
						.insertInto('indicator_value')
						.values(ind.values.map((v) => ({ indicator_id: indicatorId, year: v.year, value: v.value, source: v.source })))
						.execute();
					values += ind.values.length;
				}
			}
		}
	}

	await trx
		.insertInto('committee_decision')
		.values(
			demo.committeeDecisions.map((d) => ({
				decided_on: d.decidedOn,
				body: d.body,
				decision: d.decision,
				commune_codes: json(d.communeCodes),
				structure_ids: json(d.structureIds.map((id) => structureIds.get(id)!))
			}))
		)
		.execute();

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
