/**
 * Structure-year files (`maillage import activite`) → items and issues. Two shapes, told apart by
 * their header (a `section` column makes a table « long »):
 *
 * - **wide** (« Fiches »): one row per structure and year; the entered fields of the dictionary
 *   (`YEAR_FIELDS`: columns named by key or by the export's French header). A column absent from
 *   the file leaves the stored value unchanged; an empty cell clears it.
 * - **long** (« Détail »): one row per structure × year × section element (× public):
 *   `section;code;public;actions;participants;partenaires;conventions;salaries;etp`. For every
 *   structure-year present in a long table, its rows are the whole detail of that year (a row
 *   left out is deleted; a structure-year absent from the file is left as it is).
 *
 * Both find the structure by SIRET + establishment (the record key), or by `identifiant_maillage`
 * for a structure without SIRET. Columns Maillage computes (the export's identity, funding and
 * staff columns) are ignored, with one note naming them. Malformed values, unknown codes or
 * structures, and duplicated rows are errors: the server then refuses the whole file. Pure.
 */
import type { CsvTable } from '../io/csv';
import { formatIssue } from '../io/messages-fr';
import { compactIdentifier } from '../domain/siret';
import { normalizeName, parseInteger } from '../io/values';
import type { DatedParameter } from '../domain/dated-parameter';
import { DETAIL_FIELDS, DETAIL_MEASURES, DETAIL_SECTIONS, type DetailMeasure, type DetailRow, type DetailSection } from './detail';
import { OBSERVATORY_FIELDS } from './dictionary';
import { listsInYear, type ObservatoryLists } from './lists';
import { findCode, parseYearValue, valueProblemText } from './year-input';
import { YEAR_FIELDS, type YearFieldKey, type YearValue } from './year-fields';

/** Years a file may describe. */
export const MIN_ACTIVITY_YEAR = 2000;
export const MAX_ACTIVITY_YEAR = 2100;

export type ActivityIssueSeverity = 'erreur' | 'avertissement' | 'note';

/** A problem or note of an activity file, its French sentence already written (location first). */
export interface ActivityIssue {
	severity: ActivityIssueSeverity;
	code: string;
	/** Sheet (XLSX) or table name, when the file has several. */
	sheet?: string;
	line?: number;
	column?: string;
	/** Structure and year concerned, when known (consistency warnings). */
	structureId?: number;
	year?: number;
	message: string;
}

/** A structure a file may name. */
export interface ActivityStructureRef {
	id: number;
	siret: string | null;
	establishment: string | null;
	name: string;
}

/** One wide row: the entered values of the columns present in the file. */
export interface YearImportItem {
	sheet: string;
	line: number;
	structureId: number;
	year: number;
	values: Partial<Record<YearFieldKey, YearValue>>;
}

/** The full detail of one structure-year, from a long table. */
export interface DetailImportItem {
	sheet: string;
	/** First line of the structure-year in the table. */
	line: number;
	structureId: number;
	year: number;
	rows: DetailRow[];
}

export interface ActivityTableResult {
	years: YearImportItem[];
	details: DetailImportItem[];
	issues: ActivityIssue[];
	/** Data rows read. */
	read: number;
}

/** A named table of the file (a CSV, or one sheet of a workbook). */
export interface NamedTable {
	name: string;
	table: CsvTable;
}

const q = (v: string | number) => `« ${v} »`;

function where(sheet: string | null, line?: number, column?: string): string {
	const parts: string[] = [];
	if (sheet) parts.push(`Feuille ${sheet}`);
	if (line !== undefined) parts.push(`${parts.length ? 'ligne' : 'Ligne'} ${line}`);
	if (column !== undefined) parts.push(`${parts.length ? 'colonne' : 'Colonne'} ${column}`);
	return parts.join(', ');
}

