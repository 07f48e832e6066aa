import { describe, expect, it } from 'vitest';
import { can, GRANTS, RESOURCES, ROLES, rowAllowed, rowScope, type Actor } from './policy';

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
