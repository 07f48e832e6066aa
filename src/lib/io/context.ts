/**
 * What `toDomain` needs to know beyond the file: the official list of communes and EPCI, and
 * what the database already holds (communes with their reference points, EPCI). Passed in by
 * the server, so the io modules stay pure.
 */
import type { OfficialGeography } from '../domain/official-geography';
import { issueError, issueWarning, type ImportIssue, type IssueLocation } from './issues';
import { createImportScope, type ImportScope, type TerritoryScopeInput } from './scope';

/** A commune already stored: enough to place a structure or a pole given without coordinates. */
export interface KnownCommune {
	name: string;
	refLon: number;
	refLat: number;
	/** Its département and EPCI, when known (to place EPCI and indicators in the territory). */
	departementCode?: string;
	epciSiren?: string | null;
}

export interface ImportContext {
	official: OfficialGeography;
	/** Communes of the database, by INSEE code. */
	communes: ReadonlyMap<string, KnownCommune>;
	/** SIREN of the EPCI of the database. */
	epciSirens: ReadonlySet<string>;
	/**
	 * The QPV generations known as dated reference data (`qpv.generations`): validity and code
	 * prefix of each (`2015`: `QP…`, 1 January 2015 – 31 December 2023; `2024`: `QN…`, from 1 January 2024).
	 */
	qpvGenerations?: Readonly<Record<string, { validFrom: string; validUntil: string | null; codePrefix: string | null }>>;
	/** The generation given with the import (`--generation`), or null: then it is read from the file. */
	qpvGeneration?: string | null;
	/** The territory of work and the border band; absent: no territory, nothing filtered. */
	territory?: TerritoryScopeInput | null;
	/** The live scope of the read in progress (set by `readImportFile`). */
	scope?: ImportScope;
}

/** The read's scope: the one `readImportFile` set, else one made from `ctx.territory` (readers called directly). */
export function scopeOf(ctx: ImportContext): ImportScope {
	return ctx.scope ?? createImportScope(ctx.territory);
}

/**
 * Where a record given without coordinates goes: its commune's reference point, said approximate by
 * a warning; a commune the database does not hold leaves it without a place (an error at `where`).
 */
export function communeRefPoint(ctx: ImportContext, code: string, where: IssueLocation, own: ImportIssue[]): [number, number] | undefined {
	const commune = ctx.communes.get(code);
	if (!commune) {
		own.push(issueError('location-unavailable', where, { code }));
		return undefined;
	}
	own.push(issueWarning('location-approximate', where, { code, name: commune.name }));
	return [commune.refLon, commune.refLat];
}

/** Progress reporting for long loops: `onProgress(done, total)`, and a pause to let I/O run. */
export interface ProgressHooks {
	onProgress?: (done: number, total: number) => void;
	/** Awaited every `PROGRESS_EVERY` records (e.g. `() => new Promise(setImmediate)` on the server). */
	yieldNow?: () => Promise<void>;
}

export const PROGRESS_EVERY = 250;

/** Calls `step(item, i)` for each item, reporting progress and yielding every PROGRESS_EVERY items. */
export async function forEachWithProgress<T>(
	items: readonly T[],
	hooks: ProgressHooks,
	step: (item: T, index: number) => void
): Promise<void> {
	const total = items.length;
	hooks.onProgress?.(0, total);
	for (let i = 0; i < total; i++) {
		step(items[i], i);
		if ((i + 1) % PROGRESS_EVERY === 0 && i + 1 < total) {
			hooks.onProgress?.(i + 1, total);
			if (hooks.yieldNow) await hooks.yieldNow();
		}
	}
	hooks.onProgress?.(total, total);
}
