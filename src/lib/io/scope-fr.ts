/**
 * The scope part of an import report in French: what was kept in the territory and in its border
 * band, what was set aside and where, and that what is set aside is not kept.
 */
import type { ScopeSummary } from './scope';

const nf = (n: number) => n.toLocaleString('fr-FR');

/** « 01 (34), 02 (20), 971 (3) » — the ten largest, then « … ». */
function byDepartement(counts: Record<string, number>): string {
	const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
	const shown = entries.slice(0, 10).map(([dep, n]) => `${dep === '?' ? 'lieu inconnu' : dep} (${nf(n)})`);
	return shown.join(', ') + (entries.length > 10 ? `, et ${entries.length - 10} autres` : '');
}

/**
 * French sentences describing the scope of an import, or [] when nothing is worth saying (no
 * territory and nothing placed). `records` names the records (« enregistrements »).
 */
export function describeScope(scope: ScopeSummary, records = 'enregistrements'): string[] {
	if (scope.mode === 'none') return [];
	const lines: string[] = [];
	const deps = scope.departements.join(', ');
	const kept = `Territoire de travail ${deps}, bande frontalière de ${nf(scope.bandKm)} km : ${nf(scope.territory)} ${records} gardés dans le territoire, ${nf(scope.band)} dans la bande (hors département : ils comptent pour les distances, pas dans les chiffres du département)`;
	if (scope.mode === 'all') {
		lines.push(`${kept}, ${nf(scope.beyond)} au-delà, gardés aussi (--tout).`);
		return lines;
	}
	if (scope.setAside === 0) {
		lines.push(`${kept} ; aucun écarté.`);
		return lines;
	}
	lines.push(
		`${kept} ; ${nf(scope.setAside)} écartés, hors du territoire et de sa bande : ${byDepartement(scope.setAsideByDepartement)}.`
	);
	if (scope.bandUnavailable) {
		lines.push(
			'La bande n’a pas pu être calculée (aucune commune du territoire n’est encore en base) : seuls les enregistrements du territoire ont été gardés. Importez d’abord les communes, puis réimportez ce fichier.'
		);
	}
	lines.push(
		'Ce qui est écarté n’est pas conservé : pour élargir la bande, changez-la (« maillage territory set --bande-km N ») puis réimportez ce fichier.'
	);
	return lines;
}
