/**
 * Maps every route of the app to the resource of the access policy. Fail closed: a route that is
 * not listed here is refused to everyone, so a new page cannot be published by accident
 * (the role × route matrix test lists every route file and checks it is mapped).
 */
import { can, type Actor, type Resource } from '$lib/domain/policy';

/** Longest prefix wins. Route ids as SvelteKit writes them (`/structures/[id]`). */
const ROUTE_RESOURCES: [prefix: string, resource: Resource][] = [
	['/connexion', 'public'],
	['/aide', 'public'],
	['/accessibilite', 'public'],
	['/deconnexion', 'compte'],
	['/compte', 'compte'],
	['/', 'pilotage'],
	['/carte', 'pilotage'],
	['/territoires', 'pilotage'],
	['/api/coverage', 'pilotage'],
	['/api/geo', 'pilotage'],
	['/structures', 'structures'],
	// The yearly observatory data of a structure: entered and read by CAF staff.
	['/structures/[id]/annees', 'exports'],
	['/api/structures', 'structures'],
	['/agrements', 'agrements'],
	['/api/agrements', 'agrements'],
	['/financements', 'financements'],
	['/financements/import', 'import'],
	['/financements/ps', 'instruction'],
	['/api/funding', 'financements'],
	['/accord-cadre', 'accord_cadre'],
	['/api/accord-cadre', 'accord_cadre'],
	['/schema-directeur', 'schema_directeur'],
	['/comite', 'pilotage'],
	['/scenarios', 'scenarios'],
	['/api/scenarios', 'scenarios'],
	['/exports', 'exports'],
	['/exports/observatoire/import', 'import'],
	['/api/export', 'exports'],
	['/administration/import', 'import'],
	['/api/import', 'import'],
	['/administration', 'administration']
];

function matches(routeId: string, prefix: string): boolean {
	if (prefix === '/') return routeId === '/';
	return routeId === prefix || routeId.startsWith(prefix + '/');
}

/** The resource a route belongs to, or null when the route is not mapped (refused). */
export function resourceOfRoute(routeId: string | null): Resource | null {
	if (routeId === null) return null;
	// Route groups like `/(app)` do not change the URL: ignore them.
	const id = routeId.replace(/\/\([^)]+\)/g, '') || '/';
	let best: [string, Resource] | null = null;
	for (const entry of ROUTE_RESOURCES) {
		if (matches(id, entry[0]) && (!best || entry[0].length > best[0].length)) best = entry;
	}
	return best ? best[1] : null;
}

/**
 * May `actor` open `href` (a path of this site, with or without a query or a fragment)? What a
 * page asks before showing a link, so that no link leads a role to a 403 (the server refuses anyway).
 */
export function mayOpen(actor: Actor | null, href: string): boolean {
	const path = href.split(/[?#]/)[0] || '/';
	const resource = resourceOfRoute(path);
	return resource !== null && can(actor, resource, 'read');
}
