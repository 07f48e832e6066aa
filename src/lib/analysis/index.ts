/**
 * Coverage-gap analysis: dépourvues, isolées, à renforcer, 2SFCA accessibility. Pure TypeScript,
 * the same in Node and in the browser. See README.md for units, invariants and complexity.
 */
export type { CoverageCommune, CoverageInput, CoveragePole, CoverageQpv, CoverageStructure, PointId, StructureType, TravelTime } from './types';
export {
	DEFAULT_COVERAGE_OPTIONS,
	DEFAULT_NEED_INDICATORS,
	activeThresholds,
	isIsoDate,
	resolveCoverageOptions,
	type ActiveThresholds,
	type CoverageOptions,
	type CoverageOptionsInput,
	type DemandOption,
	type DistanceMetric,
	type NeedIndicator,
	type ReinforceOptions
} from './options';
export { EARTH_RADIUS_KM, haversineKm } from './distance';
export { createPointSearch, type NearestHit, type PointSearch } from './point-index';
export { estimateMinutes, kmForMinutes } from './travel-time';
export { agrementStatus, type AgrementStatus, type StructureStatus } from './agrement';
export { buildCoverageContext, communesWithinKm, type CoverageContext } from './context';
export { buildStructureSet, type StructureSet } from './structure-set';
export { nearestToQpvs, qpvDistanceKm } from './qpv-nearest';
export { distanceToQpvShapeKm, insideQpvShape, prepareQpvShape, type QpvShape } from './qpv-shape';
export { csCoveringCommune } from './reinforce-cs';
export { ACCESSIBILITY_PER, gaussianDecay } from './accessibility';
export { COVERAGE_CATEGORIES, categoryOf, type CoverageCategory } from './category';
export { analyzeCoverage, computeCoverage, type CommuneCoverage, type CoverageResult } from './coverage';
export type { CountAndPopulation, CoverageSummary, WeightedSpread } from './summary';
export { weightedQuantile, weightedQuantiles, unweightedQuantile } from './weighted-quantile';
export { REASON_CODES, type CoverageReason, type CoverageReasonCode, type DistanceComparison } from './reasons';
export {
	AGREMENT_STATUS_LABELS,
	explainReasons,
	formatKm,
	formatMinutes,
	needIndicatorLabel,
	poleDisplayName,
	reasonText,
	type ExplainedReason,
	type ReasonNames
} from './reasons-fr';
export { analyzeCoverageNaive, createBruteForceSearch } from './coverage-naive';
