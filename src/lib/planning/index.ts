/**
 * Planning: scenarios (a named set of changes over the current structures, evaluated with the
 * coverage engine, incrementally) and recommended sites (MCLP greedy + swap local search, LSCP
 * variant), with explanations. Pure TypeScript, the same in Node and in the browser. See README.md.
 */
export {
	ADDED_KEY,
	CHANGE_KINDS,
	MAX_CHANGES,
	changeTarget,
	parseScenarioChanges,
	type AddChange,
	type ChangeIssue,
	type CloseChange,
	type MoveChange,
	type RetypeChange,
	type ScenarioChange,
	type ZoneChange
} from './changes';
export { applyChanges, hypotheticalAgrement, type AppliedChanges, type ChangeOutcome, type IgnoredReason } from './apply';
export {
	addSites,
	addStructure,
	addedChange,
	closeStructure,
	defaultAddedName,
	isAddedKey,
	moveStructure,
	nextAddedKey,
	removeChange,
	renameAdded,
	reopenStructure,
	setAddedManager,
	setStructureType,
	setStructureZone
} from './edit';
export { scenarioManagerFlags, type ManagerFlag, type StructureWithManager } from './manager-flags';
export { communeZonages, priorityOrientationOn, priorityWeights, type CommuneZonages, type PriorityOrientation } from './priority-zonages';
export { FAMILIES_KEY, familiesOf, scenarioFigures, type ScenarioFigures } from './figures';
export { createScenarioBase, evaluateScenario, evaluateScenarioFull, type ScenarioBase, type ScenarioEvaluation } from './session';
export { figureDifferences, scenarioDelta, type CommuneGroup, type FigureDifferences, type ScenarioDelta } from './delta';
export { candidateCoverage, communeCandidates, type CandidateFilter, type CoverageSets, type PlanningCandidate } from './candidates';
export { coveredWeight, greedyMaxCover, solveMclp, type MaxCoverProblem, type MaxCoverSolution, type MclpOptions } from './mclp';
export { meetsTarget, solveLscp, type LscpSolution } from './lscp';
export { exactLscp, exactMclp } from './exact';
export { recommendSites, type CoveredCommune, type RecommendRequest, type RecommendedSite, type Recommendation } from './recommend';
export { MAX_SITES, parseRecommendRequest, type RawRecommendRequest, type RequestIssue } from './request';
export { COMPARISON_ROWS, comparisonRows, comparisonTable, type ComparisonColumn, type ComparisonRow, type FigureFormat } from './compare';
export {
	CATEGORY_LABELS,
	changeIssueText,
	describeChange,
	explainSite,
	formatInt,
	formatShare,
	formatSigned,
	ignoredText,
	requestIssueText
} from './messages-fr';
