import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import * as structures from '$lib/server/db/structures';
import { isoDateInParis } from '$lib/format';

export const load: PageServerLoad = async ({ locals, params }) => {
	const id = /^\d{1,9}$/.test(params.id) ? Number(params.id) : null;
	const today = isoDateInParis(new Date());
	const structure = id === null ? null : await structures.get(locals.db, id, today);
	if (!structure) error(404, 'Structure introuvable');
	return { today, structure };
};
