/**
 * The "à renforcer" rule: a territory where a **centre social**'s action needs reinforcing (the
 * circular's third case, where a new EVS must have a manager distinct from the centre social's).
 *
 *   reinforce = covered_by_CS AND ( QPV_unserved OR ( low_accessibility AND high_need ) )
 *
 * - covered_by_CS: a counted CS lists the commune in its zone de compétence, or the nearest CS is
 *   within the CS radius. A commune covered only by an EVS is never « à renforcer »; when the rule
 *   would otherwise hold there, the reason `reinforce_evs_only` says so.
 * - QPV_unserved: one of the commune's QPVs has no counted structure inside it or within
 *   `qpvDistanceKm` of its contour (straight line, default 1 km; `qpv-shape.ts`). Not evaluated
 *   (false) when no QPV list was given.
 * - low_accessibility: the commune's 2SFCA score is ≤ the `accessibilityQuantile` (default 0.25,
 *   lowest quartile) of the scores of all communes.
 * - high_need: at least one need indicator is ≥ its `needQuantile` (default 0.75, highest
 *   quartile) over the communes that have a value.
 *
 * Quantiles are over communes, unweighted, R-7 interpolation (see `weighted-quantile.ts`).
 * Missing indicators are never guessed: the rule is evaluated in three-valued logic, so
 * `reinforce` is null exactly when its value depends on an indicator the commune lacks
 * (low accessibility, no unserved QPV, and no known indicator high), with a `need_unknown` reason.
 */
import type { CoverageContext } from './context';
import { contextNeedValues } from './context';
import { needIndicatorId } from './needs';
import type { NeedIndicator, ReinforceOptions } from './options';
import type { CoverageReason } from './reasons';
import type { StructureSet } from './structure-set';
import { unweightedQuantile } from './weighted-quantile';

/** The rule's thresholds for one run. */
export interface ReinforceThresholds {
	/** Accessibility score at `accessibilityQuantile`, or null when there are no communes. */
	accessibility: number | null;
	accessibilityQuantile: number;
	needQuantile: number;
	needs: { indicator: NeedIndicator; id: string; values: Float64Array; threshold: number | null }[];
	qpvDistanceKm: number;
	/** False when no QPV list was given. */
	qpvEvaluated: boolean;
}

/** Computes the rule's thresholds from the accessibility scores and the need indicators. */
export function reinforceThresholds(
	context: CoverageContext,
	accessibility: Float64Array,
	options: ReinforceOptions,
	outside: Uint8Array | null = null
): ReinforceThresholds {
	// Quantiles of the département's communes: the border band's never move its thresholds.
	const own = (values: Float64Array) => (outside ? values.filter((_, i) => !outside[i]) : values);
	return {
		accessibility: unweightedQuantile(own(accessibility), options.accessibilityQuantile),
		accessibilityQuantile: options.accessibilityQuantile,
		needQuantile: options.needQuantile,
		needs: options.needIndicators.map((indicator) => {
			const values = contextNeedValues(context, indicator);
			return { indicator, id: needIndicatorId(indicator), values, threshold: unweightedQuantile(own(values), options.needQuantile) };
		}),
		qpvDistanceKm: options.qpvDistanceKm,
		qpvEvaluated: context.qpvs !== null
	};
}

/** Value of the rule for one commune and the reasons for it. */
export interface ReinforceOutcome {
	reinforce: boolean | null;
	reasons: CoverageReason[];
}

/**
 * Evaluates the rule for commune `i`.
 *
 * @param covered the commune's coverage flag
 * @param coveredByCs whether a counted centre social covers it (zone or CS radius)
 * @param accessibility the commune's 2SFCA score (per 10,000)
 */
export function evaluateReinforce(
	i: number,
	covered: boolean,
	coveredByCs: boolean,
	accessibility: number,
	thresholds: ReinforceThresholds,
	set: StructureSet
): ReinforceOutcome {
	if (!covered) return { reinforce: false, reasons: [] };
	const outcome = evaluateNeeds(i, accessibility, thresholds, set);
	if (coveredByCs || outcome.reinforce === false) return outcome;
	return { reinforce: false, reasons: [{ code: 'reinforce_evs_only', params: {} }] };
}

/** The needs part of the rule for a covered commune (QPV served, low accessibility and high need), three-valued. */
function evaluateNeeds(i: number, accessibility: number, thresholds: ReinforceThresholds, set: StructureSet): ReinforceOutcome {
	const reasons: CoverageReason[] = [];

	// Part 1: QPVs of the commune without a structure nearby.
	const { context, qpvNearest } = set;
	for (const k of context.qpvsOfCommune.get(i) ?? []) {
		const j = qpvNearest.index[k];
		const km = j >= 0 ? qpvNearest.km[k] : null;
		if (km === null || km > thresholds.qpvDistanceKm) {
			const q = context.qpvs![k];
			reasons.push({ code: 'qpv_unserved', params: { qpvCode: q.code, population: q.population, distanceKm: km, threshold: thresholds.qpvDistanceKm } });
		}
	}
	const qpvUnserved = reasons.length > 0;

	// Part 2: low accessibility and high need, three-valued.
	const low = thresholds.accessibility !== null && accessibility <= thresholds.accessibility;
	if (!low) return { reinforce: qpvUnserved, reasons };
	const high: CoverageReason[] = [];
	const unknown: string[] = [];
	for (const need of thresholds.needs) {
		const value = need.values[i];
		if (Number.isNaN(value) || need.threshold === null) unknown.push(need.id);
		else if (value >= need.threshold) {
			high.push({ code: 'high_need', params: { indicator: need.id, value, threshold: need.threshold, quantile: thresholds.needQuantile } });
		}
	}
	const lowReason: CoverageReason = {
		code: 'low_accessibility',
		params: { accessibility, threshold: thresholds.accessibility!, quantile: thresholds.accessibilityQuantile }
	};
	if (high.length > 0) return { reinforce: true, reasons: [...reasons, lowReason, ...high] };
	if (qpvUnserved) return { reinforce: true, reasons };
	if (unknown.length > 0) {
		return { reinforce: null, reasons: [lowReason, { code: 'need_unknown', params: { indicators: unknown.join(',') } }] };
	}
	return { reinforce: false, reasons: [] };
}