function issue(severity: ActivityIssueSeverity, code: string, at: { sheet: string | null; line?: number; column?: string }, text: string): ActivityIssue {
	const place = where(at.sheet, at.line, at.column);
	const out: ActivityIssue = { severity, code, message: place ? `${place} : ${text}` : text.charAt(0).toUpperCase() + text.slice(1) };
	if (at.sheet) out.sheet = at.sheet;
	if (at.line !== undefined) out.line = at.line;
	if (at.column !== undefined) out.column = at.column;
	return out;
}

/** Column lookup by normalised name: the key, the French header of the export, and the header of the detail. */
function columnIndex(header: readonly string[]): Map<string, number[]> {
	const out = new Map<string, number[]>();
	header.forEach((h, i) => {
		const k = normalizeName(h);
		if (k !== '') out.set(k, [...(out.get(k) ?? []), i]);
	});
	return out;
}

const namesOf = (f: { key: string; header: string }) => [...new Set([normalizeName(f.key), normalizeName(f.header)])];

/** Finds the structure of a row (SIRET + establishment, else Maillage id). */
function resolveStructure(
	refs: readonly ActivityStructureRef[],
	raw: { siret: string; establishment: string; id: string }
): { id: number } | { code: string; text: string; column: string } {
	const establishment = raw.establishment.trim().toUpperCase();
	if (raw.siret.trim() !== '') {
		const siret = compactIdentifier(raw.siret);
		if (!/^\d{14}$/.test(siret)) return { code: 'siret-invalide', column: 'siret', text: `SIRET ${q(raw.siret)} : 14 chiffres attendus.` };
		const same = refs.filter((s) => s.siret === siret);
		if (same.length === 0) return { code: 'structure-inconnue', column: 'siret', text: `aucune structure n’a le SIRET ${siret} : importez d’abord la structure (répertoire des structures) ou corrigez le SIRET.` };
		const matches = same.filter((s) => (s.establishment ?? '') === establishment);
		if (matches.length === 1) {
			const id = raw.id.trim();
			if (id !== '' && Number(id) !== matches[0].id) {
				return { code: 'structure-contradictoire', column: 'identifiant_maillage', text: `le SIRET ${siret}${establishment ? ` (établissement ${establishment})` : ''} désigne « ${matches[0].name} » (n° ${matches[0].id}), pas la structure n° ${id}.` };
			}
			return { id: matches[0].id };
		}
		const listed = same.map((s) => `« ${s.name} »${s.establishment ? ` (établissement ${s.establishment})` : ' (sans établissement)'}`).join(', ');
		if (matches.length === 0) {
			return { code: 'etablissement-inconnu', column: 'etablissement', text: `le SIRET ${siret} n’a pas d’établissement ${q(establishment || '(vide)')} : ${listed}.` };
		}
		return { code: 'structure-ambigue', column: 'etablissement', text: `le SIRET ${siret}${establishment ? ` et l’établissement ${establishment}` : ' sans établissement'} désignent plusieurs structures (${listed}) : donnez-leur un suffixe d’établissement dans leur fiche.` };
	}
	const id = parseInteger(raw.id);
	if (id === null || id === undefined) return { code: 'structure-sans-cle', column: 'siret', text: 'ni SIRET ni identifiant Maillage : la structure ne peut pas être trouvée.' };
	if (!refs.some((s) => s.id === id)) return { code: 'structure-inconnue', column: 'identifiant_maillage', text: `aucune structure n’a l’identifiant Maillage ${id}.` };
	return { id };
}

function readYear(raw: string): number | string {
	const y = parseInteger(raw);
	if (y === null || y === undefined) return raw.trim() === '' ? 'année manquante.' : `${q(raw)} n’est pas une année.`;
	if (y < MIN_ACTIVITY_YEAR || y > MAX_ACTIVITY_YEAR) return `année ${y} hors de la plage acceptée (${MIN_ACTIVITY_YEAR} à ${MAX_ACTIVITY_YEAR}).`;
	return y;
}

/** True when the table is in long format (it has a `section` column). */
export function isDetailTable(table: CsvTable): boolean {
	return table.header.some((h) => normalizeName(h) === 'section');
}

