/** Figures inside the French messages of the observatory checks (no-break space before units). Pure. */

/** A number, at most `digits` decimals. */
export const fr = (n: number, digits = 2) => n.toLocaleString('fr-FR', { maximumFractionDigits: digits });

/** An amount in euros, always with cents. */
export const euros = (n: number) => `${n.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}\u00a0€`;

/** A share (0.1) as a percentage (10 %), at most one decimal. */
export const percent = (share: number) => `${(share * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })}\u00a0%`;
