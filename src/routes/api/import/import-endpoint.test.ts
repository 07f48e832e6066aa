/**
 * `POST /api/import` and `GET /api/import/{id}/rapport.csv` called as SvelteKit calls them, on every
 * dialect: the NDJSON stream (progress of each phase, then the report), the refusals in French
 * (unknown kind, wrong content type, demo database, too large — declared or streamed), the user as
 * the import's actor, and the CSV report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../../../../tests/helpers/db';
import { tableChecksums } from '../../../../tests/fixtures/import/checksums';
import { POST } from './+server';
import { GET as reportCsv } from './[id]/rapport.csv/+server';
import { parseEvents, type ImportStreamEvent } from './protocol';
import { UploadTooLargeError, readBodyWithLimit } from './web-import.server';
import type { SessionUser } from '$lib/server/auth/sessions';

const fixture = (name: string) => fs.readFileSync(path.resolve('tests/fixtures/import/in', name));
const AGENT: SessionUser = { id: 0, role: 'agent', partnerId: null, email: 'agent@caf.test', displayName: 'Agent', partnerName: null };

/** A stream delivering `chunks` one by one, remembering whether it was cancelled. */
function chunked(chunks: Uint8Array[]) {
	const state = { cancelled: false, pulled: 0 };
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (state.pulled === chunks.length) controller.close();
			else controller.enqueue(chunks[state.pulled++]);
		},
		cancel() {
			state.cancelled = true;
		}
	});
	return { stream, state };
}

describe('readBodyWithLimit(body, maxBytes)', () => {
	it('joins the chunks of a body within the limit', async () => {
		const { stream } = chunked([new Uint8Array([1, 2]), new Uint8Array([3])]);
		expect(await readBodyWithLimit(stream, 3)).toEqual(new Uint8Array([1, 2, 3]));
	});

	it('stops reading and cancels the stream as soon as the limit is passed', async () => {
		const { stream, state } = chunked([new Uint8Array(4), new Uint8Array(4), new Uint8Array(4), new Uint8Array(4)]);
		await expect(readBodyWithLimit(stream, 6)).rejects.toBeInstanceOf(UploadTooLargeError);
		expect(state.cancelled).toBe(true);
		expect(state.pulled).toBeLessThan(4);
	});
});

