/**
 * The fictional demo département, generated deterministically from a seed: territory (communes,
 * EPCI, QPV, poles, indicators), structures and their agréments, staff, activity, funding, the
 * accord-cadre, the schéma directeur and committee decisions. Pure: no I/O, no clock, no
 * Math.random; the reference date (« today » for the data) is a parameter.
 *
 * Each step draws from its own random stream (seed mixed with the step's name), so changing one
 * step leaves the others' output unchanged.
 */
import { createRandom, type Random } from '../domain/random';
import { generateParticipation, generateStaffPosts, generateStructureYears } from './activity';
import { generateAgrements } from './agrements';
import { assertIsoDate, yearOf } from './dates';
import { generateEpcis } from './epci';
import { ceilingParameters, generateFunding, generatePartners, INSTRUMENTS, pickEpciPartner } from './funding';
import { generateIndicators } from './indicators';
import { generateAccordCadre, generateCommitteeDecisions, generateSchemaDirecteur } from './pilotage';
import { generateObservatory } from './observatory';
import { generateActivityPoles } from './poles';
import { generateStructures, type StructurePlan } from './structures';
import { generateTerritory } from './territory';
import type { DemoDepartement, DemoRuleDeviation } from './types';
import { generateQpvs, toDemoZone } from './zones';

export type * from './types';
export { DEMO_DEPARTEMENT_CODE, DEMO_DEPARTEMENT_NAME, COMMUNE_COUNT } from './territory';
export { PS_RATES, PS_INSTRUMENT, psAmount, psCeiling, psRate, CEILING_REGIME } from './funding';
export { PROJET_SOCIAL_CRITERIA, PROJET_FAMILLES_CRITERIA } from './agrements';
export { UNDER_COMMITTED_PARTNER } from './pilotage';
export { isLuhnValid } from './identifiers';

/** The default seed (the year of the AVS circular). */
export const DEFAULT_DEMO_SEED = 2012;
/** The default reference date: the data describe the situation on this day. */
export const DEFAULT_REFERENCE_DATE = '2026-06-30';

export interface DemoOptions {
	/** 32-bit integer seed; default {@link DEFAULT_DEMO_SEED}. Same seed and date → deep-equal output. */
	seed?: number;
	/** ISO date `YYYY-MM-DD` the agrément stages and funding statuses are relative to; default {@link DEFAULT_REFERENCE_DATE}. */
	referenceDate?: string;
}

