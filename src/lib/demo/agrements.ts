/**
 * Agréments of the demo structures, at the stage each plan asks for relative to the reference
 * date (renewals over 4 years, first projects over 1 year, some ending within 6 months, one
 * expired and under renewal, one refusal, one shortened duration), and the CAF's assessment of
 * the 8 projet social and 4 projet familles criteria for several of them.
 * Also sets each structure's `firstAgrementDate`.
 */
import { randomInt, type Random } from '../domain/random';
import { addDays, dayInMonth, endOfMonth, firstOfMonth, yearOf } from './dates';
import type { StructurePlan } from './structures';
import type { AgrementKind, CriterionStatus, DemoAgrement, DemoAgrementCriterion } from './types';

/** Short French labels of the circular's 8 projet social criteria (index 0 = criterion 1). */
export const PROJET_SOCIAL_CRITERIA = [
	'Démarche participative',
	'Participation et gouvernance formalisées',
	'Pertinence des axes au regard du diagnostic',
	'Cohérence du plan d’action',
	'Faisabilité technique et financière',
	'Accessibilité et fonction accueil',
	'Actions adaptées (générations, mixité, familles, publics vulnérables)',
	'Qualification et temps plein du directeur'
] as const;

/** Short French labels of the 4 projet familles criteria. */
export const PROJET_FAMILLES_CRITERIA = [
	'Cohérence entre problématiques familiales et objectifs',
	'Démarche participative avec parents et enfants',
	'Articulation avec le projet social',
	'Référent familles qualifié (niveau 5) et au moins à mi-temps'
] as const;

const PARTIAL_COMMENTS: Record<'projet_social' | 'projet_familles', string[]> = {
	projet_social: [
		'Habitants associés tardivement à l’élaboration du projet.',
		'Instances de participation à formaliser (comité d’usagers prévu).',
		'Axes à relier plus explicitement au diagnostic partagé.',
		'Plan d’action peu priorisé.',
		'Budget prévisionnel fragile : dépendance à une subvention non pérennisée.',
		'Horaires d’accueil restreints en soirée et le samedi.',
		'Peu d’actions intergénérationnelles.',
		'Directeur en cours de qualification (diplôme de niveau 6 en préparation).'
	],
	projet_familles: [
		'Problématiques familiales peu étayées par le diagnostic.',
		'Parents peu associés à la conception des actions.',
		'Articulation avec le projet social à préciser.',
		'Référent familles sans diplôme de travail social de niveau 5.'
	]
};

/** The agrément of a commune-run EVS records the derogation the circular allows (deliberate, labelled demo case). */
export const COMMUNAL_EVS_DEROGATION =
	'Gestion communale admise par dérogation, à titre exceptionnel et provisoire : reprise par une association d’habitants à préparer.';

interface Period {
	start: string;
	end: string;
	isFirst: boolean;
	decision: DemoAgrement['decision'];
	decisionDate: string | null;
	durationException: string | null;
	comment: string | null;
}

function boardDate(random: Random, start: string): string {
	return dayInMonth(start, -randomInt(random, 1, 2), randomInt(random, 5, 25));
}

function accorded(random: Random, start: string, months: number, isFirst = false): Period {
	return {
		start,
		end: endOfMonth(start, months - 1),
		isFirst,
		decision: 'accorde',
		decisionDate: boardDate(random, start),
		durationException: null,
		comment: null
	};
}

/** A current period of `months` months ending `monthsLeft` months after the reference month. */
function endingIn(random: Random, ref: string, monthsLeft: number, months: number): Period {
	const end = endOfMonth(ref, monthsLeft);
	return accorded(random, firstOfMonth(end, -(months - 1)), months);
}

/** Past and current periods of one plan, oldest first. */
function periodsFor(random: Random, plan: StructurePlan, ref: string): Period[] {
	const previous = (current: Period, months = 48, isFirst = false) =>
		accorded(random, firstOfMonth(current.start, -months), months, isFirst);
	switch (plan.stage) {
		case 'renouvellement':
		case 'acf_refusee': {
			const current = endingIn(random, ref, plan.stage === 'acf_refusee' ? randomInt(random, 36, 44) : randomInt(random, 7, 40), 48);
			return [previous(current), current];
		}
		case 'fin_proche': {
			const current = endingIn(random, ref, randomInt(random, 1, 5), 48);
			return [previous(current), current];
		}
		case 'duree_reduite': {
			const current = endingIn(random, ref, randomInt(random, 8, 16), 24);
			current.durationException = 'Durée réduite à 2 ans : diagnostic partagé à consolider avant un projet de 4 ans.';
			return [previous(current), current];
		}
		case 'premier':
			return [accorded(random, firstOfMonth(ref, -randomInt(random, 2, 5)), 12, true)];
		case 'apres_premier': {
			const current = endingIn(random, ref, randomInt(random, 30, 44), 48);
			return [previous(current, 12, true), current];
		}
		case 'en_instruction': {
			const expired = accorded(random, firstOfMonth(endOfMonth(ref, -randomInt(random, 1, 2)), -47), 48);
			const start = addDays(expired.end, 1);
			const request: Period = {
				start,
				end: endOfMonth(start, 47),
				isFirst: false,
				decision: 'en_instruction',
				decisionDate: null,
				durationException: null,
				comment: 'Agrément échu : dossier de renouvellement déposé, en cours d’instruction.'
			};
			return [previous(expired), expired, request];
		}
	}
}

