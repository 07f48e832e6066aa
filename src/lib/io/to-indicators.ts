/**
 * Territorial indicators (CSV) → dated values. Two layouts:
 * - **long** (the documented one): `code;annee;indicateur;valeur`, optional `niveau`
 *   (commune, epci, qpv, iris, departement) and `source`;
 * - **wide**: `code;annee;<indicator>;<indicator>…` (one column per indicator), as many open-data
 *   extracts are shaped, optional `niveau` and `source`; every other column is an indicator.
 * Keys the analysis uses are documented in `DOCUMENTED_INDICATORS` (`familles`, `allocataires`,
 * `allocataires_bas_revenus`, `familles_monoparentales`, `taux_pauvrete`, `population`); any other
 * key is kept as written (trimmed). Values accept the decimal comma. An empty or secret value
 * (`s`, `nd`, `secret`, `NA` — small counts CAF open data masks) is skipped with a warning.
 * Without `niveau`, the level follows from the code: `QP…`/`QN…` → qpv; 2–3 characters →
 * département; 5 → commune; 9 digits → an EPCI when the official list knows the SIREN, else an
 * IRIS.
 */
import { checkSiren } from '../domain/siret';
import { communeOfIris, departementOfCommune, departementOfQpv, normalizeDepartementCode, normalizeIrisCode, normalizeQpvCode } from '../domain/insee';
import type { IndicatorInput, TerritoryKind } from '../domain/territory';
import { cell, openCsv, type ColumnSpec } from './columns';
import { scopeOf, type ImportContext } from './context';
import type { CsvRecord, CsvTable } from './csv';
import { readCommuneCode } from './fields';
import { asWarnings, DuplicateKeys, hasErrors, issueError, issueWarning, nothingImported, type DomainResult, type ImportIssue, type IssueLocation } from './issues';
import type { Placement } from './scope';
import { epciDepartements } from './to-epci';
import { isDocumentedIndicator } from '../domain/indicators';
import { foldText, normalizeName, parseDecimal, parseInteger } from './values';

type Field = 'code' | 'annee' | 'indicateur' | 'valeur' | 'niveau' | 'source';
const COLUMNS: readonly ColumnSpec<Field>[] = [
	{ field: 'code', names: ['code', 'codgeo', 'code_insee', 'code_commune', 'code_territoire', 'territoire'], required: true },
	{ field: 'annee', names: ['annee', 'year', 'millesime'], required: true },
	{ field: 'indicateur', names: ['indicateur', 'cle', 'key', 'variable'] },
	{ field: 'valeur', names: ['valeur', 'value'] },
	{ field: 'niveau', names: ['niveau', 'echelon', 'territory_kind', 'type_territoire'] },
	{ field: 'source', names: ['source'] }
];

const LEVEL_ALIASES: Record<string, TerritoryKind> = {
	commune: 'commune',
	com: 'commune',
	epci: 'epci',
	qpv: 'qpv',
	qp: 'qpv',
	iris: 'iris',
	departement: 'departement',
	dep: 'departement'
};

const SECRET_VALUES = new Set(['s', 'nd', 'n.d.', 'secret', 'na', 'n/a', '-', 'x']);

/** The territory a code designates, normalised; reports and returns null when it cannot. */
function readTerritory(
	raw: string,
	level: TerritoryKind | null,
	where: IssueLocation,
	ctx: ImportContext,
	issues: ImportIssue[]
): { kind: TerritoryKind; code: string } | null {
	const value = raw.trim().toUpperCase();
	let kind = level;
	if (!kind) {
		if (/^Q[PN]/.test(value)) kind = 'qpv';
		else if (value.length <= 3) kind = 'departement';
		else if (value.length <= 5) kind = 'commune';
		else if (/^\d{9}$/.test(value)) {
			kind = ctx.official.epci(value) || ctx.epciSirens.has(value) ? 'epci' : 'iris';
		} else if (/^(IRIS)?(\d{2}|2[AB])\d{7}$/.test(value) || /^\d{8}$/.test(value)) kind = 'iris';
		else {
			issues.push(issueError('indicator-level-unknown', where, { value: raw }));
			return null;
		}
	}
	switch (kind) {
		case 'commune': {
			const code = readCommuneCode(raw, where, ctx.official, issues);
			return code ? { kind, code } : null;
		}
		case 'departement': {
			const dep = normalizeDepartementCode(raw);
			if (!dep) issues.push(issueError('departement-invalid', where, { value: raw }));
			return dep ? { kind, code: dep.code } : null;
		}
		case 'qpv': {
			const code = normalizeQpvCode(raw);
			if (!code) issues.push(issueError('zone-code-invalid', where, { value: raw, kind: 'qpv' }));
			return code ? { kind, code } : null;
		}
		case 'iris': {
			const iris = normalizeIrisCode(raw);
			if (!iris) issues.push(issueError('zone-code-invalid', where, { value: raw, kind: 'iris' }));
			else if (iris.restored) issues.push(issueWarning('insee-leading-zero-restored', where, { value: raw, code: iris.code }));
			return iris ? { kind, code: iris.code } : null;
		}
		case 'epci': {
			const checked = checkSiren(raw);
			if (checked.status === 'bad-format') issues.push(issueError('siren-invalid', where, { value: raw }));
			return checked.status === 'bad-format' ? null : { kind, code: checked.value };
		}
	}
}

/** A documented key in its canonical form (`Familles` → `familles`), any other key as written. */
export function indicatorKey(raw: string): string {
	const canonical = normalizeName(raw);
	return isDocumentedIndicator(canonical) ? canonical : raw.trim();
}

