/**
 * Funding files (`annee;structure;financeur;dispositif;montant;statut;commentaire`) → funding
 * line items and issues. The table comes from the CSV parser (`$lib/io/csv`) or from a worksheet
 * read the same way; structures, partners and instruments are matched against the reference lists
 * passed in. Expected problems are values (line, column, code); the French sentences are in
 * `formatFundingIssue`. Pure.
 */
import { cell, resolveColumns, type ColumnSpec } from '../io/columns';
import type { CsvTable } from '../io/csv';
import { issueError, type ImportIssue, type IssueCode, type IssueLocation } from '../io/issues';
import { formatIssue, formatLocation } from '../io/messages-fr';
import { foldText, parseInteger } from '../io/values';
import { compactIdentifier } from '../domain/siret';
import { AMOUNT_MESSAGES, MAX_YEAR, MIN_YEAR, parseAmount, parseComment, parseStatus } from './line-input';
import type { FundingStatus } from './types';

/** Issue codes of funding files, beyond those every import shares. */
export const FUNDING_ISSUE_CODES = [
	'structure-unknown',
	'structure-ambiguous',
	'partner-unknown',
	'instrument-unknown',
	'status-unknown',
	'amount-invalid',
	'year-out-of-range',
	'duplicate-line',
	'partner-collectivity-outside',
	'structure-outside'
] as const;

export type FundingIssueCode = IssueCode | (typeof FUNDING_ISSUE_CODES)[number];

/** An import issue whose code may also be a funding one. */
export interface FundingIssue extends Omit<ImportIssue, 'code'> {
	code: FundingIssueCode;
}

function fundingIssue(code: (typeof FUNDING_ISSUE_CODES)[number], where: IssueLocation, params?: Record<string, string | number>): FundingIssue {
	const out = { severity: 'error', ...where, code } as FundingIssue;
	if (params && Object.keys(params).length > 0) out.params = params;
	return out;
}

const q = (v: string | number | undefined) => `« ${v ?? ''} »`;

const FUNDING_MESSAGES: Record<(typeof FUNDING_ISSUE_CODES)[number], (p: Record<string, string | number>) => string> = {
	'structure-unknown': (p) =>
		`structure ${q(p.value)} inconnue : indiquez l’identifiant de la structure (colonne id de l’import des structures), son numéro dans Maillage ou son SIRET.`,
	'structure-ambiguous': (p) => `le SIRET ${q(p.value)} désigne ${p.count} structures : indiquez plutôt l’identifiant de la structure.`,
	'partner-unknown': (p) => `financeur ${q(p.value)} inconnu : code ou nom attendu parmi ${p.known}.`,
	'instrument-unknown': (p) => `dispositif ${q(p.value)} inconnu : code ou libellé attendu parmi ${p.known}.`,
	'status-unknown': (p) => `statut ${q(p.value)} inconnu : prévisionnel, notifié ou versé attendu.`,
	'amount-invalid': (p) => `${q(p.value)} : ${String(p.reason).charAt(0).toLowerCase()}${String(p.reason).slice(1)}`,
	'year-out-of-range': (p) => `année ${q(p.value)} hors de la plage acceptée (${MIN_YEAR} à ${MAX_YEAR}).`,
	'duplicate-line': (p) =>
		`même structure, financeur, dispositif et année qu’à la ligne ${p.first} : une seule ligne par combinaison (additionnez les montants).`,
	'partner-collectivity-outside': (p) =>
		`${p.kind === 'epci' ? 'l’EPCI' : 'la commune'} ${p.value}${p.name ? ` (${p.name})` : ''} n’est pas du territoire de travail (${p.departements}) : ` +
		'seuls ses communes et EPCI deviennent financeurs d’office ; créez ce financeur dans Financements › Financeurs si c’est voulu.',
	'structure-outside': (p) =>
		`la structure ${q(p.value)} (${p.name}) est hors département (bande frontalière) : ses financements ne sont pas suivis ici.`
};