/** A random stream for one step: FNV-1a of the step name mixed into the seed. */
function stream(seed: number, step: string): Random {
	let h = 0x811c9dc5 ^ (seed >>> 0);
	for (let i = 0; i < step.length; i++) {
		h ^= step.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return createRandom(h >>> 0);
}

/**
 * Generates the demo département. Funding covers the four years up to the reference year
 * (earlier years `verse`, the reference year `notifie`); indicators the years N−3 and N−2;
 * observatory figures N−2 and N−1; the schéma directeur N−3 … N+1.
 */
export function generateDemoDepartement(options: DemoOptions = {}): DemoDepartement {
	const seed = options.seed ?? DEFAULT_DEMO_SEED;
	const referenceDate = options.referenceDate ?? DEFAULT_REFERENCE_DATE;
	assertIsoDate(referenceDate);
	const referenceYear = yearOf(referenceDate);
	const fundingYears = [3, 2, 1, 0].map((d) => referenceYear - d);
	const indicatorYears = [referenceYear - 3, referenceYear - 2];
	const activityYears = [referenceYear - 2, referenceYear - 1];

	// Territory.
	const territory = generateTerritory(stream(seed, 'territory'));
	const epcis = generateEpcis(stream(seed, 'epci'), territory);
	const qpvs = generateQpvs(stream(seed, 'zones'), territory);
	const indicators = generateIndicators(
		stream(seed, 'indicators'),
		territory,
		indicatorYears,
		new Set(qpvs.map((q) => q.communeIndex))
	);
	const activityPoles = generateActivityPoles(territory);

	// Structures and their life.
	const plans = generateStructures(stream(seed, 'structures'), territory, epcis, qpvs);
	const { agrements, criteria } = generateAgrements(stream(seed, 'agrements'), plans, referenceDate);
	const staffPosts = generateStaffPosts(stream(seed, 'staff'), plans, referenceDate);
	const participation = generateParticipation(stream(seed, 'participation'), plans, activityYears);
	const structureYears = generateStructureYears(stream(seed, 'structure-years'), plans, activityYears);

	// Funding and steering.
	const epciPartner = pickEpciPartner(plans, epcis, territory);
	const partners = generatePartners(territory, epciPartner);
	const funding = generateFunding(stream(seed, 'funding'), territory, plans, agrements, partners, fundingYears, referenceYear);
	const itinerant = plans.find((p) => p.structure.specificities.includes('itinerant'))!;
	const priorityEpciSiren = territory.communes[itinerant.communeIndex].epciSiren;
	const accordCadre = generateAccordCadre(
		stream(seed, 'accord-cadre'),
		partners,
		funding.fundingLines,
		fundingYears,
		priorityEpciSiren,
		referenceYear
	);
	const schemaDirecteur = generateSchemaDirecteur(partners, plans, structureYears, fundingYears[0], referenceYear);
	const committeeDecisions = generateCommitteeDecisions(
		stream(seed, 'committees'),
		territory,
		plans,
		agrements,
		staffPosts,
		schemaDirecteur.adoptedOn,
		priorityEpciSiren,
		referenceYear
	);
	const observatory = generateObservatory(stream(seed, 'observatory'), {
		plans,
		structureYears,
		participation,
		staffPosts,
		fundingLines: funding.fundingLines,
		instruments: INSTRUMENTS,
		partners,
		years: fundingYears,
		referenceDate
	});
	// The multi-site manager: its structures share one SIRET and carry an establishment suffix.
	for (const e of observatory.establishments) {
		const s = plans.find((p) => p.structure.externalId === e.structureId)!.structure;
		s.siret = e.siret;
		s.establishment = e.establishment;
	}

	return {
		seed,
		referenceDate,
		departement: territory.departement,
		communes: territory.communes,
		epcis,
		zones: qpvs.map(toDemoZone),
		indicators,
		activityPoles,
		structures: plans.map((p) => p.structure),
		agrements,
		criteria,
		staffPosts,
		participation,
		structureYears,
		partners,
		instruments: INSTRUMENTS.map((i) => ({ ...i })),
		fundingLines: funding.fundingLines,
		eligibleExpenses: funding.eligibleExpenses,
		referenceParameters: ceilingParameters(fundingYears),
		// Fictional ZFRR: the rural communes of the CC left with only an itinerant EVS.
		zonageCommunes: territory.communes
			.filter((c) => c.epciSiren === priorityEpciSiren && !c.urban)
			.map((c) => ({ zonage: 'zfrr' as const, communeCode: c.code, validFrom: '2024-07-01', source: 'Liste fictive de démonstration' })),
		accordCadre,
		schemaDirecteur,
		committeeDecisions,
		anomalies: { psMismatches: funding.psMismatches, ruleDeviations: ruleDeviations(plans) },
		observatory
	};
}

/** The demo's deliberate, labelled departures from the agrément rules (see `DemoRuleDeviation`). */
function ruleDeviations(plans: readonly StructurePlan[]): DemoRuleDeviation[] {
	const out: DemoRuleDeviation[] = [];
	for (const { stage, structure } of plans) {
		if (stage === 'acf_refusee') {
			out.push({ structureId: structure.externalId, agrementKind: 'animation_collective_familles', check: 'poste-referent_familles', label: 'Référent familles de niveau 4 : l’agrément ACF est refusé à son renouvellement.' });
		}
		if (structure.type === 'EVS' && structure.managementMode !== 'association') {
			out.push({ structureId: structure.externalId, agrementKind: 'animation_locale', check: 'mode-gestion-evs', label: 'EVS géré par une commune, par dérogation provisoire inscrite dans son agrément.' });
		}
	}
	return out;
}
