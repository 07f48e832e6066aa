/**
 * The funding views as data, all computed from the same list of facts so their totals agree:
 * partner × structure matrix, flow graph (partners → instruments → structures or EPCI), yearly
 * series per partner, one structure's panel, funding per inhabitant by EPCI. Amounts in euros,
 * added as whole cents (exact sums whatever the order). Pure.
 */
import { fromCents, toCents, type FundingFact, type FundingStatus, type StructureType } from './types';

/** A partner (funder) as the views list it, ordered by name. */
export interface PartnerKey {
	id: number;
	name: string;
	kind: string;
}

function partnersOf(facts: readonly FundingFact[]): PartnerKey[] {
	const map = new Map<number, PartnerKey>();
	for (const f of facts) if (!map.has(f.partnerId)) map.set(f.partnerId, { id: f.partnerId, name: f.partnerName, kind: f.partnerKind });
	return [...map.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.id - b.id);
}

/** The grand total of `facts`, in euros. */
export function totalOf(facts: readonly FundingFact[]): number {
	let cents = 0;
	for (const f of facts) cents += toCents(f.amount);
	return fromCents(cents);
}

// --- Partner × structure matrix ------------------------------------------------------------

export interface MatrixRow {
	structureId: number;
	structureName: string;
	structureType: StructureType;
	/** Euros per partner, in the order of `FundingMatrix.partners`; null when the partner funds nothing here. */
	cells: (number | null)[];
	total: number;
	/** Share of each partner in this structure's total (0–1), null where the cell is null. */
	shares: (number | null)[];
}

export interface FundingMatrix {
	partners: (PartnerKey & { total: number; share: number })[];
	rows: MatrixRow[];
	grandTotal: number;
}

/** Structures (rows, by name) × partners (columns, by name), with totals and shares. */
export function fundingMatrix(facts: readonly FundingFact[]): FundingMatrix {
	const partners = partnersOf(facts);
	const column = new Map(partners.map((p, i) => [p.id, i]));
	const rows = new Map<number, { row: MatrixRow; cents: (number | null)[]; total: number }>();
	const columnCents = partners.map(() => 0);
	let grand = 0;
	for (const f of facts) {
		let entry = rows.get(f.structureId);
		if (!entry) {
			entry = {
				row: { structureId: f.structureId, structureName: f.structureName, structureType: f.structureType, cells: [], total: 0, shares: [] },
				cents: partners.map(() => null),
				total: 0
			};
			rows.set(f.structureId, entry);
		}
		const i = column.get(f.partnerId)!;
		const c = toCents(f.amount);
		entry.cents[i] = (entry.cents[i] ?? 0) + c;
		entry.total += c;
		columnCents[i] += c;
		grand += c;
	}
	const matrixRows = [...rows.values()]
		.map(({ row, cents, total }) => ({
			...row,
			cells: cents.map((c) => (c === null ? null : fromCents(c))),
			total: fromCents(total),
			shares: cents.map((c) => (c === null ? null : total === 0 ? 0 : c / total))
		}))
		.sort((a, b) => a.structureName.localeCompare(b.structureName, 'fr') || a.structureId - b.structureId);
	return {
		partners: partners.map((p, i) => ({ ...p, total: fromCents(columnCents[i]), share: grand === 0 ? 0 : columnCents[i] / grand })),
		rows: matrixRows,
		grandTotal: fromCents(grand)
	};
}

// --- Flow graph (Sankey) ---------------------------------------------------------------------

export type FlowTarget = 'structure' | 'epci';

export interface FlowNode {
	/** `p:<partner id>`, `i:<instrument id>`, `s:<structure id>`, `e:<epci siren>` or `e:aucun`. */
	id: string;
	label: string;
	/** 0 partners, 1 instruments, 2 structures or EPCI. */
	column: 0 | 1 | 2;
	/** The partner id of a partner node (for its colour), else null. */
	partnerId: number | null;
	/** Euros through the node (in = out for instruments). */
	value: number;
}

