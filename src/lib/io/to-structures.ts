/**
 * The registry of centres sociaux and EVS (CSV) → structures. Columns (any case or accents):
 *
 * `id;siret;etablissement;nom;type;code_commune;adresse;latitude;longitude;gestionnaire;gestionnaire_siren;
 *  mode_gestion;zone_competence;date_premier_agrement;agrement_debut;agrement_fin;projet_familles`
 *
 * - Required: `id` or `siret` (the natural key: `id` first, else `siret` + `etablissement`),
 *   `nom`, `type`, `code_commune`.
 * - `etablissement`: suffix or internal number (1–12 letters or digits) telling apart the
 *   structures of one SIRET (multi-site manager).
 * - `type`: `CS` or `centre social` (also `centre socioculturel`, `CSC`) → CS; `EVS` or
 *   `espace de vie sociale` → EVS.
 * - `mode_gestion`: `association`, `commune`, `CCAS/CIAS`, `intercommunalité` (`EPCI`),
 *   `gestion directe CAF` (`CAF`), `SPL`, `autre` (see MANAGEMENT_MODE_ALIASES).
 * - `zone_competence`: INSEE codes separated by `|`.
 * - dates `AAAA-MM-JJ` or `JJ/MM/AAAA`; `projet_familles` `oui`/`non`.
 * - `latitude`/`longitude` in WGS84 degrees, decimal comma accepted; when both are empty the
 *   commune's reference point is used and the location is flagged approximate.
 * - `agrement_debut`/`agrement_fin`: the current agrément: `animation_globale` for a CS (plus
 *   `animation_collective_familles` with the same dates when `projet_familles` is `oui`),
 *   `animation_locale` for an EVS.
 * A column absent from the file leaves the stored value unchanged; an empty cell clears it.
 * With a territory of work, structures of its départements and of its border band are kept
 * (those of the band are stored « hors territoire »); the others are set aside unchecked.
 */
import { mainAgrementKind } from '../domain/agrement-status';
import { checkSiren, checkSiret } from '../domain/siret';
import type { AgrementInput, ManagementMode, StructureInput, StructureType } from '../domain/structure';
import { cell, openCsv, type ColumnSpec } from './columns';
import { communeRefPoint, scopeOf, type ImportContext } from './context';
import type { CsvTable } from './csv';
import { readCommuneCode, readLatLon, splitCodeList } from './fields';
import { asWarnings, DuplicateKeys, hasErrors, issueError, issueWarning, nothingImported, type DomainResult, type ImportIssue } from './issues';
import { placeRecord } from './to-poles';
import { foldText, parseDate, parseYesNo } from './values';

type Field =
	| 'id'
	| 'siret'
	| 'etablissement'
	| 'nom'
	| 'type'
	| 'code_commune'
	| 'adresse'
	| 'latitude'
	| 'longitude'
	| 'gestionnaire'
	| 'gestionnaire_siren'
	| 'mode_gestion'
	| 'zone_competence'
	| 'date_premier_agrement'
	| 'agrement_debut'
	| 'agrement_fin'
	| 'projet_familles';

export const STRUCTURE_COLUMNS: readonly ColumnSpec<Field>[] = [
	{ field: 'id', names: ['id', 'identifiant', 'id_structure', 'code_structure'] },
	{ field: 'siret', names: ['siret', 'numero_siret'] },
	{ field: 'etablissement', names: ['etablissement', 'suffixe_etablissement', 'numero_etablissement', 'numero_interne'] },
	{ field: 'nom', names: ['nom', 'name', 'nom_structure', 'raison_sociale'], required: true },
	{ field: 'type', names: ['type', 'type_structure'], required: true },
	{ field: 'code_commune', names: ['code_commune', 'code_insee', 'insee', 'codgeo', 'insee_com'], required: true },
	{ field: 'adresse', names: ['adresse', 'address'] },
	{ field: 'latitude', names: ['latitude', 'lat'] },
	{ field: 'longitude', names: ['longitude', 'lon', 'lng', 'long'] },
	{ field: 'gestionnaire', names: ['gestionnaire', 'nom_gestionnaire', 'organisme_gestionnaire'] },
	{ field: 'gestionnaire_siren', names: ['gestionnaire_siren', 'siren_gestionnaire'] },
	{ field: 'mode_gestion', names: ['mode_gestion', 'mode_de_gestion'] },
	{ field: 'zone_competence', names: ['zone_competence', 'zone_de_competence'] },
	{ field: 'date_premier_agrement', names: ['date_premier_agrement', 'premier_agrement', 'date_1er_agrement'] },
	{ field: 'agrement_debut', names: ['agrement_debut', 'debut_agrement', 'date_debut_agrement'] },
	{ field: 'agrement_fin', names: ['agrement_fin', 'fin_agrement', 'date_fin_agrement'] },
	{ field: 'projet_familles', names: ['projet_familles', 'projet_famille', 'acf'] }
];

