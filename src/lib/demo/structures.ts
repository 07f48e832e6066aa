/**
 * The demo's 25 structures: 12 centres sociaux, mostly in towns and QPV, and 13 espaces de vie
 * sociale, mostly rural. One CC is left with only an itinerant EVS, and rural EVS are spread out,
 * so gap analysis finds uncovered territories. Each structure comes with a `StructurePlan` telling
 * the later steps (agréments, staff, funding) which stage of its life cycle it illustrates.
 */
import { createRandom, pick, randomInt, type Random } from '../domain/random';
import { distanceKm, lerp, toLngLat, type Xy } from './geometry';
import { fictionalSiren, siretOf } from './identifiers';
import { deName } from './names';
import type { Territory } from './territory';
import type { Qpv } from './zones';
import type { DemoEpci, DemoStructure, ManagementMode, StructureType } from './types';

/** Where a structure stands in its agrément cycle at the reference date. */
export type AgrementStage =
	/** Current 4-year agrément, previous one before it. */
	| 'renouvellement'
	/** Current agrément ends within 6 months of the reference date. */
	| 'fin_proche'
	/** First project: 1-year agrément started a few months ago. */
	| 'premier'
	/** Current 4-year agrément right after a 1-year first one. */
	| 'apres_premier'
	/** Agrément expired; the renewal request is being examined. */
	| 'en_instruction'
	/** Animation globale renewed, animation collective familles refused. */
	| 'acf_refusee'
	/** Renewed for 2 years only (duration exception). */
	| 'duree_reduite';

export interface StructurePlan {
	structure: DemoStructure;
	communeIndex: number;
	xy: Xy;
	stage: AgrementStage;
	directorVacant: boolean;
	adultesRelaisPosts: number;
	fonjepPosts: number;
	/** Inhabitants of the zone de compétence (a share of the commune for a quartier). */
	zonePopulation: number;
}

interface Manager {
	name: string;
	siren: string;
	mode: ManagementMode;
	establishments: number;
}

interface Spec {
	type: StructureType;
	commune: number;
	name: string;
	stage: AgrementStage;
	manager: Manager;
	projetFamilles: boolean;
	qpv?: Qpv;
	/** Neighbouring communes added to the zone de compétence. */
	zoneExtra: number;
	/** How far from the commune's centroid towards a cell vertex (0–1). */
	offset: number;
	specificities?: string[];
	directorVacant?: boolean;
	adultesRelais?: number;
	fonjep?: number;
}

const STREETS = [
	'rue des Écoles', 'place de la Mairie', 'avenue de la Libération', 'rue du Port', 'allée des Tilleuls',
	'rue Jean-Jaurès', 'rue Victor-Hugo', 'chemin des Ajoncs', 'rue de la Gare', 'impasse des Mouettes',
	'place du Marché', 'rue des Genêts', 'rue de l’Église', 'route de la Côte', 'rue des Lavandières'
];
const EVS_NAMES = ['Espace de vie sociale', 'Le Lien', 'La Passerelle', 'Café des familles', 'Maison du village', 'Le Fil'];

/** Communes near `index` (itself excluded), nearest first, within two adjacency steps. */
function nearby(territory: Territory, index: number): number[] {
	const set = new Set<number>();
	for (const j of territory.adjacency[index]) {
		set.add(j);
		for (const k of territory.adjacency[j]) set.add(k);
	}
	set.delete(index);
	const origin = territory.refXy[index];
	return [...set].sort((a, b) => distanceKm(territory.refXy[a], origin) - distanceKm(territory.refXy[b], origin) || a - b);
}

