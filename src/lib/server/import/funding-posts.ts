/**
 * Imports the State's politique de la ville posts (adultes-relais, FONJEP) of the ANCT open data as
 * funding lines, with the documented mapping of `$lib/funding/politique-ville`: adultes-relais by
 * employer SIRET, FONJEP by a reviewed name match. One transaction, one import log, one audit
 * entry; `dryRun` only computes the mapping (to review the FONJEP matches before writing).
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { mapAdultesRelais, mapFonjep, parsePostRecords, POLITIQUE_VILLE_INSTRUMENTS, type FonjepReview, type PolitiqueVilleKind, type PostLine, type PostRecord } from '../../funding/politique-ville';
import type { NameMatchOptions } from '../../funding/name-match';
import * as meta from '../db/meta';
import type { Database } from '../db/schema';
import { RejectedDataError } from '../errors';
import { DEMO_DATABASE_MESSAGE } from './run-import';
import { upsertFundingLines } from './funding';
import { auditImport, logImport } from './import-log';

export interface PostImportOptions {
	kind: PolitiqueVilleKind;
	fileName: string;
	bytes: Uint8Array;
	/** Code of the partner the posts are recorded under (default `ETAT-PV`). */
	partnerCode?: string;
	/** FONJEP name-match options (threshold, margin). */
	match?: NameMatchOptions;
	/** Compute the mapping without writing anything. */
	dryRun?: boolean;
	actor: string;
	userId?: number | null;
}

export interface PostImportReport {
	kind: PolitiqueVilleKind;
	/** Posts in the file, valid and invalid. */
	records: number;
	invalid: number;
	lines: PostLine[];
	/** Adultes-relais of the structures' départements whose SIRET matched no structure. */
	unmatched: PostRecord[];
	/** FONJEP employer names with their match, for review. */
	reviews: FonjepReview[];
	written: { inserted: number; updated: number; unchanged: number } | null;
	importLogId: number | null;
}

export const DEFAULT_POST_PARTNER = 'ETAT-PV';

export async function importPostFunding(db: Kysely<Database>, options: PostImportOptions): Promise<PostImportReport> {
	if ((await meta.datasetKind(db)) === 'demo') throw new RejectedDataError(DEMO_DATABASE_MESSAGE);
	let json: unknown;
	try {
		json = JSON.parse(new TextDecoder('utf-8').decode(options.bytes));
	} catch {
		throw new RejectedDataError(`${options.fileName} n’est pas un fichier JSON lisible (un tableau de postes est attendu).`);
	}
	if (!Array.isArray(json)) throw new RejectedDataError(`${options.fileName} : un tableau JSON de postes est attendu.`);
	const { records, invalid } = parsePostRecords(json);
	const structures = await db.selectFrom('structure').select(['id', 'name', 'siret', 'commune_code']).execute();
	const candidates = structures.map((s) => ({ id: s.id, name: s.name, siret: s.siret, communeCode: s.commune_code }));
	const mapped =
		options.kind === 'adultes_relais'
			? { ...mapAdultesRelais(records, candidates), reviews: [] as FonjepReview[] }
			: { ...mapFonjep(records, candidates, options.match), unmatched: [] as PostRecord[] };
	const report: PostImportReport = {
		kind: options.kind,
		records: records.length + invalid,
		invalid,
		lines: mapped.lines,
		unmatched: mapped.unmatched,
		reviews: mapped.reviews,
		written: null,
		importLogId: null
	};
	if (options.dryRun || mapped.lines.length === 0) return report;

	const partnerCode = options.partnerCode ?? DEFAULT_POST_PARTNER;
	const instrumentCode = POLITIQUE_VILLE_INSTRUMENTS[options.kind];
	const [partner, instrument] = await Promise.all([
		db.selectFrom('partner').select('id').where('code', '=', partnerCode).executeTakeFirst(),
		db.selectFrom('funding_instrument').select('id').where('code', '=', instrumentCode).executeTakeFirst()
	]);
	if (!partner) throw new RejectedDataError(`financeur « ${partnerCode} » introuvable : créez-le (nature État) ou indiquez son code.`);
	if (!instrument) throw new RejectedDataError(`dispositif « ${instrumentCode} » introuvable : ajoutez-le à la liste des dispositifs.`);

	const fileHash = createHash('sha256').update(options.bytes).digest('hex');
	return db.transaction().execute(async (trx) => {
		const written = await upsertFundingLines(
			trx,
			mapped.lines.map((l) => ({ ...l, partnerId: partner.id, instrumentId: instrument.id, status: 'verse' as const }))
		);
		const counts = { read: records.length + invalid, inserted: written.inserted, updated: written.updated, unchanged: written.unchanged, skipped: records.length + invalid - mapped.lines.reduce((s, l) => s + l.postIds.length, 0) };
		if ((await meta.datasetKind(trx)) === null) await meta.set(trx, 'dataset', 'real');
		const logId = await logImport(trx, options, { kind: `funding-${options.kind}`, fileHash, status: 'accepted', counts, issues: [] });
		await auditImport(trx, options, { entity: 'funding_line', importLogId: logId, after: { fileName: options.fileName, kind: options.kind, counts } });
		return { ...report, written: { inserted: written.inserted, updated: written.updated, unchanged: written.unchanged }, importLogId: logId };
	});
}
