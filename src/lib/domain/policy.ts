/**
 * Who may do what: the one access policy of Maillage (role × resource × action, plus the row
 * scope of partners and observers). Pure, so the server enforces it and the pages hide what a role
 * cannot do from the same table.
 */

export const ROLES = ['admin', 'agent', 'partenaire', 'observateur'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	admin: 'Administrateur (pilotage CAF)',
	agent: 'Agent CAF',
	partenaire: 'Partenaire',
	observateur: 'Observateur'
};

export type Action = 'read' | 'write';

/**
 * Resources, each a family of pages and endpoints:
 * - `public`: sign-in, help, accessibility statement (no account needed);
 * - `compte`: one's own account (password, sign-out);
 * - `pilotage`: overview, map, coverage and territories (shared maps and indicators);
 * - `structures`, `agrements`, `financements`, `accord_cadre`, `schema_directeur`, `scenarios`;
 * - `instruction`: the CAF's own checks (PS calculator, eligible expenses);
 * - `exports`, `import`, `administration` (accounts, audit log, database).
 */
export const RESOURCES = [
	'public',
	'compte',
	'pilotage',
	'structures',
	'agrements',
	'financements',
	'accord_cadre',
	'schema_directeur',
	'scenarios',
	'instruction',
	'exports',
	'import',
	'administration'
] as const;
export type Resource = (typeof RESOURCES)[number];

export interface Actor {
	id: number;
	role: Role;
	/** The partner organisation a `partenaire` account is bound to. */
	partnerId: number | null;
}

type Grant = { read: readonly Role[]; write: readonly Role[] };

const STAFF: readonly Role[] = ['admin', 'agent'];
const SIGNED_IN: readonly Role[] = ROLES;

/** The grant table. `financements` and `accord_cadre` are further narrowed by `rowScope`. */
export const GRANTS: Record<Exclude<Resource, 'public'>, Grant> = {
	compte: { read: SIGNED_IN, write: SIGNED_IN },
	pilotage: { read: SIGNED_IN, write: STAFF },
	structures: { read: SIGNED_IN, write: STAFF },
	agrements: { read: ['admin', 'agent', 'partenaire'], write: STAFF },
	financements: { read: SIGNED_IN, write: ['admin', 'agent', 'partenaire'] },
	accord_cadre: { read: SIGNED_IN, write: ['admin', 'agent', 'partenaire'] },
	schema_directeur: { read: SIGNED_IN, write: STAFF },
	scenarios: { read: ['admin', 'agent', 'partenaire'], write: STAFF },
	instruction: { read: STAFF, write: STAFF },
	exports: { read: STAFF, write: STAFF },
	import: { read: STAFF, write: STAFF },
	administration: { read: ['admin'], write: ['admin'] }
};

/** May `actor` (null: not signed in) perform `action` on `resource`? */
export function can(actor: Actor | null, resource: Resource, action: Action): boolean {
	if (resource === 'public') return true;
	if (!actor) return false;
	return GRANTS[resource][action].includes(actor.role);
}

/**
 * Which rows of a partner-owned resource (funding lines, commitments, published indicators)
 * an actor may see or change:
 * - `all`: CAF staff;
 * - `partner`: a partner sees its own rows, plus rows published by the CAF when reading;
 * - `published`: an observer sees published rows only;
 * - `none`: nothing.
 */
export type RowScope =
	| { kind: 'all' }
	| { kind: 'partner'; partnerId: number; includePublished: boolean }
	| { kind: 'published' }
	| { kind: 'none' };

export function rowScope(actor: Actor | null, action: Action): RowScope {
	if (!actor) return { kind: 'none' };
	switch (actor.role) {
		case 'admin':
		case 'agent':
			return { kind: 'all' };
		case 'partenaire':
			return actor.partnerId === null
				? { kind: 'none' }
				: { kind: 'partner', partnerId: actor.partnerId, includePublished: action === 'read' };
		case 'observateur':
			return action === 'read' ? { kind: 'published' } : { kind: 'none' };
	}
}

/** Whether one row (owned by `partnerId`, `published` or not) is within `scope`. */
export function rowAllowed(scope: RowScope, row: { partnerId: number; published: boolean }): boolean {
	switch (scope.kind) {
		case 'all':
			return true;
		case 'partner':
			return row.partnerId === scope.partnerId || (scope.includePublished && row.published);
		case 'published':
			return row.published;
		case 'none':
			return false;
	}
}