/** Builds the structure plans for the territory. */
export function generateStructures(
	random: Random,
	territory: Territory,
	epcis: DemoEpci[],
	qpvs: Qpv[]
): StructurePlan[] {
	const communes = territory.communes;
	const taken = new Set<string>(epcis.map((e) => e.siren));
	const managers = new Map<string, Manager>();
	const manager = (key: string, name: string, mode: ManagementMode, prefix: string): Manager => {
		let m = managers.get(key);
		if (!m) {
			m = { name, siren: fictionalSiren(random, prefix, taken), mode, establishments: 0 };
			managers.set(key, m);
		}
		return m;
	};
	const association = (name: string) => manager(name, name, 'association', '99');
	// A manager added after the demo's first release draws its SIREN from its own stream, so the
	// positions and addresses drawn after it stay as they were.
	const ownStreamAssociation = (name: string, salt: number): Manager => {
		const m: Manager = { name, siren: fictionalSiren(createRandom(0x45565300 + salt), '99', taken), mode: 'association', establishments: 0 };
		managers.set(name, m);
		return m;
	};
	const cname = (i: number) => communes[i].name;
	const epciOf = (i: number) => epcis.find((e) => e.siren === communes[i].epciSiren)!;
	const intercommunal = (i: number): Manager => {
		const e = epciOf(i);
		const existing = managers.get(e.siren);
		if (existing) return existing;
		const m: Manager = { name: e.name, siren: e.siren, mode: 'intercommunalite', establishments: 0 };
		managers.set(e.siren, m);
		return m;
	};

	const pref = territory.prefecture;
	const [v1, v2, v3, v4] = territory.villes;
	const [b1, b2, b3] = territory.bourgs;
	const suburb = territory.adjacency[pref]
		.filter((i) => !territory.villes.includes(i) && !territory.bourgs.includes(i))
		.reduce((best, i) => (communes[i].population > communes[best].population ? i : best));
	const [q1, q2, q3] = qpvs;
	const ccName = (i: number) => epciOf(i).name.replace(/^CC /, '');

	const specs: Spec[] = [
		{ type: 'CS', commune: pref, qpv: q1, name: `Centre social ${q1.suffix}`, stage: 'renouvellement', manager: association(`Association du centre social ${q1.suffix}`), projetFamilles: true, zoneExtra: 0, offset: 0, adultesRelais: 2 },
		{ type: 'CS', commune: pref, qpv: q2, name: `Maison pour tous ${q2.suffix}`, stage: 'en_instruction', manager: association(`Association Maison pour tous ${q2.suffix}`), projetFamilles: true, zoneExtra: 0, offset: 0, adultesRelais: 1 },
		{ type: 'CS', commune: pref, name: `Centre social ${deName(cname(pref))} – Centre-ville`, stage: 'fin_proche', manager: manager('caf', 'Caisse d’allocations familiales (gestion directe)', 'caf_gestion_directe', '998'), projetFamilles: true, zoneExtra: 0, offset: 0.08 },
		{ type: 'CS', commune: suburb, name: `Centre socioculturel ${deName(cname(suburb))}`, stage: 'renouvellement', manager: manager(`ccas-${suburb}`, `CCAS ${deName(cname(suburb))}`, 'ccas_cias', `26${communes[suburb].code}`), projetFamilles: true, zoneExtra: 1, offset: 0.15, fonjep: 1 },
		{ type: 'CS', commune: v1, qpv: q3, name: `Centre social ${q3.suffix}`, stage: 'premier', manager: association(`Association Vivre ${q3.suffix}`), projetFamilles: true, zoneExtra: 0, offset: 0, adultesRelais: 1 },
		{ type: 'CS', commune: v1, name: `Maison des habitants ${deName(cname(v1))}`, stage: 'fin_proche', manager: association(`Association Maison des habitants ${deName(cname(v1))}`), projetFamilles: true, zoneExtra: 2, offset: 0.25 },
		{ type: 'CS', commune: v2, name: `Centre social municipal ${deName(cname(v2))}`, stage: 'acf_refusee', manager: manager(`commune-${v2}`, `Commune ${deName(cname(v2))}`, 'commune', `21${communes[v2].code}`), projetFamilles: false, zoneExtra: 2, offset: 0.12 },
		{ type: 'CS', commune: v3, name: `Centre social et culturel ${deName(cname(v3))}`, stage: 'duree_reduite', manager: association(`Association Centre social et culturel ${deName(cname(v3))}`), projetFamilles: true, zoneExtra: 2, offset: 0.15, fonjep: 1 },
		{ type: 'CS', commune: v4, name: `Centre social ${deName(cname(v4))}`, stage: 'renouvellement', manager: association(`Association Centre social ${deName(cname(v4))}`), projetFamilles: true, zoneExtra: 3, offset: 0.2 },
		{ type: 'CS', commune: b1, name: `Centre social intercommunal ${ccName(b1)}`, stage: 'fin_proche', manager: intercommunal(b1), projetFamilles: true, zoneExtra: 5, offset: 0.2 },
		{ type: 'CS', commune: b2, name: `Centre social rural ${deName(cname(b2))}`, stage: 'renouvellement', manager: association(`Familles rurales ${deName(cname(b2))}`), projetFamilles: true, zoneExtra: 4, offset: 0.2, directorVacant: true, fonjep: 1 },
		{ type: 'CS', commune: b3, name: `Espace socioculturel ${deName(cname(b3))}`, stage: 'renouvellement', manager: association(`Association Espace socioculturel ${deName(cname(b3))}`), projetFamilles: false, zoneExtra: 4, offset: 0.2 }
	];

	// The CC with the fewest centres sociaux keeps only an itinerant EVS: a deliberately thin area.
	const csPerEpci = new Map<string, number>(epcis.map((e) => [e.siren, 0]));
	for (const s of specs) csPerEpci.set(communes[s.commune].epciSiren, csPerEpci.get(communes[s.commune].epciSiren)! + 1);
	const thinEpci = epcis
		.slice(1)
		.reduce((best, e) => (csPerEpci.get(e.siren)! < csPerEpci.get(best.siren)! ? e : best)).siren;

	const usedCommunes = new Set(specs.map((s) => s.commune));
	const pointOf = (s: { commune: number }) => territory.refXy[s.commune];
	const placed: Xy[] = specs.map(pointOf);
	const isRural = (i: number) => !communes[i].urban && !territory.villes.includes(i) && i !== pref;
	const minDistance = (i: number) => Math.min(...placed.map((p) => distanceKm(p, territory.refXy[i])));
	const addEvs = (spec: Omit<Spec, 'type' | 'projetFamilles' | 'offset'> & { offset?: number }) => {
		specs.push({ type: 'EVS', projetFamilles: false, offset: 0.25, ...spec });
		usedCommunes.add(spec.commune);
		placed.push(territory.refXy[spec.commune]);
	};
	const evsName = (i: number) => `${pick(random, EVS_NAMES)} ${deName(cname(i))}`;

	// EVS in the préfecture, where a CS's action needs reinforcing: a different manager.
	addEvs({ commune: pref, name: `Espace de vie sociale Les Voisins ${q1.suffix}`, stage: 'renouvellement', manager: association(`Association Vivre ensemble ${deName(cname(pref))}`), zoneExtra: 0, offset: 0.35, fonjep: 1 });
	// An EVS run by the association of a nearby CS (outside any territory « à renforcer »).
	const near = (origin: number) =>
		nearby(territory, origin).filter((i) => isRural(i) && !usedCommunes.has(i)).at(-1) ?? nearby(territory, origin).at(-1)!;
	const e2 = near(b2);
	addEvs({ commune: e2, name: evsName(e2), stage: 'renouvellement', manager: specs[10].manager, zoneExtra: 1 });
	// Near the intercommunal centre social, an EVS run by a local association: the circular gives
	// an EVS to local associations, and the intercommunal body already runs the CS of this territory.
	const e3 = near(b1);
	const e3Name = evsName(e3);
	addEvs({ commune: e3, name: e3Name, stage: 'fin_proche', manager: ownStreamAssociation(`Association ${e3Name}`, e3), zoneExtra: 1 });
	// The itinerant EVS, in the thin CC, where it is furthest from everything.
	const itinerant = communes
		.map((_, i) => i)
		.filter((i) => communes[i].epciSiren === thinEpci && isRural(i) && communes[i].population >= 300)
		.reduce((best, i) => (minDistance(i) > minDistance(best) ? i : best));
	addEvs({ commune: itinerant, name: `La Roulotte des possibles`, stage: 'renouvellement', manager: association(`Association La Roulotte des possibles`), zoneExtra: 6, specificities: ['itinerant'] });

	// Nine rural EVS spread over the other EPCI, favouring the larger villages.
	const ruralStages: AgrementStage[] = ['renouvellement', 'fin_proche', 'renouvellement', 'apres_premier', 'renouvellement', 'renouvellement', 'renouvellement', 'renouvellement', 'premier'];
	for (const [k, stage] of ruralStages.entries()) {
		let best = -1;
		let bestScore = -Infinity;
		for (let i = 0; i < communes.length; i++) {
			if (!isRural(i) || usedCommunes.has(i) || communes[i].epciSiren === thinEpci) continue;
			if (communes[i].population < 250 || communes[i].population > 2600) continue;
			const d = minDistance(i);
			if (d < 7) continue;
			const score = Math.min(d, 14) * (communes[i].population / 1000) ** 0.3 * (0.85 + 0.3 * random());
			if (score > bestScore) {
				bestScore = score;
				best = i;
			}
		}
		if (best === -1) throw new Error('generateStructures: no commune left for a rural EVS');
		const mode: ManagementMode = k === 2 || k === 5 ? 'commune' : 'association';
		const name = evsName(best);
		addEvs({
			commune: best,
			name,
			stage,
			manager:
				mode === 'commune'
					? manager(`commune-${best}`, `Commune ${deName(cname(best))}`, 'commune', `21${communes[best].code}`)
					: association(`Association ${name}`),
			zoneExtra: randomInt(random, 0, 2)
		});
	}

	let csCount = 0;
	let evsCount = 0;
	return specs.map((spec) => {
		const number = spec.type === 'CS' ? ++csCount : ++evsCount;
		const commune = communes[spec.commune];
		const cell = territory.cells[spec.commune].slice(0, -1);
		const xy = spec.qpv
			? spec.qpv.xy
			: lerp(territory.refXy[spec.commune], cell[randomInt(random, 0, cell.length - 1)], spec.offset * (0.7 + 0.6 * random()));
		const zone = [spec.commune, ...nearby(territory, spec.commune).slice(0, spec.zoneExtra)];
		const zoneCodes = zone.map((i) => communes[i].code);
		const urbanCount = zone.filter((i) => communes[i].urban).length;
		const territoryType = urbanCount === zone.length ? 'urbain' : urbanCount === 0 ? 'rural' : 'mixte';
		const quartier = zone.length === 1 && commune.population > 15000;
		const zoneTotal = zone.reduce((sum, i) => sum + communes[i].population, 0);
		const zonePopulation = spec.qpv
			? Math.round(spec.qpv.population * (1.8 + 0.8 * random()))
			: quartier
				? Math.round(commune.population * (0.25 + 0.15 * random()))
				: zoneTotal;
		spec.manager.establishments += 1;
		const structure: DemoStructure = {
			externalId: `DEMO-${spec.type}-${String(number).padStart(2, '0')}`,
			siret: siretOf(spec.manager.siren, spec.manager.establishments),
			name: spec.name,
			type: spec.type,
			communeCode: commune.code,
			address: `${randomInt(random, 1, 48)} ${pick(random, STREETS)}`,
			point: toLngLat(territory.frame, xy),
			managerName: spec.manager.name,
			managerSiren: spec.manager.siren,
			managementMode: spec.manager.mode,
			firstAgrementDate: '',
			projetFamilles: spec.projetFamilles,
			federationMember: spec.manager.mode === 'association' && random() < (spec.type === 'CS' ? 0.8 : 0.35),
			territoryType,
			territorySize: quartier ? 'quartier' : zone.length === 1 ? 'commune' : 'plusieurs_communes',
			specificities: spec.specificities ?? [],
			zoneCommuneCodes: zoneCodes,
			qpvCode: spec.qpv?.code ?? null
		};
		return {
			structure,
			communeIndex: spec.commune,
			xy,
			stage: spec.stage,
			directorVacant: spec.directorVacant ?? false,
			adultesRelaisPosts: spec.adultesRelais ?? 0,
			fonjepPosts: spec.fonjep ?? 0,
			zonePopulation
		};
	});
}