/** The French sentence of a funding import issue, where first (« Ligne 4, colonne financeur : … »). */
export function formatFundingIssue(issue: FundingIssue): string {
	if ((FUNDING_ISSUE_CODES as readonly string[]).includes(issue.code)) {
		const what = FUNDING_MESSAGES[issue.code as (typeof FUNDING_ISSUE_CODES)[number]](issue.params ?? {});
		const where = formatLocation(issue);
		return where ? `${where} : ${what}` : what.charAt(0).toUpperCase() + what.slice(1);
	}
	return formatIssue(issue as ImportIssue);
}

/** A commune or EPCI a `financeur` cell may name by its INSEE code or SIREN. */
export interface Collectivity {
	kind: 'commune' | 'epci';
	code: string;
	/** The partner's name: « Commune du Mans », « CU Le Mans Métropole ». */
	partnerName: string;
	/** Its own name, for messages. */
	name: string;
	inTerritory: boolean;
}

/** What the file is matched against. */
export interface FundingRefs {
	/** `outside`: a structure of the border band (« hors département »): its funding is not followed. */
	structures: readonly { id: number; externalId: string | null; siret: string | null; name: string; outside?: boolean }[];
	partners: readonly { id: number; code: string; name: string }[];
	instruments: readonly { id: number; code: string; label: string }[];
	/**
	 * The commune (INSEE code) or EPCI (SIREN) a code designates, if any; a `financeur` naming one of
	 * the territory that is not yet a partner becomes the partner `COM-<insee>` or `EPCI-<siren>`.
	 */
	collectivity?: (kind: 'commune' | 'epci', code: string) => Collectivity | null;
	/** The territory's départements, for messages. */
	departements?: readonly string[];
}

/** A partner the import creates for a commune or an EPCI of the territory. */
export interface NewPartner {
	code: string;
	name: string;
	kind: 'commune' | 'epci';
	territoryCode: string;
}

/** One valid record of the file. */
export interface FundingLineItem {
	/** The record's line in the file (header = 1). */
	line: number;
	structureId: number;
	/** The partner, or null when the import creates it (`newPartner`). */
	partnerId: number | null;
	newPartner?: NewPartner;
	instrumentId: number;
	year: number;
	amount: number;
	status: FundingStatus;
	comment: string | null;
}

export interface FundingTableResult {
	items: FundingLineItem[];
	issues: FundingIssue[];
	/** Records of the file. */
	read: number;
	/** Records left out because of an error. */
	skipped: number;
}

type Field = 'year' | 'structure' | 'partner' | 'instrument' | 'amount' | 'status' | 'comment';

/** Accepted column names (in `normalizeName` form), canonical first. */
export const FUNDING_COLUMNS: readonly ColumnSpec<Field>[] = [
	{ field: 'year', names: ['annee', 'year', 'exercice'], required: true },
	{ field: 'structure', names: ['structure', 'id_structure', 'structure_id', 'siret', 'id'], required: true },
	{ field: 'partner', names: ['financeur', 'partenaire', 'code_financeur'], required: true },
	{ field: 'instrument', names: ['dispositif', 'instrument', 'code_dispositif'], required: true },
	{ field: 'amount', names: ['montant', 'montant_eur', 'montant_euros', 'amount'], required: true },
	{ field: 'status', names: ['statut', 'status'], required: true },
	{ field: 'comment', names: ['commentaire', 'commentaires', 'comment', 'observations'] }
];

/** Lookup tables built once per file. */
interface Lookups {
	byExternalId: Map<string, number>;
	bySiret: Map<string, number[]>;
	byId: Set<number>;
	structure: Map<number, { name: string; outside?: boolean }>;
	partner: Map<string, number>;
	instrument: Map<string, number>;
	partnerKnown: string;
	instrumentKnown: string;
}

function knownList(codes: readonly string[]): string {
	const shown = codes.slice(0, 12).join(', ');
	return codes.length === 0 ? '(liste vide : créez-les d’abord)' : codes.length > 12 ? `${shown}…` : shown;
}