/** Accepted spellings of `type`, folded (lower case, no accents). */
export const STRUCTURE_TYPE_ALIASES: Record<string, StructureType> = {
	cs: 'CS',
	csc: 'CS',
	'centre social': 'CS',
	'centres sociaux': 'CS',
	'centre socioculturel': 'CS',
	'centre socio-culturel': 'CS',
	'centre social et culturel': 'CS',
	evs: 'EVS',
	'espace de vie sociale': 'EVS',
	'espaces de vie sociale': 'EVS'
};

/** Accepted spellings of `mode_gestion`, folded. */
export const MANAGEMENT_MODE_ALIASES: Record<string, ManagementMode> = {
	association: 'association',
	associatif: 'association',
	associative: 'association',
	'association loi 1901': 'association',
	commune: 'commune',
	communal: 'commune',
	municipal: 'commune',
	municipale: 'commune',
	mairie: 'commune',
	ville: 'commune',
	ccas: 'ccas_cias',
	cias: 'ccas_cias',
	'ccas/cias': 'ccas_cias',
	'ccas / cias': 'ccas_cias',
	ccas_cias: 'ccas_cias',
	intercommunalite: 'intercommunalite',
	intercommunal: 'intercommunalite',
	epci: 'intercommunalite',
	'communaute de communes': 'intercommunalite',
	"communaute d'agglomeration": 'intercommunalite',
	caf: 'caf_gestion_directe',
	'gestion directe': 'caf_gestion_directe',
	'gestion directe caf': 'caf_gestion_directe',
	'caf gestion directe': 'caf_gestion_directe',
	caf_gestion_directe: 'caf_gestion_directe',
	spl: 'spl',
	'societe publique locale': 'spl',
	autre: 'autre'
};

