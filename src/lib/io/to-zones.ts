/**
 * GeoJSON of QPV (quartiers prioritaires de la politique de la ville) or IRIS contours → zones.
 * Property names of the official files are accepted as well as `code`/`nom`:
 * - QPV: code `code_qp`, `code_quartier`, `code_qpv`, `code`; name `nom_qp`, `lib_qp`, `nom`;
 *   communes `code_commune`, `insee_com`, `codes_communes`, `commune_codes` (a list, or text
 *   separated by `|`); codes `QP…` (2015) and `QN…` (2024).
 * - IRIS: code `code_iris`, `iris`, `dcomiris`, `code_territoire` (the `iris` prefix of some files
 *   is dropped), `code`; name `nom_iris`, `lib_iris`, `libelle_territoire`, `nom`; the commune
 *   is the first 5 characters of the IRIS code.
 * Optional `population`. Geometry: Polygon/MultiPolygon, checked as for communes.
 *
 * QPV generation (contours redrawn on 1 January 2024): from the import's `--generation` flag, a
 * `generation` property of the feature, or the code itself (`QP…` 2015, `QN…` 2024) — never asked.
 * Sources that disagree, or none at all, are an error naming the feature; the validity dates come
 * from the dated generations (`ctx.qpvGenerations`).
 * With a territory of work, a zone is kept when it lies in the territory: one of its communes
 * (the file's, or the IRIS code's) is of its départements — else the QPV code's or the file's
 * département, else the mean of its vertices inside the territory's outline. No border band.
 */
import { referencePoint } from '../analysis/reference-point';
import { simplifyForDisplay } from '../analysis/simplify';
import { communeOfIris, departementOfCommune, departementOfQpv, normalizeDepartementCode, normalizeIrisCode, normalizeQpvCode } from '../domain/insee';
import type { ZoneInput, ZoneKind } from '../domain/territory';
import { forEachWithProgress, scopeOf, type ImportContext, type ProgressHooks } from './context';
import { openGeoJson, lambert93ToWgs84 } from './crs';
import { asNumber, asText, indexProperties, pickProperty, readCommuneCode, splitCodeList } from './fields';
import type { GeoJsonInput } from './geojson';
import { checkPolygonal } from './geometry-check';
import { asWarnings, DuplicateKeys, hasErrors, issueError, issueWarning, nothingImported, type DomainResult, type ImportIssue } from './issues';
import { looseVertices, type ImportScope, type Placement } from './scope';
import { featureCode } from './to-communes';

const NAMES: Record<ZoneKind, { code: string[]; name: string[] }> = {
	qpv: {
		code: ['code_qp', 'code_quartier', 'code_qpv', 'codeqp', 'code'],
		name: ['nom_qp', 'lib_qp', 'nom_quartier', 'nom_qpv', 'nom', 'name', 'libelle']
	},
	iris: {
		code: ['code_iris', 'iris', 'dcomiris', 'codeiris', 'code_territoire', 'code'],
		name: ['nom_iris', 'lib_iris', 'libiris', 'libelle_territoire', 'nom', 'name', 'libelle']
	}
};
const QPV_COMMUNE_PROPERTIES = ['code_commune', 'insee_com', 'codes_communes', 'commune_codes', 'code_insee', 'insee'];
const GENERATION_PROPERTIES = ['generation', 'generation_qpv', 'millesime'];

/** The generation a QPV code implies by its prefix, among the known generations. */
function generationOfCode(code: string, generations: NonNullable<ImportContext['qpvGenerations']>): string | null {
	for (const [generation, g] of Object.entries(generations)) if (g.codePrefix && code.startsWith(g.codePrefix)) return generation;
	return null;
}
const POPULATION_PROPERTIES = ['population', 'pop', 'pop_mun', 'p_pop'];
const DEPARTEMENT_PROPERTIES = ['code_departement', 'insee_dep', 'departement', 'dep', 'code_dep'];

/**
 * Where a zone lies — the generic rule « a zone lies in the territory » (QPV of any generation,
 * IRIS, or any zoning given by communes): by its communes' départements, else by the
 * départements it names, else by the mean of its vertices. Never in a band: a zone of the
 * neighbouring département is not kept.
 */
export function placeZone(
	scope: ImportScope,
	communeCodes: readonly string[],
	namedDepartements: readonly string[],
	vertices: () => Iterable<readonly [number, number]>
): { placement: Placement; departement: string | null } {
	const deps = communeCodes.length > 0 ? communeCodes.map(departementOfCommune) : namedDepartements;
	if (deps.length > 0) {
		const inside = deps.find((d) => scope.inTerritory(d));
		return { placement: inside ? 'territory' : 'outside', departement: inside ?? deps[0] };
	}
	if (scope.mode === 'none') return { placement: 'territory', departement: null };
	let n = 0;
	let lon = 0;
	let lat = 0;
	for (const [x, y] of vertices()) {
		lon += x;
		lat += y;
		n++;
	}
	return { placement: n > 0 && scope.insidePoint(lon / n, lat / n) ? 'territory' : 'outside', departement: null };
}

