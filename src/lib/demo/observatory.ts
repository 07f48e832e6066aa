/**
 * The observatory data of the demo structures (issue 15): four years (N−3 … N) of every section
 * SENACS asks — people reached by age band, activities by domain and public, partners and
 * conventions, governance and participation, volunteers and hours, contracts and collective
 * agreement, charges and produits consistent with the funding lines, the answer to SENACS — and a
 * multi-site manager (one SIRET, two establishments). Self-contained: it reads what the other
 * steps generated and changes none of it but the multi-site pair's SIRET and establishments.
 *
 * Deliberate anomalies (the checks have something to find, and they are named in the README):
 * in N−1 one structure did not answer SENACS, one declares implausible volunteer hours, one has
 * more people in its age bands than in its total; the current year N is not surveyed yet.
 */
import { pick, randomInt, type Random } from '../domain/random';
import { emptyYearValues, type StructureYearData, type YearValues } from '../observatory/year-fields';
import { yearOf } from './dates';
import type { StructurePlan } from './structures';
import type { DemoFundingLine, DemoInstrument, DemoParticipationCount, DemoPartner, DemoStaffPost, DemoStructureYear } from './types';

export interface DemoObservatoryYear {
	structureId: string;
	data: StructureYearData;
}

export interface DemoObservatory {
	years: DemoObservatoryYear[];
	/** Participation counts of the years `generateParticipation` did not cover. */
	participation: DemoParticipationCount[];
	/** The multi-site manager: structures sharing one SIRET, told apart by an establishment suffix. */
	establishments: { structureId: string; siret: string; establishment: string }[];
	anomalies: { nonRespondent: string; implausibleHours: string; ageBandsOverTotal: string };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Splits `total` in parts proportional to `weights`, summing exactly to `total` (whole numbers). */
function split(total: number, weights: readonly number[]): number[] {
	const sum = weights.reduce((s, w) => s + w, 0);
	const parts = weights.map((w) => Math.floor((total * w) / sum));
	parts[parts.indexOf(Math.max(...parts))] += total - parts.reduce((s, p) => s + p, 0);
	return parts;
}

/** The ETP of the posts a structure holds at some point of `year` (an upper bound of the posts' ETP-year). */
function postsEtp(posts: readonly DemoStaffPost[], structureId: string, year: number): number {
	return posts
		.filter((p) => p.structureId === structureId && (p.startDate === null || p.startDate <= `${year}-12-31`) && (p.endDate === null || p.endDate >= `${year}-01-01`))
		.reduce((s, p) => s + p.etp, 0);
}

/** Operating funding of a structure-year: notified or paid lines, investment aid excluded. */
function operatingFunding(lines: readonly DemoFundingLine[], instruments: readonly DemoInstrument[], structureId: string, year: number): number {
	const investment = new Set(instruments.filter((i) => i.family === 'investissement').map((i) => i.code));
	return lines
		.filter((l) => l.structureId === structureId && l.year === year && l.status !== 'previsionnel' && !investment.has(l.instrumentCode))
		.reduce((s, l) => s + Math.round(l.amount * 100), 0) / 100;
}

const CS_DOMAINS = ['enfance', 'jeunesse', 'familles_parentalite', 'accompagnement_scolarite', 'acces_aux_droits', 'numerique', 'insertion', 'culture', 'seniors', 'lien_social'];
const EVS_DOMAINS = ['lien_social', 'familles_parentalite', 'culture', 'numerique', 'seniors', 'sport'];
const PUBLIC_OF: Record<string, string[]> = {
	enfance: ['enfants', 'petite_enfance'],
	jeunesse: ['adolescents', 'jeunes_adultes'],
	familles_parentalite: ['familles'],
	accompagnement_scolarite: ['enfants', 'adolescents'],
	acces_aux_droits: ['adultes', 'tous_publics'],
	numerique: ['adultes', 'seniors'],
	insertion: ['jeunes_adultes', 'adultes'],
	culture: ['tous_publics'],
	seniors: ['seniors'],
	lien_social: ['tous_publics', 'seniors'],
	sport: ['tous_publics', 'adolescents']
};

/**
 * The demo's observatory data. `years` are N−3 … N; the base figures of `structureYears` (staff,
 * volunteers, zone, axes) are kept where they exist, and the budget follows the funding lines.
 */
export function generateObservatory(
	random: Random,
	input: {
		plans: readonly StructurePlan[];
		structureYears: readonly DemoStructureYear[];
		participation: readonly DemoParticipationCount[];
		staffPosts: readonly DemoStaffPost[];
		fundingLines: readonly DemoFundingLine[];
		instruments: readonly DemoInstrument[];
		partners: readonly DemoPartner[];
		years: readonly number[];
		referenceDate: string;
	}
): DemoObservatory {
	const { plans, years } = input;
	const referenceYear = yearOf(input.referenceDate);
	const lastClosed = referenceYear - 1;
	const cs = plans.filter((p) => p.structure.type === 'CS');
	// The anomalies fall on structures agreed since before the last closed year.
	const seasoned = (type: 'CS' | 'EVS') => plans.filter((p) => p.structure.type === type && yearOf(p.structure.firstAgrementDate) < lastClosed);
	const anomalies = {
		nonRespondent: seasoned('EVS').at(-1)!.structure.externalId,
		implausibleHours: seasoned('CS')[2].structure.externalId,
		ageBandsOverTotal: seasoned('EVS')[1].structure.externalId
	};
	const out: DemoObservatoryYear[] = [];
	const participation: DemoParticipationCount[] = [];
	for (const plan of plans) {
		const s = plan.structure;
		const isCs = s.type === 'CS';
		const first = yearOf(s.firstAgrementDate);
		// Stable traits of the structure, drifting a little from year to year.
		const scale = isCs ? 900 + 1600 * random() : 120 + 380 * random();
		const domains = isCs ? CS_DOMAINS.slice(0, randomInt(random, 6, 9)) : EVS_DOMAINS.slice(0, randomInt(random, 2, 4));
		const publicShares = [0.1, 0.2, 0.15, 0.08, 0.32, 0.15].map((w) => w * (0.7 + 0.6 * random()));
		// Associations apply ALISFA (a few ÉCLAT); public managers employ agents of the public service.
		const agreement = s.managementMode === 'association' ? (random() < 0.85 ? 'alisfa' : 'eclat') : 'fonction_publique';
		for (const year of years) {
			if (year < first) continue;
			const drift = 0.94 + 0.12 * random();
			const base = input.structureYears.find((y) => y.structureId === s.externalId && y.year === year);
			const people = Math.round(scale * drift);
			const ages = split(people, publicShares);
			const volunteersActivity = base?.volunteersActivity ?? Math.round(isCs ? 30 + 90 * random() : 10 + 30 * random());
			const volunteersGovernance = base?.volunteersGovernance ?? Math.round(isCs ? 8 + 12 * random() : 5 + 7 * random());
			const tracked = postsEtp(input.staffPosts, s.externalId, year);
			const staffEtp = round2(Math.max(base?.staffEtp ?? (isCs ? 8 + 17 * random() : 2.5 * random()), tracked + (isCs ? 2 : 0.3)));
			// Contracts: adultes-relais and FONJEP posts of the plan, the rest CDI, CDD and contrats aidés.
			const special = [['adulte_relais', plan.adultesRelaisPosts], ['fonjep', plan.fonjepPosts]] as const;
			const specialHeads = special.reduce((sum, [, n]) => sum + n, 0);
			const headcount = Math.max(base?.staffHeadcount ?? Math.ceil(staffEtp * 1.4), Math.ceil(staffEtp), specialHeads + 1);
			const [cdi, cdd, aided] = split(Math.max(0, headcount - specialHeads), [0.68, 0.22, isCs ? 0.1 : 0.02]);
			const all: [string, number][] = [['cdi', cdi], ['cdd', cdd], ['contrat_aide', aided], ['adulte_relais', plan.adultesRelaisPosts], ['fonjep', plan.fonjepPosts]];
			const heads = all.filter(([, n]) => n > 0);
			const etpShares = heads.map(([, n]) => round2((n * staffEtp) / headcount));
			etpShares[0] = round2(staffEtp - etpShares.slice(1).reduce((a, b) => a + b, 0));
			const funding = operatingFunding(input.fundingLines, input.instruments, s.externalId, year);
			const budget = base?.budgetTotal ?? (isCs ? 420_000 + 460_000 * random() : 30_000 + 88_000 * random());
			const users = Math.round(budget * (0.04 + 0.05 * random()));
			const produits = round2(Math.max(budget * (1 + 0.02 * random()), funding + users + 500));
			const charges = round2(produits * (1 - (-0.04 + 0.07 * random())));
			const answered = year > lastClosed ? null : !(year === lastClosed && s.externalId === anomalies.nonRespondent);
			const hoursPer = s.externalId === anomalies.implausibleHours && year === lastClosed ? 2_400 : 40 + 70 * random();
			const values: YearValues = {
				...emptyYearValues(),
				reponse_senacs: answered,
				date_reponse_senacs: answered ? `${year + 1}-0${randomInt(random, 3, 5)}-${String(randomInt(random, 1, 28)).padStart(2, '0')}` : null,
				population_zone: base?.zonePopulation ?? plan.zonePopulation,
				axes_projet: base?.projectAxes ?? input.structureYears.find((y) => y.structureId === s.externalId)?.projectAxes ?? [],
				personnes_touchees: people,
				familles_touchees: Math.round(people * (0.35 + 0.1 * random())),
				usagers: Math.round(people * (0.55 + 0.15 * random())),
				adherents: Math.round(people * (0.25 + 0.1 * random())),
				personnes_0_5: ages[0],
				personnes_6_11: ages[1],
				personnes_12_17: ages[2],
				personnes_18_25: ages[3],
				personnes_26_59: ages[4],
				personnes_60_plus: s.externalId === anomalies.ageBandsOverTotal && year === lastClosed ? ages[5] + 40 : ages[5],
				instance_habitants: isCs ? randomInt(random, 6, 12) : randomInt(random, 3, 7),
				instance_usagers: isCs ? randomInt(random, 2, 5) : randomInt(random, 1, 3),
				instance_partenaires: isCs ? randomInt(random, 2, 5) : randomInt(random, 0, 2),
				reunions_instance: isCs ? randomInt(random, 6, 11) : randomInt(random, 3, 6),
				benevoles_activite: volunteersActivity,
				benevoles_gouvernance: volunteersGovernance,
				heures_benevolat: Math.round((volunteersActivity + volunteersGovernance) * hoursPer),
				salaries: headcount,
				etp: staffEtp,
				convention_collective: agreement,
				associations_hebergees: isCs ? randomInt(random, 5, 18) : randomInt(random, 1, 6),
				charges_total: charges,
				produits_total: produits,
				produits_usagers: users,
				contributions_nature: Math.round((volunteersActivity + volunteersGovernance) * hoursPer * 11.88)
			};
			// Participation: the activity step's counts where it made them, else new ones (stored in participation_count).
			let levels = input.participation.filter((p) => p.structureId === s.externalId && p.year === year);
			if (levels.length === 0) {
				const counts = [people * 0.8, people * 0.08, people * 0.12, people * 0.03, people * 0.012].map((v) => Math.max(1, Math.round(v * (0.9 + 0.2 * random()))));
				levels = counts.map((count, i) => ({ structureId: s.externalId, year, level: (i + 1) as DemoParticipationCount['level'], count }));
				participation.push(...levels);
			}
			for (const l of levels) values[`participation_${l.level}`] = l.count;
			const partnerRows: StructureYearData['partners'] = [
				{ partnerKind: 'commune', partners: randomInt(random, 1, 3), conventions: randomInt(random, 1, 2) },
				{ partnerKind: 'caf', partners: 1, conventions: 1 },
				{ partnerKind: 'associations', partners: randomInt(random, 3, isCs ? 15 : 6), conventions: randomInt(random, 0, 3) },
				...(isCs
					? [
							{ partnerKind: 'departement', partners: 1, conventions: random() < 0.7 ? 1 : 0 },
							{ partnerKind: 'epci', partners: 1, conventions: random() < 0.5 ? 1 : 0 },
							{ partnerKind: 'etablissements_scolaires', partners: randomInt(random, 1, 5), conventions: randomInt(random, 0, 2) }
						]
					: []),
				...(s.qpvCode ? [{ partnerKind: 'bailleurs_sociaux', partners: randomInt(random, 1, 2), conventions: 1 }] : [])
			];
			const activities = domains.map((domain) => ({
				domain,
				public: pick(random, PUBLIC_OF[domain]),
				actions: randomInt(random, 1, isCs ? 12 : 4),
				participants: Math.round(people * (0.05 + 0.2 * random()))
			}));
			// One row per domain and public: the picks may repeat a pair, keep the first.
			const seen = new Set<string>();
			out.push({
				structureId: s.externalId,
				data: {
					year,
					values,
					activities: activities.filter((a) => !seen.has(`${a.domain}|${a.public}`) && seen.add(`${a.domain}|${a.public}`)),
					partners: partnerRows,
					contracts: heads.map(([contractType, headcountOf], i) => ({ contractType, headcount: headcountOf, etp: etpShares[i] }))
				}
			});
		}
	}
	// The multi-site manager: the rural centre social and the EVS its association runs share one SIRET.
	const rural = cs.find((p) => p.structure.managementMode === 'association' && plans.some((o) => o !== p && o.structure.type === 'EVS' && o.structure.managerSiren === p.structure.managerSiren));
	const establishments: DemoObservatory['establishments'] = [];
	if (rural) {
		const sites = plans.filter((p) => p.structure.managerSiren === rural.structure.managerSiren);
		sites.forEach((p, i) => establishments.push({ structureId: p.structure.externalId, siret: rural.structure.siret, establishment: String(i + 1).padStart(2, '0') }));
	}
	return { years: out, participation, establishments, anomalies };
}
