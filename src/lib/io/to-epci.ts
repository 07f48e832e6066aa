/**
 * EPCI outlines and/or membership → EPCI.
 * - GeoJSON: SIREN from `siren`, `siren_epci`, `code_epci`, `epci`, `code` or the feature id; name
 *   from `nom`, `nom_epci`, `lib_epci`, `raison_sociale`, `name`; optional `nature` (CC, CA, CU,
 *   METRO) and member communes `membres`/`communes`/`codes_communes` (a list, or text separated
 *   by `|`). The geometry may be null for a membership-only feature.
 * - CSV: one row per member commune, columns `siren` (`siren_epci`, `code_epci`, `epci`), `nom`
 *   (`nom_epci`, `lib_epci`, `raison_sociale`), optional `nature`, and `code_commune`
 *   (`insee`, `code_insee`, `codgeo`).
 * Name and nature missing from the file come from the official list.
 * With a territory of work, an EPCI is kept when one of its communes lies in the territory —
 * by the official membership, the communes stored, the file's members or its département
 * property (`insee_dep`…) — and kept whole (every part of the file, merged) with the flag
 * *interdépartemental* when its communes span several départements; the others are set aside.
 */
import { featureCollection, feature as turfFeature, union } from '@turf/turf';
import { simplifyForDisplay } from '../analysis/simplify';
import { checkSiren } from '../domain/siret';
import type { EpciInput, PolygonalGeometry } from '../domain/territory';
import { cell, openCsv, type ColumnSpec } from './columns';
import { departementOfCommune, normalizeCommuneCode, normalizeDepartementCode } from '../domain/insee';
import { forEachWithProgress, scopeOf, type ImportContext, type ProgressHooks } from './context';
import { openGeoJson } from './crs';
import type { CsvTable } from './csv';
import { asText, indexProperties, pickProperty, readCommuneCode, splitCodeList } from './fields';
import type { GeoJsonInput } from './geojson';
import { checkPolygonal } from './geometry-check';
import {
	asWarnings,
	hasErrors,
	issueError,
	issueWarning,
	nothingImported,
	type DomainResult,
	type ImportIssue,
	type IssueLocation
} from './issues';
import { featureCode } from './to-communes';

const SIREN_NAMES = ['siren', 'siren_epci', 'code_epci', 'epci', 'codeepci', 'code'];
const NAME_NAMES = ['nom', 'nom_epci', 'lib_epci', 'libepci', 'raison_sociale', 'name', 'libelle'];
const NATURE_NAMES = ['nature', 'nature_epci', 'nature_juridique', 'type'];
const MEMBER_NAMES = ['membres', 'communes', 'codes_communes', 'commune_codes'];
const DEPARTEMENT_NAMES = ['insee_dep', 'dep', 'departement', 'code_departement', 'code_dep'];

/**
 * The départements an EPCI reaches, by SIREN: its official members', the stored communes' that
 * point to it, and those the file gives (`add`). Shared by the GeoJSON and CSV readers.
 */
export function epciDepartements(ctx: ImportContext) {
	const stored = new Map<string, Set<string>>();
	for (const commune of ctx.communes.values()) {
		if (!commune.epciSiren || !commune.departementCode) continue;
		let set = stored.get(commune.epciSiren);
		if (!set) stored.set(commune.epciSiren, (set = new Set()));
		set.add(commune.departementCode);
	}
	const fromFile = new Map<string, Set<string>>();
	const departementOfCode = (code: string): string => {
		const r = ctx.official.resolve(code);
		if (r.status === 'current') return r.commune.departementCode;
		if (r.status === 'merged' || r.status === 'arrondissement') return (r.status === 'merged' ? r.absorbedBy : r.commune).departementCode;
		return departementOfCommune(code);
	};
	return {
		/** Notes that the file places `siren` in département `dep`. */
		add(siren: string, dep: string | null | undefined): void {
			if (!dep) return;
			let set = fromFile.get(siren);
			if (!set) fromFile.set(siren, (set = new Set()));
			set.add(dep);
		},
		departementOfCode,
		/** Every département the EPCI reaches. */
		of(siren: string): Set<string> {
			const all = new Set<string>([...(stored.get(siren) ?? []), ...(fromFile.get(siren) ?? [])]);
			for (const code of ctx.official.epci(siren)?.memberCodes ?? []) all.add(departementOfCode(code));
			return all;
		}
	};
}

function quietSiren(raw: string | undefined): string | null {
	if (!raw) return null;
	const checked = checkSiren(raw);
	return checked.status === 'bad-format' ? null : checked.value;
}

function quietDepartement(value: unknown): string | null {
	const text = asText(value);
	return text ? (normalizeDepartementCode(text)?.code ?? null) : null;
}

function readSiren(raw: string, where: IssueLocation, issues: ImportIssue[]): string | null {
	const checked = checkSiren(raw);
	if (checked.status === 'bad-format') {
		issues.push(issueError('siren-invalid', where, { value: raw }));
		return null;
	}
	if (checked.status === 'bad-checksum') issues.push(issueWarning('siren-checksum', where, { value: checked.value }));
	return checked.value;
}