for (const dialect of testDialects()) {
	describe(`POST /api/import on ${dialect.kind}`, () => {
		let t: TestDb;
		const userId = { value: 0 };
		beforeAll(async () => {
			t = await dialect.open();
			const user = await t.db
				.insertInto('app_user')
				.values({ email: AGENT.email, display_name: 'Agent', role: 'agent', password_hash: 'x' })
				.returning('id')
				.executeTakeFirstOrThrow();
			userId.value = user.id;
		});
		afterAll(() => t?.dispose());
		afterEach(() => {
			delete process.env.MAILLAGE_MAX_UPLOAD_MB;
		});

		function call(query: string, body: BodyInit | null, init: { headers?: Record<string, string>; dataset?: 'demo' | 'real' | null } = {}) {
			const url = new URL(`http://app.test/api/import?${query}`);
			const request = new Request(url, {
				method: 'POST',
				body,
				headers: { 'content-type': 'application/octet-stream', origin: 'http://app.test', ...init.headers },
				// Node's fetch needs this for stream bodies.
				...(body instanceof ReadableStream ? { duplex: 'half' } : {})
			} as RequestInit);
			const locals = { db: t.db, dataset: init.dataset ?? null, user: { ...AGENT, id: userId.value }, sessionToken: null };
			return POST({ request, url, locals } as unknown as Parameters<typeof POST>[0]);
		}

		async function events(response: Response): Promise<ImportStreamEvent[]> {
			return parseEvents((await response.text()) + '\n').events;
		}

		it('streams the progress of parse, validate and write, then the report; the user is the actor', async () => {
			const response = await call('kind=communes&fileName=C%3A%5Cdonnees%5Ccommunes.geojson', fixture('communes-wgs84.geojson'));
			expect(response.status).toBe(200);
			expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
			const list = await events(response);
			const phases = [...new Set(list.filter((e) => e.type === 'progress').map((e) => (e as { phase: string }).phase))];
			expect(phases).toEqual(['parse', 'validate', 'write']);
			expect(list.at(-2)).toEqual({ type: 'progress', phase: 'write', done: 4, total: 4 });
			const last = list.at(-1)!;
			expect(last.type).toBe('report');
			if (last.type !== 'report') return;
			expect(last.report).toMatchObject({ status: 'accepted', kind: 'communes', fileName: 'communes.geojson', counts: { read: 4, inserted: 4 } });
			const log = await t.db.selectFrom('import_log').select(['actor', 'user_id']).where('id', '=', last.report.importLogId).executeTakeFirstOrThrow();
			expect(log).toEqual({ actor: AGENT.email, user_id: userId.value });
			const audit = await t.db.selectFrom('audit_log').select(['actor', 'user_id']).where('import_log_id', '=', last.report.importLogId).execute();
			expect(audit).toEqual([{ actor: AGENT.email, user_id: userId.value }]);
		});

		it('a refused file streams a rejected report with every issue in French, and the CSV report lists them', async () => {
			const before = await tableChecksums(t.db);
			const csv = 'id;nom;type;code_commune\nA;Centre A;CS;86194\nB;Maison B;MJC;86194\n';
			const list = await events(await call('kind=structures&fileName=structures.csv', new TextEncoder().encode(csv)));
			const last = list.at(-1)!;
			if (last.type !== 'report') throw new Error(JSON.stringify(last));
			expect(last.report.status).toBe('rejected');
			expect(last.report.issues[0]).toMatchObject({
				severity: 'error',
				line: 3,
				column: 'type',
				message: 'Ligne 3, colonne type : type « MJC » inconnu : CS (centre social) ou EVS (espace de vie sociale) attendu.'
			});
			expect(await tableChecksums(t.db)).toEqual(before);

			const csvResponse = await reportCsv({ params: { id: String(last.report.importLogId) }, locals: { db: t.db } } as unknown as Parameters<typeof reportCsv>[0]);
			const bytes = new Uint8Array(await csvResponse.arrayBuffer());
			expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM, so spreadsheets read UTF-8
			const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
			expect(text.startsWith('\ufeffGravité;Ligne;Objet n°;Colonne ou propriété;Code;Message\r\n')).toBe(true);
			expect(text).toContain('Erreur;3;;type;structure-type-unknown;Ligne 3, colonne type : type « MJC » inconnu');
		});

		it('skipInvalid=1 writes the valid rows and reports a partial import', async () => {
			const csv = 'id;nom;type;code_commune;latitude;longitude\nA;Centre A;CS;86194;46,58;0,34\nB;Maison B;MJC;86194;46,58;0,34\n';
			const list = await events(await call('kind=structures&skipInvalid=1&fileName=s.csv', new TextEncoder().encode(csv)));
			expect(list.at(-1)).toMatchObject({ type: 'report', report: { status: 'partial', counts: { inserted: 1, skipped: 1 } } });
		});

		it('refuses an unknown kind (400), another content type (415) and a foreign origin (403), in French', async () => {
			const bytes = fixture('communes-wgs84.geojson');
			const unknown = await call('kind=batiments', bytes);
			expect(unknown.status).toBe(400);
			expect((await unknown.json()).message).toBe('Type de données inconnu : « batiments ». Choisissez un type dans la liste.');
			expect((await call('kind=communes', bytes, { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
			expect((await call('kind=communes', bytes, { headers: { origin: 'http://evil.test' } })).status).toBe(403);
		});

		it('refuses on the demo database (409) with the message to reset it', async () => {
			const response = await call('kind=communes', fixture('communes-wgs84.geojson'), { dataset: 'demo' });
			expect(response.status).toBe(409);
			expect((await response.json()).message).toMatch(/département fictif de démonstration.*db reset --yes/);
		});

		it('refuses (413, French) a declared size over MAILLAGE_MAX_UPLOAD_MB before reading, and a streamed one while reading', async () => {
			process.env.MAILLAGE_MAX_UPLOAD_MB = '0.001'; // 1,049 bytes
			const big = new Uint8Array(5000).fill(32);
			const declared = await call('kind=communes', big);
			expect(declared.status).toBe(413);
			expect((await declared.json()).message).toMatch(/^Le fichier dépasse la taille maximale d’import de 0 Mo/);
			const { stream, state } = chunked(Array.from({ length: 10 }, () => new Uint8Array(500).fill(32)));
			const streamed = await call('kind=communes', stream);
			expect(streamed.status).toBe(413);
			expect(state.cancelled).toBe(true);
			expect(state.pulled).toBeLessThan(10);
		});
	});
}
