import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as workTerritory from '$lib/server/db/work-territory';
import { ConflictError } from '$lib/server/db/changes';
import { actorOf } from '$lib/server/auth/request';
import { isoDateInParis } from '$lib/format';

export const load: PageServerLoad = async ({ locals }) => {
	const today = isoDateInParis(new Date());
	const [territory, counts, defaultBandKm] = await Promise.all([
		workTerritory.get(locals.db),
		workTerritory.counts(locals.db),
		workTerritory.defaultBandKm(locals.db, today)
	]);
	return {
		dataset: locals.dataset,
		territory: territory && {
			...territory,
			names: territory.departements.map((code) => ({ code, name: workTerritory.departementName(code)?.name ?? null }))
		},
		counts,
		defaultBandKm
	};
};

/** « 72 », « 72, 53 », « 72 53 » → codes; a lone digit gets its zero back. */
function departementCodes(raw: string): string[] {
	return raw
		.split(/[\s,;]+/)
		.map((c) => c.trim().toUpperCase())
		.filter(Boolean)
		.map((c) => (/^\d$/.test(c) ? `0${c}` : c));
}

export const actions: Actions = {
	enregistrer: async ({ request, locals }) => {
		const form = await request.formData();
		const departements = departementCodes(String(form.get('departements') ?? '').slice(0, 200));
		const bandRaw = String(form.get('bande') ?? '').trim().replace(',', '.');
		const bandKm = Number(bandRaw);
		const versionRaw = String(form.get('version') ?? '');
		const expectedVersion = /^\d{1,9}$/.test(versionRaw) ? Number(versionRaw) : null;
		const values = { departements: String(form.get('departements') ?? ''), bande: bandRaw };
		if (bandRaw === '' || !Number.isFinite(bandKm)) {
			return fail(400, { target: 'territoire', message: `Largeur de bande invalide : « ${bandRaw} » (un nombre de km, de 0 à 100).`, values });
		}
		try {
			const result = await locals.db.transaction().execute((trx) =>
				workTerritory.set(trx, actorOf(locals.user!), { departements, bandKm, expectedVersion })
			);
			const added = result.partnersAdded.length
				? ` Financeurs par défaut créés : ${result.partnersAdded.join(', ')} ; ${result.instrumentsAdded.length} dispositifs.`
				: '';
			return {
				target: 'territoire',
				saved: `Territoire de travail ${result.created ? 'défini' : 'enregistré'} : ${workTerritory.describeDepartements(result.territory.departements)}, bande de ${result.territory.bandKm.toLocaleString('fr-FR')} km.${added}`
			};
		} catch (error) {
			if (error instanceof workTerritory.TerritoryInputError) {
				return fail(400, { target: 'territoire', message: error.message.charAt(0).toUpperCase() + error.message.slice(1), values });
			}
			if (error instanceof ConflictError) return fail(409, { target: 'territoire', message: error.message, values });
			throw error;
		}
	}
};
