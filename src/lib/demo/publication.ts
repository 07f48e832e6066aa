/**
 * What the demo CAF publishes to partners and observers (the `published` flag that the row scope
 * of `$lib/domain/policy` reads), so that those roles open pages with figures in them, as they
 * would in a département a year into its accord-cadre:
 *
 * - funding lines and commitments of **closed years** (before the reference year), every partner's:
 *   the consolidated figures the comité partenarial reviews; of the **reference year**, only the
 *   CAF's own (its board's decisions are public); the other partners' current-year figures stay
 *   with them and the CAF until the year closes;
 * - schéma indicators computed from the data, and those entered from shared surveys (SENACS, the
 *   observatory); the CAF's internal management figures (source « Service … ») stay internal.
 */

/** The CAF's partner code in the demo. */
const CAF = 'CAF';

/** A funding line or a commitment of `partnerCode` for `year`. */
export function isPublishedFigure(row: { partnerCode: string; year: number }, referenceYear: number): boolean {
	return row.year < referenceYear || (row.year === referenceYear && row.partnerCode === CAF);
}

/** A schéma indicator (computed when `computation` is set, else entered from `source`). */
export function isPublishedIndicator(indicator: { computation: string | null; source: string | null }): boolean {
	return indicator.computation !== null || !/^Service\b/.test(indicator.source ?? '');
}
