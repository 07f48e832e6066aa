/**
 * Loads what the checks of one agrément need (dated rules, staff posts, the structure) and builds
 * them (`$lib/pilotage/agrement-checks`): cadre de référence, duration, staff requirements, volet
 * familles, and for an EVS the distinct-manager rule of the « à renforcer » case.
 */
import type { Kysely } from 'kysely';
import { effectiveEnd } from '$lib/domain/agrement-status';
import { parameterOn } from '$lib/domain/dated-parameter';
import { cadreReferenceOn } from '$lib/pilotage/cadre';
import { checkDuration, durationRulesFromParameters } from '$lib/pilotage/agrement-rules';
import { cadreItem, durationItem, staffItems, voletFamillesItem, type AgrementCheckItem } from '$lib/pilotage/agrement-checks';
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

/** Every check of `agrement` (as the assessment page shows them). */
export async function agrementChecks(db: Kysely<Database>, agrement: AgrementDetail, today: string): Promise<{ items: AgrementCheckItem[]; staffDay: string }> {
	const [params, structure] = await Promise.all([
		referenceParameters.list(db, ['cadre_reference', 'agrement_duration_months.', 'agrement.volet_familles', 'staff_requirement.']),
		db.selectFrom('structure').select(['type', 'projet_familles']).where('id', '=', agrement.structureId).executeTakeFirstOrThrow()
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
	return { items, staffDay };
}