/** EPCI of a GeoJSON FeatureCollection (outlines, optionally with members). */
export async function epciFromGeoJson(
	input: GeoJsonInput,
	ctx: ImportContext,
	hooks: ProgressHooks = {}
): Promise<DomainResult<EpciInput>> {
	const { issues, read, crs } = openGeoJson(input);
	if (!crs) return nothingImported(issues, read);

	const items: EpciInput[] = [];
	const bySiren = new Map<string, { item: EpciInput; index: number }>();
	let used = 0;
	const scope = scopeOf(ctx);
	const reach = epciDepartements(ctx);
	// First pass: the départements the file gives each EPCI (parts drawn per département, members).
	const fileDeps = new Map<number, string | null>();
	for (const feature of input.features) {
		const props = indexProperties(feature.properties);
		const siren = quietSiren(featureCode(feature, props, SIREN_NAMES)?.raw);
		const depHit = pickProperty(props, DEPARTEMENT_NAMES);
		const dep = depHit ? quietDepartement(depHit.value) : null;
		fileDeps.set(feature.index, dep);
		if (!siren) continue;
		reach.add(siren, dep);
		const membersHit = pickProperty(props, MEMBER_NAMES);
		for (const raw of membersHit ? splitCodeList(membersHit.value) : []) {
			const code = normalizeCommuneCode(raw)?.code;
			if (code) reach.add(siren, reach.departementOfCode(code));
		}
	}
	await forEachWithProgress(input.features, hooks, (feature) => {
		const where = { feature: feature.index };
		const own: ImportIssue[] = [];
		const props = indexProperties(feature.properties);
		const found = featureCode(feature, props, SIREN_NAMES);
		const nameHit = pickProperty(props, NAME_NAMES);
		if (!found && !nameHit) {
			// Official files draw the few communes outside any EPCI (islands) with empty fields.
			const dep = fileDeps.get(feature.index);
			if (scope.active && dep && !scope.inTerritory(dep)) scope.setAside(dep);
			else issues.push(issueWarning('epci-feature-empty', where));
			return;
		}
		let siren: string | null = null;
		if (!found) own.push(issueError('code-missing', where, { accepted: ['id', ...SIREN_NAMES].join(', ') }));
		else siren = readSiren(found.raw, { ...where, column: found.column }, own);
		// Placed first: an EPCI holding no commune of the territory is set aside unchecked.
		const deps = siren ? reach.of(siren) : new Set([fileDeps.get(feature.index)].filter((d): d is string => Boolean(d)));
		const inside = [...deps].some((d) => scope.inTerritory(d));
		const mainDep = [...deps].find((d) => scope.inTerritory(d)) ?? [...deps][0] ?? null;
		if (!inside && scope.active) {
			issues.push(...asWarnings(own));
			scope.setAside(mainDep);
			return;
		}
		const official = siren ? ctx.official.epci(siren) : null;
		const name = (nameHit ? asText(nameHit.value) : undefined) || official?.name || null;
		if (!name) own.push(issueError('name-missing', where, { accepted: NAME_NAMES.join(', ') }));
		const natureHit = pickProperty(props, NATURE_NAMES);
		const nature = (natureHit ? asText(natureHit.value) : undefined) || official?.nature || null;

		let memberCodes: string[] | null = null;
		const membersHit = pickProperty(props, MEMBER_NAMES);
		if (membersHit) {
			memberCodes = [];
			for (const raw of splitCodeList(membersHit.value)) {
				const code = readCommuneCode(raw, { ...where, column: membersHit.key }, ctx.official, own, { checkOfficial: false });
				if (code && !memberCodes.includes(code)) memberCodes.push(code);
			}
		}

		let geometry: PolygonalGeometry | null = null;
		if (feature.geometry !== null && feature.geometry !== undefined) {
			const checked = checkPolygonal(feature.geometry, crs, where);
			own.push(...checked.issues);
			geometry = checked.geometry;
		}
		const previous = siren ? bySiren.get(siren) : undefined;
		if (previous && previous.item.name !== name && nameHit) {
			own.push(issueError('duplicate-key', { ...where, column: found!.column }, { key: siren!, first: previous.index }));
		}
		issues.push(...own);
		if (hasErrors(own) || !siren || !name) return;
		used++;
		scope.keep(inside ? 'territory' : 'outside', mainDep);
		if (previous) {
			// An EPCI spanning two départements is drawn once per département in some official files.
			issues.push(issueWarning('epci-parts-merged', { ...where, column: found!.column }, { key: siren, first: previous.index }));
			previous.item.geometry = mergeGeometries(previous.item.geometry, geometry);
			if (previous.item.geometry) previous.item.outlineSource = 'fichier';
			if (memberCodes) previous.item.memberCodes = [...new Set([...(previous.item.memberCodes ?? []), ...memberCodes])];
			return;
		}
		const item: EpciInput = {
			siren,
			name,
			nature,
			geometry,
			displayGeometry: null,
			memberCodes,
			interdepartemental: deps.size > 1,
			outlineSource: geometry ? 'fichier' : null,
			outlinePartial: false
		};
		bySiren.set(siren, { item, index: feature.index });
		items.push(item);
	});

	const withGeometry = items.filter((e) => e.geometry !== null);
	const display = simplifyForDisplay(withGeometry.map((e) => e.geometry));
	withGeometry.forEach((e, i) => (e.displayGeometry = display[i] ?? e.geometry));
	return { items, issues, read, skipped: read - used };
}

