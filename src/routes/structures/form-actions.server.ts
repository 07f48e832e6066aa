/** What the structure form actions share: the audit actor of the signed-in user, natural-key checks. */
import type { Kysely } from 'kysely';
import { can } from '$lib/domain/policy';
import type { Database } from '$lib/server/db/schema';
import type { AuditActor } from '$lib/server/db/audit';
import * as structures from '$lib/server/db/structures';
import type { FieldErrors } from './structure-form';

/** The audit actor of the request (the hooks guarantee a signed-in staff member on these routes). */
export function actorOf(locals: App.Locals): AuditActor {
	if (!locals.user) throw new Error('structure form reached without a signed-in user');
	return { userId: locals.user.id, label: locals.user.email };
}

/**
 * Whether the signed-in user may save the forms (CAF staff). Others may open the pages (reading
 * structures is open to every role) and are told so; the hooks refuse their POSTs anyway.
 */
export function canEdit(locals: App.Locals): boolean {
	return can(locals.user, 'structures', 'write');
}

/**
 * Field errors when the identifier, or the SIRET with the same establishment, already belongs to
 * another structure, else null. A SIRET shared with another establishment is allowed (multi-site).
 */
export async function keyErrors(
	db: Kysely<Database>,
	input: { externalId: string | null; siret: string | null; establishment: string | null },
	exceptId: number | null
): Promise<FieldErrors | null> {
	const taken = await structures.keyConflicts(db, input, exceptId);
	const errors: FieldErrors = {};
	if (taken.externalId) errors.identifiant = `L’identifiant « ${input.externalId} » est déjà celui de la structure « ${taken.externalId.name} ».`;
	if (taken.siret) {
		errors.etablissement = input.establishment
			? `Le SIRET « ${input.siret} » avec l’établissement « ${input.establishment} » est déjà celui de la structure « ${taken.siret.name} » : choisissez un autre suffixe.`
			: `Le SIRET « ${input.siret} » est déjà celui de la structure « ${taken.siret.name} » : un gestionnaire multi-sites distingue ses structures par un suffixe d’établissement (saisissez-en un ici, et un autre dans la fiche de « ${taken.siret.name} »).`;
	}
	return Object.keys(errors).length > 0 ? errors : null;
}
