/**
 * French labels of the codes stored in the database (one place for the wording).
 * `label(table, code)` falls back to the raw code so an unknown value is still shown, never hidden.
 */
import { AGREMENT_DECISION_LABELS, type AgrementStatus } from '../domain/agrement-status';
import { MANAGEMENT_MODE_LABELS } from '../domain/structure';

export const structureTypeLabels = {
	CS: 'Centre social',
	EVS: 'Espace de vie sociale'
} as const;

/** The structure types as a filter offers them (plural). */
export const structureTypeFilterOptions = [
	{ value: 'CS', label: 'Centres sociaux' },
	{ value: 'EVS', label: 'Espaces de vie sociale' }
];

export const agrementKindLabels = {
	animation_globale: 'Animation globale et coordination',
	animation_collective_familles: 'Animation collective familles',
	animation_locale: 'Animation locale'
} as const;

/** Short forms used in narrow table cells (with the full label in the glossary). */
export const agrementKindShort = {
	animation_globale: 'AGC',
	animation_collective_familles: 'ACF',
	animation_locale: 'AL'
} as const;

export const agrementDecisionLabels = AGREMENT_DECISION_LABELS;

export const managementModeLabels = MANAGEMENT_MODE_LABELS;

/** The status of an agrément at a date, as a filter or legend says it (no duration). */
export const agrementStatusKindLabels: Record<AgrementStatus['kind'], string> = {
	expire_bientot: 'Expire bientôt', en_cours: 'En cours', a_venir: 'À venir', echu_renouvellement: 'Échu, renouvellement en cours',
	expire: 'Expiré', en_instruction: 'En instruction', refuse: 'Refusé', retire: 'Retiré'
};

export const staffPostLabels = {
	directeur: 'Direction',
	referent_familles: 'Référent familles',
	autre: 'Autre poste'
} as const;

export const fundingStatusLabels = {
	verse: 'Versé',
	notifie: 'Notifié',
	previsionnel: 'Prévisionnel'
} as const;

/** The funding statuses, from the most to the least certain. */
export const FUNDING_STATUSES = ['verse', 'notifie', 'previsionnel'] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

export const partnerKindLabels = {
	caf: 'Caf',
	departement: 'Conseil départemental',
	commune: 'Commune',
	epci: 'Intercommunalité (EPCI)',
	msa: 'MSA',
	etat: 'État',
	region: 'Région',
	carsat: 'Carsat',
	federation: 'Fédération',
	autre: 'Autre'
} as const;

export const instrumentFamilyLabels = {
	prestation_service: 'Prestation de service',
	subvention: 'Subvention',
	poste: 'Financement de poste',
	investissement: 'Investissement',
	autre: 'Autre'
} as const;

export const commitmentKindLabels = {
	montant: 'Montant',
	structures_financees: 'Structures financées',
	creations_prioritaires: 'Créations en territoire prioritaire'
} as const;

export const committeeBodyLabels = {
	comite_pilotage: 'Comité de pilotage',
	comite_technique: 'Comité technique',
	conseil_administration_caf: "Conseil d'administration de la Caf",
	autre: 'Autre instance'
} as const;

export const territoryTypeLabels = {
	urbain: 'Urbain',
	rural: 'Rural',
	mixte: 'Mixte'
} as const;

/** The label of `code` in `table`, or the code itself when unknown; `—` for null. */
export function label<T extends Record<string, string>>(table: T, code: string | null | undefined): string {
	if (code === null || code === undefined || code === '') return '—';
	return (table as Record<string, string>)[code] ?? code;
}
