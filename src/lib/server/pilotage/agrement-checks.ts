/**
 * Loads what the checks of one agrément need (dated rules, staff posts, the structure) and builds
 * them (`$lib/pilotage/agrement-checks`): cadre de référence, duration, staff requirements, volet
 * familles, and for an EVS its management mode and the distinct-manager rule of the « à renforcer » case.
 */
import type { Kysely } from 'kysely';
import { effectiveEnd } from '$lib/domain/agrement-status';
import { parameterOn } from '$lib/domain/dated-parameter';
import { cadreReferenceOn } from '$lib/pilotage/cadre';
import { checkDuration, durationRulesFromParameters } from '$lib/pilotage/agrement-rules';
import { cadreItem, durationItem, evsManagementItem, evsManagerItem, staffItems, voletFamillesItem, type AgrementCheckItem } from '$lib/pilotage/agrement-checks';
import { analyzeCoverage } from '$lib/analysis';
import { checkEvsManager, type EvsManagerCheck } from '$lib/analysis/evs-manager';
import { checkEvsManagement, evsManagementRuleOn, EVS_MANAGEMENT_KEY } from '$lib/pilotage/evs-management';
import { loadCoverageInputs } from '../coverage/inputs';
import { loadCoverageParameters } from '../coverage/parameters';
import type { AgrementDetail } from '../db/agrements';
import * as referenceParameters from '../db/reference-parameters';
import * as staffPosts from '../db/staff-posts';
import type { Database } from '../db/schema';

/**
 * The day the staff of an agrément is judged on: today while it runs, its start before, its last
 * covered day after.
 */
export function staffReferenceDay(agrement: Pick<AgrementDetail, 'startDate' | 'endDate' | 'decision' | 'decisionDate'>, today: string): string {
	const end = effectiveEnd(agrement) ?? agrement.endDate;
	return today < agrement.startDate ? agrement.startDate : today > end ? end : today;
}

/**
 * The distinct-manager rule for the EVS of `structureId`, judged at `date` on the territory as the
 * coverage engine classes it **without this EVS** (its commune and zone de compétence): where a
 * centre social's action is to reinforce, the EVS's manager must differ from the centre social's.
 * Null when no commune is loaded.
 */
export async function evsManagerCheck(db: Kysely<Database>, structureId: number, date: string): Promise<EvsManagerCheck | null> {
	const [inputs, parameters, structure, zone] = await Promise.all([
		loadCoverageInputs(db, date),
		loadCoverageParameters(db, date),
		db.selectFrom('structure').select(['commune_code', 'manager_name', 'manager_siren']).where('id', '=', structureId).executeTakeFirstOrThrow(),
		db.selectFrom('structure_zone_commune').select('commune_code').where('structure_id', '=', structureId).execute()
	]);
	if (inputs.communes.length === 0) return null;
	const others = inputs.structures.filter((s) => s.id !== structureId);
	const result = analyzeCoverage({ ...inputs, structures: others }, { ...parameters.options, date });
	const codes = new Set([structure.commune_code, ...zone.map((z) => z.commune_code)]);
	const centres = new Map(others.filter((s) => s.type === 'CS').map((s) => [String(s.id), { id: s.id, name: s.name, manager: s.manager }]));
	return checkEvsManager(
		result.communes.filter((c) => codes.has(c.code)),
		{ name: structure.manager_name, siren: structure.manager_siren },
		(id) => centres.get(String(id))
	);
}

/** Every check of `agrement` (as the assessment page shows them). */
export async function agrementChecks(db: Kysely<Database>, agrement: AgrementDetail, today: string): Promise<{ items: AgrementCheckItem[]; staffDay: string }> {
	const [params, structure] = await Promise.all([
		referenceParameters.list(db, ['cadre_reference', 'agrement_duration_months.', 'agrement.volet_familles', EVS_MANAGEMENT_KEY, 'staff_requirement.']),
		db.selectFrom('structure').select(['type', 'projet_familles', 'management_mode']).where('id', '=', agrement.structureId).executeTakeFirstOrThrow()
	]);
	const items: AgrementCheckItem[] = [cadreItem(cadreReferenceOn(params, agrement.startDate), agrement.startDate)];
	items.push(durationItem(checkDuration(agrement, durationRulesFromParameters(params))));
	// Staff: only the requirements attached to this agrément's kind (pending ones for the AGC).
	const staffDay = staffReferenceDay(agrement, today);
	const checks = (await staffPosts.checksOn(db, agrement.structureId, staffDay)).filter((c) =>
		c.requirement.pending ? agrement.kind === 'animation_globale' : c.requirement.value!.agrementKind === agrement.kind
	);
	items.push(...staffItems(checks));
	if (agrement.kind === 'animation_globale') {
		const rule = parameterOn(params, 'agrement.volet_familles_obligatoire', agrement.startDate);
		const item = voletFamillesItem(rule ? { mandatory: rule.value === true, regime: rule.regime } : null, {
			type: structure.type,
			projetFamilles: structure.projet_familles
		});
		if (item) items.push(item);
	}
	if (agrement.kind === 'animation_locale') {
		const rule = evsManagementRuleOn(params, agrement.startDate);
		if (rule) items.push(evsManagementItem(checkEvsManagement(structure.management_mode, rule)));
		const check = await evsManagerCheck(db, agrement.structureId, agrement.startDate);
		if (check) items.push(evsManagerItem(check));
	}
	return { items, staffDay };
}
