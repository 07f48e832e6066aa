/**
 * The structure create/edit form: its fields as typed, and their validation with the rules of the
 * structures import (`$lib/io/to-structures`): `id` or SIRET required, SIRET and SIREN with a
 * valid key, type CS/EVS, management mode from the documented list, an INSEE code of a commune
 * the database knows, coordinates in France (else the commune's reference point, approximate),
 * dates `AAAA-MM-JJ` or `JJ/MM/AAAA`, zone de compétence of known communes. One French message
 * per field. Pure: the known communes are passed in.
 */
import { isInFrance } from '$lib/domain/france-bounds';
import { normalizeCommuneCode } from '$lib/domain/insee';
import { checkSiren, checkSiret } from '$lib/domain/siret';
import { MANAGEMENT_MODES, STRUCTURE_TYPES } from '$lib/domain/structure';
import { formatIssue } from '$lib/io/messages-fr';
import type { ImportIssue } from '$lib/io/issues';
import { splitCodeList } from '$lib/io/fields';
import { parseDate, parseDecimal } from '$lib/io/values';
import type { StructureEdit } from '$lib/server/db/structures';

/** The form's fields, as text (what the user typed, kept on errors). */
export interface StructureFormValues {
	nom: string;
	type: string;
	identifiant: string;
	siret: string;
	etablissement: string;
	code_commune: string;
	adresse: string;
	latitude: string;
	longitude: string;
	gestionnaire: string;
	gestionnaire_siren: string;
	mode_gestion: string;
	date_premier_agrement: string;
	projet_familles: boolean;
	zone_competence: string;
}

export type StructureField = keyof StructureFormValues;
export type FieldErrors = Partial<Record<StructureField, string>>;

export const EMPTY_FORM: StructureFormValues = {
	nom: '',
	type: '',
	identifiant: '',
	siret: '',
	etablissement: '',
	code_commune: '',
	adresse: '',
	latitude: '',
	longitude: '',
	gestionnaire: '',
	gestionnaire_siren: '',
	mode_gestion: '',
	date_premier_agrement: '',
	projet_familles: false,
	zone_competence: ''
};

const TEXT_FIELDS = Object.keys(EMPTY_FORM).filter((k) => k !== 'projet_familles') as Exclude<StructureField, 'projet_familles'>[];

/** The values posted by the form (missing fields are empty). */
export function readStructureForm(form: FormData): StructureFormValues {
	const values = { ...EMPTY_FORM };
	for (const field of TEXT_FIELDS) values[field] = String(form.get(field) ?? '').trim();
	values.projet_familles = form.get('projet_familles') === 'on';
	return values;
}

/** The form values of a stored structure (an approximate location shows as empty coordinates). */
export function formValuesOf(s: StructureEdit): StructureFormValues {
	const coordinate = (v: number) => (s.locationApproximate ? '' : String(v));
	return {
		nom: s.name,
		type: s.type,
		identifiant: s.externalId ?? '',
		siret: s.siret ?? '',
		etablissement: s.establishment ?? '',
		code_commune: s.communeCode,
		adresse: s.address ?? '',
		latitude: coordinate(s.lat),
		longitude: coordinate(s.lon),
		gestionnaire: s.managerName ?? '',
		gestionnaire_siren: s.managerSiren ?? '',
		mode_gestion: s.managementMode ?? '',
		date_premier_agrement: s.firstAgrementDate ?? '',
		projet_familles: s.projetFamilles,
		zone_competence: s.zoneCommuneCodes.join(' | ')
	};
}

/** A commune the database knows: name and reference point (WGS84 degrees). */
export interface KnownCommune {
	name: string;
	refLon: number;
	refLat: number;
}

/** The INSEE codes the form refers to (commune and zone, as typed and normalised), to look up before validating. */
export function referencedCodes(values: StructureFormValues): string[] {
	return [values.code_commune, ...splitCodeList(values.zone_competence)].flatMap((raw) => {
		const typed = raw.trim().toUpperCase();
		const normalised = normalizeCommuneCode(raw)?.code;
		return normalised && normalised !== typed ? [typed, normalised] : [typed];
	});
}

/**
 * The stored commune a typed code designates: the code itself when the database has it (the
 * fictional demo département uses codes like `00298`), else its normalised form (`1001` → `01001`).
 */
function resolveCommune(raw: string, communes: ReadonlyMap<string, KnownCommune>): { code: string | null; known: boolean } {
	const typed = raw.trim().toUpperCase();
	if (communes.has(typed)) return { code: typed, known: true };
	const normalised = normalizeCommuneCode(raw);
	if (!normalised) return { code: null, known: false };
	return { code: normalised.code, known: communes.has(normalised.code) };
}

/** An io issue's sentence without its location (the field shows where). */
function message(code: ImportIssue['code'], params?: ImportIssue['params']): string {
	return formatIssue({ severity: 'error', code, params });
}

const MAX_TEXT = 300;

/** An establishment suffix or internal number (the database checks the same rule). */
export const ESTABLISHMENT = /^[A-Z0-9]{1,12}$/;

export type ValidationResult = { ok: true; input: StructureEdit } | { ok: false; errors: FieldErrors };

