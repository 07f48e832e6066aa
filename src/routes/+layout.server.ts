import type { LayoutServerLoad } from './$types';
import { env } from '$env/dynamic/public';

/** Every page knows the dataset kind (demo banner) and the basemap setting (pages with a map). */
export const load: LayoutServerLoad = ({ locals }) => ({
	dataset: locals.dataset,
	basemapStyle: env.PUBLIC_BASEMAP_STYLE ?? ''
});
