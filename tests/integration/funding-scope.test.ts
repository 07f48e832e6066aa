/**
 * Funding on the demo département, on every dialect: the views' totals equal the database sums
 * for every reader, the row scope holds in the repository and in the API handler, writes are
 * scoped, audited and optimistically locked, the PS check finds the demo's two mismatches and the
 * accord-cadre follow-up its under-committed partner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDialects, type TestDb } from '../helpers/db';
import { seedDemo } from '../../src/lib/server/demo/seed';
import { generateDemoDepartement } from '../../src/lib/demo/index';
import * as funding from '../../src/lib/server/db/funding';
import * as fundingPs from '../../src/lib/server/db/funding-ps';
import * as accordCadre from '../../src/lib/server/db/accord-cadre';
import { ConflictError, NotFoundError } from '../../src/lib/server/db/changes';
import { rowScope, type Actor } from '../../src/lib/domain/policy';
import { EMPTY_FILTERS } from '../../src/lib/funding/filters';
import { fundingByEpci, fundingFlows, fundingMatrix, structurePanel, yearSeries } from '../../src/lib/funding/aggregate';
import { checkPs } from '../../src/lib/funding/ps';
import { GET as getLineHandler } from '../../src/routes/api/funding/lines/[id]/+server';
import { GET as listLinesHandler } from '../../src/routes/api/funding/lines/+server';

const REFERENCE_DATE = '2026-06-30';
const demo = generateDemoDepartement({ referenceDate: REFERENCE_DATE });
const cents = (euros: number) => Math.round(euros * 100);

interface Actors {
	agent: Actor;
	cd: Actor;
	msa: Actor;
	observer: Actor;
	partners: Map<string, number>;
}

async function sqlSum(t: TestDb, where: (q: ReturnType<typeof base>) => ReturnType<typeof base> = (q) => q): Promise<number> {
	const row = await where(base(t)).select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), sql<number>`0`).as('s')).executeTakeFirstOrThrow();
	return cents(Number(row.s));
}
function base(t: TestDb) {
	return t.db.selectFrom('funding_line');
}

for (const dialect of testDialects()) {
	describe(`funding on the demo département (${dialect.kind})`, () => {
		let t: TestDb;
		let a: Actors;
		const writer = (user: Actor) => ({ user, audit: { userId: user.id, label: `test-${user.role}-${user.partnerId ?? ''}` } });

		beforeAll(async () => {
			t = await dialect.open();
			await seedDemo(t.db, { referenceDate: REFERENCE_DATE });
			// The demo publishes its closed years; these scope tests start from nothing published (each
			// test publishes what it needs), so that « visible » means « own » unless a test says otherwise.
			await t.db.updateTable('funding_line').set({ published: false }).execute();
			await t.db.updateTable('commitment').set({ published: false }).execute();
			const partners = new Map((await t.db.selectFrom('partner').select(['id', 'code']).execute()).map((p) => [p.code, p.id]));
			const users = new Map((await t.db.selectFrom('app_user').select(['id', 'email', 'role', 'partner_id']).execute()).map((u) => [u.email, { id: u.id, role: u.role, partnerId: u.partner_id }]));
			a = {
				agent: users.get('agent@demo.invalid')!,
				cd: users.get('departement@demo.invalid')!,
				msa: users.get('msa@demo.invalid')!,
				observer: users.get('observateur@demo.invalid')!,
				partners
			};
			expect(a.cd.partnerId).toBe(partners.get('CD'));
		});
		afterAll(() => t?.dispose());

		it('facts(db, staff scope) = every line; matrix = Sankey = bars = panels = SQL sum', async () => {
			const facts = await funding.facts(t.db, rowScope(a.agent, 'read'), EMPTY_FILTERS);
			expect(facts).toHaveLength(demo.fundingLines.length);
			const total = await sqlSum(t);
			expect(cents(fundingMatrix(facts).grandTotal)).toBe(total);
			expect(cents(fundingFlows(facts).total)).toBe(total);
			expect(cents(yearSeries(facts).total)).toBe(total);
			const structureIds = [...new Set(facts.map((f) => f.structureId))];
			expect(structureIds.reduce((s, id) => s + cents(structurePanel(facts, id).total), 0)).toBe(total);
			// per partner and per year, against SQL
			for (const [code, id] of a.partners) {
				const node = fundingFlows(facts).nodes.find((n) => n.id === `p:${id}`);
				expect(node ? cents(node.value) : 0, code).toBe(await sqlSum(t, (q) => q.where('partner_id', '=', id)));
			}
			const series = yearSeries(facts);
			for (const [i, year] of series.years.entries()) {
				expect(cents(series.yearTotals[i])).toBe(await sqlSum(t, (q) => q.where('year', '=', year)));
			}
			// EPCI totals against SQL through the commune's EPCI
			const epcis = await t.db.selectFrom('epci').select(['siren', 'name']).execute();
			const byEpci = fundingByEpci(facts, epcis.map((e) => ({ ...e, population: null })));
			for (const e of byEpci.epcis) {
				const row = await t.db
					.selectFrom('funding_line as l')
					.innerJoin('structure as s', 's.id', 'l.structure_id')
					.innerJoin('commune as c', 'c.code', 's.commune_code')
					.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('l.amount'), sql<number>`0`).as('s'))
					.where('c.epci_siren', '=', e.siren)
					.executeTakeFirstOrThrow();
				expect(cents(e.amount)).toBe(cents(Number(row.s)));
			}
		});

		it('filters narrow the facts like SQL does (year, partner, type, status)', async () => {
			const cdId = a.partners.get('CD')!;
			const filters = { ...EMPTY_FILTERS, year: 2025, partnerId: cdId, structureType: 'EVS' as const, statuses: ['verse' as const] };
			const facts = await funding.facts(t.db, rowScope(a.agent, 'read'), filters);
			expect(facts.length).toBeGreaterThan(0);
			expect(facts.every((f) => f.year === 2025 && f.partnerId === cdId && f.structureType === 'EVS' && f.status === 'verse')).toBe(true);
			expect(cents(await funding.sumAmount(t.db, rowScope(a.agent, 'read'), filters))).toBe(facts.reduce((s, f) => s + cents(f.amount), 0));
		});

		it('a partner reads its own lines plus published ones; an observer the published ones only', async () => {
			const cdScope = rowScope(a.cd, 'read');
			const cdFacts = await funding.facts(t.db, cdScope, EMPTY_FILTERS);
			expect(cdFacts.length).toBeGreaterThan(0);
			expect(cdFacts.every((f) => f.partnerId === a.cd.partnerId)).toBe(true);
			expect(await funding.facts(t.db, rowScope(a.observer, 'read'), EMPTY_FILTERS)).toEqual([]);
			// totals shown to the partner are over what it may see
			expect(cents(fundingMatrix(cdFacts).grandTotal)).toBe(await sqlSum(t, (q) => q.where('partner_id', '=', a.cd.partnerId!)));

			// the CAF publishes the MSA's 2025 lines: the Département and the observer now see them
			const msaId = a.msa.partnerId!;
			const published = await funding.setPublishedForPartnerYear(t.db, writer(a.agent), msaId, 2025, true);
			expect(published).toBeGreaterThan(0);
			const after = await funding.facts(t.db, cdScope, EMPTY_FILTERS);
			expect(after.filter((f) => f.partnerId === msaId).every((f) => f.year === 2025 && f.published)).toBe(true);
			expect(after.filter((f) => f.partnerId === msaId)).toHaveLength(published);
			expect(await funding.facts(t.db, rowScope(a.observer, 'read'), EMPTY_FILTERS)).toHaveLength(published);
			// one audit entry for the bulk publication
			const audit = await t.db.selectFrom('audit_log').select(['after']).where('actor', '=', 'test-agent-').where('entity', '=', 'funding_line').execute();
			expect(audit).toHaveLength(1);
			// withdrawing it hides them again
			expect(await funding.setPublishedForPartnerYear(t.db, writer(a.agent), msaId, 2025, false)).toBe(published);
			expect((await funding.facts(t.db, cdScope, EMPTY_FILTERS)).some((f) => f.partnerId === msaId)).toBe(false);
		});

		it('getLine and the API handlers never hand another partner’s unpublished line to a partner', async () => {
			const msaLine = await t.db
				.selectFrom('funding_line')
				.select('id')
				.where('partner_id', '=', a.msa.partnerId!)
				.where('published', '=', false)
				.orderBy('id')
				.executeTakeFirstOrThrow();
			expect(await funding.getLine(t.db, rowScope(a.cd, 'read'), msaLine.id)).toBeNull();
			expect(await funding.getLine(t.db, rowScope(a.msa, 'read'), msaLine.id)).not.toBeNull();
			expect(await funding.getLine(t.db, rowScope(a.agent, 'read'), msaLine.id)).not.toBeNull();

			const event = (user: Actor | null, id: string, search = '') =>
				({ locals: { db: t.db, user }, params: { id }, url: new URL(`http://test/api/funding/lines/${id}${search}`) }) as never;
			await expect(getLineHandler(event(a.cd, String(msaLine.id)))).rejects.toMatchObject({ status: 404 });
			await expect(getLineHandler(event(a.observer, String(msaLine.id)))).rejects.toMatchObject({ status: 404 });
			await expect(getLineHandler(event(null, String(msaLine.id)))).rejects.toMatchObject({ status: 401 });
			const ok = await getLineHandler(event(a.msa, String(msaLine.id)));
			expect(ok.status).toBe(200);
			expect((await ok.json()).line.id).toBe(msaLine.id);

			// the list endpoint, asked for the MSA's lines by the Département, returns none
			const list = await listLinesHandler(event(a.cd, '', `?financeur=${a.msa.partnerId}`));
			const body = await list.json();
			expect(body.lines).toEqual([]);
			expect(body.total).toBe(0);
		});

		it('a partner edits its own lines only; a stale version is refused with the French conflict message', async () => {
			const cdLine = (await funding.listLines(t.db, rowScope(a.cd, 'read'), { ...EMPTY_FILTERS, year: 2025 })).lines[0];
			const msaLine = (await funding.listLines(t.db, rowScope(a.msa, 'read'), { ...EMPTY_FILTERS, year: 2025 })).lines[0];
			const updated = await funding.updateLine(t.db, writer(a.cd), cdLine.id, cdLine.version, { amount: cdLine.amount + 100, status: 'verse', comment: 'Avenant' });
			expect(updated).toMatchObject({ amount: cdLine.amount + 100, version: cdLine.version + 1, comment: 'Avenant' });
			// the same edit based on the old version: refused, nothing overwritten
			const stale = funding.updateLine(t.db, writer(a.agent), cdLine.id, cdLine.version, { amount: 1, status: 'verse', comment: null });
			await expect(stale).rejects.toThrow(ConflictError);
			await expect(stale).rejects.toThrow(/modifié entre-temps par un autre utilisateur/);
			expect((await funding.getLine(t.db, rowScope(a.agent, 'read'), cdLine.id))!.amount).toBe(cdLine.amount + 100);
			// another partner's line: invisible, so « not found »
			await expect(funding.updateLine(t.db, writer(a.cd), msaLine.id, msaLine.version, { amount: 1, status: 'verse', comment: null })).rejects.toThrow(NotFoundError);
			await expect(funding.deleteLine(t.db, writer(a.cd), msaLine.id, msaLine.version)).rejects.toThrow(NotFoundError);
			// creating for another partner is refused; a duplicate natural key too
			const base = { structureId: cdLine.structureId, instrumentId: cdLine.instrumentId, year: 2027, amount: 10, status: 'previsionnel' as const, comment: null };
			await expect(funding.createLine(t.db, writer(a.cd), { ...base, partnerId: a.msa.partnerId! })).rejects.toThrow(funding.AccessDeniedError);
			const created = await funding.createLine(t.db, writer(a.cd), { ...base, partnerId: a.cd.partnerId! });
			expect(created).toMatchObject({ year: 2027, partnerId: a.cd.partnerId, version: 1 });
			await expect(funding.createLine(t.db, writer(a.cd), { ...base, partnerId: a.cd.partnerId! })).rejects.toThrow(/existe déjà/);
			await expect(funding.setLinePublished(t.db, writer(a.cd), created.id, created.version, true)).rejects.toThrow(funding.AccessDeniedError);
			await funding.deleteLine(t.db, writer(a.cd), created.id, created.version);
			expect(await funding.getLine(t.db, rowScope(a.agent, 'read'), created.id)).toBeNull();
			// every change left an audit entry
			const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_id']).where('actor', '=', `test-partenaire-${a.cd.partnerId}`).orderBy('id').execute();
			expect(audit.map((r) => r.action)).toEqual(['update', 'create', 'delete']);
		});

		it('the pro rata PS check on the demo finds exactly its two deliberate mismatches and names the regimes', async () => {
			const { rows } = await fundingPs.psCheck(t.db);
			const structureIds = new Map((await t.db.selectFrom('structure').select(['id', 'external_id']).execute()).map((s) => [s.id, s.external_id]));
			const flagged = rows.filter((r) => r.status === 'ecart').map((r) => `${structureIds.get(r.structureId)}/${r.instrumentCode}/${r.year}`);
			expect(flagged.sort()).toEqual(demo.anomalies.psMismatches.map((m) => `${m.structureId}/${m.instrumentCode}/${m.year}`).sort());
			expect(rows.filter((r) => r.status !== 'ecart').every((r) => r.status === 'conforme')).toBe(true);
			expect(new Set(rows.map((r) => r.rate?.regime))).toEqual(new Set(['Prestations de service Cnaf (taux antérieurs à 2024)', 'Revalorisation 2024']));
			// The refused ACF: its last year is due pro rata of the days its agrément covered, and says so.
			const partial = rows.filter((r) => r.coverage.share > 0 && r.coverage.share < 1);
			expect(partial.length).toBeGreaterThan(0);
			for (const r of partial) expect(r.status).toBe('conforme');
		});

		it('saveEligibleExpense edits an expense with its version, and the PS check follows', async () => {
			const params = await fundingPs.parameters(t.db, ['ps_rate.', 'ps_ceiling.', 'ps.']);
			const input = (await fundingPs.psInputs(t.db, params)).find((i) => i.year === 2025 && i.instrumentCode === 'PS_AL')!;
			await fundingPs.saveEligibleExpense(t.db, writer(a.agent), { structureId: input.structureId, instrumentId: input.instrumentId, year: 2025, amount: 1000, version: input.eligibleVersion });
			const again = (await fundingPs.psInputs(t.db, params)).find((i) => i.structureId === input.structureId && i.instrumentId === input.instrumentId && i.year === 2025)!;
			expect(again).toMatchObject({ eligibleExpenses: 1000, eligibleVersion: input.eligibleVersion! + 1 });
			expect(checkPs([again], params, { toleranceEur: 1 })[0].status).toBe('ecart');
			await expect(
				fundingPs.saveEligibleExpense(t.db, writer(a.agent), { structureId: input.structureId, instrumentId: input.instrumentId, year: 2025, amount: 2000, version: input.eligibleVersion })
			).rejects.toThrow(ConflictError);
			await expect(
				fundingPs.saveEligibleExpense(t.db, writer(a.cd), { structureId: input.structureId, instrumentId: input.instrumentId, year: 2025, amount: 2000, version: again.eligibleVersion })
			).rejects.toThrow(funding.AccessDeniedError);
			// put it back
			await fundingPs.saveEligibleExpense(t.db, writer(a.agent), { structureId: input.structureId, instrumentId: input.instrumentId, year: 2025, amount: input.eligibleExpenses!, version: again.eligibleVersion });
		});

		it('the accord-cadre follow-up alerts on the Département paying less than committed; scoped for partners', async () => {
			const [staffView] = await accordCadre.followUps(t.db, a.agent, 2026);
			const shortfalls = staffView.alerts.filter((x) => x.kind === 'shortfall');
			expect(shortfalls.length).toBeGreaterThan(0);
			expect(new Set(shortfalls.map((x) => x.partnerId))).toEqual(new Set([a.partners.get('CD')]));
			expect(staffView.thresholds).toMatchObject({ shortfallShare: 0.1, singleFunderShare: 0.6 });
			expect(staffView.commitments.length).toBe(demo.accordCadre.commitments.length);
			// the Département sees its own commitments only (none is published in the demo)
			const [cdView] = await accordCadre.followUps(t.db, a.cd, 2026);
			expect(cdView.commitments.length).toBeGreaterThan(0);
			expect(cdView.commitments.every((c) => c.partnerId === a.cd.partnerId && c.editable)).toBe(true);
			// a partner is alerted on its own commitments only (structure alerts need every line)
			expect(cdView.alerts.length).toBeGreaterThan(0);
			expect(cdView.alerts.every((x) => (x.kind === 'shortfall' || x.kind === 'commitment_without_line') && x.partnerId === a.cd.partnerId)).toBe(true);
			expect(cdView.alertsNote).toMatch(/réservées à la Caf/);
			expect(staffView.alerts.some((x) => x.kind === 'single_funder')).toBe(true);
			const [observerView] = await accordCadre.followUps(t.db, a.observer, 2026);
			expect(observerView.commitments).toEqual([]);
			expect(observerView.alerts).toEqual([]);
			// a partner edits its own commitment, not another's
			const own = cdView.commitments.find((c) => c.kind === 'montant')!;
			await accordCadre.updateCommitment(t.db, writer(a.cd), own.id, own.version, { ...own, value: own.value + 1000, comment: 'Réévalué' });
			const caf = staffView.commitments.find((c) => c.partnerName.startsWith('Caisse'))!;
			await expect(accordCadre.updateCommitment(t.db, writer(a.cd), caf.id, caf.version, { ...caf, value: 1 })).rejects.toThrow(NotFoundError);
			await expect(accordCadre.updateCommitment(t.db, writer(a.cd), own.id, own.version, { ...own, value: 5 })).rejects.toThrow(ConflictError);
			await expect(accordCadre.createCommitment(t.db, writer(a.cd), { ...own, partnerId: a.msa.partnerId!, comment: null })).rejects.toThrow(funding.AccessDeniedError);
			await expect(accordCadre.createCommitment(t.db, writer(a.cd), { ...own, year: 1990, comment: null })).rejects.toThrow(/période de l’accord-cadre/);
		});
	});
}
