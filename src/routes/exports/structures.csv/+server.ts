import type { RequestHandler } from './$types';
import * as structures from '$lib/server/db/structures';
import { agrementStatusLabel } from '$lib/domain/agrement-status';
import { isoDateInParis } from '$lib/format';
import { agrementKindLabels, label, managementModeLabels, staffPostLabels, structureTypeLabels } from '$lib/ui/labels';
import { toCsv, type CsvCell } from '$lib/io/csv-writer';
import { downloadResponse } from '$lib/server/http/download';

const HEADERS = [
	'Identifiant',
	'SIRET',
	'Établissement',
	'Nom',
	'Type',
	'Type (libellé)',
	'Code INSEE de la commune',
	'Commune',
	'SIREN de l’EPCI',
	'EPCI',
	'Adresse',
	'Gestionnaire',
	'SIREN du gestionnaire',
	'Mode de gestion',
	'Date du premier agrément',
	'Agrément en cours : nature',
	'Agrément en cours : début',
	'Agrément en cours : fin',
	'Agrément en cours : statut',
	'Projet familles',
	'Adhérent à une fédération',
	'Postes vacants',
	'Communes de la zone de compétence',
	'Longitude',
	'Latitude',
	'Localisation approximative'
] as const;

/** The open structures as CSV (`;`, UTF-8 with BOM, French headers), for spreadsheets. */
export const GET: RequestHandler = async ({ locals }) => {
	const today = isoDateInParis(new Date());
	const rows = await structures.exportRows(locals.db, today);
	const body = toCsv(
		HEADERS,
		rows.map((s): CsvCell[] => [
			s.id,
			s.siret,
			s.establishment,
			s.name,
			s.type,
			structureTypeLabels[s.type],
			s.communeCode,
			s.communeName,
			s.epciSiren,
			s.epciName,
			s.address,
			s.managerName,
			s.managerSiren,
			s.managementMode ? label(managementModeLabels, s.managementMode) : null,
			s.firstAgrementDate,
			s.currentAgrement ? agrementKindLabels[s.currentAgrement.kind] : null,
			s.currentAgrement?.startDate,
			s.currentAgrement?.endDate,
			s.agrementStatus ? agrementStatusLabel(s.agrementStatus) : 'aucun agrément accordé',
			s.projetFamilles,
			s.federationMember,
			(s.vacantPosts ?? []).map((p) => label(staffPostLabels, p)).join(', '),
			s.zoneCommuneCount,
			s.lon,
			s.lat,
			s.locationApproximate
		])
	);
	return downloadResponse(body, `maillage-structures-${today}.csv`);
};
