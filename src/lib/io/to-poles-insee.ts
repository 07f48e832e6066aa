/**
 * Activity poles from an official zoning (issue 14 §3): INSEE's *table d'appartenance
 * géographique des communes* (CSV, often Windows-1252 with leading zeros lost) → poles.
 *
 * - `bassins-de-vie`: one pole per *bassin de vie*, at its pôle commune — the BV code (`BV2012`,
 *   `BV2022`…) is that commune's INSEE code. A code that no longer exists (a commune merged since:
 *   déléguée, associée, old code) is mapped to the current commune of `@etalab/decoupage-
 *   administratif`; non-codes such as `ZZZZZ` are ignored; both are reported.
 * - `aires-attraction`: one pole per commune-centre of an *aire d'attraction des villes*
 *   (`CATEAAV2020` = 11) and per commune of a secondary pôle (13); other communes of the main pôle
 *   (12) are not separate poles. An AAV without a French commune-centre (cross-border) is reported.
 *
 * Each pole sits at its commune's stored reference point and is named after it; a pôle commune
 * outside the territory of work and its band is set aside, one without a stored reference point is
 * dropped and reported. The definition (label, producer, zoning and vintage) comes with every pole
 * as `definitionCode` (`insee-bv2012`, `insee-aav2020`), described by `inseePoleDefinition`.
 */
import type { PoleInput } from '../domain/territory';
import { departementOfCommune, normalizeCommuneCode } from '../domain/insee';
import { scopeOf, type ImportContext } from './context';
import type { CsvTable } from './csv';
import { hasErrors, issueError, issueWarning, nothingImported, type DomainResult, type ImportIssue } from './issues';
import { normalizeName } from './values';

export const INSEE_POLE_DEFINITIONS = ['bassins-de-vie', 'aires-attraction'] as const;
export type InseePoleDefinition = (typeof INSEE_POLE_DEFINITIONS)[number];

export function isInseePoleDefinition(value: string): value is InseePoleDefinition {
	return (INSEE_POLE_DEFINITIONS as readonly string[]).includes(value);
}

/** A pole definition as stored in `pole_definition` (dated reference data). */
export interface PoleDefinitionRecord {
	code: string;
	label: string;
	producer: string;
	zoning: string;
	vintage: number;
	/** First day of the zoning's vintage, `YYYY-MM-DD`. */
	validFrom: string;
	comment: string;
}

/** The definition record of an INSEE zoning and vintage: `insee-bv2012`, `insee-aav2020`. */
export function inseePoleDefinition(definition: InseePoleDefinition, vintage: number): PoleDefinitionRecord {
	const bv = definition === 'bassins-de-vie';
	return {
		code: bv ? `insee-bv${vintage}` : `insee-aav${vintage}`,
		label: bv ? 'pôle de bassin de vie' : 'pôle d’aire d’attraction des villes',
		producer: 'INSEE',
		zoning: `zonage ${vintage}`,
		vintage,
		validFrom: `${vintage}-01-01`,
		comment: bv
			? `Pôle de chaque bassin de vie (zonage ${vintage}) : la commune dont le code est celui du bassin.`
			: `Commune-centre (catégorie 11) et communes des pôles secondaires (13) des aires d’attraction des villes (zonage ${vintage}).`
	};
}

/** Type of an AAV pole by its commune category. */
const AAV_TYPES: Record<string, string> = {
	'11': 'commune-centre d’aire d’attraction des villes',
	'13': 'commune d’un pôle secondaire d’aire d’attraction des villes'
};

const CODE_NAMES = ['codgeo', 'code_commune', 'code_insee', 'insee_com', 'com'];

/** `{ index, name, vintage }` of the first header matching `re` (latest vintage first), or null. */
function vintageColumn(header: readonly string[], re: RegExp): { index: number; name: string; vintage: number } | null {
	let best: { index: number; name: string; vintage: number } | null = null;
	header.forEach((h, index) => {
		const m = re.exec(normalizeName(h));
		if (m && (!best || Number(m[1]) > best.vintage)) best = { index, name: h, vintage: Number(m[1]) };
	});
	return best;
}

interface Candidate {
	code: string;
	line: number;
	column: string;
	type: string;
}

