import { error, json } from '@sveltejs/kit';
import { readJsonObject } from '$lib/server/http/input-guard';
import type { RequestHandler } from './$types';
import { isoDateInParis } from '$lib/format';
import { actorOf } from '$lib/server/auth/request';
import { ConflictError } from '$lib/server/db/changes';
import * as scenarios from '$lib/server/db/scenarios';
import { RejectedDataError } from '$lib/server/errors';

const NO_STORE = { 'Cache-Control': 'private, no-store' };

function idOf(param: string): number {
	const id = Number(param);
	if (!Number.isInteger(id) || id <= 0) error(404, 'Scénario introuvable');
	return id;
}

function conflict(e: ConflictError) {
	return json({ message: e.message, currentVersion: e.currentVersion }, { status: 409, headers: NO_STORE });
}

/** A scenario with its key figures and delta against the current situation, evaluated today. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const id = idOf(params.id);
	const comparison = await scenarios.compareStored(locals.db, isoDateInParis(new Date()), [id], 1);
	if (comparison.missing.length > 0) error(404, 'Scénario introuvable');
	const scenario = (await scenarios.get(locals.db, id))!;
	const [current, evaluated] = comparison.columns;
	return json(
		{
			scenario,
			date: comparison.date,
			figures: { current: current.figures, scenario: evaluated.figures },
			delta: evaluated.delta,
			ignoredChanges: evaluated.ignored
		},
		{ headers: NO_STORE }
	);
};

/**
 * Replaces name, description and changes: `{ version, name, description?, changes }`. 409 with the
 * current version when someone saved it meanwhile.
 */
export const PUT: RequestHandler = async ({ params, request, locals }) => {
	const id = idOf(params.id);
	const body: { version?: unknown; name?: unknown; description?: unknown; changes?: unknown } = await readJsonObject(request);
	if (typeof body.version !== 'number' || !Number.isInteger(body.version)) {
		return json({ message: 'Indiquez la version du scénario lue avant la modification (« version »).' }, { status: 400 });
	}
	try {
		const updated = await scenarios.update(locals.db, actorOf(locals.user!), id, body.version, {
			name: typeof body.name === 'string' ? body.name : '',
			description: typeof body.description === 'string' ? body.description : null,
			changes: body.changes ?? []
		});
		return json(updated, { headers: NO_STORE });
	} catch (e) {
		if (e instanceof ConflictError) return conflict(e);
		if (e instanceof RejectedDataError) return json({ message: e.message }, { status: 400 });
		throw e;
	}
};

/** Deletes the scenario at `?version=N`; 204, or 409 when it changed meanwhile. */
export const DELETE: RequestHandler = async ({ params, url, locals }) => {
	const id = idOf(params.id);
	const version = Number(url.searchParams.get('version'));
	if (!Number.isInteger(version) || version <= 0) {
		return json({ message: 'Indiquez la version du scénario à supprimer (« ?version= »).' }, { status: 400 });
	}
	try {
		await scenarios.remove(locals.db, actorOf(locals.user!), id, version);
	} catch (e) {
		if (e instanceof ConflictError) return conflict(e);
		throw e;
	}
	return new Response(null, { status: 204 });
};
