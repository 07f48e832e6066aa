/**
 * The French wording of the analysis, in one place: reason sentences with their numbers, need
 * indicator labels and agrément statuses. Numbers use the French format (decimal comma, narrow
 * no-break space between thousands).
 */
import type { AgrementStatus } from './agrement';
import type { CoverageReason, DistanceComparison } from './reasons';
import type { PointId } from './types';

/** A reason with its French sentence, as the CLI, the API and the panel show it. */
export type ExplainedReason = CoverageReason & { text: string };

/** Optional names for ids (else the id is shown). */
export interface ReasonNames {
	structureName?: (id: PointId) => string | null | undefined;
	poleName?: (id: PointId) => string | null | undefined;
}

const oneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

/**
 * A pole as reasons name it: an INSEE pole says which zoning defines it — « Le Mans (pôle d’activités :
 * pôle de bassin de vie, INSEE, zonage 2012) »; a pole imported by file keeps its own name.
 */
export function poleDisplayName(pole: { name: string; definition?: string | null }): string {
	return pole.definition ? `${pole.name} (pôle d’activités : ${pole.definition})` : pole.name;
}

/** « 14,2 km » (one decimal at most). */
export function formatKm(km: number): string {
	return `${oneDecimal.format(km)} km`;
}

/** « 17 min » (whole minutes). */
export function formatMinutes(minutes: number): string {
	return `${integer.format(minutes)} min`;
}

/** « 3 400 » (whole number with French grouping). */
export function formatCount(value: number): string {
	return integer.format(value);
}

/** Labels of the documented need indicators, by indicator id (`key` or `key/per`). */
export const NEED_INDICATOR_LABELS: Readonly<Record<string, string>> = {
	taux_pauvrete: 'Taux de pauvreté',
	'familles_monoparentales/familles': 'Part des familles monoparentales',
	'familles_monoparentales/population': 'Familles monoparentales pour 100 habitants',
	'allocataires_bas_revenus/allocataires': 'Part des allocataires à bas revenus',
	'allocataires_bas_revenus/population': 'Allocataires à bas revenus pour 100 habitants'
};

/** French label of a need indicator id; the id itself when unknown. */
export function needIndicatorLabel(id: string): string {
	return NEED_INDICATOR_LABELS[id] ?? id;
}

function isRate(id: string): boolean {
	return id.includes('/') || id.startsWith('taux_') || id.startsWith('part_');
}

/** French labels of agrément statuses. */
export const AGREMENT_STATUS_LABELS: Readonly<Record<AgrementStatus, string>> = {
	in_force: 'Agrément en vigueur',
	renewal_pending: 'Agrément échu, renouvellement en cours (prise en compte jusqu’à la décision)',
	undated: 'Sans dates d’agrément (prise en compte, à vérifier)',
	partially_dated: 'Dates d’agrément incomplètes (prise en compte, à vérifier)',
	not_started: 'Agrément pas encore en vigueur',
	expired: 'Agrément expiré',
	not_checked: 'Agrément non vérifié (pas de date d’analyse)'
};

function measure(c: DistanceComparison): string {
	return c.unit === 'min' && c.minutes !== null ? `${formatMinutes(c.minutes)} (${formatKm(c.distanceKm)})` : formatKm(c.distanceKm);
}

/**
 * « à 14 min (9,3 km) > seuil de 10 min »; with complete road times and no time for the pair,
 * « hors d’atteinte dans la limite du calcul des temps (9,3 km à vol d’oiseau), seuil de 10 min ».
 */
function located(c: DistanceComparison, comparator: '≤' | '>'): string {
	if (c.unit === 'min' && c.minutes !== null && !Number.isFinite(c.minutes)) {
		return `hors d’atteinte dans la limite du calcul des temps (${formatKm(c.distanceKm)} à vol d’oiseau), seuil de ${threshold(c)}`;
	}
	return `à ${measure(c)} ${comparator} seuil de ${threshold(c)}`;
}

function threshold(c: DistanceComparison): string {
	return c.unit === 'min' ? formatMinutes(c.threshold) : formatKm(c.threshold);
}

function quantileLabel(q: number, side: 'low' | 'high'): string {
	if (q === 0.25 && side === 'low') return 'premier quartile des communes';
	if (q === 0.75 && side === 'high') return 'dernier quartile des communes';
	if (q === 0.5) return 'médiane des communes';
	return `quantile ${integer.format(q * 100)} % des communes`;
}

function named(id: PointId, name: ((id: PointId) => string | null | undefined) | undefined, fallback: string): string {
	const n = name?.(id);
	return n ? n : `${fallback} ${id}`;
}