/** Columns of a table that Maillage computes (ignored), and columns nobody knows (ignored with a warning). */
function ignoredColumns(header: readonly string[], used: ReadonlySet<number>, computedNames: ReadonlySet<string>): { computed: string[]; unknown: string[] } {
	const computed: string[] = [];
	const unknown: string[] = [];
	header.forEach((h, i) => {
		if (used.has(i) || h.trim() === '') return;
		(computedNames.has(normalizeName(h)) ? computed : unknown).push(h);
	});
	return { computed, unknown };
}

function noteIgnored(sheet: string | null, ignored: { computed: string[]; unknown: string[] }, issues: ActivityIssue[]): void {
	if (ignored.computed.length > 0) {
		issues.push(
			issue('note', 'colonnes-calculees', { sheet }, `${ignored.computed.length} colonne(s) calculée(s) par Maillage ignorée(s) (identité, agrément, postes, financements, totaux) : ${ignored.computed.join(', ')}. Elles se corrigent dans la fiche de la structure, les postes ou les financements.`)
		);
	}
	for (const name of ignored.unknown) issues.push(issue('avertissement', 'colonne-inconnue', { sheet, column: name }, 'colonne inconnue du dictionnaire des données, ignorée.'));
}

const WIDE_COMPUTED = new Set(OBSERVATORY_FIELDS.filter((f) => f.entry === 'calcule').flatMap(namesOf));
const DETAIL_COMPUTED = new Set(DETAIL_FIELDS.filter((f) => f.entry === 'calcule').flatMap(namesOf));

/** The key columns (structure and year), shared by both shapes. */
function keyColumns(index: Map<string, number[]>) {
	const find = (...names: string[]) => names.map((n) => index.get(normalizeName(n))?.[0]).find((i) => i !== undefined);
	return {
		siret: find('siret', 'SIRET'),
		establishment: find('etablissement', 'Établissement'),
		id: find('identifiant_maillage', 'Identifiant Maillage'),
		year: find('annee', 'Année')
	};
}

function readWide(sheet: string | null, table: CsvTable, refs: readonly ActivityStructureRef[], listsOf: (year: number) => ObservatoryLists, out: ActivityTableResult): void {
	const index = columnIndex(table.header);
	const keys = keyColumns(index);
	if (keys.year === undefined || (keys.siret === undefined && keys.id === undefined)) {
		out.issues.push(issue('erreur', 'colonne-cle-absente', { sheet }, 'colonnes annee et siret (ou identifiant_maillage) obligatoires : voir le dictionnaire des données.'));
		return;
	}
	const fields: { key: YearFieldKey; index: number; column: string }[] = [];
	const used = new Set([keys.siret, keys.establishment, keys.id, keys.year].filter((i): i is number => i !== undefined));
	for (const f of YEAR_FIELDS) {
		const hits = namesOf(f).flatMap((n) => index.get(n) ?? []);
		if (hits.length === 0) continue;
		if (new Set(hits).size > 1) out.issues.push(issue('erreur', 'colonne-en-double', { sheet, column: table.header[hits[0]] }, `le champ ${f.key} apparaît dans ${new Set(hits).size} colonnes.`));
		fields.push({ key: f.key, index: hits[0], column: table.header[hits[0]] });
		hits.forEach((i) => used.add(i));
	}
	noteIgnored(sheet, ignoredColumns(table.header, used, WIDE_COMPUTED), out.issues);
	const seen = new Map<string, number>();
	for (const record of table.records) {
		out.read++;
		const cell = (i: number | undefined) => (i === undefined ? '' : (record.values[i] ?? '').trim());
		const at = (column?: string) => ({ sheet, line: record.line, column });
		const errors: ActivityIssue[] = [];
		const year = readYear(cell(keys.year));
		if (typeof year === 'string') errors.push(issue('erreur', 'annee-invalide', at(table.header[keys.year]), year));
		const found = resolveStructure(refs, { siret: cell(keys.siret), establishment: cell(keys.establishment), id: cell(keys.id) });
		if (!('id' in found)) errors.push(issue('erreur', found.code, at(found.column), found.text));
		const values: Partial<Record<YearFieldKey, YearValue>> = {};
		if (typeof year === 'number') {
			const lists = listsOf(year);
			for (const f of fields) {
				const def = YEAR_FIELDS.find((d) => d.key === f.key)!;
				const parsed = parseYearValue(cell(f.index), def, lists);
				if (parsed.ok) values[f.key] = parsed.value;
				else errors.push(issue('erreur', `valeur-${parsed.problem.code}`, at(f.column), valueProblemText(parsed.problem)));
			}
		}
		if (errors.length === 0 && 'id' in found && typeof year === 'number') {
			const k = `${found.id}|${year}`;
			const first = seen.get(k);
			if (first !== undefined) errors.push(issue('erreur', 'ligne-en-double', at(), `même structure et même année qu’à la ligne ${first} : une seule ligne par structure et par année.`));
			else {
				seen.set(k, record.line);
				out.years.push({ sheet: sheet ?? '', line: record.line, structureId: found.id, year, values });
				continue;
			}
		}
		out.issues.push(...errors);
	}
}

