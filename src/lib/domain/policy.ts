/**
 * Who may do what: the one access policy of Maillage (role × resource × action, plus the row
 * scope of partners and observers). Pure, so the server enforces it and the pages hide what a role
 * cannot do from the same table.
 */

export const ROLES = ['admin', 'agent', 'partenaire', 'observateur'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
	admin: 'Administrateur (pilotage Caf)',
	agent: 'Agent Caf',
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

/**
 * The parts of a page that show another resource's records — a structure page shows its
 * agréments, the committee presentation shows renewals, funding and the schéma — each governed by
 * that resource's read grant, so a part is shown exactly to those who may open the resource's own
 * pages (the observer, refused `/agrements`, sees no agrément anywhere). Row-scoped resources
 * (`financements`, `accord_cadre`, `schema_directeur`) are further narrowed by `rowScope`, in SQL.
 */
export const EMBEDDED_PARTS = {
	/** Structure page: the agrément records (dates, decisions, comments, timeline). */
	'structure.agrements': 'agrements',
	/** Structure page and list: key posts and their vacancies (followed with the agréments). */
	'structure.postes': 'agrements',
	/** Structure page: funding per year. */
	'structure.financements': 'financements',
	/** Structure page: the yearly observatory data (SENACS), entered and checked by the CAF. */
	'structure.observatoire': 'exports',
	/** Overview: agréments to renew and vacant posts. */
	'accueil.agrements': 'agrements',
	/** Committee presentation and snapshots, screen by screen. */
	'comite.couverture': 'pilotage',
	'comite.agrements': 'agrements',
	'comite.financements': 'financements',
	'comite.accordCadre': 'accord_cadre',
	'comite.schema': 'schema_directeur',
	/** Committee: the observatory's département summary (aggregates), and the structures that did not answer (CAF). */
	'comite.observatoire': 'pilotage',
	'comite.observatoireStructures': 'exports',
	'comite.decisions': 'pilotage'
} as const satisfies Record<string, Exclude<Resource, 'public'>>;

export type EmbeddedPart = keyof typeof EMBEDDED_PARTS;

/** May `actor` see `part` where another page embeds it? */
export function canSee(actor: Actor | null, part: EmbeddedPart): boolean {
	return can(actor, EMBEDDED_PARTS[part], 'read');
}

/**
 * An audience: the readers who see exactly the same committee figures — CAF staff (`caf`), the
 * observers (`observateur`), each partner (`partenaire:<id>`), and `partenaire` for a partner
 * without figures of its own (created after a snapshot, or unknown to an older one). Figures are
 * computed, and frozen in snapshots, once per audience.
 */
export type AudienceKey = 'caf' | 'observateur' | 'partenaire' | `partenaire:${number}`;

/** The audience of a signed-in reader; null for a partner account bound to no partner (sees nothing). */
export function audienceOf(actor: Actor): AudienceKey | null {
	switch (actor.role) {
		case 'admin':
		case 'agent':
			return 'caf';
		case 'observateur':
			return 'observateur';
		case 'partenaire':
			return actor.partnerId === null ? null : `partenaire:${actor.partnerId}`;
	}
}

/**
 * A reader standing for `audience`, to compute its figures with (`partenaire` reads as a partner
 * that owns no row: the published rows only).
 */
export function audienceReader(audience: AudienceKey): Actor {
	if (audience === 'caf') return { id: 0, role: 'agent', partnerId: null };
	if (audience === 'observateur') return { id: 0, role: 'observateur', partnerId: null };
	const partnerId = audience === 'partenaire' ? NO_PARTNER : Number(audience.slice('partenaire:'.length));
	return { id: 0, role: 'partenaire', partnerId };
}

/** A partner id that no row has (ids are positive): a partner reading with it sees published rows only. */
const NO_PARTNER = -1;