function buildLookups(refs: FundingRefs): Lookups {
	const bySiret = new Map<string, number[]>();
	for (const s of refs.structures) {
		if (s.siret) bySiret.set(compactIdentifier(s.siret), [...(bySiret.get(compactIdentifier(s.siret)) ?? []), s.id]);
	}
	const named = <T extends { id: number }>(items: readonly T[], code: (t: T) => string, label: (t: T) => string) => {
		const map = new Map<string, number>();
		// Labels first, so a code equal to another item's label still wins.
		for (const i of items) map.set(`l:${foldText(label(i))}`, i.id);
		for (const i of items) map.set(`c:${code(i).toUpperCase()}`, i.id);
		return map;
	};
	return {
		byExternalId: new Map(refs.structures.filter((s) => s.externalId).map((s) => [s.externalId!.trim(), s.id])),
		bySiret,
		byId: new Set(refs.structures.map((s) => s.id)),
		structure: new Map(refs.structures.map((s) => [s.id, s])),
		partner: named(refs.partners, (p) => p.code, (p) => p.name),
		instrument: named(refs.instruments, (i) => i.code, (i) => i.label),
		partnerKnown: knownList(refs.partners.map((p) => p.code)),
		instrumentKnown: knownList(refs.instruments.map((i) => i.code))
	};
}

function lookupNamed(map: Map<string, number>, raw: string): number | undefined {
	return map.get(`c:${raw.trim().toUpperCase()}`) ?? map.get(`l:${foldText(raw)}`);
}

/** The commune (`72181`, `COM-72181`) or EPCI (`247200132`, `EPCI-247200132`) a cell names, if any. */
function collectivityOf(refs: FundingRefs, raw: string): Collectivity | null {
	if (!refs.collectivity) return null;
	const value = raw.trim().toUpperCase().replace(/\s+/g, '');
	const commune = /^(?:COM-)?((?:\d{2}|2[AB])\d{3})$/.exec(value);
	if (commune) return refs.collectivity('commune', commune[1]);
	const epci = /^(?:EPCI-)?(\d{9})$/.exec(value);
	if (epci) return refs.collectivity('epci', epci[1]);
	return null;
}

/** Structure by external id, then SIRET (14 digits), then Maillage id. */
function lookupStructure(lookups: Lookups, raw: string): { id: number } | { error: 'unknown' } | { error: 'ambiguous'; count: number } {
	const value = raw.trim();
	const external = lookups.byExternalId.get(value);
	if (external !== undefined) return { id: external };
	const compact = compactIdentifier(value);
	if (/^\d{14}$/.test(compact)) {
		const ids = lookups.bySiret.get(compact) ?? [];
		if (ids.length === 1) return { id: ids[0] };
		if (ids.length > 1) return { error: 'ambiguous', count: ids.length };
	}
	if (/^\d{1,9}$/.test(value) && lookups.byId.has(Number(value))) return { id: Number(value) };
	return { error: 'unknown' };
}

