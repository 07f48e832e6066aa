/**
 * GeoJSON of commune contours → communes. Accepted shapes (property names are matched whatever
 * their case or accents):
 * - INSEE code: a property `code`, `insee`, `insee_com`, `codgeo`, `code_insee`, `code_commune`,
 *   else the feature `id` (as in geo.api.gouv.fr and france-geojson files);
 * - name: `nom`, `name`, `nom_com`, `libgeo`, `libelle`, else the official name;
 * - optional: `population`, `departement` (`dep`, `code_departement`, `insee_dep`), the EPCI's
 *   SIREN (`epci`, `siren_epci`, `code_epci`, `codeEpci`), and a reference point `centre`
 *   (a GeoJSON Point or [lon, lat]) which then wins over the computed one.
 * Population, département and EPCI missing from the file come from the official list
 * (`@etalab/decoupage-administratif`). A code absorbed by a merger since the file's vintage is
 * kept with a warning naming the absorbing commune (its département and EPCI are used); an
 * unknown code is kept with a warning. Geometry: see `geometry-check.ts`; WGS84 or Lambert-93.
 */
import { area as turfArea } from '@turf/turf';
import { referencePoint } from '../analysis/reference-point';
import { simplifyForDisplay } from '../analysis/simplify';
import { checkSiren } from '../domain/siret';
import { departementOfCommune, normalizeCommuneCode, normalizeDepartementCode } from '../domain/insee';
import type { CommuneInput, PolygonalGeometry, RefPointSource } from '../domain/territory';
import { buildTerritoryOutline } from '../analysis/territory-outline';
import { forEachWithProgress, scopeOf, type ImportContext, type ProgressHooks } from './context';
import { openGeoJson, lambert93ToWgs84, type Crs } from './crs';
import { asNumber, asText, indexProperties, pickProperty, readCommuneCode, type PropertyIndex } from './fields';
import type { GeoJsonInput, RawFeature } from './geojson';
import { checkPoint, checkPolygonal } from './geometry-check';
import { asWarnings, DuplicateKeys, hasErrors, issueError, issueWarning, nothingImported, type DomainResult, type ImportIssue } from './issues';
import { createImportScope, looseVertices, type ImportScope } from './scope';

export const COMMUNE_CODE_PROPERTIES = ['code', 'insee', 'insee_com', 'codgeo', 'code_insee', 'code_commune'];
export const COMMUNE_NAME_PROPERTIES = ['nom', 'name', 'nom_com', 'nom_commune', 'libgeo', 'libelle'];
const POPULATION_PROPERTIES = ['population', 'population_municipale', 'pmun', 'pop'];
const DEPARTEMENT_PROPERTIES = ['departement', 'dep', 'code_departement', 'codedepartement', 'insee_dep'];
const EPCI_PROPERTIES = ['epci', 'siren_epci', 'code_epci', 'codeepci'];
const CENTRE_PROPERTIES = ['centre', 'center'];

/** Reads the code from the first code property, else from the feature id. */
export function featureCode(
	feature: RawFeature,
	props: PropertyIndex,
	names: readonly string[]
): { raw: string; column: string } | null {
	const hit = pickProperty(props, names);
	if (hit) return { raw: asText(hit.value) ?? String(hit.value), column: hit.key };
	if (feature.id !== null && String(feature.id).trim() !== '') return { raw: String(feature.id), column: 'id' };
	return null;
}

function readCentre(value: unknown, crs: Crs, where: { feature: number }, column: string, issues: ImportIssue[]) {
	const point = Array.isArray(value) ? { type: 'Point', coordinates: value } : value;
	const checked = checkPoint(point, crs, { ...where, column });
	if (!checked.geometry) {
		issues.push(issueWarning('centre-invalid', { ...where, column }));
		return null;
	}
	return checked.geometry.coordinates as [number, number];
}

interface PendingCommune extends Omit<CommuneInput, 'displayGeometry'> {
	displayGeometry?: PolygonalGeometry;
}