export interface FlowLink {
	source: string;
	target: string;
	/** Euros. */
	value: number;
}

export interface FlowGraph {
	nodes: FlowNode[];
	links: FlowLink[];
	total: number;
}

/** Label of the EPCI node of structures outside any EPCI. */
export const NO_EPCI_LABEL = 'Hors EPCI';

/**
 * Partners → instruments → structures (or EPCI). Link values are sums of facts; every node's
 * value is the sum of the facts through it, so each column adds up to the grand total.
 */
export function fundingFlows(facts: readonly FundingFact[], target: FlowTarget = 'structure'): FlowGraph {
	const nodes = new Map<string, FlowNode & { cents: number }>();
	const links = new Map<string, { source: string; target: string; cents: number }>();
	const node = (id: string, label: string, column: 0 | 1 | 2, partnerId: number | null, cents: number) => {
		const n = nodes.get(id);
		if (n) n.cents += cents;
		else nodes.set(id, { id, label, column, partnerId, value: 0, cents });
	};
	const link = (source: string, targetId: string, cents: number) => {
		const key = `${source}>${targetId}`;
		const l = links.get(key);
		if (l) l.cents += cents;
		else links.set(key, { source, target: targetId, cents });
	};
	let total = 0;
	for (const f of facts) {
		const c = toCents(f.amount);
		total += c;
		const p = `p:${f.partnerId}`;
		const i = `i:${f.instrumentId}`;
		const t = target === 'structure' ? `s:${f.structureId}` : `e:${f.epciSiren ?? 'aucun'}`;
		node(p, f.partnerName, 0, f.partnerId, c);
		node(i, f.instrumentLabel, 1, null, c);
		node(t, target === 'structure' ? f.structureName : (f.epciName ?? NO_EPCI_LABEL), 2, null, c);
		link(p, i, c);
		link(i, t, c);
	}
	const byColumnThenLabel = (a: FlowNode, b: FlowNode) => a.column - b.column || a.label.localeCompare(b.label, 'fr') || a.id.localeCompare(b.id);
	return {
		nodes: [...nodes.values()].map(({ cents, ...n }) => ({ ...n, value: fromCents(cents) })).sort(byColumnThenLabel),
		links: [...links.values()].map((l) => ({ source: l.source, target: l.target, value: fromCents(l.cents) })),
		total: fromCents(total)
	};
}

// --- Yearly series per partner (stacked bars) -------------------------------------------------

export interface YearSeries {
	years: number[];
	partners: PartnerKey[];
	/** values[p][y]: euros of partner p in year y (0 when none). */
	values: number[][];
	/** Sum of each year. */
	yearTotals: number[];
	total: number;
}

/** Euros per partner and year, every year between the first and the last present. */
export function yearSeries(facts: readonly FundingFact[]): YearSeries {
	const partners = partnersOf(facts);
	const present = facts.map((f) => f.year);
	const years: number[] = [];
	if (present.length > 0) {
		const min = Math.min(...present);
		const max = Math.max(...present);
		for (let y = min; y <= max; y++) years.push(y);
	}
	const row = new Map(partners.map((p, i) => [p.id, i]));
	const cents = partners.map(() => years.map(() => 0));
	for (const f of facts) cents[row.get(f.partnerId)!][f.year - years[0]] += toCents(f.amount);
	const yearCents = years.map((_, y) => cents.reduce((s, r) => s + r[y], 0));
	return {
		years,
		partners,
		values: cents.map((r) => r.map(fromCents)),
		yearTotals: yearCents.map(fromCents),
		total: fromCents(yearCents.reduce((s, c) => s + c, 0))
	};
}

// --- One structure's panel --------------------------------------------------------------------

export interface PanelLine {
	id: number;
	partnerId: number;
	partnerName: string;
	instrumentLabel: string;
	amount: number;
	status: FundingStatus;
}