/** Reads the records of a funding table into items (records with an error are left out) and issues. */
export function fundingLinesFromTable(table: CsvTable, refs: FundingRefs): FundingTableResult {
	const columns = resolveColumns(table.header, FUNDING_COLUMNS);
	const issues: FundingIssue[] = [...table.issues, ...columns.issues];
	if (columns.issues.some((i) => i.code === 'csv-missing-column')) {
		return { items: [], issues, read: table.records.length, skipped: table.records.length };
	}
	const lookups = buildLookups(refs);
	const items: FundingLineItem[] = [];
	const firstLine = new Map<string, number>();
	let skipped = 0;
	for (const record of table.records) {
		const at = (field: Field): IssueLocation => ({ line: record.line, column: columns.name[field] });
		const get = (field: Field) => cell(columns, record, field) ?? '';
		const errors: FundingIssue[] = [];
		const required = (field: Field): string | null => {
			const v = get(field);
			if (v === '') {
				errors.push(issueError('required-missing', at(field)));
				return null;
			}
			return v;
		};

		const yearRaw = required('year');
		let year: number | null = null;
		if (yearRaw !== null) {
			const y = parseInteger(yearRaw);
			if (y === undefined || y === null) errors.push(issueError('year-invalid', at('year'), { value: yearRaw }));
			else if (y < MIN_YEAR || y > MAX_YEAR) errors.push(fundingIssue('year-out-of-range', at('year'), { value: yearRaw }));
			else year = y;
		}
		const structureRaw = required('structure');
		let structureId: number | null = null;
		if (structureRaw !== null) {
			const found = lookupStructure(lookups, structureRaw);
			if ('id' in found) {
				structureId = found.id;
				const s = lookups.structure.get(found.id);
				if (s?.outside) errors.push(fundingIssue('structure-outside', at('structure'), { value: structureRaw, name: s.name }));
			}
			else if (found.error === 'ambiguous') errors.push(fundingIssue('structure-ambiguous', at('structure'), { value: structureRaw, count: found.count }));
			else errors.push(fundingIssue('structure-unknown', at('structure'), { value: structureRaw }));
		}
		const partnerRaw = required('partner');
		let partnerId: number | null | undefined = partnerRaw === null ? undefined : lookupNamed(lookups.partner, partnerRaw);
		let newPartner: NewPartner | undefined;
		if (partnerRaw !== null && partnerId === undefined) {
			const named = collectivityOf(refs, partnerRaw);
			if (named && named.inTerritory) {
				const code = `${named.kind === 'commune' ? 'COM' : 'EPCI'}-${named.code}`;
				partnerId = lookupNamed(lookups.partner, code) ?? null;
				if (partnerId === null) newPartner = { code, name: named.partnerName, kind: named.kind, territoryCode: named.code };
			} else if (named) {
				errors.push(
					fundingIssue('partner-collectivity-outside', at('partner'), {
						kind: named.kind,
						value: named.code,
						name: named.name,
						departements: (refs.departements ?? []).join(', ')
					})
				);
			} else errors.push(fundingIssue('partner-unknown', at('partner'), { value: partnerRaw, known: lookups.partnerKnown }));
		}
		const instrumentRaw = required('instrument');
		const instrumentId = instrumentRaw === null ? undefined : lookupNamed(lookups.instrument, instrumentRaw);
		if (instrumentRaw !== null && instrumentId === undefined) {
			errors.push(fundingIssue('instrument-unknown', at('instrument'), { value: instrumentRaw, known: lookups.instrumentKnown }));
		}
		const amountRaw = required('amount');
		let amount: number | null = null;
		if (amountRaw !== null) {
			const parsed = parseAmount(amountRaw);
			if (parsed.ok) amount = parsed.value;
			else errors.push(fundingIssue('amount-invalid', at('amount'), { value: amountRaw, reason: AMOUNT_MESSAGES[parsed.problem] }));
		}
		const statusRaw = required('status');
		const status = statusRaw === null ? null : parseStatus(statusRaw);
		if (statusRaw !== null && status === null) errors.push(fundingIssue('status-unknown', at('status'), { value: statusRaw }));

		if (errors.length === 0 && structureId !== null && partnerId !== undefined && instrumentId !== undefined && year !== null && amount !== null && status) {
			const key = `${structureId}|${partnerId ?? newPartner?.code}|${instrumentId}|${year}`;
			const first = firstLine.get(key);
			if (first !== undefined) errors.push(fundingIssue('duplicate-line', { line: record.line }, { first }));
			else {
				firstLine.set(key, record.line);
				items.push({
					line: record.line,
					structureId,
					partnerId: partnerId ?? null,
					...(newPartner ? { newPartner } : {}),
					instrumentId,
					year,
					amount,
					status,
					comment: parseComment(get('comment'))
				});
				continue;
			}
		}
		issues.push(...errors);
		skipped++;
	}
	return { items, issues, read: table.records.length, skipped };
}
