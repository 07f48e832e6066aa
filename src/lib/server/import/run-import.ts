/**
 * One import, the same for the CLI and the web page:
 * hash → parse → validate (pure, `$lib/io`) → either a refusal, recorded in `import_log` only,
 * or ONE transaction writing the rows by natural key, one `audit_log` row and the `import_log`
 * row, and marking the dataset as real. Default: any error refuses the whole file; with
 * `skipInvalid` the valid records are written and the others reported.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MultiPolygon, Polygon } from 'geojson';
import { buildTerritoryOutline } from '../../analysis/territory-outline';
import type { ImportContext, KnownCommune } from '../../io/context';
import { readImportFile, type ImportKind, type KindItems } from '../../io/import-file';
import { hasErrors, issueError, issueWarning, sortIssues, type ImportIssue } from '../../io/issues';
import type { ScopeSummary, TerritoryScopeInput } from '../../io/scope';
import type { Database } from '../db/schema';
import * as meta from '../db/meta';
import * as workTerritory from '../db/work-territory';
import { buildEpciOutlinesFromCommunes, type EpciOutlineResult } from './epci-from-communes';
import { RejectedDataError } from '../errors';
import { maxUploadBytes } from './limits';
import { readXlsxTable } from './xlsx-reader';
import { officialGeography } from './official';
import { applyStructurePlans, planStructures } from './write-structures';
import { writeCommunes, writeEpci, writeZones } from './write-territories';
import { writeIndicators, writeInseePoles, writePoles } from './write-values';
import type { InseePoleDefinition, PoleDefinitionRecord } from '../../io/to-poles-insee';
import { applyAgrementPlans, planAgrements } from './write-agrements';
import { planTravelTimes, writeTravelTimes } from './write-travel-times';
import { countsOf, type UpsertCounts } from './upsert';
import { auditImport, logImport, type LenientImportOptions } from './import-log';

export type ImportPhase = 'parse' | 'validate' | 'write';

export interface RunImportOptions extends LenientImportOptions {
	kind: ImportKind;
	/** `done` of `total` records for each phase; called often, cheap to ignore. */
	onProgress?: (phase: ImportPhase, done: number, total: number) => void;
	/** QPV generation of the file (`2015`, `2024`); null or absent: read from the file (property or code). */
	qpvGeneration?: string | null;
	/** `--tout`: keep every record, even outside the territory of work and its band. */
	keepAll?: boolean;
	/** Communes only (`--bande-seulement`): keep the band's communes, leave the territory's stored ones as they are. */
	bandOnly?: boolean;
	/** The analysis date for reference data (default band width), `YYYY-MM-DD`; default today. */
	today?: string;
	/** `poles_insee`: the zoning that defines the poles (bassins de vie or aires d'attraction). */
	poleDefinition?: InseePoleDefinition;
}

export interface ImportCounts {
	/** Records of the file (CSV rows or GeoJSON features). */
	read: number;
	inserted: number;
	updated: number;
	unchanged: number;
	/** Records left out because of an error (only with `skipInvalid`) or a skippable warning. */
	skipped: number;
	/** Records set aside: outside the territory of work and its border band (not kept); present when > 0. */
	setAside?: number;
	/** Records kept in the border band (stored « hors département »); present when > 0. */
	band?: number;
}

/** The scope counts, present only when not zero (files without a territory keep their old report). */
function scopeCounts(setAside: number, band: number): Pick<ImportCounts, 'setAside' | 'band'> {
	return { ...(setAside > 0 ? { setAside } : {}), ...(band > 0 ? { band } : {}) };
}

export interface ImportReport {
	status: 'accepted' | 'rejected' | 'partial';
	kind: ImportKind;
	fileName: string;
	/** sha256 of the file, hex. */
	fileHash: string;
	counts: ImportCounts;
	/** Every issue, in file order; format with `formatIssue` (`$lib/io/messages-fr`). */
	issues: ImportIssue[];
	importLogId: number;
	/** Kept in the territory, in the band, set aside; French with `describeScope` (`$lib/io/scope-fr`). */
	scope: ScopeSummary;
	/** Set when this import created the territory of work (a first communes import); `label`: « Sarthe (72) ». */
	territorySet?: { departements: string[]; label: string; bandKm: number; partnersAdded: string[]; instrumentsAdded: string[] };
	/** EPCI drawn from their communes by this import (communes, EPCI membership). */
	epciOutlines?: EpciOutlineResult;
}