/** Structures of a CSV table, with every issue. */
export function structuresFromCsv(table: CsvTable, ctx: ImportContext): DomainResult<StructureInput> {
	const { issues, read, columns } = openCsv(table, STRUCTURE_COLUMNS);
	if (columns.index.id === undefined && columns.index.siret === undefined) {
		issues.push(issueError('csv-missing-column', { column: 'id' }, { accepted: 'id, siret' }));
	}
	if (hasErrors(issues.filter((i) => i.line === undefined))) return nothingImported(issues, read);
	const col = (f: Field) => columns.name[f] ?? f;

	const items: StructureInput[] = [];
	const seenId = new DuplicateKeys();
	const seenSiret = new DuplicateKeys();
	const scope = scopeOf(ctx);
	for (const record of table.records) {
		const line = record.line;
		const at = (f: Field) => ({ line, column: col(f) });
		const get = (f: Field) => cell(columns, record, f);
		const pre: ImportIssue[] = [];
		let point = readLatLon(get('latitude'), get('longitude'), { line }, { lat: col('latitude'), lon: col('longitude') }, pre);
		// Placed first: a structure outside the territory and its band is set aside unchecked.
		const { placement, departement } = placeRecord(scope, ctx, get('code_commune') || undefined, point);
		if (placement === 'outside' && scope.active) {
			issues.push(...asWarnings(pre));
			scope.setAside(departement);
			continue;
		}
		const own: ImportIssue[] = [...pre];

		const externalId = get('id') || null;
		let siret: string | null = null;
		const siretRaw = get('siret');
		if (siretRaw) {
			const checked = checkSiret(siretRaw);
			if (checked.status === 'bad-format') own.push(issueError('siret-invalid', at('siret'), { value: siretRaw }));
			else {
				if (checked.status === 'bad-checksum') own.push(issueWarning('siret-checksum', at('siret'), { value: checked.value }));
				siret = checked.value;
			}
		}
		if (!externalId && !siretRaw) own.push(issueError('structure-key-missing', at(columns.index.id !== undefined ? 'id' : 'siret')));
		if (externalId) seenId.check(externalId, line, own, at('id'));
		let establishment: string | null | undefined;
		const establishmentRaw = get('etablissement');
		if (establishmentRaw !== undefined) {
			establishment = establishmentRaw === '' ? null : establishmentRaw.toUpperCase();
			if (establishment !== null && !/^[A-Z0-9]{1,12}$/.test(establishment)) {
				own.push(issueError('establishment-invalid', at('etablissement'), { value: establishmentRaw }));
				establishment = undefined;
			}
		}
		// One SIRET may carry several structures (multi-site), told apart by their establishment.
		if (siret) {
			const key = establishment ? `${siret}.${establishment}` : siret;
			seenSiret.check(key, line, own, at(establishment ? 'etablissement' : 'siret'));
		}

		const name = get('nom') || null;
		if (!name) own.push(issueError('required-missing', at('nom')));

		const typeRaw = get('type') ?? '';
		const type = STRUCTURE_TYPE_ALIASES[foldText(typeRaw)] ?? null;
		if (!typeRaw) own.push(issueError('required-missing', at('type')));
		else if (!type) own.push(issueError('structure-type-unknown', at('type'), { value: typeRaw }));

		const codeRaw = get('code_commune') ?? '';
		const communeCode = codeRaw ? readCommuneCode(codeRaw, at('code_commune'), ctx.official, own) : null;
		if (!codeRaw) own.push(issueError('required-missing', at('code_commune')));

		let managementMode: ManagementMode | null | undefined;
		const modeRaw = get('mode_gestion');
		if (modeRaw !== undefined) {
			managementMode = modeRaw === '' ? null : (MANAGEMENT_MODE_ALIASES[foldText(modeRaw)] ?? undefined);
			if (managementMode === undefined) {
				own.push(issueError('management-mode-unknown', at('mode_gestion'), { value: modeRaw }));
			}
		}

		let managerSiren: string | null | undefined;
		const managerSirenRaw = get('gestionnaire_siren');
		if (managerSirenRaw !== undefined) {
			managerSiren = null;
			if (managerSirenRaw !== '') {
				const checked = checkSiren(managerSirenRaw);
				if (checked.status === 'bad-format') {
					own.push(issueError('siren-invalid', at('gestionnaire_siren'), { value: managerSirenRaw }));
				} else {
					if (checked.status === 'bad-checksum') {
						own.push(issueWarning('siren-checksum', at('gestionnaire_siren'), { value: checked.value }));
					}
					managerSiren = checked.value;
				}
			}
		}

		let zoneCommuneCodes: string[] | undefined;
		const zoneRaw = get('zone_competence');
		if (zoneRaw !== undefined) {
			zoneCommuneCodes = [];
			for (const raw of splitCodeList(zoneRaw)) {
				const code = readCommuneCode(raw, at('zone_competence'), ctx.official, own);
				if (code && !zoneCommuneCodes.includes(code)) zoneCommuneCodes.push(code);
			}
		}

		const date = (f: Field): string | null | undefined => {
			const raw = get(f);
			if (raw === undefined) return undefined;
			const parsed = parseDate(raw);
			if (parsed === undefined) {
				own.push(issueError('date-invalid', at(f), { value: raw }));
				return undefined;
			}
			return parsed;
		};
		const firstAgrementDate = date('date_premier_agrement');
		const start = date('agrement_debut');
		const end = date('agrement_fin');

		let projetFamilles: boolean | undefined;
		const familiesRaw = get('projet_familles');
		if (familiesRaw !== undefined) {
			const parsed = parseYesNo(familiesRaw);
			if (parsed === undefined) own.push(issueError('yes-no-invalid', at('projet_familles'), { value: familiesRaw }));
			projetFamilles = parsed ?? false;
		}

		const agrements: AgrementInput[] = [];
		if ((start && !end) || (!start && end)) {
			own.push(issueError('agrement-dates-incomplete', at(start ? 'agrement_fin' : 'agrement_debut')));
		} else if (start && end) {
			if (end <= start) own.push(issueError('agrement-dates-inverted', at('agrement_fin'), { start, end }));
			else if (type) {
				const isFirst = firstAgrementDate === start;
				agrements.push({ kind: mainAgrementKind(type), startDate: start, endDate: end, isFirst });
				if (type === 'CS' && projetFamilles) {
					agrements.push({ kind: 'animation_collective_familles', startDate: start, endDate: end, isFirst });
				}
			}
		}

		let locationApproximate = false;
		if (point === undefined && communeCode) {
			point = communeRefPoint(ctx, communeCode, at('code_commune'), own);
			locationApproximate = point !== undefined;
		}

		issues.push(...own);
		if (hasErrors(own) || !name || !type || !communeCode || !point) continue;
		scope.keep(placement, departement);
		const item: StructureInput = {
			externalId,
			siret,
			name,
			type,
			communeCode,
			lon: point[0],
			lat: point[1],
			locationApproximate,
			agrements
		};
		const address = get('adresse');
		if (address !== undefined) item.address = address || null;
		if (establishment !== undefined) item.establishment = establishment;
		const manager = get('gestionnaire');
		if (manager !== undefined) item.managerName = manager || null;
		if (managerSiren !== undefined) item.managerSiren = managerSiren;
		if (managementMode !== undefined) item.managementMode = managementMode;
		if (firstAgrementDate !== undefined) item.firstAgrementDate = firstAgrementDate;
		if (projetFamilles !== undefined) item.projetFamilles = projetFamilles;
		if (zoneCommuneCodes !== undefined) item.zoneCommuneCodes = zoneCommuneCodes;
		items.push(item);
	}
	return { items, issues, read, skipped: read - items.length };
}
