import type { Actions, PageServerLoad } from './$types';
import { readForm } from '$lib/server/http/input-guard';
import { fail } from '@sveltejs/kit';
import { numericValue, psInstrumentsInYear, PS_CHECK_OK, PS_KINDS, type PsKind } from '$lib/funding/ps';
import { psCoverageText } from '$lib/funding/ps-messages-fr';
import { isPending, parameterInYear } from '$lib/domain/dated-parameter';
import { AMOUNT_MESSAGES, parseAmount, parseComment, parseId, parseYear } from '$lib/funding/line-input';
import * as fundingPs from '$lib/server/db/funding-ps';
import { currentUser, failure, formGetter, requireStaff, writerOf } from '../actions.server';

/** CAF staff only: PS lines are the CAF's, eligible expenses are structures' budget data. */
export const load: PageServerLoad = async ({ locals, url }) => {
	const user = currentUser(locals);
	requireStaff(user, 'Le contrôle des prestations de service est réservé à la Caf.');
	const [{ rows: all, params }, ceilings] = await Promise.all([fundingPs.psCheck(locals.db), fundingPs.ceilingRows(locals.db)]);
	const years = [...new Set(all.map((r) => r.year))].sort((a, b) => b - a);
	const rawYear = Number(url.searchParams.get('annee'));
	const year = years.includes(rawYear) ? rawYear : null;
	const onlyProblems = url.searchParams.get('ecarts') === '1';
	const toleranceYear = year ?? years[0] ?? new Date().getFullYear();
	const tolerance = fundingPs.toleranceInYear(params, toleranceYear);
	const rows = all
		.filter((r) => (year === null || r.year === year) && (!onlyProblems || !PS_CHECK_OK.includes(r.status)))
		.map((r) => ({ ...r, reason: psCoverageText(r) }));
	const ceilingYears = [...new Set([...years, ...ceilings.map((c) => Number(c.validFrom.slice(0, 4)))])].sort((a, b) => b - a);
	// The PS of each year (the 2027–2030 transition shows both the AGC/ACF and the merged PS), and the merger step.
	const instrumentYears = [...new Set([...ceilingYears, 2026, 2027, 2028, 2029, 2030, 2031])].sort((a, b) => a - b);
	const instruments = instrumentYears.map((y) => {
		const step = parameterInYear(params, 'ps.merger_step', y);
		return {
			year: y,
			kinds: psInstrumentsInYear(params, y),
			mergerStep: step ? { pending: isPending(step), value: step.value, comment: step.comment ?? null, regime: step.regime } : null
		};
	});
	return {
		instruments,
		kindsByYear: Object.fromEntries(ceilingYears.map((y) => [y, psInstrumentsInYear(params, y).map((i) => i.kind)])) as Record<number, PsKind[]>,
		years,
		year,
		onlyProblems,
		tolerance,
		rows,
		counts: {
			total: all.length,
			ecart: all.filter((r) => r.status === 'ecart' || r.status === 'sans_agrement').length,
			missing: all.filter((r) => r.status !== 'ecart' && r.status !== 'sans_agrement' && !PS_CHECK_OK.includes(r.status)).length
		},
		rates: PS_KINDS.map((kind) => ({
			kind,
			values: params
				.filter((p) => p.key === `ps_rate.${kind}`)
				.map((p) => ({ validFrom: p.validFrom, validUntil: p.validUntil, value: numericValue(p), pending: isPending(p), regime: p.regime }))
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
