/**
 * The French summary of a coverage run, as the CLI prints it on stderr: date and parameters with
 * their regime, structures counted, population covered, communes and inhabitants per category,
 * structures per 10,000 inhabitants, population-weighted median and 90th percentile distance.
 */
import { AGREMENT_STATUS_LABELS, COVERAGE_CATEGORIES, type AgrementStatus } from '$lib/analysis';
import { formatDate, formatNumber, formatPercent } from '$lib/format';
import { coverageCategories } from '$lib/palette';
import type { ParameterSource } from './parameter-definitions';
import type { CoverageRun } from './report';

const km = (v: number | null) => (v === null ? '—' : `${formatNumber(v, { maximumFractionDigits: 1 })} km`);

/** « 8 km » for a parameter value with its unit. */
export function formatParameterValue(source: Pick<ParameterSource, 'value' | 'unit'>): string {
	const { value, unit } = source;
	if (typeof value === 'number') {
		const digits = unit === 'quantile' || unit === 'coefficient' || unit === 'unité d’offre' ? 2 : 1;
		const text = formatNumber(value, { maximumFractionDigits: digits });
		return unit && unit !== 'quantile' && unit !== 'coefficient' ? `${text} ${unit}` : text;
	}
	if (value === 'km') return 'distance à vol d’oiseau (km)';
	if (value === 'minutes') return 'temps de trajet (minutes)';
	if (Array.isArray(value)) {
		return value.map((n: { key: string; per?: string | null }) => (n.per ? `${n.key} / ${n.per}` : n.key)).join(', ');
	}
	if (value && typeof value === 'object' && 'kind' in value) {
		const d = value as { kind: string; indicator?: { key: string }; blend?: number };
		return d.kind === 'population' ? 'population' : `population pondérée par ${d.indicator?.key} (${formatNumber(d.blend ?? 0, { maximumFractionDigits: 2 })})`;
	}
	return JSON.stringify(value);
}

/** « Paramètre départemental (valeur par défaut), depuis le 1 janvier 2012 ». */
export function formatParameterRegime(source: ParameterSource): string {
	return source.validFrom ? `${source.regime}, en vigueur depuis le ${formatDate(source.validFrom).replace(/^1(\s)/, '1er$1')}` : source.regime;
}

/** « Pôles d’activités : 26 importés par fichier ; 23 pôle de bassin de vie (INSEE, zonage 2012) », or null without poles. */
export function describePoles(poles: readonly { definition: string | null; outside: boolean }[]): string | null {
	if (poles.length === 0) return null;
	const counts = new Map<string, number>();
	for (const p of poles) counts.set(p.definition ?? 'importés par fichier', (counts.get(p.definition ?? 'importés par fichier') ?? 0) + 1);
	const parts = [...counts].map(([label, n]) => (label === 'importés par fichier' ? `${formatNumber(n)} ${label}` : `${formatNumber(n)} × ${label}`));
	return `Pôles d’activités (bande comprise) : ${parts.join(' ; ')}.`;
}

/** The lines of the summary. */
export function describeCoverageRun(run: CoverageRun): string[] {
	const { report, inputs } = run;
	const s = report.summary;
	const p = report.parameters;
	const lines: string[] = [];
	lines.push(`Analyse de la couverture au ${formatDate(p.date)} : ${formatNumber(s.communes)} communes, ${formatNumber(s.population)} habitants.`);
	lines.push('Paramètres :');
	const shown = new Set(
		p.metric === 'minutes'
			? ['metric', 'radiusCsMinutes', 'radiusEvsMinutes', 'isolationMinutes', 'catchmentMinutes', 'detourFactor', 'speedKmh']
			: ['radiusCsKm', 'radiusEvsKm', 'isolationKm', 'catchmentKm', 'metric']
	);
	for (const source of p.sources.filter((x) => shown.has(x.option))) {
		lines.push(`  ${source.label} : ${formatParameterValue(source)} — ${formatParameterRegime(source)}`);
	}
	const st = s.structures;
	const excluded = (Object.entries(st.byStatus) as [AgrementStatus, number][])
		.filter(([status, n]) => n > 0 && (status === 'expired' || status === 'not_started'))
		.map(([status, n]) => `${n} ${AGREMENT_STATUS_LABELS[status].toLowerCase()}`);
	lines.push(
		`Structures prises en compte : ${st.counted} sur ${st.input} (${st.countedCs} CS, ${st.countedEvs} EVS)` +
			(excluded.length ? ` ; écartées : ${excluded.join(', ')}` : '') +
			(st.renewalPending ? ` ; dont ${st.renewalPending} agrément échu, renouvellement en cours (prises en compte jusqu’à la décision)` : '') +
			(st.flagged ? ` ; ${st.flagged} sans dates d’agrément complètes (prises en compte, à vérifier)` : '') +
			'.'
	);
	if (inputs.notAgreed.length > 0) {
		lines.push(`Sans agrément accordé (non prises en compte) : ${inputs.notAgreed.map((n) => n.name).join(', ')}.`);
	}
	lines.push(`Population couverte : ${formatPercent(s.shareCovered)} (${formatNumber(s.covered.population)} habitants, ${formatNumber(s.covered.communes)} communes).`);
	for (const key of COVERAGE_CATEGORIES) {
		const label = coverageCategories.find((c) => c.key === key)?.label ?? key;
		const c = s.categories[key];
		lines.push(`  ${label} : ${formatNumber(c.communes)} communes, ${formatNumber(c.population)} habitants`);
	}
	if (report.travelTimes) lines.push(report.travelTimes.text);
	const poles = describePoles(inputs.poles);
	if (poles) lines.push(poles);
	if (s.band.communes > 0 || s.band.structures > 0 || inputs.poles.some((x) => x.outside)) {
		lines.push(
			`Bande frontalière (hors département, comptée pour les distances, jamais dans ces chiffres) : ${formatNumber(s.band.communes)} communes, ` +
				`${formatNumber(s.band.structures)} structures prises en compte, ${formatNumber(inputs.poles.filter((x) => x.outside).length)} pôles.`
		);
	}
	if (s.isolationUnknown.communes > 0) lines.push('Aucun pôle d’activités renseigné : l’isolement n’est pas évalué.');
	if (s.reinforceUnknown.communes > 0) {
		lines.push(`« À renforcer » indéterminé faute d’indicateurs de besoin : ${formatNumber(s.reinforceUnknown.communes)} communes couvertes.`);
	}
	const per10k = (v: number | null) => formatNumber(v, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
	lines.push(`Structures pour 10 000 habitants : CS ${per10k(s.structuresPer10k.cs)}, EVS ${per10k(s.structuresPer10k.evs)}.`);
	lines.push(
		`Distance à la structure la plus proche, pondérée par la population : médiane ${km(s.nearestStructureKm.median)}, 90e centile ${km(s.nearestStructureKm.p90)}.`
	);
	if (s.nearestStructureMinutes) {
		const min = (v: number | null) => (v === null ? '—' : `${formatNumber(v, { maximumFractionDigits: 0 })} min`);
		lines.push(
			`Temps de trajet à la structure la plus proche, pondéré par la population : médiane ${min(s.nearestStructureMinutes.median)}, 90e centile ${min(s.nearestStructureMinutes.p90)}.`
		);
	}
	lines.push(
		`Durée : analyse ${formatNumber(report.timings.analysisMs, { maximumFractionDigits: 1 })} ms, lecture de la base ${formatNumber(run.loadMs, { maximumFractionDigits: 0 })} ms.`
	);
	return lines;
}
