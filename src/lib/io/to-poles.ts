/**
 * Activity poles (what the isolation analysis measures against) → poles.
 * - CSV: `code_commune;nom;type;latitude;longitude` (aliases: `insee`, `code_insee`, `codgeo`,
 *   `insee_com`; `name`, `libelle`, `lib_fs`; `categorie`, `type_fs`; `lat`; `lon`, `lng`: the
 *   ANCT list of France services imports as is). Latitude/longitude are
 *   optional: without them the commune's reference point is used and the pole is flagged
 *   approximate (the commune must then be loaded).
 * - GeoJSON: Point features with the same properties (`code_commune`, `nom`, `type`); a null
 *   geometry means « no coordinates ».
 * With a territory of work, poles of its départements and of its border band are kept (the band
 * is tested on the pole's point, else its commune's stored reference point); the others are set
 * aside unchecked (their problems are warnings). Natural key: commune + name (a repeat among the
 * kept poles is an error).
 */
import type { PoleInput } from '../domain/territory';
import { cell, openCsv, type ColumnSpec } from './columns';
import { departementOfCommune, normalizeCommuneCode } from '../domain/insee';
import { communeRefPoint, scopeOf, type ImportContext } from './context';
import { openGeoJson } from './crs';
import type { CsvTable } from './csv';
import { asText, indexProperties, pickProperty, readCommuneCode, readLatLon } from './fields';
import type { GeoJsonInput } from './geojson';
import { checkPoint } from './geometry-check';
import { asWarnings, DuplicateKeys, hasErrors, issueError, nothingImported, type DomainResult, type ImportIssue, type IssueLocation } from './issues';
import type { ImportScope, Placement } from './scope';

type PoleField = 'code_commune' | 'nom' | 'type' | 'latitude' | 'longitude';
const POLE_COLUMNS: readonly ColumnSpec<PoleField>[] = [
	{ field: 'code_commune', names: ['code_commune', 'insee', 'code_insee', 'codgeo', 'insee_com', 'commune'], required: true },
	{ field: 'nom', names: ['nom', 'name', 'libelle', 'lib_fs'], required: true },
	{ field: 'type', names: ['type', 'categorie', 'type_pole', 'type_fs'], required: true },
	{ field: 'latitude', names: ['latitude', 'lat'] },
	{ field: 'longitude', names: ['longitude', 'lon', 'lng', 'long'] }
];

interface PoleDraft {
	where: { line?: number; feature?: number };
	codeRaw: string | undefined;
	codeColumn: string;
	name: string | undefined;
	nameColumn: string;
	type: string | undefined;
	typeColumn: string;
	/** undefined: no coordinates given; null: given but wrong (reported in `pre`). */
	point: [number, number] | null | undefined;
	/** Problems found while reading the point. */
	pre: ImportIssue[];
}

/**
 * Where a record located in commune `codeRaw` at `point` lies: its département by its INSEE
 * code; the band is tested on the point, else on the stored commune's reference point.
 * Shared by poles and structures.
 */
export function placeRecord(
	scope: ImportScope,
	ctx: ImportContext,
	codeRaw: string | undefined,
	point: [number, number] | null | undefined
): { placement: Placement; departement: string | null } {
	const code = codeRaw ? normalizeCommuneCode(codeRaw)?.code : undefined;
	const departement = code ? departementOfCommune(code) : null;
	const stored = code ? ctx.communes.get(code) : undefined;
	const at = point ?? (stored ? ([stored.refLon, stored.refLat] as [number, number]) : null);
	return { placement: scope.place(departement, at), departement };
}

