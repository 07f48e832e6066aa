/**
 * The coverage analysis wired to the database: inputs and dated parameters loaded for a date,
 * user requests validated, one shared run for the CLI, the API and the pages. The maths live in
 * `$lib/analysis` (pure); this folder only reads and shapes.
 */
export { loadCoverageInputs, loadTravelTimes, type CoverageInputs, type LoadedPole, type LoadedQpv, type LoadedStructure } from './inputs';
export {
	loadCoverageParameters,
	parameterRowsInForce,
	withOverrides,
	type CoverageOverrides,
	type CoverageParameters,
	type ReportedParameters
} from './parameters';
export { PARAMETER_DEFINITIONS, type ParameterOrigin, type ParameterSource } from './parameter-definitions';
export {
	API_KEYS,
	API_NAMES,
	CLI_NAMES,
	CoverageRequestError,
	MAX_THRESHOLD_KM,
	MAX_THRESHOLD_MINUTES,
	THRESHOLD_OPTIONS,
	checkRequestMetric,
	parseCoverageRequest,
	rawRequestFromQuery,
	type CoverageRequest,
	type ParameterNames,
	type RawCoverageRequest,
	type ThresholdOption
} from './request';
export {
	communeTimeSources,
	reasonTimeSource,
	timeSourceLabels,
	travelTimeUse,
	usesMatrix,
	type CommuneTimeSources,
	type TimeSource,
	type TravelTimeUse
} from './time-sources';
export {
	reasonNames,
	requestParameters,
	runCoverageAnalysis,
	toCoverageReport,
	type CoverageReport,
	type CoverageReportCommune,
	type CoverageRun
} from './report';
export { describeCoverageRun, formatParameterRegime, formatParameterValue } from './summary-fr';
export { coverageForQuery } from './api';
export { loadCoverageMapGeometry, type CoverageMapGeometry } from './map';
export {
	PRIORITY_CATEGORIES,
	epciNames,
	filterPriorities,
	isPriorityCategory,
	priorityRows,
	type PriorityCategory,
	type PriorityFilters,
	type PriorityRow
} from './priorities';
export { PRIORITY_KEYS, prioritiesForQuery, type PrioritiesView } from './priorities-query';
