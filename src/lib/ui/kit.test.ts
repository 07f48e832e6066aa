import { describe, expect, it } from 'vitest';
import { render as renderRaw } from 'svelte/server';
import { createRawSnippet } from 'svelte';
import DataTable from './DataTable.svelte';
import PageHeader from './PageHeader.svelte';
import Field from './Field.svelte';
import SelectField from './SelectField.svelte';
import FilterBar from './FilterBar.svelte';
import AlertList from './AlertList.svelte';
import EmptyState from './EmptyState.svelte';
import KeyFigure from './KeyFigure.svelte';
import DownloadMenu from './DownloadMenu.svelte';
import Tooltip from './Tooltip.svelte';
import FormMessage from './FormMessage.svelte';
import CreateForm from './CreateForm.svelte';
import Callout from './Callout.svelte';
import Section from './Section.svelte';
import FactList from './FactList.svelte';
import SubNav from './SubNav.svelte';
import { alertSummary, groupAlerts } from './alert-groups';
import { documentTitle } from './page-title';
import { outcome, optionsOf } from './form';
import type { Column } from './table';

/** Server render with Svelte's scoped-style class names removed, so assertions read like the markup. */
const render: typeof renderRaw = ((component: Parameters<typeof renderRaw>[0], options: Parameters<typeof renderRaw>[1]) => {
	const out = renderRaw(component, options);
	const clean = (s: string) => s.replace(/<!--[^]*?-->/g, '').replace(/ ?svelte-[a-z0-9]+/g, '').replace(/ class=""/g, '');
	return { ...out, body: clean(out.body), head: clean(out.head) };
}) as typeof renderRaw;
const html = (text: string) => createRawSnippet(() => ({ render: () => `<span>${text}</span>` }));
/** Visible text of server-rendered HTML, without comments and tags. */
const text = (body: string) => body.replace(/<!--[^]*?-->/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

interface Line {
	id: number;
	name: string;
	amount: number;
	regime: string;
}
const lines: Line[] = [
	{ id: 1, name: 'CS des Salines', amount: 1200, regime: 'Circulaire 2012' },
	{ id: 2, name: 'EVS du Port', amount: 300, regime: 'Circulaire 2012' }
];
const columns: Column<Line>[] = [
	{ key: 'name', label: 'Structure', value: (l) => l.name },
	{ key: 'amount', label: 'Montant', numeric: true, value: (l) => `${l.amount} €`, note: 'montants notifiés', footer: '1500 €' },
	{ key: 'regime', label: 'Régime', value: (l) => l.regime, hidden: true }
];
const actions = createRawSnippet((line: () => Line) => ({ render: () => `<button type="button">Publier ${line().id}</button>` }));

describe('DataTable', () => {
	it('renders a captioned table in its own labelled scroller, the first column as row headers', () => {
		const { body } = render(DataTable<Line>, { props: { rows: lines, columns, caption: 'Lignes', key: (l: Line) => l.id } });
		expect(body).toMatch(/<div class="scroller[^"]*" role="region" aria-labelledby="([^"]+)-caption" tabindex="0">/);
		expect(body).toContain('<caption');
		expect(body).toMatch(/<th scope="row"[^>]*>CS des Salines<\/th>/);
		expect(body).toMatch(/<td class="num[^"]*">1200 €<\/td>/);
	});

	it('hides the columns marked hidden, numbers the column notes and prints them once under the table', () => {
		const { body } = render(DataTable<Line>, { props: { rows: lines, columns, caption: 'Lignes', key: (l: Line) => l.id } });
		expect(body).not.toContain('Circulaire 2012');
		expect(text(body)).toContain('Montant 1');
		expect(text(body)).toContain('1 Montant : montants notifiés');
		expect(text(body)).toContain('Total 1500 €');
	});

	it('draws the action column last, with its header, on every row', () => {
		const { body } = render(DataTable<Line>, { props: { rows: lines, columns, caption: 'Lignes', key: (l: Line) => l.id, actions } });
		expect(body).toContain('<th scope="col" class="actions">Actions</th>');
		expect(body.match(/<td class="actions">/g)).toHaveLength(3); // two rows and the footer
		expect(body).toContain('Publier 2');
	});

	it('sorts from the given sort state and marks the sorted header', () => {
		const sortable: Column<Line>[] = [columns[0], { ...columns[1], sort: (l: Line) => l.amount }];
		const { body } = render(DataTable<Line>, {
			props: { rows: lines, columns: sortable, caption: 'Lignes', key: (l: Line) => l.id, sort: { key: 'amount', descending: false } }
		});
		expect(body.indexOf('EVS du Port')).toBeLessThan(body.indexOf('CS des Salines'));
		expect(body).toMatch(/aria-sort="ascending"/);
	});

	it('shows its empty, loading and error states instead of an empty table', () => {
		const empty = render(DataTable<Line>, { props: { rows: [], columns, caption: 'Lignes', key: (l: Line) => l.id, emptyText: 'Aucune ligne publiée.' } });
		expect(empty.body).not.toContain('<table');
		expect(text(empty.body)).toContain('Lignes Aucune ligne publiée.');
		const loading = render(DataTable<Line>, { props: { rows: [], columns, caption: 'Lignes', key: (l: Line) => l.id, status: 'loading' } });
		expect(loading.body).toContain('aria-busy="true"');
		const error = render(DataTable<Line>, { props: { rows: lines, columns, caption: 'Lignes', key: (l: Line) => l.id, status: 'error', error: 'Serveur injoignable.' } });
		expect(error.body).toMatch(/role="alert"[^>]*>Serveur injoignable\./);
		expect(error.body).not.toContain('<table');
	});

	it('draws the cells of columns without a value through the cell snippet', () => {
		const cell = createRawSnippet((line: () => Line, column: () => Column<Line>) => ({ render: () => `<em>${column().key}:${line().id}</em>` }));
		const { body } = render(DataTable<Line>, { props: { rows: lines, columns: [columns[0], { key: 'x', label: 'X' }], caption: 'L', key: (l: Line) => l.id, cell } });
		expect(body).toContain('<em>x:1</em>');
	});
});

describe('page parts', () => {
	it('PageHeader writes the breadcrumb, the h1, the lead and the document title', () => {
		const { body, head } = render(PageHeader, {
			props: { title: 'Lignes de financement', crumbs: [{ href: '/financements', label: 'Financements' }], lead: html('Une ligne par structure.') }
		});
		expect(head).toContain('<title>Lignes de financement — Financements — Maillage</title>');
		expect(body).toMatch(/<nav aria-label="Fil d'Ariane"/);
		expect(body).toContain('<a href="/financements">Financements</a>');
		expect(body).toContain('<span aria-current="page">Lignes de financement</span>');
		expect(body.match(/<h1/g)).toHaveLength(1);
		expect(text(body)).toContain('Une ligne par structure.');
		expect(documentTitle('Carte')).toBe('Carte — Maillage');
	});

	it('Field ties its label, hint and error to the control', () => {
		const control = createRawSnippet((c: () => { id: string; 'aria-describedby': string | undefined }) => ({
			render: () => `<input id="${c().id}" aria-describedby="${c()['aria-describedby']}">`
		}));
		const { body } = render(Field, { props: { label: 'Montant', id: 'm', hint: 'En euros', error: 'Nombre attendu', children: control } });
		expect(body).toContain('<label for="m">Montant');
		expect(body).toContain('<input id="m" aria-describedby="m-hint m-error">');
		expect(body).toMatch(/id="m-error">Nombre attendu/);
	});

	it('SelectField offers an « all » option and selects the current value', () => {
		const { body } = render(SelectField, { props: { label: 'Type', name: 'type', value: 'EVS', all: 'Tous', options: optionsOf({ CS: 'Centre social', EVS: 'Espace de vie sociale' }) } });
		expect(body).toMatch(/<option value="" ?>Tous<\/option>/);
		expect(body).toMatch(/<option value="EVS" selected[^>]*>Espace de vie sociale/);
	});

	it('FilterBar is a GET form that keeps parameters and offers « Tout effacer » only when filtered', () => {
		const children = html('champ');
		const filtered = render(FilterBar, { props: { label: 'Filtrer', clearHref: '/structures', keep: { flux: 'epci' }, children } });
		expect(filtered.body).toMatch(/<form method="GET" class="filter-bar card" aria-label="Filtrer">/);
		expect(filtered.body).toContain('<input type="hidden" name="flux" value="epci"');
		expect(filtered.body).toContain('Tout effacer');
		expect(render(FilterBar, { props: { label: 'Filtrer', children } }).body).not.toContain('Tout effacer');
		const live = render(FilterBar, { props: { label: 'Filtrer', live: true, children } });
		expect(live.body).toContain('role="search"');
		expect(live.body).not.toContain('<form');
	});

	it('Section labels itself by its heading', () => {
		const { body } = render(Section, { props: { title: 'Identité', id: 'identite', children: html('x') } });
		expect(body).toMatch(/<section aria-labelledby="identite"[^>]*>[^]*<h2 id="identite">Identité<\/h2>/);
	});

	it('FactList prints « Non renseigné » for missing values', () => {
		const { body } = render(FactList, { props: { facts: [{ label: 'SIRET', value: null }, { label: 'Commune', value: 'Talouzac' }] } });
		expect(text(body)).toBe('SIRET Non renseigné Commune Talouzac');
	});

	it('SubNav marks the current page', () => {
		const { body } = render(SubNav, { props: { label: 'Pages', current: '/b', links: [{ href: '/a', label: 'A' }, { href: '/b', label: 'B' }] } });
		expect(body).toContain('<a href="/b" aria-current="page">B</a>');
		expect(body).toContain('<a href="/a">A</a>');
	});
});

describe('messages', () => {
	it('EmptyState speaks to the reader’s role and falls back to the general message', () => {
		const props = { title: 'Aucune ligne.', forStaff: html('Importez un fichier.'), forObserver: html('La CAF n’a encore rien publié.'), children: html('Rien.') };
		expect(text(render(EmptyState, { props: { ...props, role: 'agent' } }).body)).toBe('Aucune ligne. Importez un fichier.');
		expect(text(render(EmptyState, { props: { ...props, role: 'observateur' } }).body)).toBe('Aucune ligne. La CAF n’a encore rien publié.');
		expect(text(render(EmptyState, { props: { ...props, role: 'partenaire' } }).body)).toBe('Aucune ligne. Rien.');
	});

	it('groupAlerts groups by kind then partner with counts; AlertList shows them collapsed', () => {
		const alerts = [
			{ kind: 'shortfall', partner: 'MSA', text: 'a' },
			{ kind: 'dependency', partner: 'CAF', text: 'b' },
			{ kind: 'shortfall', partner: 'CD', text: 'c' },
			{ kind: 'shortfall', partner: 'CD', text: 'd' }
		];
		const groups = groupAlerts(
			alerts,
			(a) => ({ text: a.text }),
			[
				{ key: (a) => a.kind, title: (a) => (a.kind === 'shortfall' ? 'Écarts aux engagements' : 'Dépendances'), tone: (a) => (a.kind === 'shortfall' ? 'danger' : 'warning') },
				{ key: (a) => a.partner, title: (a) => a.partner }
			],
			['shortfall', 'dependency']
		);
		expect(groups.map((g) => [g.key, g.count, g.subgroups.map((s) => [s.title, s.count])])).toEqual([
			['shortfall', 3, [['CD', 2], ['MSA', 1]]],
			['dependency', 1, [['CAF', 1]]]
		]);
		expect(alertSummary(groups)).toBe('4 alertes (écarts aux engagements : 3 ; dépendances : 1).');
		const { body } = render(AlertList, { props: { groups, label: 'Alertes' } });
		expect(body).not.toMatch(/<details[^>]* open/);
		expect(body).toMatch(/data-alert-group="shortfall" data-count="3"/);
		expect(text(render(AlertList, { props: { groups: [], label: 'Alertes', emptyText: 'Aucune alerte cette année.' } }).body)).toBe('Aucune alerte cette année.');
	});

	it('FormMessage and outcome show only the outcome of the form aimed at', () => {
		const form = { target: 'ligne-3', message: 'Montant invalide.' };
		expect(outcome(form, 'ligne-3')).toEqual({ problem: 'Montant invalide.', saved: null });
		expect(outcome(form, 'ligne-4')).toEqual({ problem: null, saved: null });
		expect(outcome({ target: 'x', saved: 'Enregistré.' }, 'x').saved).toBe('Enregistré.');
		expect(render(FormMessage, { props: outcome(form, 'ligne-3') }).body).toMatch(/role="alert"[^>]*>Montant invalide\./);
		expect(text(render(FormMessage, { props: {} }).body)).toBe('');
	});

	it('CreateForm folds its fields behind the summary and opens again with the problem of its target', () => {
		const props = { summary: 'Ajouter un financeur', hidden: { accord: 3 }, children: html('champs') };
		const closed = render(CreateForm, { props: { ...props, form: null } }).body;
		expect(closed).toContain('<summary>Ajouter un financeur</summary>');
		expect(closed).toMatch(/<form method="POST" action="\?\/creer"/);
		expect(closed).toContain('<input type="hidden" name="accord" value="3"');
		expect(closed).toContain('<span>champs</span>');
		expect(closed).toMatch(/<button type="submit">Ajouter<\/button>/);
		expect(closed).not.toMatch(/<details[^>]* open/);
		const refused = render(CreateForm, { props: { ...props, form: { target: 'creation', message: 'Code déjà pris.' } } }).body;
		expect(refused).toMatch(/<details[^>]* open/);
		expect(text(refused)).toContain('Code déjà pris.');
		const other = render(CreateForm, { props: { ...props, form: { target: 'ligne-2', message: 'Autre.' } } }).body;
		expect(text(other)).not.toContain('Autre.');
	});

	it('Callout carries its role and tone', () => {
		const { body } = render(Callout, { props: { tone: 'warning', title: 'Attention', children: html('x') } });
		expect(body).toMatch(/class="callout warning[^"]*" role="note"/);
	});
});

describe('widgets', () => {
	it('KeyFigure prints its label, figure and detail', () => {
		const { body } = render(KeyFigure, { props: { label: 'Population couverte', value: '42,5 %', detail: 'sur 120 000', name: 'share' } });
		expect(text(body)).toBe('Population couverte 42,5 % sur 120 000');
		expect(body).toContain('data-figure="share"');
	});

	it('DownloadMenu lists download links behind one button', () => {
		const { body } = render(DownloadMenu, { props: { items: [{ href: '/a.csv', label: 'Lignes', format: 'CSV' }, { href: '/d.pdf', label: 'Dossier', format: 'PDF', open: true }] } });
		expect(body).toContain('<summary class="button secondary">Télécharger</summary>');
		expect(body).toMatch(/<a href="\/a.csv" download="">/);
		expect(body).toMatch(/<a href="\/d.pdf">/);
	});

	it('Tooltip describes its trigger for screen readers', () => {
		const { body } = render(Tooltip, { props: { text: 'Indice 2SFCA : offre rapportée à la demande.', label: 'Aide : accessibilité' } });
		const id = /aria-describedby="([^"]+)"/.exec(body)?.[1];
		expect(id).toBeTruthy();
		expect(body).toContain(`<span role="tooltip" id="${id}" class="tip`);
		expect(body).toContain('aria-label="Aide : accessibilité"');
	});
});