function finishPoles(drafts: PoleDraft[], ctx: ImportContext, issues: ImportIssue[], read: number): DomainResult<PoleInput> {
	const items: PoleInput[] = [];
	const seen = new DuplicateKeys();
	const scope = scopeOf(ctx);
	for (const d of drafts) {
		const { placement, departement } = placeRecord(scope, ctx, d.codeRaw, d.point);
		if (placement === 'outside' && scope.active) {
			issues.push(...asWarnings(d.pre));
			scope.setAside(departement);
			continue;
		}
		const own: ImportIssue[] = [...d.pre];
		const at = (column: string): IssueLocation => ({ ...d.where, column });
		let code: string | null = null;
		if (!d.codeRaw) own.push(issueError('required-missing', at(d.codeColumn)));
		else code = readCommuneCode(d.codeRaw, at(d.codeColumn), ctx.official, own);
		if (!d.name) own.push(issueError('required-missing', at(d.nameColumn)));
		if (!d.type) own.push(issueError('required-missing', at(d.typeColumn)));
		if (code && d.name) seen.check(`${code}|${d.name}`, d.where.line ?? d.where.feature ?? 0, own, at(d.nameColumn), `${code} ${d.name}`);
		let point = d.point;
		let approximate = false;
		if (point === undefined && code) {
			point = communeRefPoint(ctx, code, at(d.codeColumn), own);
			approximate = point !== undefined;
		}
		issues.push(...own);
		if (hasErrors(own) || !code || !d.name || !d.type || !point) continue;
		scope.keep(placement, departement);
		items.push({ communeCode: code, name: d.name, type: d.type, lon: point[0], lat: point[1], locationApproximate: approximate });
	}
	return { items, issues, read, skipped: read - items.length };
}

/** Poles of a CSV table. */
export function polesFromCsv(table: CsvTable, ctx: ImportContext): DomainResult<PoleInput> {
	const { issues, read, columns } = openCsv(table, POLE_COLUMNS);
	if (hasErrors(columns.issues)) return nothingImported(issues, read);
	const drafts: PoleDraft[] = table.records.map((record) => {
		const where = { line: record.line };
		const pre: ImportIssue[] = [];
		const point = readLatLon(
			cell(columns, record, 'latitude'),
			cell(columns, record, 'longitude'),
			where,
			{ lat: columns.name.latitude ?? 'latitude', lon: columns.name.longitude ?? 'longitude' },
			pre
		);
		return {
			where,
			codeRaw: cell(columns, record, 'code_commune') || undefined,
			codeColumn: columns.name.code_commune!,
			name: cell(columns, record, 'nom') || undefined,
			nameColumn: columns.name.nom!,
			type: cell(columns, record, 'type') || undefined,
			typeColumn: columns.name.type!,
			point,
			pre
		};
	});
	return finishPoles(drafts, ctx, issues, read);
}

/** Poles of a GeoJSON FeatureCollection of points. */
export function polesFromGeoJson(input: GeoJsonInput, ctx: ImportContext): DomainResult<PoleInput> {
	const { issues, read, crs } = openGeoJson(input);
	if (!crs) return nothingImported(issues, read);
	const drafts: PoleDraft[] = input.features.map((feature) => {
		const where = { feature: feature.index };
		const props = indexProperties(feature.properties);
		const codeHit = pickProperty(props, POLE_COLUMNS[0].names);
		const nameHit = pickProperty(props, POLE_COLUMNS[1].names);
		const typeHit = pickProperty(props, POLE_COLUMNS[2].names);
		let point: [number, number] | null | undefined;
		const pre: ImportIssue[] = [];
		if (feature.geometry !== null && feature.geometry !== undefined) {
			const checked = checkPoint(feature.geometry, crs, where);
			pre.push(...checked.issues);
			point = checked.geometry ? (checked.geometry.coordinates as [number, number]) : null;
		}
		return {
			where,
			codeRaw: codeHit ? asText(codeHit.value) : undefined,
			codeColumn: codeHit?.key ?? 'code_commune',
			name: nameHit ? asText(nameHit.value) : undefined,
			nameColumn: nameHit?.key ?? 'nom',
			type: typeHit ? asText(typeHit.value) : undefined,
			typeColumn: typeHit?.key ?? 'type',
			point,
			pre
		};
	});
	return finishPoles(drafts, ctx, issues, read);
}
