/**
 * Territorial indicators the analysis reads, by key (column `territorial_indicator.key`).
 * Any other key found in an indicators file is kept as is, for display and export.
 */

export const DOCUMENTED_INDICATORS = {
	population: { label: 'Population municipale', unit: 'habitants' },
	familles: { label: 'Familles', unit: 'familles' },
	familles_monoparentales: { label: 'Familles monoparentales', unit: 'familles' },
	allocataires: { label: 'Allocataires CAF', unit: 'allocataires' },
	allocataires_bas_revenus: { label: 'Allocataires à bas revenus', unit: 'allocataires' },
	taux_pauvrete: { label: 'Taux de pauvreté', unit: '%' }
} as const satisfies Record<string, { label: string; unit: string }>;

export type DocumentedIndicatorKey = keyof typeof DOCUMENTED_INDICATORS;

/** True for the keys the analysis knows. */
export function isDocumentedIndicator(key: string): key is DocumentedIndicatorKey {
	return Object.hasOwn(DOCUMENTED_INDICATORS, key);
}
