/** The main navigation of Maillage, in display order (French labels). */
export const mainNavigation = [
	{ href: '/', label: "Vue d'ensemble" },
	{ href: '/carte', label: 'Carte' },
	{ href: '/territoires', label: 'Territoires' },
	{ href: '/structures', label: 'Structures' },
	{ href: '/agrements', label: 'Agréments' },
	{ href: '/financements', label: 'Financements' },
	{ href: '/accord-cadre', label: 'Accord-cadre' },
	{ href: '/schema-directeur', label: 'Schéma directeur' },
	{ href: '/comite', label: 'Comité' },
	{ href: '/scenarios', label: 'Scénarios' },
	{ href: '/exports', label: 'Exports' },
	{ href: '/administration', label: 'Administration' }
] as const;

/** True when `pathname` is `href` or one of its sub-pages (`/structures/12` for `/structures`). */
export function isCurrentSection(href: string, pathname: string): boolean {
	if (href === '/') return pathname === '/';
	return pathname === href || pathname.startsWith(`${href}/`);
}
