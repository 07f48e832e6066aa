/**
 * Staff posts, participation counts and the yearly observatory figures of the demo structures.
 * Exactly one director post is vacant at the reference date.
 */
import { pick, randomInt, shuffle, type Random } from '../domain/random';
import { addDays, endOfMonth, firstOfMonth, yearOf } from './dates';
import type { StructurePlan } from './structures';
import type { DemoParticipationCount, DemoStaffPost, DemoStructureYear } from './types';

const PROJECT_AXES = [
	'Accueil et accès aux droits',
	'Soutien à la parentalité',
	'Lien social et lutte contre l’isolement',
	'Jeunesse et citoyenneté',
	'Vieillissement et solidarités intergénérationnelles',
	'Mobilité et accès aux services',
	'Transition écologique et cadre de vie',
	'Inclusion numérique',
	'Pouvoir d’agir des habitants'
];

/**
 * Director and référent familles posts for CS, an optional coordinator for EVS, each held from the
 * later of the first agrément and 1 January eight years before the reference year. Every post
 * meets the dated staff requirements (level 6 full-time director, level 5 référent familles at
 * least half time) except the deliberate, labelled case of the refused ACF (`staffDeviations`).
 */
export function generateStaffPosts(random: Random, plans: StructurePlan[], referenceDate: string): DemoStaffPost[] {
	const posts: DemoStaffPost[] = [];
	let pastVacancyDone = false;
	const earliest = `${yearOf(referenceDate) - 8}-01-01`;
	const none = { vacantFrom: null, vacantUntil: null, endDate: null, holder: null };
	for (const plan of plans) {
		const id = plan.structure.externalId;
		const since = plan.structure.firstAgrementDate > earliest ? plan.structure.firstAgrementDate : earliest;
		if (plan.structure.type === 'CS') {
			posts.push({
				structureId: id,
				kind: 'directeur',
				etp: 1,
				qualificationLevel: random() < 0.7 ? 6 : 7,
				...none,
				vacantFrom: plan.directorVacant ? firstOfMonth(referenceDate, -3) : null,
				startDate: since
			});
			if (plan.structure.projetFamilles) {
				// One change of holder: a référent familles left 14 months ago; the post stayed vacant 3 months.
				const pastVacancy: boolean = !pastVacancyDone && plan.structure.qpvCode !== null;
				pastVacancyDone ||= pastVacancy;
				const etp = pick(random, [0.5, 0.6, 0.8, 1, 1]);
				const qualificationLevel = random() < 0.65 ? 5 : 6;
				if (pastVacancy) {
					const vacantFrom = firstOfMonth(referenceDate, -14);
					posts.push({ structureId: id, kind: 'referent_familles', etp, qualificationLevel: 5, ...none, startDate: since, endDate: addDays(vacantFrom, -1) });
					posts.push({ structureId: id, kind: 'referent_familles', etp, qualificationLevel, ...none, startDate: vacantFrom, vacantFrom, vacantUntil: endOfMonth(referenceDate, -11) });
				} else posts.push({ structureId: id, kind: 'referent_familles', etp, qualificationLevel, ...none, startDate: since });
			} else if (plan.stage === 'acf_refusee') {
				// The post whose insufficient qualification led to the refusal (labelled deviation).
				posts.push({ structureId: id, kind: 'referent_familles', etp: 0.5, qualificationLevel: 4, ...none, startDate: since });
			}
		} else if (random() < 0.7) {
			posts.push({
				structureId: id,
				kind: 'autre',
				etp: Math.round((0.3 + 0.7 * random()) * 10) / 10,
				qualificationLevel: random() < 0.3 ? null : pick(random, [4, 5]),
				...none,
				startDate: since
			});
		}
	}
	return posts;
}

/** Participation counts at the 5 levels, for each structure and year it existed. */
export function generateParticipation(random: Random, plans: StructurePlan[], years: number[]): DemoParticipationCount[] {
	const out: DemoParticipationCount[] = [];
	for (const plan of plans) {
		const scale = plan.structure.type === 'CS' ? 1 : 0.2;
		const base = [
			1200 + 1500 * random(),
			60 + 140 * random(),
			80 + 220 * random(),
			20 + 60 * random(),
			8 + 22 * random()
		].map((v) => v * scale);
		for (const year of years) {
			if (year < Number(plan.structure.firstAgrementDate.slice(0, 4))) continue;
			const drift = 0.92 + 0.16 * random();
			base.forEach((value, l) =>
				out.push({
					structureId: plan.structure.externalId,
					year,
					level: (l + 1) as DemoParticipationCount['level'],
					count: Math.max(1, Math.round(value * drift))
				})
			);
		}
	}
	return out;
}

/** Observatory figures per structure and year: staff, volunteers, zone population, budget. */
export function generateStructureYears(random: Random, plans: StructurePlan[], years: number[]): DemoStructureYear[] {
	const out: DemoStructureYear[] = [];
	for (const plan of plans) {
		const cs = plan.structure.type === 'CS';
		const etp = cs ? 8 + 17 * random() : 2.5 * random();
		const budget = cs ? 420000 + 460000 * random() : 30000 + 88000 * random();
		const axes = shuffle(random, PROJECT_AXES).slice(0, randomInt(random, 3, 4));
		for (const year of years) {
			if (year < Number(plan.structure.firstAgrementDate.slice(0, 4))) continue;
			const drift = 0.97 + 0.07 * random();
			const staffEtp = Math.round(etp * drift * 10) / 10;
			out.push({
				structureId: plan.structure.externalId,
				year,
				staffHeadcount: cs ? Math.round(staffEtp * (1.4 + 0.6 * random())) : Math.ceil(staffEtp * 1.5),
				staffEtp,
				volunteersActivity: Math.round(cs ? 30 + 90 * random() : 10 + 30 * random()),
				volunteersGovernance: Math.round(cs ? 8 + 12 * random() : 5 + 7 * random()),
				zonePopulation: plan.zonePopulation,
				budgetTotal: Math.round(budget * drift),
				projectAxes: axes
			});
		}
	}
	return out;
}
