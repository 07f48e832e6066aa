/**
 * What a scenario changes against a reference situation (usually the current one): communes and
 * inhabitants newly covered or losing coverage, communes leaving or entering « dépourvue », QPVs
 * reached or lost, accessibility gains, and the difference of every key figure.
 */
import type { CoverageResult } from '../analysis/coverage';
import type { ScenarioFigures } from './figures';
import { qpvReached } from './figures';
import type { ScenarioEvaluation } from './session';

/** Communes (INSEE codes, ascending) with their inhabitants and families. */
export interface CommuneGroup {
	codes: string[];
	population: number;
	/** Sum of the known `needs.familles`; null when none of them is known. */
	families: number | null;
}

/** A scenario against a reference. Populations in inhabitants. */
export interface ScenarioDelta {
	newlyCovered: CommuneGroup;
	noLongerCovered: CommuneGroup;
	/** Communes dépourvues (alone or isolées) in the reference that are not in the scenario. */
	leavingDepourvue: CommuneGroup;
	enteringDepourvue: CommuneGroup;
	/** QPV codes newly reached, and no longer reached; empty when no QPV list was given. */
	qpvReached: string[];
	qpvLost: string[];
	accessibility: {
		/** Change of the population-weighted mean 2SFCA score (per 10,000 inhabitants). */
		meanChange: number | null;
		/** Communes (and inhabitants) whose score rose / fell by more than the tolerance. */
		gained: { communes: number; population: number };
		lost: { communes: number; population: number };
	};
	/** Scenario minus reference, for the numeric key figures. */
	figures: FigureDifferences;
}

/** Differences of the numeric key figures (scenario − reference). */
export interface FigureDifferences {
	coveredPopulation: number;
	coveredCommunes: number;
	shareCovered: number | null;
	coveredFamilies: number | null;
	depourvuesCommunes: number;
	depourvuesPopulation: number;
	qpvReached: number | null;
	structuresCs: number;
	structuresEvs: number;
	accessibilityMean: number | null;
	nearestStructureKmMedian: number | null;
}

/** Relative tolerance under which an accessibility change counts as none (floating-point noise). */
const ACCESS_TOLERANCE = 1e-9;

const isDepourvue = (category: string) => category === 'depourvue' || category === 'depourvue_isolee';

function group(result: CoverageResult, families: Float64Array, indices: number[]): CommuneGroup {
	let population = 0;
	let fam = 0;
	let known = 0;
	for (const i of indices) {
		population += result.communes[i].population;
		if (!Number.isNaN(families[i])) {
			fam += families[i];
			known++;
		}
	}
	const codes = indices.map((i) => result.communes[i].code).sort();
	return { codes, population, families: known > 0 ? fam : null };
}

const minus = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);

/** Differences of the key figures (scenario − reference). */
export function figureDifferences(reference: ScenarioFigures, scenario: ScenarioFigures): FigureDifferences {
	return {
		coveredPopulation: scenario.covered.population - reference.covered.population,
		coveredCommunes: scenario.covered.communes - reference.covered.communes,
		shareCovered: minus(scenario.shareCovered, reference.shareCovered),
		coveredFamilies: minus(scenario.coveredFamilies, reference.coveredFamilies),
		depourvuesCommunes: scenario.depourvues.communes - reference.depourvues.communes,
		depourvuesPopulation: scenario.depourvues.population - reference.depourvues.population,
		qpvReached: minus(scenario.qpv?.reached ?? null, reference.qpv?.reached ?? null),
		structuresCs: scenario.structures.cs - reference.structures.cs,
		structuresEvs: scenario.structures.evs - reference.structures.evs,
		accessibilityMean: minus(scenario.accessibility.mean, reference.accessibility.mean),
		nearestStructureKmMedian: minus(scenario.nearestStructureKm.median, reference.nearestStructureKm.median)
	};
}

/**
 * The delta of `scenario` against `reference`; both must come from the same base (same communes).
 *
 * @param families families per commune (`base.families`)
 */
export function scenarioDelta(reference: ScenarioEvaluation, scenario: ScenarioEvaluation, families: Float64Array): ScenarioDelta {
	const a = reference.result;
	const b = scenario.result;
	if (a.communes.length !== b.communes.length) throw new Error(`scenario and reference differ in communes: ${a.communes.length} ≠ ${b.communes.length}`);
	const newly: number[] = [];
	const lost: number[] = [];
	const leaving: number[] = [];
	const entering: number[] = [];
	let scale = 0;
	for (const c of a.communes) scale = Math.max(scale, Math.abs(c.accessibility));
	for (const c of b.communes) scale = Math.max(scale, Math.abs(c.accessibility));
	const tolerance = scale * ACCESS_TOLERANCE;
	const gained = { communes: 0, population: 0 };
	const fell = { communes: 0, population: 0 };
	for (let i = 0; i < a.communes.length; i++) {
		const before = a.communes[i];
		const after = b.communes[i];
		if (!before.covered && after.covered) newly.push(i);
		else if (before.covered && !after.covered) lost.push(i);
		const wasDep = isDepourvue(before.category);
		const isDep = isDepourvue(after.category);
		if (wasDep && !isDep) leaving.push(i);
		else if (!wasDep && isDep) entering.push(i);
		const change = after.accessibility - before.accessibility;
		if (change > tolerance) {
			gained.communes++;
			gained.population += after.population;
		} else if (change < -tolerance) {
			fell.communes++;
			fell.population += after.population;
		}
	}
	const qpvs = reference.set.context.qpvs ?? [];
	const qpvDistance = (r: CoverageResult) => r.parameters.reinforce.qpvDistanceKm;
	const reachedBefore = qpvReached(reference.set, qpvDistance(a));
	const reachedAfter = qpvReached(scenario.set, qpvDistance(b));
	const qpvNew: string[] = [];
	const qpvLost: string[] = [];
	qpvs.forEach((q, k) => {
		if (!reachedBefore[k] && reachedAfter[k]) qpvNew.push(q.code);
		else if (reachedBefore[k] && !reachedAfter[k]) qpvLost.push(q.code);
	});
	return {
		newlyCovered: group(b, families, newly),
		noLongerCovered: group(b, families, lost),
		leavingDepourvue: group(b, families, leaving),
		enteringDepourvue: group(b, families, entering),
		qpvReached: qpvNew.sort(),
		qpvLost: qpvLost.sort(),
		accessibility: {
			meanChange: minus(scenario.figures.accessibility.mean, reference.figures.accessibility.mean),
			gained,
			lost: fell
		},
		figures: figureDifferences(reference.figures, scenario.figures)
	};
}
