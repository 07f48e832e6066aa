/**
 * The circular n°2012-013's third EVS case: in a territory where a centre social's action needs
 * reinforcing (« à renforcer »), a new EVS must have a **manager distinct** from the centre
 * social's. Managers are compared by SIREN when both are known, else by name (case, accents,
 * punctuation and legal-form words ignored); with neither, the check cannot conclude.
 *
 * `checkEvsManager` takes the territory as the coverage engine classified it (without the EVS
 * itself), the centres sociaux to reinforce there, and the EVS's manager (null when a scenario or
 * a recommended site does not say who would run it). Pure.
 */
import type { PointId } from './types';

/** Who runs a structure. */
export interface ManagerIdentity {
	name: string | null;
	/** 9 digits, or null when unknown. */
	siren: string | null;
}

/** A centre social whose action the territory reinforces, with its manager. */
export interface ReinforcedCentre {
	id: PointId;
	name: string;
	manager: ManagerIdentity;
}

/**
 * `non_applicable`: the territory is not « à renforcer »; `distinct`: the managers differ;
 * `meme_gestionnaire`: the EVS shares its manager with a centre social to reinforce;
 * `gestionnaire_a_preciser`: the EVS's manager is not given; `indetermine`: managers known too
 * little to compare.
 */
export type EvsManagerStatus = 'non_applicable' | 'distinct' | 'meme_gestionnaire' | 'gestionnaire_a_preciser' | 'indetermine';

export interface EvsManagerCheck {
	status: EvsManagerStatus;
	/** The communes of the EVS's territory classed « à renforcer » (codes). */
	communes: string[];
	/** The centres sociaux to reinforce there. */
	centres: ReinforcedCentre[];
	/** Of those, the ones sharing the EVS's manager. */
	shared: ReinforcedCentre[];
}

const LEGAL_WORDS = /\b(association|asso|assoc|commune|ville|de|du|des|la|le|les|l|d|et)\b/g;

/** A manager's name reduced for comparison: lower case, no accents or punctuation, no legal-form or linking words. */
export function normalizeManagerName(name: string): string {
	return name
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.replace(LEGAL_WORDS, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Whether two managers are the same: by SIREN when both are known, else by name; null when it cannot be told. */
export function sameManager(a: ManagerIdentity, b: ManagerIdentity): boolean | null {
	const sa = a.siren?.replace(/\s/g, '') || null;
	const sb = b.siren?.replace(/\s/g, '') || null;
	if (sa && sb) return sa === sb;
	const na = a.name ? normalizeManagerName(a.name) : '';
	const nb = b.name ? normalizeManagerName(b.name) : '';
	if (na && nb) return na === nb;
	return null;
}

/**
 * The distinct-manager check of an EVS whose territory (its commune and zone de compétence) is
 * `territory`: each commune with the engine's `reinforce` flag and the centres sociaux to
 * reinforce there (`reinforcedCsIds`).
 */
export function checkEvsManager(
	territory: readonly { code: string; reinforce: boolean | null; reinforcedCsIds: readonly PointId[] }[],
	manager: ManagerIdentity | null,
	centreOf: (id: PointId) => ReinforcedCentre | undefined
): EvsManagerCheck {
	const flagged = territory.filter((c) => c.reinforce === true && c.reinforcedCsIds.length > 0);
	const ids = [...new Set(flagged.flatMap((c) => c.reinforcedCsIds.map(String)))];
	const centres = flagged
		.flatMap((c) => c.reinforcedCsIds)
		.filter((id, i, all) => all.findIndex((x) => String(x) === String(id)) === i)
		.map((id) => centreOf(id))
		.filter((c): c is ReinforcedCentre => c !== undefined);
	const communes = flagged.map((c) => c.code);
	if (ids.length === 0) return { status: 'non_applicable', communes, centres, shared: [] };
	if (!manager || (!manager.name?.trim() && !manager.siren?.trim())) return { status: 'gestionnaire_a_preciser', communes, centres, shared: [] };
	const verdicts = centres.map((c) => ({ c, same: sameManager(manager, c.manager) }));
	const shared = verdicts.filter((v) => v.same === true).map((v) => v.c);
	if (shared.length > 0) return { status: 'meme_gestionnaire', communes, centres, shared };
	if (verdicts.some((v) => v.same === null)) return { status: 'indetermine', communes, centres, shared: [] };
	return { status: 'distinct', communes, centres, shared: [] };
}

const managerText = (m: ManagerIdentity) => (m.name ? `${m.name}${m.siren ? `, SIREN ${m.siren}` : ''}` : m.siren ? `SIREN ${m.siren}` : 'gestionnaire non renseigné');
const centreList = (centres: readonly ReinforcedCentre[]) => centres.map((c) => `${c.name} (${managerText(c.manager)})`).join(', ');

/** The French sentence of a check. */
export function evsManagerText(check: EvsManagerCheck): string {
	switch (check.status) {
		case 'non_applicable':
			return 'Territoire non classé « à renforcer » : la règle du gestionnaire distinct ne s’applique pas.';
		case 'distinct':
			return `Territoire à renforcer : gestionnaire distinct de celui du centre social (${centreList(check.centres)}).`;
		case 'meme_gestionnaire':
			return `Territoire à renforcer : l’EVS a le même gestionnaire que ${centreList(check.shared)} ; la circulaire exige un gestionnaire distinct de celui du centre social.`;
		case 'gestionnaire_a_preciser':
			return `Territoire à renforcer : gestionnaire à préciser — il devra être distinct de celui du centre social (${centreList(check.centres)}).`;
		case 'indetermine':
			return `Territoire à renforcer : gestionnaires insuffisamment renseignés pour vérifier qu’ils sont distincts (${centreList(check.centres)}).`;
	}
}