/** Communes of a GeoJSON FeatureCollection, with every issue. */
export async function communesToDomain(
	input: GeoJsonInput,
	ctx: ImportContext,
	hooks: ProgressHooks = {}
): Promise<DomainResult<CommuneInput>> {
	const { issues, read, crs } = openGeoJson(input);
	if (!crs) return nothingImported(issues, read);
	const scope = withFileOutline(scopeOf(ctx), ctx, input, crs);
	const convert = crs === 'lambert93' ? lambert93ToWgs84 : undefined;

	const pending: PendingCommune[] = [];
	const seen = new DuplicateKeys();
	await forEachWithProgress(input.features, hooks, (feature) => {
		const where = { feature: feature.index };
		const own: ImportIssue[] = [];
		const props = indexProperties(feature.properties);

		const found = featureCode(feature, props, COMMUNE_CODE_PROPERTIES);
		let code: string | null = null;
		if (!found) own.push(issueError('code-missing', where, { accepted: ['id', ...COMMUNE_CODE_PROPERTIES].join(', ') }));
		else code = readCommuneCode(found.raw, { ...where, column: found.column }, ctx.official, own);

		// Placed first: a commune outside the territory and its band is set aside unchecked.
		const placedDep = code !== null ? officialDepartement(ctx, code) : null;
		const placement = scope.placeByVertices(placedDep, () => looseVertices((feature.geometry as { coordinates?: unknown } | null)?.coordinates, convert));
		if (placement === 'outside' && scope.active) {
			issues.push(...asWarnings(own));
			scope.setAside(placedDep);
			return;
		}
		if (code !== null) seen.check(code, feature.index, own, { ...where, column: found!.column });

		const resolution = code !== null ? ctx.official.resolve(code) : null;
		const official =
			resolution?.status === 'current'
				? resolution.commune
				: resolution?.status === 'merged'
					? resolution.absorbedBy
					: resolution?.status === 'arrondissement'
						? resolution.commune
						: null;

		const nameHit = pickProperty(props, COMMUNE_NAME_PROPERTIES);
		let name = nameHit ? asText(nameHit.value) ?? null : null;
		if (!name && resolution) {
			if (resolution.status === 'current') name = resolution.commune.name;
			else if (resolution.status === 'arrondissement') name = resolution.name;
			else if (resolution.status === 'merged')
				name = resolution.name ?? `Ancienne commune ${code} (${resolution.absorbedBy.name})`;
		}
		if (!name && code !== null) own.push(issueError('name-missing', where, { accepted: COMMUNE_NAME_PROPERTIES.join(', ') }));

		let departementCode = official?.departementCode ?? (code ? departementOfCommune(code) : '');
		const depHit = pickProperty(props, DEPARTEMENT_PROPERTIES);
		if (depHit) {
			const dep = normalizeDepartementCode(asText(depHit.value) ?? '');
			if (!dep) own.push(issueError('departement-invalid', { ...where, column: depHit.key }, { value: String(depHit.value) }));
			else departementCode = dep.code;
		}

		let population: number | null =
			resolution?.status === 'current'
				? resolution.commune.population
				: resolution?.status === 'arrondissement'
					? resolution.population
					: null;
		let populationYear: number | null = population !== null ? ctx.official.populationYear : null;
		const popHit = pickProperty(props, POPULATION_PROPERTIES);
		if (popHit) {
			const n = asNumber(popHit.value);
			if (n === undefined || n === null || !Number.isInteger(n) || n < 0) {
				own.push(issueError('integer-invalid', { ...where, column: popHit.key }, { value: String(popHit.value) }));
			} else {
				population = n;
				populationYear = null; // the file does not say which vintage
			}
		}

		let epciSiren = official?.epciSiren ?? null;
		const epciHit = pickProperty(props, EPCI_PROPERTIES);
		if (epciHit) {
			const checked = checkSiren(asText(epciHit.value) ?? '');
			if (checked.status === 'bad-format') {
				own.push(issueError('siren-invalid', { ...where, column: epciHit.key }, { value: String(epciHit.value) }));
			} else if (ctx.official.epci(checked.value) || ctx.epciSirens.has(checked.value)) {
				epciSiren = checked.value;
			} else {
				own.push(issueWarning('epci-unknown', { ...where, column: epciHit.key }, { siren: checked.value }));
				epciSiren = null;
			}
		}

		const geometryCheck = checkPolygonal(feature.geometry, crs, where);
		own.push(...geometryCheck.issues);

		let centre: [number, number] | null = null;
		const centreHit = pickProperty(props, CENTRE_PROPERTIES);
		if (centreHit) centre = readCentre(centreHit.value, crs, where, centreHit.key, own);

		issues.push(...own);
		if (hasErrors(own) || code === null || !name || !geometryCheck.geometry) return;
		scope.keep(placement, departementCode || placedDep);
		const geometry = geometryCheck.geometry;
		let ref: { lon: number; lat: number; source: RefPointSource };
		if (centre) ref = { lon: centre[0], lat: centre[1], source: 'supplied' };
		else ref = referencePoint(geometry);
		pending.push({
			code,
			name,
			departementCode,
			epciSiren,
			population,
			populationYear,
			areaKm2: Math.round(turfArea(geometry) / 1e3) / 1e3,
			geometry,
			refLon: ref.lon,
			refLat: ref.lat,
			refPointSource: ref.source
		});
	});

	const display = simplifyForDisplay(pending.map((c) => c.geometry));
	const items: CommuneInput[] = pending.map((c, i) => ({ ...c, displayGeometry: display[i] ?? c.geometry }));
	return { items, issues, read, skipped: read - items.length };
}

/** The département the official list gives a code (its absorbing commune's for a merged one). */
function officialDepartement(ctx: ImportContext, code: string): string {
	const r = ctx.official.resolve(code);
	if (r.status === 'current') return r.commune.departementCode;
	if (r.status === 'merged') return r.absorbedBy.departementCode;
	if (r.status === 'arrondissement') return r.commune.departementCode;
	return departementOfCommune(code);
}

/**
 * When no commune of the territory is stored yet, the band is measured from the territory's
 * communes of this very file (the first import of a national file): a scope with that outline.
 */
function withFileOutline(scope: ImportScope, ctx: ImportContext, input: GeoJsonInput, crs: Crs): ImportScope {
	const territory = ctx.territory;
	if (!scope.active || !territory || territory.outline) return scope;
	const geometries: PolygonalGeometry[] = [];
	for (const feature of input.features) {
		const found = featureCode(feature, indexProperties(feature.properties), COMMUNE_CODE_PROPERTIES);
		const code = found ? normalizeCommuneCode(found.raw)?.code : undefined;
		if (!code || !scope.inTerritory(officialDepartement(ctx, code))) continue;
		const checked = checkPolygonal(feature.geometry, crs, { feature: feature.index });
		if (checked.geometry) geometries.push(checked.geometry);
	}
	const outline = buildTerritoryOutline(geometries);
	if (!outline) return scope;
	const fresh = createImportScope({ ...territory, outline });
	// The read's tally lives in ctx.scope: forward every count to it.
	return {
		...fresh,
		keep: (p, d) => scope.keep(p, d),
		setAside: (d) => scope.setAside(d),
		summary: () => scope.summary()
	};
}
