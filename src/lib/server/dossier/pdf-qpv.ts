/**
 * The dossier's Quartiers prioritaires section: how many QPV of the territory an AVS structure
 * serves (inside or within the QPV distance of the contour), and the QPV without any, with their
 * nearest centre social and EVS; the generation, distance and cadre de référence in force.
 */
import type { Content } from 'pdfmake/interfaces';
import { formatKm, formatNumber, formatPercent, plural } from '$lib/format';
import type { DossierQpv } from './data';
import { heading, none, right, subheading, tableOrNone } from './pdf-blocks';

const nearest = (hit: { name: string; km: number } | null) => (hit ? `${hit.name} (${formatKm(hit.km)})` : '—');

export function qpvSection(q: DossierQpv): Content[] {
	const s = q.summary;
	const threshold = formatKm(q.threshold.km);
	if (s.qpvs === 0) return [heading('Quartiers prioritaires'), none('Aucun quartier prioritaire en vigueur sur le territoire à cette date.')];
	const unknown = s.unservedPopulationUnknown > 0 ? ` (population inconnue pour ${plural(s.unservedPopulationUnknown, 'quartier')})` : '';
	const without = s.unserved === 0 ? 'aucun sans structure' : `${formatNumber(s.unserved)} sans structure, soit ${plural(s.unservedPopulation, 'habitant')}${unknown}`;
	return [
		heading('Quartiers prioritaires'),
		{
			text:
				`${plural(s.qpvs, 'quartier prioritaire', 'quartiers prioritaires')} (${q.generation}) : ${formatNumber(s.served)} desservi${s.served > 1 ? 's' : ''} ` +
				`par une structure de l’animation de la vie sociale à ${threshold} au plus de leur contour (${formatPercent(s.shareServed)}), ${without}.`,
			margin: [0, 0, 0, 4]
		},
		subheading(`Quartiers sans structure de l’animation de la vie sociale : ${formatNumber(s.unserved)}`),
		tableOrNone(
			q.unserved,
			'Chaque quartier prioritaire du territoire a un centre social ou un espace de vie sociale à proximité.',
			{ widths: ['*', 'auto', 'auto', 'auto', 'auto'], header: ['Quartier', 'Communes', 'Habitants', 'Centre social le plus proche', 'EVS le plus proche'] },
			(r) => [
				r.name,
				r.communes.map((c) => c.name ?? c.code).join(', '),
				right(r.population === null ? 'inconnue' : formatNumber(r.population)),
				right(nearest(r.nearestCs)),
				right(nearest(r.nearestEvs))
			]
		),
		{
			text:
				`Distances mesurées depuis le contour du quartier (0 quand la structure est dedans) ; distance retenue : ${threshold} ` +
				`(${q.threshold.regime}). Structures comptées : agrément en vigueur ou renouvellement en instruction dans le délai de grâce.` +
				(q.cadre ? ` Cadre de référence : ${q.cadre}.` : ''),
			style: 'note',
			margin: [0, 0, 0, 10]
		}
	];
}
