import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SnapshotFormatError, snapshotFiguresFor, upgradeSnapshot, type CommitteeSnapshotPayload, type SnapshotV1 } from './committee-snapshot';
import { FIGURES_VERSION } from './committee-figures';

/** A payload stored by version 1 (6bd104d) on the demo département: every partner's lines are unpublished there. */
const storedV1 = JSON.parse(fs.readFileSync(new URL('../../../tests/fixtures/committee/snapshot-v1.json', import.meta.url), 'utf8')) as SnapshotV1;

/** Amounts of the staff funding table, distinctive enough not to occur by chance elsewhere. */
const staffAmounts = storedV1.funding.all.partners.flatMap((p) => [...p.values, p.total]).filter((v) => v >= 10_000);

describe('upgradeSnapshot(payload) from a stored version-1 payload', () => {
	const upgraded = upgradeSnapshot(structuredClone(storedV1));

	it('reaches the current version with the three audiences version 1 can serve', () => {
		expect(upgraded.version).toBe(FIGURES_VERSION);
		expect(upgraded.asOf).toBe(storedV1.asOf);
		expect(Object.keys(upgraded.audiences).sort()).toEqual(['caf', 'observateur', 'partenaire']);
		for (const [key, figures] of Object.entries(upgraded.audiences)) expect([key, figures!.version, figures!.audience]).toEqual([key, FIGURES_VERSION, key]);
	});

	it('gives CAF staff exactly what version 1 showed them', () => {
		const caf = upgraded.audiences.caf!;
		expect(caf.funding).toEqual({ table: storedV1.funding.all, accordCadre: storedV1.funding.accordCadre });
		expect(caf.agrements).toEqual(storedV1.agrements);
		expect(caf.schema).toEqual(storedV1.schema);
		expect(caf.coverage).toEqual(storedV1.coverage);
	});

	it('gives the others the published funding only, with no unpublished amount anywhere in their figures', () => {
		expect(staffAmounts.length).toBeGreaterThan(10);
		for (const key of ['observateur', 'partenaire'] as const) {
			const figures = upgraded.audiences[key]!;
			expect(figures.funding).toEqual({ table: storedV1.funding.published, accordCadre: null });
			const sent = JSON.stringify(figures);
			for (const amount of staffAmounts) expect([key, sent.includes(String(amount))]).toEqual([key, false]);
			expect(figures.schema?.indicators.every((i) => i.published)).toBe(true);
		}
	});

	it('shows agréments, renewals and vacant posts only to audiences the policy lets read agréments', () => {
		expect(upgraded.audiences.observateur!.agrements).toBeNull();
		expect(upgraded.audiences.partenaire!.agrements).toEqual(storedV1.agrements);
	});

	it('leaves a current payload as it is', () => {
		expect(upgradeSnapshot(structuredClone(upgraded))).toEqual(upgraded);
	});
});

describe('upgradeSnapshot(payload) refusals', () => {
	it.each([
		['nothing', null],
		['a string', 'figures'],
		['no version', { asOf: '2026-01-01' }],
		['a version-1 payload missing its funding', { version: 1, asOf: '2026-01-01', coverage: {} }],
		['an unknown old version', { version: 0 }]
	])('refuses %s in French', (_, payload) => {
		expect(() => upgradeSnapshot(payload)).toThrow(SnapshotFormatError);
		expect(() => upgradeSnapshot(payload)).toThrow(/^Instantané illisible/);
	});

	it('asks to update Maillage for a payload written by a newer version', () => {
		expect(() => upgradeSnapshot({ version: FIGURES_VERSION + 1, asOf: '2026-01-01', audiences: {} })).toThrow(/version plus récente de Maillage/);
	});
});

describe('snapshotFiguresFor(payload, actor)', () => {
	const payload = upgradeSnapshot(structuredClone(storedV1));
	const withPartner: CommitteeSnapshotPayload = {
		...payload,
		audiences: { ...payload.audiences, 'partenaire:4': { ...payload.audiences.partenaire!, audience: 'partenaire:4' } }
	};
	it('gives each reader their audience’s figures, a partner without figures of its own the generic ones', () => {
		expect(snapshotFiguresFor(payload, { id: 1, role: 'admin', partnerId: null })?.audience).toBe('caf');
		expect(snapshotFiguresFor(payload, { id: 1, role: 'agent', partnerId: null })?.audience).toBe('caf');
		expect(snapshotFiguresFor(payload, { id: 1, role: 'observateur', partnerId: null })?.audience).toBe('observateur');
		expect(snapshotFiguresFor(withPartner, { id: 1, role: 'partenaire', partnerId: 4 })?.audience).toBe('partenaire:4');
		expect(snapshotFiguresFor(withPartner, { id: 1, role: 'partenaire', partnerId: 9 })?.audience).toBe('partenaire');
	});
	it('gives nothing to a partner account bound to no partner, nor to a role without stored figures', () => {
		expect(snapshotFiguresFor(payload, { id: 1, role: 'partenaire', partnerId: null })).toBeNull();
		expect(snapshotFiguresFor({ ...payload, audiences: { caf: payload.audiences.caf } }, { id: 1, role: 'observateur', partnerId: null })).toBeNull();
	});
});