/** The union of two outlines (polyclip), or their parts side by side if the union fails. */
function mergeGeometries(a: PolygonalGeometry | null, b: PolygonalGeometry | null): PolygonalGeometry | null {
	if (!a || !b) return a ?? b;
	try {
		const merged = union(featureCollection([turfFeature(a), turfFeature(b)]))?.geometry;
		if (merged && (merged.type === 'Polygon' || merged.type === 'MultiPolygon')) return merged;
	} catch {
		// fall through
	}
	const parts = (g: PolygonalGeometry) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
	return { type: 'MultiPolygon', coordinates: [...parts(a), ...parts(b)] };
}

type EpciField = 'siren' | 'nom' | 'nature' | 'code_commune';
const EPCI_COLUMNS: readonly ColumnSpec<EpciField>[] = [
	{ field: 'siren', names: ['siren', 'siren_epci', 'code_epci', 'epci'], required: true },
	{ field: 'nom', names: ['nom', 'nom_epci', 'lib_epci', 'libepci', 'raison_sociale'] },
	{ field: 'nature', names: ['nature', 'nature_epci', 'nature_juridique'] },
	{ field: 'code_commune', names: ['code_commune', 'insee', 'code_insee', 'codgeo', 'insee_com'], required: true }
];

/** EPCI membership of a CSV (one row per member commune). */
export function epciFromCsv(table: CsvTable, ctx: ImportContext): DomainResult<EpciInput> {
	const { issues, read, columns } = openCsv(table, EPCI_COLUMNS);
	if (hasErrors(columns.issues)) return nothingImported(issues, read);
	const bySiren = new Map<string, EpciInput>();
	let skipped = table.issues.filter((i) => i.code === 'csv-column-count').length;
	const memberOf = new Map<string, { siren: string; line: number }>();
	const scope = scopeOf(ctx);
	const reach = epciDepartements(ctx);
	for (const record of table.records) {
		const siren = quietSiren(cell(columns, record, 'siren'));
		const code = normalizeCommuneCode(cell(columns, record, 'code_commune') ?? '')?.code;
		if (siren && code) reach.add(siren, reach.departementOfCode(code));
	}
	for (const record of table.records) {
		const line = record.line;
		const placedSiren = quietSiren(cell(columns, record, 'siren'));
		const placedCode = normalizeCommuneCode(cell(columns, record, 'code_commune') ?? '')?.code;
		const deps = placedSiren ? reach.of(placedSiren) : new Set(placedCode ? [reach.departementOfCode(placedCode)] : []);
		const inside = [...deps].some((d) => scope.inTerritory(d));
		const mainDep = [...deps].find((d) => scope.inTerritory(d)) ?? [...deps][0] ?? null;
		const own: ImportIssue[] = [];
		const sirenRaw = cell(columns, record, 'siren') ?? '';
		const siren = sirenRaw
			? readSiren(sirenRaw, { line, column: columns.name.siren }, own)
			: (own.push(issueError('required-missing', { line, column: columns.name.siren })), null);
		const codeRaw = cell(columns, record, 'code_commune') ?? '';
		const code = codeRaw
			? readCommuneCode(codeRaw, { line, column: columns.name.code_commune }, ctx.official, own, { checkOfficial: false })
			: (own.push(issueError('required-missing', { line, column: columns.name.code_commune })), null);
		if (code && siren) {
			const previous = memberOf.get(code);
			if (previous) {
				own.push(
					issueError('duplicate-key', { line, column: columns.name.code_commune }, { key: code, first: previous.line })
				);
			} else memberOf.set(code, { siren, line });
		}
		const official = siren ? ctx.official.epci(siren) : null;
		const name = cell(columns, record, 'nom') || bySiren.get(siren ?? '')?.name || official?.name || null;
		if (!name) own.push(issueError('name-missing', { line, column: columns.name.nom ?? 'nom' }));
		if (!inside && scope.active) {
			issues.push(...asWarnings(own));
			scope.setAside(mainDep);
			skipped++;
			continue;
		}
		issues.push(...own);
		if (hasErrors(own) || !siren || !code || !name) {
			skipped++;
			continue;
		}
		scope.keep(inside ? 'territory' : 'outside', mainDep);
		const epci = bySiren.get(siren) ?? {
			siren,
			name,
			nature: cell(columns, record, 'nature') || official?.nature || null,
			geometry: null,
			displayGeometry: null,
			memberCodes: [],
			interdepartemental: deps.size > 1,
			outlineSource: null,
			outlinePartial: false
		};
		epci.memberCodes!.push(code);
		bySiren.set(siren, epci);
	}
	return { items: [...bySiren.values()], issues, read, skipped };
}
