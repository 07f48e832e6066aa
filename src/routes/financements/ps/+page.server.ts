import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/input-guard';
import { fail } from '@sveltejs/kit';
import { checkPs, numericValue, parameterInForce, PS_KINDS, type PsKind } from '$lib/funding/ps';
import { AMOUNT_MESSAGES, parseAmount, parseComment, parseId, parseYear } from '$lib/funding/line-input';
import * as fundingPs from '$lib/server/db/funding-ps';
import { currentUser, failure, formGetter, requireStaff, writerOf } from '../actions.server';

const PREFIXES = ['ps_rate.', 'ps_ceiling.', 'ps.'];

/** CAF staff only: PS lines are the CAF's, eligible expenses are structures' budget data. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = currentUser(locals);
	requireStaff(user, 'Le contrôle des prestations de service est réservé à la CAF.');
	const params = await fundingPs.parameters(locals.db, PREFIXES);
	const [inputs, ceilings] = await Promise.all([fundingPs.psInputs(locals.db, params), fundingPs.ceilingRows(locals.db)]);
	const years = [...new Set(inputs.map((i) => i.year))].sort((a, b) => b - a);
	const rawYear = Number(url.searchParams.get('annee'));
	const year = years.includes(rawYear) ? rawYear : null;
	const onlyProblems = url.searchParams.get('ecarts') === '1';
	const toleranceYear = year ?? years[0] ?? new Date().getFullYear();
	const tolerance = numericValue(parameterInForce(params, 'ps.difference_tolerance_eur', toleranceYear)) ?? 0;
	const all = checkPs(inputs, params, { toleranceEur: tolerance });
	const rows = all.filter((r) => (year === null || r.year === year) && (!onlyProblems || r.status !== 'conforme'));
	const ceilingYears = [...new Set([...years, ...ceilings.map((c) => Number(c.validFrom.slice(0, 4)))])].sort((a, b) => b - a);
	return {
		years,
		year,
		onlyProblems,
		tolerance,
		rows,
		counts: {
			total: all.length,
			ecart: all.filter((r) => r.status === 'ecart').length,
			missing: all.filter((r) => r.status !== 'ecart' && r.status !== 'conforme').length
		},
		rates: PS_KINDS.map((kind) => ({
			kind,
			values: params
				.filter((p) => p.key === `ps_rate.${kind}`)
				.map((p) => ({ validFrom: p.validFrom, validUntil: p.validUntil, value: numericValue(p), regime: p.regime }))
		})),
		ceilingYears,
		ceilings: ceilings.map((c) => ({ kind: c.key.slice('ps_ceiling.'.length) as PsKind, year: Number(c.validFrom.slice(0, 4)), value: numericValue(c), version: c.version, regime: c.regime, source: c.source }))
	};
};

export const actions: Actions = {
	depenses: async ({ locals, request }) => {
		const user = currentUser(locals);
		requireStaff(user);
		const get = formGetter(await readForm(request));
		const structureId = parseId(get('structure'));
		const instrumentId = parseId(get('dispositif'));
		const year = parseYear(get('annee'));
		const target = `depenses-${structureId}-${instrumentId}-${year}`;
		if (structureId === null || instrumentId === null || year === null) return fail(400, { target, message: 'Structure, dispositif ou année manquant : rechargez la page.' });
		const amount = parseAmount(get('montant'));
		if (!amount.ok) return fail(400, { target, message: `Dépenses éligibles : ${AMOUNT_MESSAGES[amount.problem]}` });
		const rawVersion = get('version');
		const version = rawVersion ? parseId(rawVersion) : null;
		try {
			await fundingPs.saveEligibleExpense(locals.db, writerOf(user), { structureId, instrumentId, year, amount: amount.value, version });
			return { target, saved: 'Dépenses enregistrées.' };
		} catch (e) {
			return failure(e, target);
		}
	},
	plafond: async ({ locals, request }) => {
		const user = currentUser(locals);
		requireStaff(user);
		const get = formGetter(await readForm(request));
		const kind = get('prestation');
		const year = parseYear(get('annee'));
		const target = `plafond-${kind}-${year}`;
		if (!PS_KINDS.includes(kind as PsKind) || year === null) return fail(400, { target: 'plafond', message: 'Prestation ou année invalide.' });
		const amount = parseAmount(get('montant'));
		if (!amount.ok) return fail(400, { target, message: `Prix plafond : ${AMOUNT_MESSAGES[amount.problem]}` });
		const rawVersion = get('version');
		try {
			await fundingPs.saveCeiling(locals.db, writerOf(user), {
				kind: kind as PsKind,
				year,
				amount: amount.value,
				version: rawVersion ? parseId(rawVersion) : null,
				source: parseComment(get('source'))
			});
			return { target, saved: 'Prix plafond enregistré.' };
		} catch (e) {
			return failure(e, target);
		}
	}
};
