/**
 * The map category of a commune: the first that applies, in this order, of
 * `depourvue_isolee` (not covered and isolated), `depourvue` (not covered), `isolee` (covered but
 * isolated), `a_renforcer` (covered, not isolated, reinforce rule true), `couverte` (otherwise,
 * including a reinforce rule left undetermined for want of indicators).
 *
 * An unknown isolation (no pole at all) counts as not isolated for the category; the commune's
 * `isolated` flag stays null and a `no_poles` reason says so.
 */

/** Category keys, in their order of precedence (the same keys as `coverageCategories` in `$lib/palette`). */
export const COVERAGE_CATEGORIES = ['depourvue_isolee', 'depourvue', 'isolee', 'a_renforcer', 'couverte'] as const;

/** A commune's coverage category. */
export type CoverageCategory = (typeof COVERAGE_CATEGORIES)[number];

/** The category from the three flags. */
export function categoryOf(covered: boolean, isolated: boolean | null, reinforce: boolean | null): CoverageCategory {
	if (!covered) return isolated === true ? 'depourvue_isolee' : 'depourvue';
	if (isolated === true) return 'isolee';
	if (reinforce === true) return 'a_renforcer';
	return 'couverte';
}
