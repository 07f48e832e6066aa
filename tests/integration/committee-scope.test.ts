/**
 * Issue 11, items 1 and 7, on every dialect: the committee figures — live and frozen in snapshots —
 * are computed through each audience's grants and row scope. A partner or an observer receives no
 * unpublished funding amount of another partner, the observer no agrément; snapshots store one
 * set of figures per audience, and a snapshot stored by version 1 still opens.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../helpers/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import * as funding from '../../src/lib/server/db/funding';
import * as committee from '../../src/lib/server/db/committee';
import { buildCommitteeFigures, buildSnapshotPayload, fundingTable } from '../../src/lib/server/pilotage/committee';
import { audienceOf, rowScope, type Actor } from '../../src/lib/domain/policy';
import { EMPTY_FILTERS } from '../../src/lib/funding/filters';
import { snapshotFiguresFor } from '../../src/lib/pilotage/committee-snapshot';
import { FIGURES_VERSION, screensOf } from '../../src/lib/pilotage/committee-figures';
import type { FundingFact } from '../../src/lib/funding/types';

const TODAY = '2026-06-30';
const storedV1 = fs.readFileSync(new URL('../fixtures/committee/snapshot-v1.json', import.meta.url), 'utf8');
const storedV2 = fs.readFileSync(new URL('../fixtures/committee/snapshot-v2.json', import.meta.url), 'utf8');

/**
 * Amounts a reader must not receive: every unpublished line of another partner, and that partner's
 * yearly totals over all its lines (the `all` table version 1 leaked), minus any value the reader
 * may legitimately see (a visible amount can coincide). Small amounts are left out (they could be
 * counts or populations).
 */
function forbiddenAmounts(all: FundingFact[], visible: FundingFact[], ownPartnerId: number | null): number[] {
	const visibleIds = new Set(visible.map((f) => f.id));
	const totals = new Map<string, number>();
	for (const f of all) {
		if (f.partnerId === ownPartnerId) continue;
		const key = `${f.partnerId}/${f.year}`;
		totals.set(key, Math.round(((totals.get(key) ?? 0) + f.amount) * 100) / 100);
	}
	const hidden = all.filter((f) => !visibleIds.has(f.id) && f.partnerId !== ownPartnerId).map((f) => f.amount);
	const table = fundingTable(visible);
	const allowed = new Set([...visible.map((f) => f.amount), ...table.partners.flatMap((p) => [...p.values, p.total]), ...table.yearTotals, table.total]);
	return [...new Set([...hidden, ...totals.values()])].filter((v) => v >= 1_000 && !allowed.has(v));
}

function leaked(sent: unknown, amounts: number[]): number[] {
	const text = JSON.stringify(sent);
	return amounts.filter((v) => new RegExp(`[^0-9.]${String(v).replace('.', '\\.')}[^0-9]`).test(text));
}

