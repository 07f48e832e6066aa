/**
 * The official list of communes and EPCI (COG), built from the data files of
 * `@etalab/decoupage-administratif` (passed in: this module reads no file). It answers what the
 * import needs: is this code a current commune, or one absorbed by a merger (commune déléguée,
 * associée, or an old code), or a municipal arrondissement; its département, EPCI, population.
 */

/** A record of `data/communes.json` (only the fields used). */
export interface RawOfficialCommune {
	code: string;
	nom: string;
	type: string; // commune-actuelle | commune-deleguee | commune-associee | arrondissement-municipal
	departement?: string;
	population?: number;
	/** For déléguée/associée: the commune it belongs to. */
	chefLieu?: string;
	/** For an arrondissement municipal: its commune (Paris, Lyon, Marseille). */
	commune?: string;
	/** For a current commune: codes of communes merged into it without becoming déléguées. */
	anciensCodes?: string[];
	/** INSEE's TNCC: which article the name carries and how « de » joins it (0 « de », 2 « du »…). */
	typeLiaison?: number;
}

/** A record of `data/epci.json` (only the fields used). */
export interface RawOfficialEpci {
	code: string;
	nom: string;
	type: string; // CC | CA | CU | METRO
	membres: { code: string }[];
}

export interface OfficialCommune {
	code: string;
	name: string;
	departementCode: string;
	population: number | null;
	epciSiren: string | null;
	/** INSEE's TNCC (article and « de »), null when unknown. */
	liaison?: number | null;
}

export interface OfficialEpci {
	siren: string;
	name: string;
	nature: string;
	memberCodes: readonly string[];
}

/** What the official list says about a code. */
export type CommuneResolution =
	| { status: 'current'; commune: OfficialCommune }
	/** Merged into `absorbedBy` since (déléguée, associée or old code); `name` is its own name. */
	| { status: 'merged'; name: string | null; absorbedBy: OfficialCommune }
	/** A municipal arrondissement of Paris, Lyon or Marseille. */
	| { status: 'arrondissement'; name: string; population: number | null; commune: OfficialCommune }
	| { status: 'unknown' };

export interface OfficialGeography {
	/** The COG vintage of the list, e.g. 2026. */
	readonly cogYear: number;
	/** The vintage of the legal populations it carries. */
	readonly populationYear: number;
	resolve(code: string): CommuneResolution;
	epci(siren: string): OfficialEpci | null;
}

/**
 * Builds the lookup once (≈ 37,000 communes, 1,250 EPCI; a few tens of ms).
 * `cogYear`/`populationYear` describe the package version (6.x: COG 2026, populations 2023).
 */
export function buildOfficialGeography(
	raw: { communes: readonly RawOfficialCommune[]; epci: readonly RawOfficialEpci[] },
	vintage: { cogYear: number; populationYear: number }
): OfficialGeography {
	const epciByCommune = new Map<string, string>();
	const epcis = new Map<string, OfficialEpci>();
	for (const e of raw.epci) {
		const memberCodes = e.membres.map((m) => m.code);
		epcis.set(e.code, { siren: e.code, name: e.nom, nature: e.type, memberCodes });
		for (const code of memberCodes) epciByCommune.set(code, e.code);
	}

	const current = new Map<string, OfficialCommune>();
	for (const c of raw.communes) {
		if (c.type !== 'commune-actuelle') continue;
		current.set(c.code, {
			code: c.code,
			name: c.nom,
			departementCode: c.departement ?? (c.code.startsWith('97') ? c.code.slice(0, 3) : c.code.slice(0, 2)),
			population: typeof c.population === 'number' ? c.population : null,
			epciSiren: epciByCommune.get(c.code) ?? null,
			...(typeof c.typeLiaison === 'number' ? { liaison: c.typeLiaison } : {})
		});
	}

	const resolutions = new Map<string, CommuneResolution>();
	for (const commune of current.values()) resolutions.set(commune.code, { status: 'current', commune });
	for (const c of raw.communes) {
		if (resolutions.has(c.code)) continue; // a current commune wins over its own déléguée
		if ((c.type === 'commune-deleguee' || c.type === 'commune-associee') && c.chefLieu) {
			const absorbedBy = current.get(c.chefLieu);
			if (absorbedBy) resolutions.set(c.code, { status: 'merged', name: c.nom, absorbedBy });
		} else if (c.type === 'arrondissement-municipal' && c.commune) {
			const commune = current.get(c.commune);
			if (commune) {
				resolutions.set(c.code, {
					status: 'arrondissement',
					name: c.nom,
					population: typeof c.population === 'number' ? c.population : null,
					commune
				});
			}
		}
	}
	for (const c of raw.communes) {
		if (c.type !== 'commune-actuelle' || !c.anciensCodes) continue;
		const absorbedBy = current.get(c.code)!;
		for (const old of c.anciensCodes) {
			if (!resolutions.has(old)) resolutions.set(old, { status: 'merged', name: null, absorbedBy });
		}
	}

	const unknown: CommuneResolution = { status: 'unknown' };
	return {
		cogYear: vintage.cogYear,
		populationYear: vintage.populationYear,
		resolve: (code) => resolutions.get(code) ?? unknown,
		epci: (siren) => epcis.get(siren) ?? null
	};
}
