/**
 * The territory of work applied to an imported file: each record is placed — in the territory,
 * in the border band, or outside both — before it is checked in full. What lies outside is set
 * aside (counted by département, never written); a malformed record set aside is a warning, not
 * an error, since it is not kept. The band is tested on points and vertices against the
 * territory's outline (`$lib/analysis/territory-outline`); a record's département comes from its
 * INSEE code.
 *
 * Modes: `territory` (a territory of work is set: filter), `all` (`--tout`: keep everything,
 * still counting), `none` (no territory yet: keep everything, note the départements reached so
 * the server can refuse a file reaching beyond one département).
 */
import { distanceToTerritoryKm, insideTerritory, positionsWithinKm, type TerritoryOutline } from '../analysis/territory-outline';
import { departementOfCommune } from '../domain/insee';

/** Where a record lies. */
export type Placement = 'territory' | 'band' | 'outside';

/** What the server knows of the territory of work, passed in the import context. */
export interface TerritoryScopeInput {
	/** Département codes of the territory; null when the database has no territory of work. */
	departements: readonly string[] | null;
	/** Width of the border band, km. */
	bandKm: number;
	/** `--tout`: keep every record, inside or not. */
	keepAll: boolean;
	/**
	 * `--bande-seulement` (communes): keep the band only, leaving the territory's stored records as
	 * they are — the band's communes from a national file of another vintage than the territory's.
	 */
	bandOnly?: boolean;
	/** Outline of the territory's stored communes; null when none is stored (then no band). */
	outline: TerritoryOutline | null;
}

export type ScopeMode = 'territory' | 'all' | 'none';

/** The scope part of an import report. */
export interface ScopeSummary {
	mode: ScopeMode;
	/** The territory's départements (empty when none). */
	departements: string[];
	bandKm: number;
	/** Records kept, in the territory and in the band. */
	territory: number;
	band: number;
	/** Records kept although outside the territory and its band (`--tout`). */
	beyond: number;
	/** Records set aside (outside the territory and its band). */
	setAside: number;
	/** Set-aside records by département (`?` when unknown), the territory's own (`bandOnly`) excepted. */
	setAsideByDepartement: Record<string, number>;
	/** `bandOnly`: records of the territory left out (counted in `setAside`), its stored ones untouched. */
	territoryLeft: number;
	bandOnly: boolean;
	/** Départements of every placed record, sorted (kept or not). */
	reached: string[];
	/** True when records outside the territory could not be tested against the band (no outline). */
	bandUnavailable: boolean;
}

/** The live scope of one read: placement helpers and the tally. */
export interface ImportScope {
	readonly mode: ScopeMode;
	/** Filtering records (a territory is set and `--tout` was not given). */
	readonly active: boolean;
	readonly bandKm: number;
	/** The département belongs to the territory (always true without a territory). */
	inTerritory(departement: string): boolean;
	/** Placement of a record in commune `code` (INSEE) with an optional point, or null département when unknown. */
	place(departement: string | null, point?: readonly [number, number] | null): Placement;
	/** Placement of a record outside the territory's départements by its vertices (a commune, a zone). */
	placeByVertices(departement: string | null, positions: () => Iterable<readonly [number, number]>): Placement;
	/** True when the point lies inside the territory's stored communes (false without an outline). */
	insidePoint(lon: number, lat: number): boolean;
	/** The record is kept with this placement. */
	keep(placement: Placement, departement: string | null): void;
	/** The record is set aside. */
	setAside(departement: string | null): void;
	summary(): ScopeSummary;
}

/** The département of an INSEE commune code (`97411` → `974`). */
export const departementOf = departementOfCommune;

/** A scope for one read of a file. Without input: no territory, nothing filtered. */
export function createImportScope(input: TerritoryScopeInput | null | undefined): ImportScope {
	const departements = input?.departements ?? null;
	const mode: ScopeMode = departements === null || departements.length === 0 ? 'none' : input!.keepAll ? 'all' : 'territory';
	const territorySet = new Set(departements ?? []);
	const bandKm = input?.bandKm ?? 0;
	const outline = input?.outline ?? null;
	const reached = new Set<string>();
	const byDepartement: Record<string, number> = {};
	let territory = 0;
	let band = 0;
	let beyond = 0;
	let setAside = 0;
	let bandUnavailable = false;
	let territoryLeft = 0;
	const bandOnly = mode === 'territory' && (input?.bandOnly ?? false);

	const inTerritory = (dep: string) => mode === 'none' || territorySet.has(dep);
	/** Territory by département; else the band when `withinBand` says so of the territory's outline (none stored: outside). */
	const placement = (dep: string | null, withinBand: (o: NonNullable<typeof outline>) => boolean): Placement => {
		if (mode === 'none') return 'territory';
		if (dep !== null && territorySet.has(dep)) return bandOnly ? 'outside' : 'territory';
		if (!outline) {
			bandUnavailable = true;
			return 'outside';
		}
		return withinBand(outline) ? 'band' : 'outside';
	};
	const note = (dep: string | null) => {
		if (dep) reached.add(dep);
	};
	return {
		mode,
		active: mode === 'territory',
		bandKm,
		inTerritory,
		place: (dep, point) => placement(dep, (o) => !!point && distanceToTerritoryKm(o, point[0], point[1], bandKm) <= bandKm),
		placeByVertices: (dep, positions) => placement(dep, (o) => positionsWithinKm(o, positions(), bandKm)),
		insidePoint(lon, lat) {
			return outline !== null && insideTerritory(outline, lon, lat);
		},
		keep(placement, dep) {
			note(dep);
			if (placement === 'band') band++;
			else if (placement === 'outside') beyond++;
			else territory++;
		},
		setAside(dep) {
			note(dep);
			setAside++;
			if (bandOnly && dep !== null && territorySet.has(dep)) {
				territoryLeft++;
				return;
			}
			const key = dep ?? '?';
			byDepartement[key] = (byDepartement[key] ?? 0) + 1;
		},
		summary() {
			return {
				mode,
				departements: [...territorySet].sort(),
				bandKm,
				territory,
				band,
				beyond,
				setAside,
				setAsideByDepartement: { ...byDepartement },
				reached: [...reached].sort(),
				bandUnavailable,
				territoryLeft,
				bandOnly
			};
		}
	};
}

/** Every [lon, lat] pair of a GeoJSON-like coordinates array, skipping what is not a finite pair. */
export function* looseVertices(coordinates: unknown, convert?: (x: number, y: number) => [number, number]): Generator<[number, number]> {
	if (!Array.isArray(coordinates)) return;
	if (coordinates.length >= 2 && typeof coordinates[0] === 'number' && typeof coordinates[1] === 'number') {
		const [x, y] = coordinates as number[];
		if (Number.isFinite(x) && Number.isFinite(y)) yield convert ? convert(x, y) : [x, y];
		return;
	}
	for (const part of coordinates) yield* looseVertices(part, convert);
}