/** Indicators of a CSV table (long or wide layout), with every issue. */
export function indicatorsFromCsv(table: CsvTable, ctx: ImportContext): DomainResult<IndicatorInput> {
	const { issues, read, columns } = openCsv(table, COLUMNS);
	const long = columns.index.indicateur !== undefined || columns.index.valeur !== undefined;
	if (long && (columns.index.indicateur === undefined || columns.index.valeur === undefined)) {
		const missing = columns.index.indicateur === undefined ? 'indicateur' : 'valeur';
		issues.push(issueError('csv-missing-column', { column: missing }, { accepted: missing }));
	}
	const used = new Set(Object.values(columns.index) as number[]);
	const wideColumns = long ? [] : table.header.map((h, i) => ({ h, i })).filter(({ h, i }) => !used.has(i) && h !== '');
	if (!long && wideColumns.length === 0) {
		issues.push(issueError('csv-missing-column', { column: 'indicateur' }, { accepted: 'indicateur, valeur' }));
	}
	if (hasErrors(issues.filter((i) => i.line === undefined))) return nothingImported(issues, read);
	const col = (f: Field) => columns.name[f] ?? f;

	const items: IndicatorInput[] = [];
	const seen = new DuplicateKeys();
	let skippedRows = 0;
	const scope = scopeOf(ctx);
	const reach = epciDepartements(ctx);
	let rowPlacement: { placement: Placement; departement: string | null } = { placement: 'territory', departement: null };
	/** Where an indicator's territory lies: its département; a stored commune (or its IRIS) outside is of the band. */
	const placeIndicator = (t: { kind: TerritoryKind; code: string }): { placement: Placement; departement: string | null } => {
		const commune = t.kind === 'commune' ? t.code : t.kind === 'iris' ? communeOfIris(t.code) : null;
		const deps =
			commune !== null
				? [departementOfCommune(commune)]
				: t.kind === 'qpv'
					? [departementOfQpv(t.code)]
					: t.kind === 'epci'
						? [...reach.of(t.code)]
						: [t.code];
		const inside = deps.find((d) => scope.inTerritory(d));
		if (inside) return { placement: 'territory', departement: inside };
		if (commune !== null && ctx.communes.has(commune)) return { placement: 'band', departement: deps[0] };
		return { placement: 'outside', departement: deps[0] ?? null };
	};
	for (const record of table.records) {
		const line = record.line;
		const own: ImportIssue[] = [];
		const rowItems = readRow(record, line);
		if (rowItems === 'aside') {
			issues.push(...asWarnings(own));
			skippedRows++;
			continue;
		}
		issues.push(...own);
		if (hasErrors(own) || rowItems.length === 0) skippedRows++;
		else {
			items.push(...rowItems);
			scope.keep(rowPlacement.placement, rowPlacement.departement);
		}

		function readRow(r: CsvRecord, l: number): IndicatorInput[] | 'aside' {
			const levelRaw = cell(columns, r, 'niveau');
			let level: TerritoryKind | null = null;
			if (levelRaw) {
				level = LEVEL_ALIASES[foldText(levelRaw)] ?? null;
				if (!level) own.push(issueError('indicator-level-unknown', { line: l, column: col('niveau') }, { value: levelRaw }));
			}
			const codeRaw = cell(columns, r, 'code') ?? '';
			const territory = codeRaw
				? readTerritory(codeRaw, level, { line: l, column: col('code') }, ctx, own)
				: (own.push(issueError('required-missing', { line: l, column: col('code') })), null);
			// Placed first: a territory outside the territory of work (and not a stored band commune) is set aside.
			rowPlacement = territory ? placeIndicator(territory) : { placement: 'territory', departement: null };
			if (rowPlacement.placement === 'outside' && scope.active) {
				scope.setAside(rowPlacement.departement);
				return 'aside';
			}
			const yearRaw = cell(columns, r, 'annee') ?? '';
			const year = parseInteger(yearRaw);
			if (year === null || year === undefined || year < 1900 || year > 2200) {
				own.push(issueError('year-invalid', { line: l, column: col('annee') }, { value: yearRaw }));
			}
			const source = cell(columns, r, 'source') || null;
			const pairs: { key: string; raw: string; column: string }[] = long
				? [{ key: indicatorKey(cell(columns, r, 'indicateur') ?? ''), raw: cell(columns, r, 'valeur') ?? '', column: col('valeur') }]
				: wideColumns.map(({ h, i }) => ({ key: indicatorKey(h), raw: (r.values[i] ?? '').trim(), column: h }));
			const out: IndicatorInput[] = [];
			for (const { key, raw, column } of pairs) {
				if (long && !key) {
					own.push(issueError('indicator-key-invalid', { line: l, column: col('indicateur') }, { value: key }));
					continue;
				}
				if (raw === '' || SECRET_VALUES.has(raw.toLowerCase())) {
					own.push(issueWarning('indicator-value-missing', { line: l, column }, { key, value: raw }));
					continue;
				}
				const value = parseDecimal(raw);
				if (value === undefined || value === null) {
					own.push(issueError('number-invalid', { line: l, column }, { value: raw }));
					continue;
				}
				if (!territory || year === null || year === undefined) continue;
				const tupleKey = `${territory.kind}|${territory.code}|${year}|${key}`;
				if (seen.check(tupleKey, l, own, { line: l, column }, `${territory.code} ${year} ${key}`)) continue;
				out.push({ territoryKind: territory.kind, territoryCode: territory.code, year, key, value, source });
			}
			return hasErrors(own) ? [] : out;
		}
	}
	const malformed = table.issues.filter((i) => i.code === 'csv-column-count').length;
	return { items, issues, read, skipped: skippedRows + malformed };
}