/** Checks the form against the import's rules; `communes` are the known communes of `referencedCodes`. */
export function validateStructureForm(values: StructureFormValues, communes: ReadonlyMap<string, KnownCommune>): ValidationResult {
	const errors: FieldErrors = {};
	const text = (field: Exclude<StructureField, 'projet_familles'>) => {
		const v = values[field];
		if (v.length > MAX_TEXT) errors[field] = `Texte trop long : ${MAX_TEXT} caractères au plus.`;
		return v === '' ? null : v;
	};

	const name = text('nom');
	if (!name) errors.nom = 'Le nom est obligatoire.';

	const type = (STRUCTURE_TYPES as readonly string[]).includes(values.type) ? (values.type as StructureEdit['type']) : null;
	if (!values.type) errors.type = 'Choisissez le type : centre social ou espace de vie sociale.';
	else if (!type) errors.type = message('structure-type-unknown', { value: values.type });

	const externalId = text('identifiant');
	let siret: string | null = null;
	if (values.siret) {
		const checked = checkSiret(values.siret);
		if (checked.status === 'bad-format') errors.siret = message('siret-invalid', { value: values.siret });
		else if (checked.status === 'bad-checksum')
			errors.siret = `Le SIRET « ${checked.value} » a une clé de contrôle fausse (faute de frappe ?) : vérifiez-le sur l’annuaire des entreprises.`;
		else siret = checked.value;
	}
	if (!externalId && !values.siret) errors.identifiant = message('structure-key-missing');
	const establishment = values.etablissement === '' ? null : values.etablissement.toUpperCase();
	if (establishment !== null) {
		if (!ESTABLISHMENT.test(establishment)) errors.etablissement = 'Suffixe d’établissement attendu : 1 à 12 lettres (sans accent) ou chiffres, par exemple « 02 » ou « B ».';
		else if (!values.siret) errors.etablissement = 'Un suffixe d’établissement complète un SIRET : saisissez d’abord le SIRET.';
	}

	let communeCode: string | null = null;
	let commune: KnownCommune | undefined;
	if (!values.code_commune) errors.code_commune = 'Le code INSEE de la commune est obligatoire.';
	else {
		const resolved = resolveCommune(values.code_commune, communes);
		if (!resolved.code) errors.code_commune = message('insee-invalid', { value: values.code_commune });
		else {
			communeCode = resolved.code;
			commune = communes.get(communeCode);
			if (!commune) errors.code_commune = `Aucune commune de code « ${communeCode} » n’est chargée : vérifiez le code, ou importez d’abord les communes.`;
		}
	}

	// Coordinates: both or none; none → the commune's reference point, flagged approximate.
	let point: [number, number] | null = null;
	let approximate = false;
	const latBlank = values.latitude === '';
	const lonBlank = values.longitude === '';
	if (latBlank !== lonBlank) {
		errors[latBlank ? 'latitude' : 'longitude'] = message('coordinates-incomplete');
	} else if (!latBlank) {
		const lat = parseDecimal(values.latitude);
		const lon = parseDecimal(values.longitude);
		if (lat === null || lat === undefined) errors.latitude = message('coordinates-invalid', { value: values.latitude });
		if (lon === null || lon === undefined) errors.longitude = message('coordinates-invalid', { value: values.longitude });
		if (typeof lat === 'number' && typeof lon === 'number') {
			if (isInFrance(lon, lat)) point = [lon, lat];
			else errors.latitude = message(isInFrance(lat, lon) ? 'coordinates-swapped' : 'coordinates-outside-france', { lat, lon });
		}
	} else if (commune) {
		point = [commune.refLon, commune.refLat];
		approximate = true;
	}

	const managerName = text('gestionnaire');
	let managerSiren: string | null = null;
	if (values.gestionnaire_siren) {
		const checked = checkSiren(values.gestionnaire_siren);
		if (checked.status === 'bad-format') errors.gestionnaire_siren = message('siren-invalid', { value: values.gestionnaire_siren });
		else if (checked.status === 'bad-checksum')
			errors.gestionnaire_siren = `Le SIREN « ${checked.value} » a une clé de contrôle fausse (faute de frappe ?).`;
		else managerSiren = checked.value;
	}

	let managementMode: string | null = null;
	if (values.mode_gestion) {
		if ((MANAGEMENT_MODES as readonly string[]).includes(values.mode_gestion)) managementMode = values.mode_gestion;
		else errors.mode_gestion = message('management-mode-unknown', { value: values.mode_gestion });
	}

	let firstAgrementDate: string | null = null;
	if (values.date_premier_agrement) {
		const parsed = parseDate(values.date_premier_agrement);
		if (!parsed) errors.date_premier_agrement = message('date-invalid', { value: values.date_premier_agrement });
		else firstAgrementDate = parsed;
	}

	if (values.projet_familles && type === 'EVS') {
		errors.projet_familles = 'Le projet familles (animation collective familles) ne concerne que les centres sociaux.';
	}

	const zone: string[] = [];
	const invalid: string[] = [];
	const unknown: string[] = [];
	for (const raw of splitCodeList(values.zone_competence)) {
		const resolved = resolveCommune(raw, communes);
		if (!resolved.code) invalid.push(raw);
		else if (!resolved.known) unknown.push(resolved.code);
		else if (!zone.includes(resolved.code)) zone.push(resolved.code);
	}
	if (invalid.length > 0) errors.zone_competence = `Codes INSEE invalides : ${invalid.map((c) => `« ${c} »`).join(', ')}.`;
	else if (unknown.length > 0) errors.zone_competence = `Communes non chargées : ${unknown.join(', ')}. Vérifiez les codes.`;

	if (Object.keys(errors).length > 0 || !name || !type || !communeCode || !point) return { ok: false, errors };
	return {
		ok: true,
		input: {
			externalId,
			siret,
			establishment,
			name,
			type,
			communeCode,
			address: text('adresse'),
			lon: point[0],
			lat: point[1],
			locationApproximate: approximate,
			managerName,
			managerSiren,
			managementMode,
			firstAgrementDate,
			projetFamilles: values.projet_familles,
			zoneCommuneCodes: zone
		}
	};
}
