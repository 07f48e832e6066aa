import { describe, expect, it } from 'vitest';
import { audienceOf, audienceReader, can, canSee, EMBEDDED_PARTS, GRANTS, RESOURCES, ROLES, rowAllowed, rowScope, type Actor, type EmbeddedPart } from './policy';

const actor = (role: Actor['role'], partnerId: number | null = null): Actor => ({ id: 1, role, partnerId });

describe('can(actor, resource, action)', () => {
	it('lets anyone, even signed out, read and write public resources', () => {
		expect(can(null, 'public', 'read')).toBe(true);
		expect(can(null, 'public', 'write')).toBe(true);
	});
	it('refuses every non-public resource to a signed-out visitor', () => {
		for (const resource of RESOURCES.filter((r) => r !== 'public')) {
			expect(can(null, resource, 'read'), resource).toBe(false);
			expect(can(null, resource, 'write'), resource).toBe(false);
		}
	});
	it('gives the admin everything and the observer no write but on its own account', () => {
		for (const resource of RESOURCES) {
			expect(can(actor('admin'), resource, 'write')).toBe(true);
			expect(can(actor('observateur'), resource, 'write')).toBe(resource === 'public' || resource === 'compte');
		}
	});
	it('keeps administration for admins and imports/exports for CAF staff', () => {
		expect(can(actor('agent'), 'administration', 'read')).toBe(false);
		expect(can(actor('agent'), 'import', 'write')).toBe(true);
		expect(can(actor('partenaire', 3), 'import', 'write')).toBe(false);
		expect(can(actor('partenaire', 3), 'exports', 'read')).toBe(false);
	});
	it('never grants write without read', () => {
		for (const grant of Object.values(GRANTS))
			for (const role of grant.write) expect(grant.read).toContain(role);
		expect(ROLES).toHaveLength(4);
	});
});

describe('rowScope(actor, action) and rowAllowed(scope, row)', () => {
	const own = { partnerId: 3, published: false };
	const otherUnpublished = { partnerId: 4, published: false };
	const otherPublished = { partnerId: 4, published: true };

	it('lets a partner read its own rows and published ones, write only its own', () => {
		const read = rowScope(actor('partenaire', 3), 'read');
		expect([own, otherUnpublished, otherPublished].map((r) => rowAllowed(read, r))).toEqual([true, false, true]);
		const write = rowScope(actor('partenaire', 3), 'write');
		expect([own, otherUnpublished, otherPublished].map((r) => rowAllowed(write, r))).toEqual([true, false, false]);
	});
	it('shows an observer published rows only and lets it write none', () => {
		expect(rowAllowed(rowScope(actor('observateur'), 'read'), otherPublished)).toBe(true);
		expect(rowAllowed(rowScope(actor('observateur'), 'read'), own)).toBe(false);
		expect(rowAllowed(rowScope(actor('observateur'), 'write'), otherPublished)).toBe(false);
	});
	it('refuses everything to a partner account bound to no partner, and to nobody', () => {
		expect(rowScope(actor('partenaire', null), 'read')).toEqual({ kind: 'none' });
		expect(rowScope(null, 'read')).toEqual({ kind: 'none' });
	});
	it('gives CAF staff every row', () => {
		expect(rowAllowed(rowScope(actor('agent'), 'write'), otherUnpublished)).toBe(true);
	});
});

describe('canSee(actor, part): embedded parts follow their own resource', () => {
	it('hides agréments, renewals and vacant posts from the observer everywhere, as /agrements does', () => {
		const observer = actor('observateur');
		for (const part of ['structure.agrements', 'structure.postes', 'accueil.agrements', 'comite.agrements'] as const) {
			expect([part, canSee(observer, part)]).toEqual([part, can(observer, 'agrements', 'read')]);
			expect(canSee(observer, part)).toBe(false);
			expect(canSee(actor('partenaire', 3), part)).toBe(true);
			expect(canSee(actor('agent'), part)).toBe(true);
		}
		expect(canSee(null, 'comite.couverture')).toBe(false);
	});

	it('maps every part to a resource of the grant table', () => {
		for (const [part, resource] of Object.entries(EMBEDDED_PARTS)) expect([part, Object.hasOwn(GRANTS, resource)]).toEqual([part, true]);
	});
});

describe('audienceOf(actor) and audienceReader(audience)', () => {
	it('groups readers who see the same committee figures', () => {
		expect(audienceOf(actor('admin'))).toBe('caf');
		expect(audienceOf(actor('agent'))).toBe('caf');
		expect(audienceOf(actor('observateur'))).toBe('observateur');
		expect(audienceOf(actor('partenaire', 7))).toBe('partenaire:7');
		expect(audienceOf(actor('partenaire', null))).toBeNull();
	});

	it('admin and agent read every committee part alike (else they could not share the `caf` audience)', () => {
		const committeeParts = Object.keys(EMBEDDED_PARTS).filter((p) => p.startsWith('comite.')) as EmbeddedPart[];
		for (const part of committeeParts) expect([part, canSee(actor('admin'), part)]).toEqual([part, canSee(actor('agent'), part)]);
		expect(rowScope(actor('admin'), 'read')).toEqual(rowScope(actor('agent'), 'read'));
	});

	it('reads for an audience with the same grants and row scope as its members', () => {
		for (const member of [actor('admin'), actor('observateur'), actor('partenaire', 7)]) {
			const reader = audienceReader(audienceOf(member)!);
			expect(rowScope(reader, 'read')).toEqual(rowScope(member, 'read'));
			for (const part of Object.keys(EMBEDDED_PARTS) as EmbeddedPart[]) expect(canSee(reader, part)).toBe(canSee(member, part));
		}
		// A partner without rows of its own: published rows only, agréments readable.
		const generic = audienceReader('partenaire');
		expect(rowAllowed(rowScope(generic, 'read'), { partnerId: 3, published: false })).toBe(false);
		expect(rowAllowed(rowScope(generic, 'read'), { partnerId: 3, published: true })).toBe(true);
		expect(canSee(generic, 'comite.agrements')).toBe(true);
	});
});