/** Poles of the table for `definition`, with every issue, and the definition record they belong to. */
export function polesFromInseeTable(
	table: CsvTable,
	ctx: ImportContext,
	definition: InseePoleDefinition
): DomainResult<PoleInput> & { poleDefinition?: PoleDefinitionRecord } {
	const issues: ImportIssue[] = [...table.issues];
	const read = table.records.length;
	const fail = () => nothingImported<PoleInput>(issues, read);
	const names = table.header.map(normalizeName);
	const codeIndex = names.findIndex((n) => CODE_NAMES.includes(n));
	if (codeIndex < 0) {
		issues.push(
			issueError('insee-table-unrecognised', { line: 1, column: 'CODGEO' }, { found: table.header.slice(0, 6).join(', ') || '(vide)' })
		);
		return fail();
	}
	const bv = vintageColumn(table.header, /^bv(\d{4})$/);
	const cate = vintageColumn(table.header, /^cateaav(\d{4})$/);
	const aav = vintageColumn(table.header, /^aav(\d{4})$/);
	const column = definition === 'bassins-de-vie' ? bv : cate;
	if (!column) {
		issues.push(
			issueError('insee-definition-unserved', { line: 1 }, {
				definition: definition === 'bassins-de-vie' ? 'bassins de vie' : 'aires d’attraction des villes',
				expected: definition === 'bassins-de-vie' ? 'BV2012, BV2022…' : 'CATEAAV2020…'
			})
		);
		return fail();
	}
	if (hasErrors(issues)) return fail();
	const record = inseePoleDefinition(definition, column.vintage);

	// Step 1: the candidate pôle communes, by code as written (restored zeros counted, non-codes grouped).
	const candidates = new Map<string, Candidate>();
	const ignored = new Map<string, { line: number; count: number }>();
	let restored = 0;
	const aavs = new Map<string, { communes: number; centre: boolean; line: number }>();
	for (const r of table.records) {
		if (definition === 'bassins-de-vie') {
			const raw = (r.values[column.index] ?? '').trim();
			const code = normalizeCommuneCode(raw);
			if (!code) {
				const seen = ignored.get(raw);
				if (seen) seen.count++;
				else ignored.set(raw, { line: r.line, count: 1 });
				continue;
			}
			if (code.restored && !candidates.has(code.code)) restored++;
			if (!candidates.has(code.code)) candidates.set(code.code, { code: code.code, line: r.line, column: column.name, type: record.label });
		} else {
			const category = (r.values[column.index] ?? '').trim();
			const aavCode = aav ? (r.values[aav.index] ?? '').trim() : '';
			if (aavCode !== '' && !/^0*$/.test(aavCode)) {
				const entry = aavs.get(aavCode) ?? { communes: 0, centre: false, line: r.line };
				entry.communes++;
				if (category === '11') entry.centre = true;
				aavs.set(aavCode, entry);
			}
			if (!(category in AAV_TYPES)) continue;
			const raw = (r.values[codeIndex] ?? '').trim();
			const code = normalizeCommuneCode(raw);
			if (!code) {
				issues.push(issueWarning('insee-invalid', { line: r.line, column: table.header[codeIndex] }, { value: raw }));
				continue;
			}
			if (code.restored) restored++;
			if (!candidates.has(code.code)) candidates.set(code.code, { code: code.code, line: r.line, column: table.header[codeIndex], type: AAV_TYPES[category] });
		}
	}
	for (const [value, { line, count }] of ignored) {
		issues.push(issueWarning('pole-code-ignored', { line, column: column.name }, { value: value || '(vide)', count }));
	}
	if (restored > 0) issues.push(issueWarning('insee-leading-zeros-restored', {}, { count: restored }));
	for (const [code, entry] of aavs) {
		if (!entry.centre) issues.push(issueWarning('aav-without-centre', { line: entry.line, column: aav!.name }, { aav: code, communes: entry.communes }));
	}

	// Step 2: each candidate → its current commune, placed, at the commune's stored reference point.
	const scope = scopeOf(ctx);
	const items: PoleInput[] = [];
	const done = new Set<string>();
	let setAside = 0;
	for (const c of candidates.values()) {
		const where = { line: c.line, column: c.column };
		const resolution = ctx.official.resolve(c.code);
		let current = c.code;
		if (resolution.status === 'merged') {
			current = resolution.absorbedBy.code;
			issues.push(
				issueWarning('pole-commune-merged', where, {
					code: c.code,
					absorbedBy: current,
					absorbedByName: resolution.absorbedBy.name,
					cogYear: ctx.official.cogYear
				})
			);
		} else if (resolution.status === 'arrondissement') current = resolution.commune.code;
		else if (resolution.status === 'unknown') {
			issues.push(issueWarning('pole-commune-unknown', where, { code: c.code, cogYear: ctx.official.cogYear }));
			continue;
		}
		if (done.has(current)) continue;
		done.add(current);
		const departement = officialDepartement(resolution) || departementOfCommune(current);
		const stored = ctx.communes.get(current);
		const placement = scope.place(departement, stored ? [stored.refLon, stored.refLat] : null);
		if (placement === 'outside' && scope.active) {
			scope.setAside(departement);
			setAside++;
			continue;
		}
		if (!stored) {
			issues.push(issueWarning('pole-location-unavailable', where, { code: current, name: officialName(ctx, current) ?? current }));
			continue;
		}
		scope.keep(placement, departement);
		items.push({
			communeCode: current,
			name: stored.name,
			type: c.type,
			lon: stored.refLon,
			lat: stored.refLat,
			locationApproximate: false,
			definitionCode: record.code
		});
	}
	// Poles across the border need their commune stored: say so once when the band has none.
	if (scope.active && setAside > 0 && ctx.territory && ![...ctx.communes.values()].some((c) => c.departementCode && !scope.inTerritory(c.departementCode))) {
		issues.push(issueWarning('band-communes-missing', {}, { count: setAside, departements: ctx.territory.departements?.join(', ') ?? '' }));
	}
	// Rows are not records of their own: only the poles placed outside are « set aside ».
	return { items, issues, read, skipped: setAside, poleDefinition: record };
}

function officialDepartement(resolution: ReturnType<ImportContext['official']['resolve']>): string {
	switch (resolution.status) {
		case 'current':
			return resolution.commune.departementCode;
		case 'merged':
			return resolution.absorbedBy.departementCode;
		case 'arrondissement':
			return resolution.commune.departementCode;
		default:
			return '';
	}
}

function officialName(ctx: ImportContext, code: string): string | null {
	const r = ctx.official.resolve(code);
	return r.status === 'current' ? r.commune.name : null;
}
