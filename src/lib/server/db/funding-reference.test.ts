/**
 * The partner and instrument reference lists on every dialect: usage counts, free codes, staff-only
 * writes, optimistic locking and the refusal to delete a used row.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects, type TestDb } from '../../../../tests/helpers/db';
import * as reference from './funding-reference';
import { ConflictError } from './changes';
import { AccessDeniedError, FundingInputError } from './funding';
import type { InstrumentInput, PartnerInput } from '../../funding/reference-input';

const staff = { user: { id: 1, role: 'admin' as const, partnerId: null }, audit: { userId: null, label: 'test' } };
const observer = { user: { id: 2, role: 'observateur' as const, partnerId: null }, audit: { userId: null, label: 'test' } };
const msa: PartnerInput = { code: 'MSA', name: 'MSA de test', kind: 'msa', territoryCode: null };
const other = (code: string, label: string): InstrumentInput => ({ code, label, family: 'autre', partnerKind: null, validFrom: null, validUntil: null });

for (const dialect of testDialects()) {
	describe(`partners and instruments (${dialect.kind})`, () => {
		let t: TestDb;
		beforeAll(async () => {
			t = await dialect.open();
		});
		afterAll(async () => {
			await t.dispose();
		});

		it('creates, renames and deletes a partner, counting the rows that use it', async () => {
			const id = await reference.createPartner(t.db, staff, msa);
			let row = (await reference.listPartners(t.db)).find((p) => p.id === id)!;
			expect(row).toEqual({ id, code: 'MSA', name: 'MSA de test', kind: 'msa', territoryCode: null, version: 1, uses: 0 });

			await t.db.insertInto('app_user').values({ email: 'msa@test.invalid', display_name: 'MSA', role: 'partenaire', partner_id: id, password_hash: 'x' }).execute();
			row = (await reference.listPartners(t.db)).find((p) => p.id === id)!;
			expect(row.uses).toBe(1);
			await expect(reference.deletePartner(t.db, staff, id, row.version)).rejects.toThrow('Ce financeur est utilisé');

			await reference.updatePartner(t.db, staff, id, row.version, { ...msa, name: 'MSA renommée' });
			await expect(reference.updatePartner(t.db, staff, id, row.version, msa)).rejects.toBeInstanceOf(ConflictError);
			await t.db.deleteFrom('app_user').where('partner_id', '=', id).execute();
			await reference.deletePartner(t.db, staff, id, row.version + 1);
			expect((await reference.listPartners(t.db)).some((p) => p.id === id)).toBe(false);
		});

		it('refuses a code already taken, and any write by a non-staff account, writing nothing', async () => {
			await reference.createPartner(t.db, staff, { ...msa, code: 'CAF', kind: 'caf' });
			const error = await reference.createPartner(t.db, staff, { ...msa, code: 'CAF' }).catch((e: unknown) => e);
			expect(error).toBeInstanceOf(FundingInputError);
			expect((error as FundingInputError).message).toBe('Le code « CAF » est déjà celui d’un autre financeur.');
			await expect(reference.createInstrument(t.db, observer, other('X', 'X'))).rejects.toBeInstanceOf(AccessDeniedError);
			expect((await reference.listPartners(t.db)).filter((p) => p.code === 'CAF')).toHaveLength(1);
		});

		it('adds the standard instruments once, counts their uses and refuses a taken code', async () => {
			const added = await reference.addStandardInstruments(t.db, staff);
			expect(added).toBeGreaterThan(0);
			expect(await reference.addStandardInstruments(t.db, staff)).toBe(0);
			const [first] = await reference.listInstruments(t.db);
			expect(first.uses).toBe(0);
			const error = await reference.createInstrument(t.db, staff, other(first.code, 'Doublon')).catch((e: unknown) => e);
			expect((error as Error).message).toBe(`Le code « ${first.code} » est déjà celui d’un autre dispositif.`);
			await reference.updateInstrument(t.db, staff, first.id, first.version, other(first.code, 'Renommé'));
			await reference.deleteInstrument(t.db, staff, first.id, first.version + 1);
			expect((await reference.listInstruments(t.db)).some((i) => i.id === first.id)).toBe(false);
		});
	});
}
