/**
 * The printed dossier as a PDF, in plain JavaScript (pdfmake over pdfkit, Roboto fonts shipped
 * with pdfmake): no browser, works on any server. The map is the SVG of `map-svg.ts` (d3-geo
 * paths) drawn by pdfmake's SVG support. Figures are formatted the French way.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { coverageCategories, structureTypes, territory, ui } from '$lib/palette';
import { formatDate, formatDurationDays, formatEuros, formatKm, formatNumber, formatPercent, plural } from '$lib/format';
import { agrementKindLabels, label, staffPostLabels } from '$lib/ui/labels';
import { VACANCY_LEVEL_LABELS } from '$lib/pilotage/vacancies';
import { mapSvgDocument } from '$lib/pilotage/map-svg';
import { TRAFFIC_LIGHT_LABELS, type TrafficLight } from '$lib/pilotage/indicator-progress';
import type { DossierData } from './data';
import { head, heading, right, subheading, table, tableOrNone } from './pdf-blocks';
import { qpvSection } from './pdf-qpv';

interface PdfMake {
	addFonts(fonts: Record<string, Record<string, string>>): void;
	setUrlAccessPolicy(policy: (url: string) => boolean): void;
	setLocalAccessPolicy(policy: (path: string) => boolean): void;
	createPdf(definition: TDocumentDefinitions): { getBuffer(): Promise<Uint8Array> };
}

let printer: PdfMake | null = null;

/** pdfmake, loaded once, with the Roboto fonts and no access to URLs or other files. */
function pdfmake(): PdfMake {
	if (printer) return printer;
	const require = createRequire(import.meta.url);
	const instance = require('pdfmake') as PdfMake;
	const fonts = path.dirname(require.resolve('pdfmake/fonts/Roboto/Roboto-Regular.ttf'));
	instance.setUrlAccessPolicy(() => false);
	instance.setLocalAccessPolicy((p) => path.resolve(p).startsWith(fonts + path.sep));
	instance.addFonts({
		Roboto: {
			normal: path.join(fonts, 'Roboto-Regular.ttf'),
			bold: path.join(fonts, 'Roboto-Medium.ttf'),
			italics: path.join(fonts, 'Roboto-Italic.ttf'),
			bolditalics: path.join(fonts, 'Roboto-MediumItalic.ttf')
		}
	});
	printer = instance;
	return instance;
}

const LIGHT_COLOURS: Record<TrafficLight, string> = { vert: ui.success, orange: ui.warning, rouge: ui.danger, gris: ui.inkMuted };
const LIGHT_SYMBOLS: Record<TrafficLight, string> = { vert: '●', orange: '▲', rouge: '■', gris: '○' };

const num = (v: number | null, digits = 1) => formatNumber(v, { maximumFractionDigits: digits });
const withUnit = (v: number | null, unit: string) => (v === null ? '—' : unit === '%' ? `${formatNumber(v, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} %` : num(v));