export interface PanelYear {
	year: number;
	lines: PanelLine[];
	total: number;
	/** Share of the year's total per partner, largest first. */
	partnerShares: { partnerId: number; partnerName: string; amount: number; share: number }[];
}

export interface StructurePanel {
	structureId: number;
	/** Most recent year first. */
	years: PanelYear[];
	total: number;
}

/** The funding of one structure, by year (most recent first) and partner. */
export function structurePanel(facts: readonly FundingFact[], structureId: number): StructurePanel {
	const own = facts.filter((f) => f.structureId === structureId);
	const years = [...new Set(own.map((f) => f.year))].sort((a, b) => b - a);
	let total = 0;
	const panelYears = years.map((year) => {
		const lines = own
			.filter((f) => f.year === year)
			.sort((a, b) => a.partnerName.localeCompare(b.partnerName, 'fr') || a.instrumentLabel.localeCompare(b.instrumentLabel, 'fr'));
		const yearCents = lines.reduce((s, f) => s + toCents(f.amount), 0);
		total += yearCents;
		const byPartner = new Map<number, { partnerId: number; partnerName: string; cents: number }>();
		for (const f of lines) {
			const e = byPartner.get(f.partnerId) ?? { partnerId: f.partnerId, partnerName: f.partnerName, cents: 0 };
			e.cents += toCents(f.amount);
			byPartner.set(f.partnerId, e);
		}
		return {
			year,
			lines: lines.map((f) => ({ id: f.id, partnerId: f.partnerId, partnerName: f.partnerName, instrumentLabel: f.instrumentLabel, amount: f.amount, status: f.status })),
			total: fromCents(yearCents),
			partnerShares: [...byPartner.values()]
				.sort((a, b) => b.cents - a.cents || a.partnerName.localeCompare(b.partnerName, 'fr'))
				.map((e) => ({ partnerId: e.partnerId, partnerName: e.partnerName, amount: fromCents(e.cents), share: yearCents === 0 ? 0 : e.cents / yearCents }))
		};
	});
	return { structureId, years: panelYears, total: fromCents(total) };
}

// --- Funding per inhabitant by EPCI -------------------------------------------------------------

export interface EpciPopulation {
	siren: string;
	name: string;
	/** Inhabitants (sum of its communes' populations), null when unknown. */
	population: number | null;
}

export interface EpciFunding {
	siren: string;
	name: string;
	amount: number;
	population: number | null;
	/** Euros per inhabitant, null when the population is unknown or zero. */
	perInhabitant: number | null;
}

export interface EpciFundingResult {
	epcis: EpciFunding[];
	/** Euros of structures outside any EPCI (not mapped). */
	outsideEpci: number;
	total: number;
}

/** Euros by EPCI of the structures' communes, and per inhabitant; every EPCI listed, funded or not. */
export function fundingByEpci(facts: readonly FundingFact[], epcis: readonly EpciPopulation[]): EpciFundingResult {
	const cents = new Map<string, number>();
	let outside = 0;
	let total = 0;
	for (const f of facts) {
		const c = toCents(f.amount);
		total += c;
		if (f.epciSiren === null) outside += c;
		else cents.set(f.epciSiren, (cents.get(f.epciSiren) ?? 0) + c);
	}
	const known = new Set(epcis.map((e) => e.siren));
	// Facts in an EPCI missing from the list are counted as outside, so the total still holds.
	for (const [siren, c] of cents) if (!known.has(siren)) outside += c;
	return {
		epcis: epcis
			.map((e) => {
				const amount = fromCents(cents.get(e.siren) ?? 0);
				return {
					siren: e.siren,
					name: e.name,
					amount,
					population: e.population,
					perInhabitant: e.population && e.population > 0 ? amount / e.population : null
				};
			})
			.sort((a, b) => a.name.localeCompare(b.name, 'fr')),
		outsideEpci: fromCents(outside),
		total: fromCents(total)
	};
}