for (const dialect of testDialects()) {
	describe(`committee figures through each audience's scope (${dialect.kind})`, () => {
		let t: TestDb;
		let cd: Actor;
		let observer: Actor;
		let agent: Actor;
		let all: FundingFact[];

		beforeAll(async () => {
			t = await dialect.open();
			await seedDemo(t.db, { referenceDate: TODAY });
			const users = new Map((await t.db.selectFrom('app_user').select(['id', 'email', 'role', 'partner_id']).execute()).map((u) => [u.email, { id: u.id, role: u.role, partnerId: u.partner_id }]));
			cd = users.get('departement@demo.invalid')!;
			observer = users.get('observateur@demo.invalid')!;
			agent = users.get('agent@demo.invalid')!;
			const other = await t.db.selectFrom('funding_line').select('id').where('partner_id', '!=', cd.partnerId!).orderBy('id').limit(5).execute();
			await t.db.updateTable('funding_line').set({ published: true }).where('id', 'in', other.map((o) => o.id)).execute();
			all = await funding.facts(t.db, { kind: 'all' }, EMPTY_FILTERS);
		}, 240_000);
		afterAll(() => t?.dispose());

		it('gives each audience the funding table of its own scope, computed in SQL', async () => {
			for (const reader of [agent, cd, observer]) {
				const figures = await buildCommitteeFigures(t.db, TODAY, audienceOf(reader)!);
				const scoped = await funding.facts(t.db, rowScope(reader, 'read'), EMPTY_FILTERS);
				expect(figures.funding?.table).toEqual(fundingTable(scoped));
			}
		});

		it('sends a partner its own lines and the published ones, and no unpublished amount of another partner', async () => {
			const figures = await buildCommitteeFigures(t.db, TODAY, audienceOf(cd)!);
			const visible = await funding.facts(t.db, rowScope(cd, 'read'), EMPTY_FILTERS);
			const forbidden = forbiddenAmounts(all, visible, cd.partnerId);
			// The demo publishes its closed years: what stays forbidden is the current year's unpublished lines.
			expect(forbidden.length).toBeGreaterThan(10);
			expect(leaked(figures, forbidden)).toEqual([]);
			// The detector works: the staff figures hold those amounts.
			expect(leaked(await buildCommitteeFigures(t.db, TODAY, 'caf'), forbidden).length).toBeGreaterThan(2);
			expect(figures.agrements).not.toBeNull();
		});

		it('sends the observer the published lines only, and no agrément, renewal or vacant post', async () => {
			const figures = await buildCommitteeFigures(t.db, TODAY, 'observateur');
			const visible = await funding.facts(t.db, rowScope(observer, 'read'), EMPTY_FILTERS);
			const published = await t.db.selectFrom('funding_line').select('id').where('published', '=', true).execute();
			expect(published.length).toBeGreaterThan(5);
			expect(visible.map((f) => f.id).sort((a, b) => a - b)).toEqual(published.map((p) => p.id).sort((a, b) => a - b));
			expect(visible.length).toBeLessThan(all.length);
			expect(leaked(figures, forbiddenAmounts(all, visible, null))).toEqual([]);
			expect(figures.agrements).toBeNull();
			const text = JSON.stringify(figures);
			expect(text).not.toContain('vacancies');
			expect(text).not.toContain('renewals');
			expect(figures.schema?.indicators.every((i) => i.published)).toBe(true);
		});

		it('freezes one set of figures per audience in a snapshot, and reopens each reader’s own', async () => {
			const payload = await buildSnapshotPayload(t.db, TODAY);
			const partners = await t.db.selectFrom('partner').select('id').execute();
			expect(Object.keys(payload.audiences).sort()).toEqual(['caf', 'observateur', 'partenaire', ...partners.map((p) => `partenaire:${p.id}`)].sort());
			const id = await committee.createSnapshot(t.db, { userId: agent.id, label: 'agent' }, { takenOn: TODAY, body: 'comite_pilotage', title: 'Copil', payload });
			const stored = (await committee.getSnapshot(t.db, id))!;
			const forCd = snapshotFiguresFor(stored.payload, cd)!;
			expect(forCd.audience).toBe(`partenaire:${cd.partnerId}`);
			expect(forCd).toEqual(JSON.parse(JSON.stringify(await buildCommitteeFigures(t.db, TODAY, audienceOf(cd)!))));
			const visible = await funding.facts(t.db, rowScope(cd, 'read'), EMPTY_FILTERS);
			expect(leaked(forCd, forbiddenAmounts(all, visible, cd.partnerId))).toEqual([]);
			expect(snapshotFiguresFor(stored.payload, observer)!.agrements).toBeNull();
		});

		/** Stores figures as an older version wrote them, reopens the snapshot and checks it was upgraded to the current version. */
		async function reopenStoredByVersion(figures: string, title: string, createdBy: string) {
			const row = await t.db
				.insertInto('committee_snapshot')
				.values({ taken_on: '2026-06-30', body: 'comite_pilotage', title, figures, user_id: null, created_by: createdBy })
				.returning('id')
				.executeTakeFirstOrThrow();
			const stored = (await committee.getSnapshot(t.db, row.id))!;
			expect(stored.payload.version).toBe(FIGURES_VERSION);
			return stored;
		}

		it('opens a snapshot stored by version 1, upgraded, without its staff table for others', async () => {
			const stored = await reopenStoredByVersion(storedV1, 'Ancien format', 'version 1');
			const v1 = JSON.parse(storedV1);
			expect(snapshotFiguresFor(stored.payload, agent)!.funding!.table).toEqual(v1.funding.all);
			const forCd = snapshotFiguresFor(stored.payload, cd)!;
			expect(forCd.funding!.table).toEqual(v1.funding.published);
			expect(JSON.stringify(forCd)).not.toContain(String(v1.funding.all.total));
			// Through the whole chain (1 → 2 → 3): the observatory summary did not exist, it stays out.
			expect(snapshotFiguresFor(stored.payload, agent)!.observatory).toBeNull();
		});

		it('opens a snapshot stored by version 2 (no observatory summary): upgraded, its screen left out', async () => {
			const stored = await reopenStoredByVersion(storedV2, 'Format 2', 'version 2');
			const v2 = JSON.parse(storedV2);
			const figures = snapshotFiguresFor(stored.payload, agent)!;
			expect(figures.observatory).toBeNull();
			expect(figures.coverage).toEqual(v2.audiences.caf.coverage);
			expect(screensOf(figures).map((s) => s.key)).not.toContain('observatoire');
		});

		it('live figures carry the observatory summary; partners and observers do not get the names of the structures without an answer', async () => {
			const figures = await buildCommitteeFigures(t.db, TODAY, 'caf');
			expect(figures.observatory).toMatchObject({ year: 2025 });
			expect(figures.observatory!.rows.map((r) => r.key)).toContain('heures_benevolat');
			expect(figures.observatory!.rows.every((r) => r.total !== null)).toBe(true);
			expect(figures.observatory!.nonRespondents).toHaveLength(figures.observatory!.nonRespondentCount);
			const forCd = await buildCommitteeFigures(t.db, TODAY, audienceOf(cd)!);
			expect(forCd.observatory!.nonRespondents).toBeNull();
			expect(forCd.observatory!.nonRespondentCount).toBe(figures.observatory!.nonRespondentCount);
			expect(screensOf(figures).map((s) => s.key)).toContain('observatoire');
		});
	});
}