/** Thrown inside the transaction to roll it back when a check needing the database fails. */
class RollbackForIssues extends Error {
	constructor(readonly issues: ImportIssue[]) {
		super('import rolled back');
	}
}

/** The message shown when the database still holds the fictional demo département. */
export const DEMO_DATABASE_MESSAGE =
	'La base contient le département fictif de démonstration : les données réelles ne s’y mélangent pas. ' +
	'Videz-la d’abord avec « npm run maillage -- db reset --yes », puis relancez l’import.';

/** The territory of work as the io layer reads it, with the outline of its stored communes. */
export async function loadTerritoryScope(db: Kysely<Database>, keepAll: boolean, bandOnly = false): Promise<TerritoryScopeInput | null> {
	const territory = await workTerritory.get(db);
	if (!territory) return null;
	const rows = await db
		.selectFrom('commune')
		.select((eb) => eb.fn.coalesce('display_geometry', 'geometry').as('geometry'))
		.where(workTerritory.communeInTerritory('commune'))
		.execute();
	const outline = buildTerritoryOutline(rows.map((r) => r.geometry).filter((g): g is Polygon | MultiPolygon => g !== null));
	return { departements: territory.departements, bandKm: territory.bandKm, keepAll, bandOnly, outline };
}

/** What the io layer needs from the database: communes (reference points), EPCI, the QPV generations, the territory of work. */
export async function loadImportContext(db: Kysely<Database>, options: { keepAll?: boolean; bandOnly?: boolean } = {}): Promise<ImportContext> {
	const [communes, epcis, generations, territory] = await Promise.all([
		db.selectFrom('commune').select(['code', 'name', 'ref_lon', 'ref_lat', 'departement_code', 'epci_siren']).execute(),
		db.selectFrom('epci').select('siren').execute(),
		db.selectFrom('reference_parameter').select('value').where('key', '=', 'qpv.generations').orderBy('valid_from', 'desc').executeTakeFirst(),
		loadTerritoryScope(db, options.keepAll ?? false, options.bandOnly ?? false)
	]);
	return {
		official: officialGeography(),
		communes: new Map<string, KnownCommune>(
			communes.map((c) => [
				c.code,
				{ name: c.name, refLon: c.ref_lon, refLat: c.ref_lat, departementCode: c.departement_code, epciSiren: c.epci_siren }
			])
		),
		epciSirens: new Set(epcis.map((e) => e.siren)),
		qpvGenerations: (generations?.value as ImportContext['qpvGenerations']) ?? {},
		territory
	};
}

/** Kinds whose records are placed in the territory (the others name stored rows). */
const PLACED_KINDS: ReadonlySet<ImportKind> = new Set(['communes', 'epci', 'qpv', 'iris', 'poles', 'poles_insee', 'structures', 'indicators']);

/** Paris' calendar day, `YYYY-MM-DD`. */
function parisToday(): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
}

