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
	const beyond = scope.setAside - scope.territoryLeft;
	const left = scope.bandOnly
		? ` ; ${nf(scope.territoryLeft)} du territoire laissés tels qu’ils sont en base (--bande-seulement)`
		: '';
	lines.push(
		`${kept}${left} ; ${nf(beyond)} écartés, hors du territoire et de sa bande` +
			(beyond > 0 ? ` : ${byDepartement(scope.setAsideByDepartement)}.` : '.')
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

/** What an import did beside its records: the territory it set, the EPCI it drew from communes. */
export interface ImportSideEffects {
	scope: ScopeSummary;
	/** A first communes import set the territory of work. */
	territorySet?: { departements: string[]; label: string; bandKm: number; partnersAdded: string[]; instrumentsAdded: string[] };
	epciOutlines?: { built: number; inserted: number; updated: number; partial: number };
}

/** Every French note of an import report beyond the counts (CLI and web page). */
export function importNotes(report: ImportSideEffects): string[] {
	const notes = describeScope(report.scope);
	const t = report.territorySet;
	if (t) {
		notes.push(
			`Territoire de travail défini par ce premier import de communes : ${t.label}, bande frontalière de ${nf(t.bandKm)} km ` +
				'(pour le changer : Administration › Territoire de travail, ou « maillage territory set --departement NN »).'
		);
		if (t.partnersAdded.length || t.instrumentsAdded.length) {
			notes.push(
				`Listes de référence créées : financeurs ${t.partnersAdded.join(', ') || 'aucun'} ; ${t.instrumentsAdded.length} dispositifs de financement (modifiables dans Financements › Financeurs et Dispositifs).`
			);
		}
	}
	const e = report.epciOutlines;
	if (e && e.built > 0) {
		notes.push(
			`Contours des EPCI tracés à partir de leurs communes : ${nf(e.built)} EPCI (${nf(e.inserted + e.updated)} nouveaux ou modifiés)` +
				(e.partial ? `, dont ${nf(e.partial)} limités à la partie du territoire (EPCI interdépartemental ou communes manquantes).` : '.')
		);
	}
	return notes;
}
