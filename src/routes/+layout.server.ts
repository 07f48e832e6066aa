import type { LayoutServerLoad } from './$types';
import { env } from '$env/dynamic/public';
import { ROLE_LABELS } from '$lib/domain/policy';
import { mayOpen } from '$lib/server/auth/routes';
import { mainNavigation } from '$lib/ui/navigation';

/**
 * Every page knows the dataset kind (demo banner), the basemap setting (pages with a map), the
 * signed-in user, and the navigation entries that user may open (the server enforces access anyway).
 */
export const load: LayoutServerLoad = ({ locals }) => {
	const user = locals.user;
	return {
		dataset: locals.dataset,
		basemapStyle: env.PUBLIC_BASEMAP_STYLE ?? '',
		user: user
			? { displayName: user.displayName, email: user.email, role: user.role, roleLabel: ROLE_LABELS[user.role], partnerName: user.partnerName }
			: null,
		navigation: user ? mainNavigation.filter((item) => mayOpen(user, item.href)).map((item) => item.href) : []
	};
};
