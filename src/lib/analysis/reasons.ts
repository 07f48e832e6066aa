/**
 * Why a commune is in its category: codes with the numbers that led there. The engine returns
 * these; `reasons-fr.ts` turns each into a French sentence.
 *
 * Distances are straight-line km (`distanceKm`); with the `minutes` metric, `minutes` holds the
 * travel time that was compared and `threshold` is in minutes (`unit: 'min'`), otherwise
 * `minutes` is null and `threshold` is in km.
 */
import type { PointId, StructureType } from './types';

/** A distance compared with a threshold. */
export interface DistanceComparison {
	/** Straight-line distance, km. */
	distanceKm: number;
	/** Travel time compared with the threshold (minutes metric), else null. */
	minutes: number | null;
	/** The threshold, in `unit`. */
	threshold: number;
	unit: 'km' | 'min';
}

/** Every reason the engine gives. */
export type CoverageReason =
	| { code: 'zone_competence'; params: { structureId: PointId; structureType: StructureType; others: number } }
	| { code: 'cs_within_radius'; params: DistanceComparison & { structureId: PointId } }
	| { code: 'evs_within_radius'; params: DistanceComparison & { structureId: PointId } }
	| { code: 'cs_beyond_radius'; params: DistanceComparison & { structureId: PointId } }
	| { code: 'evs_beyond_radius'; params: DistanceComparison & { structureId: PointId } }
	| { code: 'no_cs'; params: Record<string, never> }
	| { code: 'no_evs'; params: Record<string, never> }
	| { code: 'coverage_undated'; params: { structureId: PointId; structures: number } }
	| { code: 'pole_beyond_isolation'; params: DistanceComparison & { poleId: PointId } }
	| { code: 'pole_within_isolation'; params: DistanceComparison & { poleId: PointId } }
	| { code: 'no_poles'; params: Record<string, never> }
	| { code: 'low_accessibility'; params: { accessibility: number; threshold: number; quantile: number } }
	| { code: 'high_need'; params: { indicator: string; value: number; threshold: number; quantile: number } }
	| { code: 'need_unknown'; params: { indicators: string } }
	| { code: 'qpv_unserved'; params: { qpvCode: string; population: number; distanceKm: number | null; threshold: number } }
	/** Needs are high, but only an EVS covers the commune: the rule is about a centre social's action. */
	| { code: 'reinforce_evs_only'; params: Record<string, never> };

/** The reason codes. */
export type CoverageReasonCode = CoverageReason['code'];

/** All codes, in the order reasons are listed for a commune. */
export const REASON_CODES = [
	'zone_competence',
	'cs_within_radius',
	'evs_within_radius',
	'cs_beyond_radius',
	'no_cs',
	'evs_beyond_radius',
	'no_evs',
	'coverage_undated',
	'pole_beyond_isolation',
	'pole_within_isolation',
	'no_poles',
	'qpv_unserved',
	'low_accessibility',
	'high_need',
	'need_unknown',
	'reinforce_evs_only'
] as const satisfies readonly CoverageReasonCode[];

/** The facts about one commune that the coverage and isolation reasons are built from. */
export interface CommuneFacts {
	unit: 'km' | 'min';
	radiusCs: number;
	radiusEvs: number;
	isolation: number;
	/** Counted structures whose zone de compétence lists the commune (ids, types, flagged), ascending index. */
	zone: { id: PointId; type: StructureType; flagged: boolean }[];
	cs: { id: PointId; km: number; cost: number; flagged: boolean } | null;
	evs: { id: PointId; km: number; cost: number; flagged: boolean } | null;
	/** Null when there are no poles at all. */
	pole: { id: PointId; km: number; cost: number } | null;
}

/**
 * Whether a counted centre social covers the commune: one lists it in its zone de compétence, or
 * the nearest CS is within the CS radius. The « à renforcer » rule applies only there.
 */
export function isCoveredByCs(facts: CommuneFacts): boolean {
	return facts.zone.some((z) => z.type === 'CS') || (facts.cs !== null && facts.cs.cost <= facts.radiusCs);
}

/**
 * The coverage rule: the commune is in the zone de compétence of a counted structure, or its
 * nearest CS is within the CS radius, or its nearest EVS within the EVS radius (bounds included).
 */
export function isCovered(facts: CommuneFacts): boolean {
	return (
		facts.zone.length > 0 ||
		(facts.cs !== null && facts.cs.cost <= facts.radiusCs) ||
		(facts.evs !== null && facts.evs.cost <= facts.radiusEvs)
	);
}

function comparison(facts: CommuneFacts, km: number, cost: number, threshold: number): DistanceComparison {
	return { distanceKm: km, minutes: facts.unit === 'min' ? cost : null, threshold, unit: facts.unit };
}

/**
 * Coverage reasons: what covers the commune (zone, CS within radius, EVS within radius), or, when
 * nothing does, how far the nearest CS and EVS are; plus `coverage_undated` when every structure
 * cited for coverage lacks agrément dates.
 */
export function coverageReasons(facts: CommuneFacts, covered: boolean): CoverageReason[] {
	const reasons: CoverageReason[] = [];
	const { cs, evs } = facts;
	const csIn = cs !== null && cs.cost <= facts.radiusCs;
	const evsIn = evs !== null && evs.cost <= facts.radiusEvs;
	if (covered) {
		const flags: boolean[] = [];
		if (facts.zone.length > 0) {
			const first = facts.zone[0];
			reasons.push({ code: 'zone_competence', params: { structureId: first.id, structureType: first.type, others: facts.zone.length - 1 } });
			for (const z of facts.zone) flags.push(z.flagged);
		}
		if (csIn) {
			reasons.push({ code: 'cs_within_radius', params: { ...comparison(facts, cs.km, cs.cost, facts.radiusCs), structureId: cs.id } });
			flags.push(cs.flagged);
		}
		if (evsIn) {
			reasons.push({ code: 'evs_within_radius', params: { ...comparison(facts, evs.km, evs.cost, facts.radiusEvs), structureId: evs.id } });
			flags.push(evs.flagged);
		}
		if (flags.length > 0 && flags.every(Boolean)) {
			const id = facts.zone[0]?.id ?? (csIn ? cs.id : evs!.id);
			reasons.push({ code: 'coverage_undated', params: { structureId: id, structures: flags.length } });
		}
		return reasons;
	}
	reasons.push(
		cs ? { code: 'cs_beyond_radius', params: { ...comparison(facts, cs.km, cs.cost, facts.radiusCs), structureId: cs.id } } : { code: 'no_cs', params: {} }
	);
	reasons.push(
		evs
			? { code: 'evs_beyond_radius', params: { ...comparison(facts, evs.km, evs.cost, facts.radiusEvs), structureId: evs.id } }
			: { code: 'no_evs', params: {} }
	);
	return reasons;
}

/** The isolation reason: nearest pole beyond or within the threshold, or no pole at all. */
export function isolationReason(facts: CommuneFacts): CoverageReason {
	const { pole } = facts;
	if (!pole) return { code: 'no_poles', params: {} };
	const params = { ...comparison(facts, pole.km, pole.cost, facts.isolation), poleId: pole.id };
	return pole.cost > facts.isolation ? { code: 'pole_beyond_isolation', params } : { code: 'pole_within_isolation', params };
}