function readLong(sheet: string | null, table: CsvTable, refs: readonly ActivityStructureRef[], listsOf: (year: number) => ObservatoryLists, out: ActivityTableResult): void {
	const index = columnIndex(table.header);
	const keys = keyColumns(index);
	const col = (key: string) => {
		const f = DETAIL_FIELDS.find((d) => d.key === key)!;
		return namesOf(f).map((n) => index.get(n)?.[0]).find((i) => i !== undefined);
	};
	const section = col('section');
	const code = col('code');
	const pub = col('public');
	const measures = Object.fromEntries(DETAIL_MEASURES.map((m) => [m, col(m)])) as Record<DetailMeasure, number | undefined>;
	if (keys.year === undefined || (keys.siret === undefined && keys.id === undefined) || section === undefined || code === undefined) {
		out.issues.push(issue('erreur', 'colonne-cle-absente', { sheet }, 'colonnes annee, siret (ou identifiant_maillage), section et code obligatoires dans le détail : voir le dictionnaire des données.'));
		return;
	}
	const used = new Set([keys.siret, keys.establishment, keys.id, keys.year, section, code, pub, ...Object.values(measures)].filter((i): i is number => i !== undefined));
	noteIgnored(sheet, ignoredColumns(table.header, used, DETAIL_COMPUTED), out.issues);
	const groups = new Map<string, DetailImportItem>();
	const seen = new Map<string, number>();
	for (const record of table.records) {
		out.read++;
		const cell = (i: number | undefined) => (i === undefined ? '' : (record.values[i] ?? '').trim());
		const at = (i?: number) => ({ sheet, line: record.line, column: i === undefined ? undefined : table.header[i] });
		const errors: ActivityIssue[] = [];
		const year = readYear(cell(keys.year));
		if (typeof year === 'string') errors.push(issue('erreur', 'annee-invalide', at(keys.year), year));
		const found = resolveStructure(refs, { siret: cell(keys.siret), establishment: cell(keys.establishment), id: cell(keys.id) });
		if (!('id' in found)) errors.push(issue('erreur', found.code, { sheet, line: record.line, column: found.column }, found.text));
		const sectionRaw = cell(section);
		const sectionKey = (Object.keys(DETAIL_SECTIONS) as DetailSection[]).find((s) => normalizeName(s) === normalizeName(sectionRaw)) ?? null;
		if (!sectionKey) errors.push(issue('erreur', 'section-inconnue', at(section), `section ${q(sectionRaw)} inconnue : activites, partenaires ou contrats attendu.`));
		let codeValue = '';
		let publicValue = '';
		const row: DetailRow = { section: sectionKey ?? 'activites', code: '', public: '', measures: {} };
		if (sectionKey && typeof year === 'number') {
			const spec = DETAIL_SECTIONS[sectionKey];
			const lists = listsOf(year);
			const list = lists[spec.list].items;
			const found = findCode(list, cell(code));
			if (found === null) errors.push(issue('erreur', 'code-inconnu', at(code), `${q(cell(code))} n’est pas un code de la liste de la section ${sectionKey} en vigueur en ${year} : ${list.map((i) => i.code).join(', ') || '(liste vide)'}.`));
			else codeValue = found;
			if (spec.withPublic) {
				const p = findCode(lists.publics.items, cell(pub));
				if (p === null) errors.push(issue('erreur', 'public-inconnu', at(pub), `public ${q(cell(pub))} inconnu : ${lists.publics.items.map((i) => i.code).join(', ')}.`));
				else publicValue = p;
			} else if (cell(pub) !== '') errors.push(issue('erreur', 'public-hors-section', at(pub), `la section ${sectionKey} n’a pas de public : laissez la cellule vide.`));
			for (const m of DETAIL_MEASURES) {
				const raw = cell(measures[m]);
				const own = (spec.measures as readonly string[]).includes(m);
				if (!own) {
					if (raw !== '') errors.push(issue('erreur', 'mesure-hors-section', at(measures[m]), `la colonne ${m} ne s’applique pas à la section ${sectionKey} (${spec.measures.join(', ')}) : laissez-la vide.`));
					continue;
				}
				const parsed = parseYearValue(raw, { type: m === 'etp' ? 'decimal' : 'entier' }, lists);
				if (parsed.ok) row.measures[m] = parsed.value as number | null;
				else errors.push(issue('erreur', `valeur-${parsed.problem.code}`, at(measures[m]), valueProblemText(parsed.problem)));
			}
		}
		if (errors.length === 0 && 'id' in found && typeof year === 'number' && sectionKey) {
			row.code = codeValue;
			row.public = publicValue;
			const k = `${found.id}|${year}|${sectionKey}|${codeValue}|${publicValue}`;
			const first = seen.get(k);
			if (first !== undefined) {
				out.issues.push(issue('erreur', 'ligne-en-double', { sheet, line: record.line }, `même structure, année, section, code${publicValue ? ' et public' : ''} qu’à la ligne ${first} : additionnez les valeurs sur une seule ligne.`));
				continue;
			}
			seen.set(k, record.line);
			const g = `${found.id}|${year}`;
			const group = groups.get(g) ?? { sheet: sheet ?? '', line: record.line, structureId: found.id, year, rows: [] };
			group.rows.push(row);
			groups.set(g, group);
			continue;
		}
		out.issues.push(...errors);
	}
	out.details.push(...groups.values());
}