/** « (Nom) » when a name is known for the id, else nothing. */
function aside(id: PointId, name: ((id: PointId) => string | null | undefined) | undefined): string {
	const n = name?.(id);
	return n ? ` (${n})` : '';
}

/**
 * The French sentence of a reason, with its numbers, e.g.
 * « Centre social le plus proche à 14,2 km > seuil de 8 km ».
 */
export function reasonText(reason: CoverageReason, names: ReasonNames = {}): string {
	const structure = (id: PointId) => named(id, names.structureName, 'structure');
	switch (reason.code) {
		case 'zone_competence': {
			const { structureId, structureType, others } = reason.params;
			const kind = structureType === 'CS' ? 'centre social' : 'espace de vie sociale';
			const more = others > 0 ? ` et de ${formatCount(others)} autre${others > 1 ? 's' : ''} structure${others > 1 ? 's' : ''}` : '';
			return `Dans la zone de compétence de ${structure(structureId)} (${kind})${more}`;
		}
		case 'cs_within_radius':
			return `Centre social le plus proche${aside(reason.params.structureId, names.structureName)} ${located(reason.params, '≤')}`;
		case 'evs_within_radius':
			return `Espace de vie sociale le plus proche${aside(reason.params.structureId, names.structureName)} ${located(reason.params, '≤')}`;
		case 'cs_beyond_radius':
			return `Centre social le plus proche${aside(reason.params.structureId, names.structureName)} ${located(reason.params, '>')}`;
		case 'evs_beyond_radius':
			return `Espace de vie sociale le plus proche${aside(reason.params.structureId, names.structureName)} ${located(reason.params, '>')}`;
		case 'no_cs':
			return 'Aucun centre social agréé pris en compte';
		case 'no_evs':
			return 'Aucun espace de vie sociale agréé pris en compte';
		case 'coverage_undated': {
			const n = reason.params.structures;
			return n > 1
				? `Couverture assurée uniquement par ${formatCount(n)} structures aux dates d’agrément manquantes (à vérifier)`
				: `Couverture assurée uniquement par ${structure(reason.params.structureId)}, aux dates d’agrément manquantes (à vérifier)`;
		}
		case 'pole_beyond_isolation':
			return `Pôle d’activités le plus proche${aside(reason.params.poleId, names.poleName)} ${located(reason.params, '>')}`;
		case 'pole_within_isolation':
			return `Pôle d’activités le plus proche${aside(reason.params.poleId, names.poleName)} ${located(reason.params, '≤')}`;
		case 'no_poles':
			return 'Aucun pôle d’activités renseigné : isolement non évalué';
		case 'low_accessibility': {
			const { accessibility, threshold: limit, quantile } = reason.params;
			return `Accessibilité de ${twoDecimals.format(accessibility)} structure pour 10 000 habitants ≤ ${twoDecimals.format(limit)}, seuil du ${quantileLabel(quantile, 'low')}`;
		}
		case 'high_need': {
			const { indicator, value, threshold: limit, quantile } = reason.params;
			const unit = isRate(indicator) ? ' %' : '';
			return `${needIndicatorLabel(indicator)} de ${oneDecimal.format(value)}${unit} ≥ ${oneDecimal.format(limit)}${unit}, seuil du ${quantileLabel(quantile, 'high')}`;
		}
		case 'need_unknown': {
			const labels = reason.params.indicators
				.split(',')
				.filter(Boolean)
				.map((id) => needIndicatorLabel(id).toLowerCase());
			return `Indicateurs de besoin absents (${labels.join(', ')}) : la règle « à renforcer » ne peut pas conclure`;
		}
		case 'qpv_unserved': {
			const { qpvCode, population, distanceKm, threshold: limit } = reason.params;
			const nearest = distanceKm === null ? 'aucune structure prise en compte' : `la plus proche à ${formatKm(distanceKm)}`;
			return `QPV ${qpvCode} (${formatCount(population)} habitants) sans structure à moins de ${formatKm(limit)} de son contour (${nearest})`;
		}
		case 'reinforce_evs_only':
			return 'Besoins relevés, mais la commune n’est couverte que par un EVS : « à renforcer » vise l’action d’un centre social';
	}
}

/** The reasons with their sentences: `{ code, params, text }`. */
export function explainReasons(reasons: readonly CoverageReason[], names: ReasonNames = {}): ExplainedReason[] {
	return reasons.map((reason) => ({ ...reason, text: reasonText(reason, names) }) as ExplainedReason);
}
