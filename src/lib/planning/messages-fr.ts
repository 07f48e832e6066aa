/**
 * The French wording of the planning feature, in one place: invalid changes, changes that could
 * not be applied, change descriptions, request issues, and the sentences explaining a proposed
 * site. Numbers use the French format (narrow no-break space between thousands).
 */
import type { CoverageCategory } from '../analysis/category';
import { checkEvsManager, evsManagerText, type ReinforcedCentre } from '../analysis/evs-manager';
import type { PointId } from '../analysis/types';
import type { IgnoredReason } from './apply';
import type { ChangeIssue, ScenarioChange } from './changes';
import type { RecommendedSite } from './recommend';
import type { RequestIssue } from './request';

const integer = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const NNBSP = '\u202f';
const tidy = (text: string) => text.replace(/[\u0020\u00a0\u202f]/g, NNBSP);

/** « 12 340 » */
export function formatInt(value: number): string {
	return tidy(integer.format(Math.round(value)));
}

const fixed = new Map<number, Intl.NumberFormat>();
function decimals(digits: number): Intl.NumberFormat {
	let f = fixed.get(digits);
	if (!f) fixed.set(digits, (f = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
	return f;
}

/** « +1 250 », « −310 », « 0 »; with `digits`, « +0,02 » (that many decimals). */
export function formatSigned(value: number, digits = 0): string {
	const rounded = Number(value.toFixed(digits));
	const abs = tidy(decimals(digits).format(Math.abs(rounded)));
	return rounded > 0 ? `+${abs}` : rounded < 0 ? `−${abs}` : abs;
}

/** A share in [0, 1] as a percentage with one decimal: « 74,0 % »; null → « — ». */
export function formatShare(value: number | null): string {
	return value === null ? '—' : `${tidy(decimals(1).format(value * 100))}${NNBSP}%`;
}

function plural(n: number, one: string, many: string): string {
	return `${formatInt(n)} ${Math.abs(n) >= 2 ? many : one}`;
}

/** French labels of the coverage categories, singular and plural. */
export const CATEGORY_LABELS: Record<CoverageCategory, { one: string; many: string }> = {
	depourvue_isolee: { one: 'dépourvue et isolée', many: 'dépourvues et isolées' },
	depourvue: { one: 'dépourvue', many: 'dépourvues' },
	isolee: { one: 'isolée (couverte)', many: 'isolées (couvertes)' },
	a_renforcer: { one: 'à renforcer', many: 'à renforcer' },
	couverte: { one: 'couverte', many: 'couvertes' }
};

/** An invalid change, as a sentence. */
export function changeIssueText(issue: ChangeIssue): string {
	const where = issue.index === null ? 'Liste des modifications' : `Modification n° ${issue.index + 1}`;
	const v = issue.params.value !== undefined ? ` « ${issue.params.value} »` : '';
	const what: Record<ChangeIssue['code'], string> = {
		not_a_list: 'une liste de modifications est attendue.',
		too_many: `au plus ${issue.params.max} modifications par scénario (${issue.params.count} reçues).`,
		not_an_object: 'modification illisible.',
		unknown_kind: `nature de modification inconnue${v}.`,
		invalid_type: `type de structure inconnu${v} : CS ou EVS attendu.`,
		invalid_point: 'position invalide (longitude entre −180 et 180, latitude entre −90 et 90, en degrés).',
		invalid_key: `identifiant de structure envisagée invalide${v}.`,
		duplicate_key: `identifiant de structure envisagée en double${v}.`,
		invalid_name: `nom manquant ou trop long (${issue.params.max ?? 200} caractères au plus).`,
		invalid_structure_id: `structure non désignée${v}.`,
		invalid_commune_code: `code de commune invalide${v}.`,
		invalid_zone: `zone de compétence invalide : une liste de codes de communes est attendue (${issue.params.max ?? 1000} au plus).`,
		invalid_manager: `gestionnaire invalide${v} : un nom de ${issue.params.max ?? 200} caractères au plus et un SIREN de 9 chiffres.`
	};
	return `${where} : ${what[issue.code]}`;
}

/** Why a saved change no longer applies. */
export function ignoredText(reason: IgnoredReason, target: string, name?: string | null): string {
	const who = name ? `« ${name} »` : `n° ${target}`;
	switch (reason) {
		case 'unknown_structure':
			return `La structure ${who} n’existe plus dans les données : cette modification est ignorée.`;
		case 'closed_structure':
			return `La structure ${who} est fermée par une modification précédente : cette modification est ignorée.`;
		case 'key_collision':
			return `L’identifiant ${target} est déjà pris : cette structure envisagée est ignorée.`;
	}
}

const TYPE_NAMES = { CS: 'centre social', EVS: 'EVS' } as const;

/**
 * One change, described for the change list: « Ajout d’un EVS — Brissac », « Fermeture de
 * Centre social des Tilleuls ».
 *
 * @param structureName name of an existing structure by id (else its number is shown)
 * @param communeName name of a commune by INSEE code
 */
export function describeChange(
	change: ScenarioChange,
	structureName: (id: string) => string | null | undefined = () => null,
	communeName: (code: string) => string | null | undefined = () => null
): string {
	const named = (id: string) => structureName(id) ?? `structure n° ${id}`;
	const inCommune = (code: string | null) => {
		const name = code ? communeName(code) : null;
		return name ? ` (${name})` : '';
	};
	switch (change.kind) {
		case 'add':
			return `Ajout : ${change.name}${inCommune(change.communeCode)}${change.zoneCommunes?.length ? `, zone de ${plural(change.zoneCommunes.length, 'commune', 'communes')}` : ''}`;
		case 'move':
			return `Déplacement de ${named(change.structureId)}${inCommune(change.communeCode)}`;
		case 'close':
			return `Fermeture de ${named(change.structureId)}`;
		case 'retype':
			return `${named(change.structureId)} devient ${change.type === 'CS' ? 'un centre social' : 'un espace de vie sociale'}`;
		case 'zone':
			return change.zoneCommunes.length > 0
				? `Zone de compétence de ${named(change.structureId)} : ${plural(change.zoneCommunes.length, 'commune', 'communes')}`
				: `Zone de compétence de ${named(change.structureId)} supprimée`;
	}
}

/** A request issue, as a sentence. */
export function requestIssueText(issue: RequestIssue): string {
	const v = issue.params.value !== undefined ? ` « ${issue.params.value} »` : '';
	switch (issue.field) {
		case 'type':
			return issue.code === 'required' ? 'Choisissez le type de structure (EVS ou CS).' : `Type de structure inconnu${v} : EVS ou CS attendu.`;
		case 'k':
			if (issue.code === 'required') return 'Indiquez un nombre de sites ou une part de population à couvrir.';
			if (issue.code === 'out_of_range') return `Le nombre de sites doit être compris entre ${issue.params.min} et ${issue.params.max}.`;
			return `Nombre de sites invalide${v} : un entier est attendu.`;
		case 'targetShare':
			if (issue.code === 'exclusive') return 'Indiquez soit un nombre de sites, soit une part de population à couvrir, pas les deux.';
			if (issue.code === 'out_of_range') return 'La part de population à couvrir doit être comprise entre 0 et 100 %.';
			return `Part de population invalide${v} : un pourcentage est attendu (par exemple 95).`;
		case 'only':
			return `Restriction inconnue${v} : « depourvue » ou « isolee » attendu.`;
		case 'weight':
			return issue.code === 'exclusive'
				? 'La pondération (besoins, ou population des QPV et ZFRR) ne s’applique qu’au choix d’un nombre de sites.'
				: `Pondération inconnue${v} : « population », « need » (besoins) ou « priority » (population des QPV et ZFRR) attendu.`;
		case 'epci':
			return `EPCI invalide${v} : un numéro SIREN à 9 chiffres est attendu.`;
	}
}

/**
 * Why a site is proposed, in a few sentences: what it newly covers, the categories of those
 * communes, the QPVs it would reach, and what it alone brings.
 */
export function explainSite(site: RecommendedSite, type: 'CS' | 'EVS', centreOf: (id: PointId) => ReinforcedCentre | undefined = () => undefined): string[] {
	const lines: string[] = [];
	// The distinct-manager rule, whatever the site brings: who may not run an EVS here.
	const managerLine =
		site.reinforcedCsIds.length > 0
			? evsManagerText(checkEvsManager([{ code: site.communeCode ?? site.code, reinforce: true, reinforcedCsIds: site.reinforcedCsIds }], null, centreOf))
			: null;
	if (site.communes.length === 0) {
		lines.push(`Un ${TYPE_NAMES[type]} ici ne couvrirait aucune commune de plus que les sites mieux classés.`);
		if (managerLine) lines.push(managerLine);
		return lines;
	}
	const families = site.newlyCoveredFamilies !== null ? `, ${plural(site.newlyCoveredFamilies, 'famille', 'familles')}` : '';
	lines.push(
		`Un ${TYPE_NAMES[type]} à ${site.name} couvrirait ${plural(site.communes.length, 'commune', 'communes')} non couverte${site.communes.length >= 2 ? 's' : ''} aujourd’hui : ${plural(site.newlyCoveredPopulation, 'habitant', 'habitants')}${families}.`
	);
	const parts = (Object.entries(site.categories) as [CoverageCategory, { communes: number; population: number }][])
		.filter(([, v]) => v.communes > 0)
		.map(([k, v]) => `${formatInt(v.communes)} ${v.communes >= 2 ? CATEGORY_LABELS[k].many : CATEGORY_LABELS[k].one} (${plural(v.population, 'habitant', 'habitants')})`);
	if (parts.length > 0) lines.push(`Situation de ces communes aujourd’hui : ${parts.join(', ')}.`);
	if (site.qpvs.length > 0) lines.push(`Il atteindrait ${site.qpvs.length >= 2 ? 'les quartiers prioritaires' : 'le quartier prioritaire'} ${site.qpvs.join(', ')}.`);
	if (site.exclusivePopulation < site.reachablePopulation) {
		lines.push(`${plural(site.exclusivePopulation, 'habitant', 'habitants')} ne seraient couverts que par ce site ; les autres le seraient aussi par un autre site proposé.`);
	}
	if (managerLine) lines.push(managerLine);
	return lines;
}