function firstAgrementDate(random: Random, plan: StructurePlan, earliest: Period): string {
	if (earliest.isFirst) return earliest.start;
	const lo = plan.structure.type === 'CS' ? 1978 : 2013;
	const hi = yearOf(earliest.start) - 1;
	if (hi < lo) return firstOfMonth(earliest.start, -12);
	return firstOfMonth(`${randomInt(random, lo, hi)}-01-01`, randomInt(random, 0, 11));
}

function kindsOf(plan: StructurePlan): AgrementKind[] {
	if (plan.structure.type === 'EVS') return ['animation_locale'];
	return plan.structure.projetFamilles || plan.stage === 'acf_refusee'
		? ['animation_globale', 'animation_collective_familles']
		: ['animation_globale'];
}

/** Criteria statuses imposed by a stage; the rest are drawn (mostly satisfied). */
function forcedStatus(
	plan: StructurePlan,
	framework: 'projet_social' | 'projet_familles',
	criterion: number
): CriterionStatus | null {
	if (plan.stage === 'en_instruction') return framework === 'projet_social' && criterion <= 4 ? null : 'non_evalue';
	if (plan.stage === 'acf_refusee' && framework === 'projet_familles') {
		return criterion === 4 ? 'insuffisant' : criterion === 2 ? 'partiel' : 'satisfait';
	}
	if (plan.stage === 'duree_reduite' && framework === 'projet_social' && (criterion === 3 || criterion === 5)) return 'partiel';
	if (plan.stage === 'premier' && framework === 'projet_social' && criterion === 2) return 'partiel';
	return null;
}

/** Every agrément and the criteria assessments; sets `firstAgrementDate` on each structure. */
export function generateAgrements(
	random: Random,
	plans: StructurePlan[],
	referenceDate: string
): { agrements: DemoAgrement[]; criteria: DemoAgrementCriterion[] } {
	const agrements: DemoAgrement[] = [];
	const criteria: DemoAgrementCriterion[] = [];
	plans.forEach((plan, index) => {
		const periods = periodsFor(random, plan, referenceDate);
		plan.structure.firstAgrementDate = firstAgrementDate(random, plan, periods[0]);
		const assessed = plan.stage !== 'renouvellement' || index % 3 === 0;
		const id = plan.structure.externalId;
		for (const kind of kindsOf(plan)) {
			periods.forEach((period, p) => {
				const isCurrent = p === periods.length - 1;
				const refused = kind === 'animation_collective_familles' && plan.stage === 'acf_refusee' && isCurrent;
				const agrement: DemoAgrement = {
					key: `${id}/${kind}/${period.start}`,
					structureId: id,
					kind,
					startDate: period.start,
					endDate: period.end,
					isFirst: period.isFirst,
					decision: refused ? 'refuse' : period.decision,
					decisionDate: period.decisionDate,
					durationException: period.durationException,
					comment: refused
						? 'Refus : référent familles sans qualification de niveau 5 (critère 4 du projet familles).'
						: plan.structure.type === 'EVS' && plan.structure.managementMode === 'commune'
							? [period.comment, COMMUNAL_EVS_DEROGATION].filter(Boolean).join(' ')
							: period.comment
				};
				agrements.push(agrement);
				if (!isCurrent || !assessed) return;
				const framework = kind === 'animation_collective_familles' ? 'projet_familles' : 'projet_social';
				const count = framework === 'projet_social' ? 8 : 4;
				for (let criterion = 1; criterion <= count; criterion++) {
					const draw = random();
					const status =
						forcedStatus(plan, framework, criterion) ?? (draw < 0.88 ? 'satisfait' : draw < 0.97 ? 'partiel' : 'insuffisant');
					criteria.push({
						agrementKey: agrement.key,
						framework,
						criterion,
						status,
						comment:
							status === 'partiel' || status === 'insuffisant' ? PARTIAL_COMMENTS[framework][criterion - 1] : null
					});
				}
			});
		}
	});
	return { agrements, criteria };
}