async function writeItems(
	db: Kysely<Database>,
	kind: ImportKind,
	items: readonly KindItems[ImportKind][],
	ctx: ImportContext,
	skipInvalid: boolean,
	onBatch: (done: number) => void,
	extra: { fileName: string; poleDefinition?: PoleDefinitionRecord }
): Promise<{ counts: UpsertCounts; issues: ImportIssue[]; skipped: number }> {
	switch (kind) {
		case 'communes':
			return {
				counts: countsOf(await writeCommunes(db, items as KindItems['communes'][], ctx.official, onBatch)),
				issues: [],
				skipped: 0
			};
		case 'epci':
			return { counts: countsOf(await writeEpci(db, items as KindItems['epci'][], onBatch)), issues: [], skipped: 0 };
		case 'qpv':
		case 'iris':
			return { counts: countsOf(await writeZones(db, items as KindItems['qpv'][], onBatch)), issues: [], skipped: 0 };
		case 'poles':
			return { counts: await writePoles(db, items as KindItems['poles'][], onBatch), issues: [], skipped: 0 };
		case 'poles_insee': {
			const record = extra.poleDefinition;
			if (!record) throw new Error('poles_insee: the reader gave no pole definition');
			const { removed, ...counts } = await writeInseePoles(db, items as KindItems['poles_insee'][], record, extra.fileName, onBatch);
			const issues = removed > 0 ? [issueWarning('insee-poles-removed', {}, { count: removed, zoning: `${record.label}, ${record.zoning}` })] : [];
			return { counts, issues, skipped: 0 };
		}
		case 'indicators':
			return { counts: await writeIndicators(db, items as KindItems['indicators'][], onBatch), issues: [], skipped: 0 };
		case 'structures': {
			const planning = await planStructures(db, items as KindItems['structures'][]);
			if (planning.issues.length > 0 && !skipInvalid) throw new RollbackForIssues(planning.issues);
			const counts = await applyStructurePlans(db, planning.plans, onBatch);
			return { counts, issues: planning.issues, skipped: planning.issues.length };
		}
		case 'agrements': {
			// An unknown structure or a kind the structure cannot hold refuses the file (unless skipInvalid).
			const planning = await planAgrements(db, items as KindItems['agrements'][]);
			if (planning.issues.length > 0 && !skipInvalid) throw new RollbackForIssues(planning.issues);
			const counts = await applyAgrementPlans(db, planning.plans, onBatch);
			return { counts, issues: planning.issues, skipped: planning.issues.length };
		}
		case 'travel_times': {
			// An unknown destination, or one pair named through two keys, refuses the file (unless skipInvalid).
			const planning = await planTravelTimes(db, items as KindItems['travel_times'][]);
			if (planning.errors > 0 && !skipInvalid) throw new RollbackForIssues(planning.issues);
			const counts = await writeTravelTimes(db, planning.plans, extra.fileName, onBatch);
			return { counts, issues: planning.issues, skipped: planning.errors };
		}
	}
}


/** `--bande-seulement` needs communes, a territory of work and its communes already stored (the band is measured from them). */
async function checkBandOnly(db: Kysely<Database>, options: RunImportOptions): Promise<void> {
	if (options.kind !== 'communes') throw new RejectedDataError('--bande-seulement ne s’applique qu’à un import de communes.');
	if (options.keepAll) throw new RejectedDataError('--bande-seulement et --tout s’excluent : choisissez l’un ou l’autre.');
	const territory = await workTerritory.get(db);
	const stored = territory
		? await db.selectFrom('commune').select((eb) => eb.fn.countAll<string>().as('n')).where(workTerritory.communeInTerritory('commune')).executeTakeFirstOrThrow()
		: null;
	if (!territory || Number(stored?.n ?? 0) === 0) {
		throw new RejectedDataError(
			'--bande-seulement garde les communes de la bande frontalière autour des communes du territoire déjà en base : importez d’abord les communes du territoire.'
		);
	}
}

/**
 * Imports one file. Throws `RejectedDataError` when the database holds the demo; otherwise
 * always returns a report, `rejected` when nothing was written (then only `import_log` was).
 */
