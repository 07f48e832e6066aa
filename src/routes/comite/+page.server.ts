import { error, fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as committee from '$lib/server/db/committee';
import * as pilotage from '$lib/server/db/pilotage';
import { buildSnapshotPayload } from '$lib/server/pilotage/committee';
import { actorOf } from '$lib/server/auth/request';
import { can } from '$lib/domain/policy';
import { isoDateInParis } from '$lib/format';
import { DECISION_BODIES, parseDecisionForm } from '$lib/pilotage/decision-form';
import { parseIsoDate } from '$lib/format';

export const load: PageServerLoad = async ({ locals }) => {
	const [snapshots, decisions, communes, structures] = await Promise.all([
		committee.listSnapshots(locals.db),
		pilotage.committeeDecisions(locals.db),
		locals.db.selectFrom('commune').select(['code', 'name']).orderBy('name').orderBy('code').execute(),
		locals.db.selectFrom('structure').select(['id', 'name', 'type']).orderBy('name').execute()
	]);
	return {
		today: isoDateInParis(new Date()),
		snapshots,
		decisions,
		communes,
		structures,
		canWrite: can(locals.user, 'pilotage', 'write')
	};
};

function requireStaff(locals: App.Locals) {
	if (!locals.user || !can(locals.user, 'pilotage', 'write')) error(403, 'Accès refusé : votre rôle ne permet pas cette action.');
	return locals.user;
}

export const actions: Actions = {
	/** Freezes the figures of the day as the snapshot of a meeting. */
	instantane: async ({ locals, request }) => {
		const user = requireStaff(locals);
		const form = await request.formData();
		const takenOn = String(form.get('date') ?? '').trim();
		const body = String(form.get('instance') ?? '');
		const title = String(form.get('titre') ?? '').trim();
		const errors: Record<string, string> = {};
		try {
			parseIsoDate(takenOn);
		} catch {
			errors.date = 'Indiquez la date de la réunion (AAAA-MM-JJ).';
		}
		if (!(DECISION_BODIES as readonly string[]).includes(body)) errors.instance = 'Choisissez l’instance.';
		if (title === '') errors.titre = 'Donnez un titre à l’instantané (par exemple « Comité de pilotage de juin »).';
		else if (title.length > 200) errors.titre = 'Le titre dépasse 200 caractères.';
		if (Object.keys(errors).length > 0) return fail(400, { form: 'instantane', errors, values: { date: takenOn, instance: body, titre: title } });
		const today = isoDateInParis(new Date());
		// Frozen once per audience, each through its own row scope: a partner reopening it sees its share only.
		const payload = await buildSnapshotPayload(locals.db, today);
		const id = await committee.createSnapshot(locals.db, actorOf(user), { takenOn, body, title, payload });
		redirect(303, `/comite/instantanes/${id}`);
	},
	/** Records a decision of an instance. */
	decision: async ({ locals, request }) => {
		const user = requireStaff(locals);
		const form = await request.formData();
		const [communes, structures] = await Promise.all([
			locals.db.selectFrom('commune').select('code').execute(),
			locals.db.selectFrom('structure').select('id').execute()
		]);
		const parsed = parseDecisionForm(
			{
				decided_on: String(form.get('decided_on') ?? ''),
				body: String(form.get('body') ?? ''),
				decision: String(form.get('decision') ?? ''),
				communes: form.getAll('communes').map(String),
				structures: form.getAll('structures').map(String)
			},
			{ communeCodes: new Set(communes.map((c) => c.code)), structureIds: new Set(structures.map((s) => s.id)) },
			isoDateInParis(new Date())
		);
		if (!parsed.ok) {
			return fail(400, {
				form: 'decision',
				errors: parsed.errors,
				values: { decided_on: String(form.get('decided_on') ?? ''), body: String(form.get('body') ?? ''), decision: String(form.get('decision') ?? '') }
			});
		}
		await committee.createDecision(locals.db, actorOf(user), parsed.value);
		redirect(303, '/comite?decision=1#decisions');
	}
};
