import { json } from '@sveltejs/kit';
import { readJsonObject } from '$lib/server/http/input-guard';
import type { RequestHandler } from './$types';
import { actorOf } from '$lib/server/auth/request';
import * as scenarios from '$lib/server/db/scenarios';
import { RejectedDataError } from '$lib/server/errors';

const NO_STORE = { 'Cache-Control': 'private, no-store' };

/** The scenarios, most recently updated first (without their changes). */
export const GET: RequestHandler = async ({ locals }) => json(await scenarios.list(locals.db), { headers: NO_STORE });

/**
 * Creates a scenario from `{ name, description?, changes }` (JSON); 201 with the scenario, 400 with
 * a French message when the input is refused.
 */
export const POST: RequestHandler = async ({ request, locals }) => {
	const body: { name?: unknown; description?: unknown; changes?: unknown } = await readJsonObject(request);
	try {
		const created = await scenarios.create(locals.db, actorOf(locals.user!), {
			name: typeof body.name === 'string' ? body.name : '',
			description: typeof body.description === 'string' ? body.description : null,
			changes: body.changes ?? []
		});
		return json(created, { status: 201, headers: { ...NO_STORE, Location: `/api/scenarios/${created.id}` } });
	} catch (error) {
		if (error instanceof RejectedDataError) return json({ message: error.message }, { status: 400 });
		throw error;
	}
};