export async function runImport(db: Kysely<Database>, options: RunImportOptions): Promise<ImportReport> {
	const { kind, bytes, skipInvalid = false, onProgress } = options;
	const fileHash = createHash('sha256').update(bytes).digest('hex');
	if ((await meta.datasetKind(db)) === 'demo') throw new RejectedDataError(DEMO_DATABASE_MESSAGE);

	if (options.bandOnly) await checkBandOnly(db, options);
	const ctx = { ...(await loadImportContext(db, { keepAll: options.keepAll, bandOnly: options.bandOnly })), qpvGeneration: options.qpvGeneration ?? null };
	const result = await readImportFile(kind, bytes, ctx, {
		poleDefinition: options.poleDefinition,
		maxBytes: options.maxBytes ?? maxUploadBytes(),
		// Workbooks go through the one guarded reader (zip bombs, cell counts).
		readSpreadsheet: (workbook) => readXlsxTable(workbook),
		onProgress,
		yieldNow: () => new Promise((resolve) => setImmediate(resolve))
	});
	const base = { kind, fileName: options.fileName, fileHash, scope: result.scope };
	const setAside = result.scope.setAside;
	const rejected = async (issues: ImportIssue[]): Promise<ImportReport> => {
		const counts: ImportCounts = { read: result.read, inserted: 0, updated: 0, unchanged: 0, skipped: result.read - setAside, ...scopeCounts(setAside, 0) };
		const importLogId = await logImport(db, options, { kind: options.kind, fileHash, status: 'rejected', counts, issues });
		return { ...base, status: 'rejected', counts, issues, importLogId };
	};

	// Without a territory of work, only a first communes import may reach beyond one département.
	const reached = result.scope.reached;
	if (result.scope.mode === 'none' && kind !== 'communes' && PLACED_KINDS.has(kind) && reached.length > 1 && !options.keepAll) {
		return rejected(
			sortIssues([
				issueError('territory-required', {}, { count: reached.length, departements: reached.length > 12 ? `${reached.slice(0, 12).join(', ')}…` : reached.join(', ') }),
				// The file's own errors still refuse it; its notices would describe records of départements not yet chosen.
				...result.issues.filter((i) => i.severity === 'error')
			])
		);
	}

	const invalid = hasErrors(result.issues);
	if ((invalid && !skipInvalid) || (invalid && result.items.length === 0)) return rejected(result.issues);

	const total = result.items.length;
	onProgress?.('write', 0, total);
	try {
		return await db.transaction().execute(async (trx) => {
			const actor = { userId: options.userId ?? null, label: options.actor };
			// A first communes import sets the territory of work to the départements of its communes.
			let territorySet: ImportReport['territorySet'];
			if (kind === 'communes' && !ctx.territory && reached.length > 0) {
				const bandKm = await workTerritory.defaultBandKm(trx, options.today ?? parisToday());
				const set = await workTerritory.set(trx, actor, { departements: reached, bandKm });
				territorySet = {
					departements: set.territory.departements,
					label: workTerritory.describeDepartements(set.territory.departements),
					bandKm,
					partnersAdded: set.partnersAdded,
					instrumentsAdded: set.instrumentsAdded
				};
			}
			const written = await writeItems(trx, kind, result.items, ctx, skipInvalid, (done) => onProgress?.('write', done, total), {
				fileName: options.fileName,
				poleDefinition: result.poleDefinition
			});
			// EPCI without a file outline are drawn from their communes (issue 14 §2).
			const epciOutlines =
				kind === 'communes' || (kind === 'epci' && result.items.some((e) => (e as KindItems['epci']).geometry === null))
					? await buildEpciOutlinesFromCommunes(trx, ctx.official)
					: undefined;
			const issues = sortIssues([...result.issues, ...written.issues]);
			const counts: ImportCounts = {
				read: result.read,
				...written.counts,
				skipped: result.skipped + written.skipped,
				...scopeCounts(setAside, result.scope.band)
			};
			const status = hasErrors(issues) ? 'partial' : 'accepted';
			await meta.set(trx, 'dataset', 'real');
			const importLogId = await logImport(trx, options, { kind: options.kind, fileHash, status, counts, issues });
			await auditImport(trx, options, { entity: kind, importLogId, after: { fileName: options.fileName, fileHash, status, counts } });
			onProgress?.('write', total, total);
			return { ...base, status, counts, issues, importLogId, territorySet, epciOutlines };
		});
	} catch (error) {
		if (error instanceof RollbackForIssues) return rejected(sortIssues([...result.issues, ...error.issues]));
		throw error;
	}
}