/** The document definition (exported for tests of the layout without rendering). */
export function dossierDefinition(data: DossierData): TDocumentDefinitions {
	const s = data.summary;
	const svg = mapSvgDocument(data.map, {
		fills: Object.fromEntries(coverageCategories.map((c) => [c.key, c.color])),
		fallback: territory.communeFill,
		communeStroke: ui.paper,
		epciStroke: territory.epciLine,
		cs: structureTypes[0].color,
		evs: structureTypes[1].color,
		paper: ui.paper,
		title: `Couverture de ${data.territoryName}`
	});
	const legend: Content = {
		stack: [
			...coverageCategories.map((c) => ({
				columns: [
					{ canvas: [{ type: 'rect' as const, x: 0, y: 1, w: 10, h: 8, color: c.color, lineColor: ui.inkMuted }], width: 14 },
					{ text: `${c.label} : ${formatNumber(s.categories[c.key].communes)} communes, ${formatNumber(s.categories[c.key].population)} hab.`, fontSize: 8 }
				],
				margin: [0, 0, 0, 2] as [number, number, number, number]
			})),
			{ text: '● Centre social   ○ Espace de vie sociale   — contour : EPCI', fontSize: 8, margin: [0, 4, 0, 0] }
		]
	};
	const f = data.funding;
	const content: Content[] = [
		{ text: 'Dossier de l’animation de la vie sociale', style: 'title' },
		{ text: data.territoryName, style: 'subtitle' },
		{ text: `Chiffres au ${formatDate(data.date)} — document produit par Maillage`, style: 'muted', margin: [0, 0, 0, 12] },

		heading('Carte de la couverture'),
		{ columns: [{ svg, width: 330 }, { ...legend, width: '*', margin: [10, 20, 0, 0] }] },
		{ text: `Paramètres de l’analyse : ${data.parameters.join(' ; ')}.`, style: 'note', margin: [0, 6, 0, 10] },

		heading('Chiffres clés'),
		table(
			['*', 'auto'],
			head(['Indicateur', 'Valeur']),
			[
				['Communes', right(formatNumber(s.communes))],
				['Habitants', right(formatNumber(s.population))],
				['Part de la population couverte', right(formatPercent(s.shareCovered))],
				['Habitants couverts', right(formatNumber(s.populationCovered))],
				['Habitants des territoires dépourvus', right(formatNumber(s.categories.depourvue.population + s.categories.depourvue_isolee.population))],
				['Centres sociaux agréés', right(formatNumber(data.structures.cs))],
				['Espaces de vie sociale agréés', right(formatNumber(data.structures.evs))]
			]
		),

		heading('Territoires prioritaires'),
		data.priorities.length === 0
			? { text: 'Toutes les communes sont couvertes.', margin: [0, 0, 0, 10] }
			: table(
					['*', 'auto', 'auto', 'auto'],
					head(['Commune', 'Situation', 'Habitants', 'Structure la plus proche'], 2),
					data.priorities.map((c) => [
						`${c.name}${c.epciName && !data.epci ? ` (${c.epciName})` : ''}`,
						coverageCategories.find((k) => k.key === c.category)?.label ?? c.category,
						right(formatNumber(c.population)),
						right(formatKm(c.nearestStructureKm))
					])
				),

		...qpvSection(data.qpv),

		...agrementsSection(data.agrements),

		heading('Financements par financeur'),
		f.partners.length === 0
			? { text: 'Aucun financement enregistré.', margin: [0, 0, 0, 10] }
			: table(
					['*', ...f.years.map(() => 'auto')],
					head(['Financeur', ...f.years.map(String)]),
					f.partners.map((p) => [p.name, ...p.values.map((v) => right(formatEuros(v)))]),
					[{ text: 'Total', bold: true }, ...f.yearTotals.map((v) => ({ text: formatEuros(v), bold: true, alignment: 'right' as const }))]
				),

		heading('Avancement de l’accord-cadre'),
		data.accordCadre
			? {
					stack: [
						{
							text: `${data.accordCadre.name} — année ${data.accordCadre.year} : ${formatPercent(data.accordCadre.rate)} des engagements en montant versés (engagements départementaux).`,
							margin: [0, 0, 0, 4]
						},
						table(
							['*', 'auto', 'auto', 'auto'],
							head(['Partenaire', 'Engagé', 'Versé', 'Réalisation']),
							data.accordCadre.rows.map((r) => [r.partnerName, right(formatEuros(r.committed)), right(formatEuros(r.paid)), right(formatPercent(r.rate))])
						)
					]
				}
			: { text: 'Aucun accord-cadre ne couvre l’année écoulée.', margin: [0, 0, 0, 10] },

		heading('Indicateurs du schéma directeur'),
		data.indicators.length === 0
			? { text: 'Aucun indicateur publié.', margin: [0, 0, 0, 10] }
			: {
					stack: [
						{ text: `${data.schemaName ?? ''} — indicateurs publiés.`, margin: [0, 0, 0, 4] },
						table(
							['*', 'auto', 'auto', 'auto', 'auto'],
							head(['Indicateur', 'Année', 'Valeur', 'Cible', 'Avancement'], 1),
							data.indicators.map((i) => [
								i.label,
								right(String(i.year)),
								right(withUnit(i.value, i.unit)),
								right(withUnit(i.target, i.unit)),
								{ text: `${LIGHT_SYMBOLS[i.light]} ${i.lightLabel || TRAFFIC_LIGHT_LABELS[i.light]}`, color: LIGHT_COLOURS[i.light], alignment: 'right' }
							])
						)
					]
				},
		{
			text: 'Sources : base Maillage de la Caf (structures, agréments, financements, accord-cadre, schéma directeur) ; couverture calculée par le moteur d’analyse de Maillage avec les paramètres départementaux en vigueur.',
			style: 'note',
			margin: [0, 8, 0, 0]
		}
	];
	return {
		pageSize: 'A4',
		pageMargins: [40, 48, 40, 48],
		info: { title: `Dossier AVS — ${data.territoryName}`, author: 'Maillage', subject: 'Animation de la vie sociale', creator: 'Maillage' },
		defaultStyle: { font: 'Roboto', fontSize: 9.5, lineHeight: 1.15, color: ui.ink },
		styles: {
			title: { fontSize: 20, bold: true, color: ui.brandStrong },
			subtitle: { fontSize: 14, margin: [0, 2, 0, 2] },
			h2: { fontSize: 13, bold: true, color: ui.brand, margin: [0, 6, 0, 4] },
			h3: { fontSize: 10.5, bold: true, color: ui.ink, margin: [0, 4, 0, 2] },
			th: { bold: true, fontSize: 9 },
			muted: { color: ui.inkMuted },
			note: { fontSize: 8, color: ui.inkMuted }
		},
		footer: (current: number, total: number) => ({
			columns: [
				{ text: `Maillage — ${data.territoryName} — ${formatDate(data.date)}`, fontSize: 7.5, color: ui.inkMuted },
				{ text: `Page ${current} / ${total}`, alignment: 'right', fontSize: 7.5, color: ui.inkMuted }
			],
			margin: [40, 16, 40, 0]
		}),
		// Sections flow on from page to page (no forced break, so no half-empty page); a heading
		// that would end a page with less than three lines under it moves to the next page.
		pageBreakBefore: (node, queries) => node.headlineLevel === 1 && queries.getFollowingNodesOnPage().length < 3,
		content
	};
}