/**
 * Reads every table of an activity file. `params` are the dated parameters (`observatory.*`):
 * the code lists are those in force in each row's year.
 */
export function activityItemsFromTables(tables: readonly NamedTable[], refs: readonly ActivityStructureRef[], params: readonly DatedParameter[]): ActivityTableResult {
	const out: ActivityTableResult = { years: [], details: [], issues: [], read: 0 };
	const cache = new Map<number, ObservatoryLists>();
	const listsOf = (year: number) => {
		let lists = cache.get(year);
		if (!lists) cache.set(year, (lists = listsInYear(params, year)));
		return lists;
	};
	const named = tables.length > 1;
	for (const { name, table } of tables) {
		const sheet = named ? name : null;
		for (const i of table.issues) out.issues.push({ severity: i.severity === 'error' ? 'erreur' : 'avertissement', code: i.code, ...(sheet ? { sheet } : {}), line: i.line, column: i.column, message: `${sheet ? `Feuille ${sheet} : ` : ''}${formatIssue(i)}` });
		if (table.issues.some((i) => i.severity === 'error')) continue;
		if (isDetailTable(table)) readLong(sheet, table, refs, listsOf, out);
		else readWide(sheet, table, refs, listsOf, out);
	}
	if (out.years.length + out.details.length === 0 && !out.issues.some((i) => i.severity === 'erreur')) {
		out.issues.push(issue('erreur', 'fichier-sans-donnees', { sheet: null }, 'le fichier ne contient aucune ligne de données annuelles.'));
	}
	return out;
}
