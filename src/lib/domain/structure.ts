/**
 * Centres sociaux and espaces de vie sociale as the structures import produces them, with the
 * documented values of `type` and `mode_gestion`. Codes are English-free French terms of art
 * stored as is in the database (`structure.type`, `structure.management_mode`).
 */

export const STRUCTURE_TYPES = ['CS', 'EVS'] as const;
/** CS = centre social (agrément animation globale), EVS = espace de vie sociale (animation locale). */
export type StructureType = (typeof STRUCTURE_TYPES)[number];

export const STRUCTURE_TYPE_LABELS: Record<StructureType, string> = {
	CS: 'Centre social',
	EVS: 'Espace de vie sociale'
};

export const MANAGEMENT_MODES = [
	'association',
	'commune',
	'ccas_cias',
	'intercommunalite',
	'caf_gestion_directe',
	'spl',
	'autre'
] as const;
/** How a structure is run (column `structure.management_mode`). */
export type ManagementMode = (typeof MANAGEMENT_MODES)[number];

export const MANAGEMENT_MODE_LABELS: Record<ManagementMode, string> = {
	association: 'Association',
	commune: 'Commune',
	ccas_cias: 'CCAS / CIAS',
	intercommunalite: 'Intercommunalité',
	caf_gestion_directe: 'Gestion directe Caf',
	spl: 'Société publique locale',
	autre: 'Autre'
};

export type AgrementKind = 'animation_globale' | 'animation_collective_familles' | 'animation_locale';

/** An agrément period read from a registry file (dates `YYYY-MM-DD`). */
export interface AgrementInput {
	kind: AgrementKind;
	startDate: string;
	endDate: string;
	/** True when this period starts on the date of the first agrément. */
	isFirst: boolean;
}

/**
 * Optional fields a registry file may or may not carry. A field is `undefined` when its column
 * is absent from the file (the stored value is then kept), `null` when the cell is empty.
 */
export interface StructureOptionalFields {
	address?: string | null;
	managerName?: string | null;
	/** SIREN of the manager: the rule « EVS in a territory à renforcer » compares it with the CS's. */
	managerSiren?: string | null;
	managementMode?: ManagementMode | null;
	firstAgrementDate?: string | null;
	projetFamilles?: boolean;
	/** INSEE codes of the zone de compétence; undefined when the column is absent. */
	zoneCommuneCodes?: string[];
}

/** A structure ready to be stored. Natural key: `externalId` (column `id`) or else `siret`. */
export interface StructureInput extends StructureOptionalFields {
	externalId: string | null;
	siret: string | null;
	/** Establishment suffix (structures of one SIRET); undefined when the file has no such column. */
	establishment?: string | null;
	name: string;
	type: StructureType;
	communeCode: string;
	lon: number;
	lat: number;
	/** True when the file gave no coordinates and the commune's reference point was used. */
	locationApproximate: boolean;
	/** Agrément periods given by the file (none when its agrément columns are empty). */
	agrements: AgrementInput[];
}