/** Agréments with their end date and the days left (or overdue), headed `dateHeaders`. */
function endingAgrements(rows: { structureName: string; kind: string; endDate: string; days: number }[], empty: string, dateHeaders: [string, string]): Content {
	return tableOrNone(rows, empty, { widths: ['*', 'auto', 'auto', 'auto'], header: ['Structure', 'Agrément', ...dateHeaders] }, (d) => [
		d.structureName,
		label(agrementKindLabels, d.kind),
		right(formatDate(d.endDate)),
		right(formatDurationDays(d.days))
	]);
}

/** Agréments to renew within the window, renewals overdue, and key posts vacant, with counts. */
function agrementsSection(a: DossierData['agrements']): Content[] {
	return [
		heading('Agréments et postes'),
		subheading(`Renouvellements à préparer dans les ${a.windowMonths} prochains mois : ${formatNumber(a.due.length)}`),
		endingAgrements(
			a.due.map((d) => ({ ...d, days: d.daysLeft })),
			'Aucun agrément n’arrive à échéance sans renouvellement dans cette période.',
			['Fin', 'Dans']
		),
		subheading(`Agréments échus sans renouvellement : ${formatNumber(a.overdue.length)}`),
		endingAgrements(
			a.overdue.map((d) => ({ ...d, days: d.daysOverdue })),
			'Aucun agrément échu sans successeur.',
			['Échu le', 'Depuis']
		),
		subheading(`Postes de direction et de référent familles vacants : ${formatNumber(a.vacancies.length)}`),
		tableOrNone(a.vacancies, 'Aucun poste clé vacant.', { widths: ['*', 'auto', 'auto', 'auto', 'auto'], header: ['Structure', 'Poste', 'Vacant depuis le', 'Durée', 'Niveau'] }, (v) => [
			v.structureName,
			label(staffPostLabels, v.kind),
			right(formatDate(v.vacantFrom)),
			right(formatDurationDays(v.days)),
			right(VACANCY_LEVEL_LABELS[v.level])
		]),
		{
			text: `Alerte à partir de ${plural(a.thresholds.alertMonths, 'mois', 'mois')} de vacance, critique à partir de ${plural(a.thresholds.criticalMonths, 'mois', 'mois')} (paramètres départementaux en vigueur).`,
			style: 'note',
			margin: [0, 0, 0, 10]
		}
	];
}

/**
 * Replaces the narrow no-break space of French formatting (U+202F, absent from the Roboto fonts
 * pdfmake ships) by a no-break space in every text of `node`, leaving SVG markup alone.
 */
export function withPrintableSpaces<T>(node: T): T {
	if (typeof node === 'string') return node.replace(/\u202f/g, '\u00a0') as T;
	if (Array.isArray(node)) return node.map(withPrintableSpaces) as T;
	if (node && typeof node === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(node)) out[key] = key === 'svg' || typeof value === 'function' ? value : withPrintableSpaces(value);
		return out as T;
	}
	return node;
}

/** Renders the dossier; returns the PDF bytes. */
export async function renderDossierPdf(data: DossierData): Promise<Uint8Array> {
	const definition = dossierDefinition(data);
	const footer = definition.footer as (current: number, total: number) => Content;
	const printable = { ...withPrintableSpaces(definition), footer: (current: number, total: number) => withPrintableSpaces(footer(current, total)) };
	const buffer = await pdfmake().createPdf(printable).getBuffer();
	return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

/** The file name of a dossier: `maillage-dossier-<territory>-<date>.pdf`. */
export function dossierFileName(data: DossierData): string {
	const slug = (data.epci ? data.epci.name : 'departement')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	return `maillage-dossier-${slug || 'territoire'}-${data.date}.pdf`;
}