/** QPV or IRIS zones of a GeoJSON FeatureCollection, with every issue. */
export async function zonesToDomain(
	kind: ZoneKind,
	input: GeoJsonInput,
	ctx: ImportContext,
	hooks: ProgressHooks = {}
): Promise<DomainResult<ZoneInput>> {
	const { issues, read, crs } = openGeoJson(input);
	if (!crs) return nothingImported(issues, read);

	const pending: Omit<ZoneInput, 'displayGeometry'>[] = [];
	const seen = new DuplicateKeys();
	const scope = scopeOf(ctx);
	const convert = crs === 'lambert93' ? lambert93ToWgs84 : undefined;
	await forEachWithProgress(input.features, hooks, (feature) => {
		const where = { feature: feature.index };
		const own: ImportIssue[] = [];
		const props = indexProperties(feature.properties);

		let code: string | null = null;
		let communeCodes: string[] = [];
		const found = featureCode(feature, props, NAMES[kind].code);
		if (!found) own.push(issueError('code-missing', where, { accepted: ['id', ...NAMES[kind].code].join(', ') }));
		else if (kind === 'iris') {
			const iris = normalizeIrisCode(found.raw);
			if (!iris) own.push(issueError('zone-code-invalid', { ...where, column: found.column }, { value: found.raw, kind }));
			else {
				if (iris.restored) {
					own.push(issueWarning('insee-leading-zero-restored', { ...where, column: found.column }, { value: found.raw, code: iris.code }));
				}
				code = iris.code;
				communeCodes = [communeOfIris(iris.code)];
			}
		} else {
			code = normalizeQpvCode(found.raw);
			if (!code) own.push(issueError('zone-code-invalid', { ...where, column: found.column }, { value: found.raw, kind }));
			const communesHit = pickProperty(props, QPV_COMMUNE_PROPERTIES);
			if (communesHit) {
				for (const raw of splitCodeList(communesHit.value)) {
					const c = readCommuneCode(raw, { ...where, column: communesHit.key }, ctx.official, own, { checkOfficial: false });
					if (c && !communeCodes.includes(c)) communeCodes.push(c);
				}
			}
		}
		// Placed first: a zone outside the territory is set aside unchecked.
		const depHit = pickProperty(props, DEPARTEMENT_PROPERTIES);
		const named = [
			...(depHit ? [normalizeDepartementCode(asText(depHit.value) ?? '')?.code] : []),
			...(kind === 'qpv' && code ? [departementOfQpv(code)] : [])
		].filter((d): d is string => Boolean(d));
		const { placement, departement } = placeZone(scope, communeCodes, named, () =>
			looseVertices((feature.geometry as { coordinates?: unknown } | null)?.coordinates, convert)
		);
		if (placement === 'outside' && scope.active) {
			issues.push(...asWarnings(own));
			scope.setAside(departement);
			return;
		}
		if (code !== null) seen.check(code, feature.index, own, { ...where, column: found!.column });

		const nameHit = pickProperty(props, NAMES[kind].name);
		const name = nameHit ? asText(nameHit.value) ?? null : null;
		if (!name) own.push(issueError('name-missing', where, { accepted: NAMES[kind].name.join(', ') }));

		let population: number | null = null;
		const popHit = pickProperty(props, POPULATION_PROPERTIES);
		if (popHit) {
			const n = asNumber(popHit.value);
			if (n === undefined || n === null || n < 0) {
				own.push(issueError('number-invalid', { ...where, column: popHit.key }, { value: String(popHit.value) }));
			} else population = Math.round(n);
		}

		// QPV generation: the flag, the feature's property and the code must agree.
		let generation: string | null = null;
		if (kind === 'qpv' && code) {
			const generations = ctx.qpvGenerations ?? {};
			const sources: { value: string; column: string | undefined; what: string }[] = [];
			if (ctx.qpvGeneration) sources.push({ value: ctx.qpvGeneration, column: undefined, what: '--generation' });
			const genHit = pickProperty(props, GENERATION_PROPERTIES);
			const genText = genHit ? asText(genHit.value) : null;
			if (genHit && genText) sources.push({ value: genText.trim(), column: genHit.key, what: genHit.key });
			const fromCode = generationOfCode(code, generations);
			if (fromCode) sources.push({ value: fromCode, column: found?.column, what: 'code' });
			const values = [...new Set(sources.map((x) => x.value))];
			if (values.length === 0) own.push(issueError('qpv-generation-missing', { ...where, column: found?.column }, { value: code, known: Object.keys(generations).join(', ') }));
			else if (values.length > 1) {
				own.push(issueError('qpv-generation-mismatch', { ...where, column: genHit?.key ?? found?.column }, { value: sources.map((x) => `${x.what} ${x.value}`).join(', ') }));
			} else if (!generations[values[0]]) {
				own.push(issueError('qpv-generation-unknown', { ...where, column: genHit?.key }, { value: values[0], known: Object.keys(generations).join(', ') }));
			} else generation = values[0];
		}

		const geometryCheck = checkPolygonal(feature.geometry, crs, where);
		own.push(...geometryCheck.issues);
		issues.push(...own);
		if (hasErrors(own) || !code || !name || !geometryCheck.geometry) return;
		scope.keep(placement, departement);
		const ref = referencePoint(geometryCheck.geometry);
		const validity = generation ? ctx.qpvGenerations![generation] : null;
		pending.push({
			kind,
			code,
			name,
			communeCodes,
			population,
			geometry: geometryCheck.geometry,
			refLon: ref.lon,
			refLat: ref.lat,
			generation,
			validFrom: validity?.validFrom ?? null,
			validUntil: validity?.validUntil ?? null
		});
	});

	const display = simplifyForDisplay(pending.map((z) => z.geometry));
	const items = pending.map((z, i) => ({ ...z, displayGeometry: display[i] ?? z.geometry }));
	return { items, issues, read, skipped: read - items.length };
}
