/**
 * Steering of the demo policy: the accord-cadre (partners' yearly commitments, one partner below
 * its commitment), the schéma directeur (orientations → objectives → indicators with baselines
 * and targets, some computed by the app, some entered by hand) and a few committee decisions.
 */
import { randomInt, type Random } from '../domain/random';
import { dayInMonth } from './dates';
import { distanceKm } from './geometry';
import type { StructurePlan } from './structures';
import type { Territory } from './territory';
import type {
	DemoAccordCadre,
	DemoAgrement,
	DemoCommitment,
	DemoCommitteeDecision,
	DemoFundingLine,
	DemoPartner,
	DemoSchemaDirecteur,
	DemoStaffPost,
	DemoStructureYear
} from './types';

/** The partner whose payments stay below its commitment (to exercise the follow-up view). */
export const UNDER_COMMITTED_PARTNER = 'CD';

/** Commitments follow what partners actually fund, the Département's stay above it. */
export function generateAccordCadre(
	random: Random,
	partners: DemoPartner[],
	lines: DemoFundingLine[],
	years: number[],
	priorityEpciSiren: string,
	referenceYear: number
): DemoAccordCadre {
	const commitments: DemoCommitment[] = [];
	for (const partner of partners) {
		for (const year of years) {
			const funded = lines.filter((l) => l.partnerCode === partner.code && l.year === year);
			const total = funded.reduce((sum, l) => sum + l.amount, 0);
			if (total === 0) continue;
			const value =
				partner.code === UNDER_COMMITTED_PARTNER
					? Math.ceil((total * 1.15) / 1000) * 1000
					: Math.floor((total * (0.93 + 0.06 * random())) / 1000) * 1000;
			commitments.push({ partnerCode: partner.code, year, kind: 'montant', value, epciSiren: null, instrumentCode: null, comment: null });
			if (partner.code === 'CAF') {
				commitments.push({
					partnerCode: 'CAF',
					year,
					kind: 'structures_financees',
					value: new Set(funded.map((l) => l.structureId)).size,
					epciSiren: null,
					instrumentCode: null,
					comment: 'Structures agréées financées par la Caf'
				});
			}
		}
	}
	for (const year of years.filter((y) => y >= referenceYear - 1)) {
		commitments.push({
			partnerCode: 'CAF',
			year,
			kind: 'creations_prioritaires',
			value: 1,
			epciSiren: priorityEpciSiren,
			instrumentCode: 'PS_AL',
			comment: 'Création d’un espace de vie sociale en territoire dépourvu'
		});
	}
	commitments.push({
		partnerCode: 'MSA',
		year: referenceYear,
		kind: 'creations_prioritaires',
		value: 1,
		epciSiren: priorityEpciSiren,
		instrumentCode: 'MSA_SUBV',
		comment: 'Soutien au démarrage d’un EVS rural'
	});
	return {
		name: `Accord-cadre départemental de l’animation de la vie sociale ${years[0]}-${years.at(-1)}`,
		startYear: years[0],
		endYear: years.at(-1)!,
		signedOn: `${years[0]}-03-15`,
		signatoryCodes: partners.map((p) => p.code),
		commitments
	};
}

/** The schéma directeur over `startYear`…`startYear + 4`, its baselines set the year before. */
export function generateSchemaDirecteur(
	partners: DemoPartner[],
	plans: StructurePlan[],
	structureYears: DemoStructureYear[],
	startYear: number,
	referenceYear: number
): DemoSchemaDirecteur {
	const years = [0, 1, 2, 3, 4].map((i) => startYear + i);
	const baselineYear = startYear - 1;
	const measured = years.filter((y) => y < referenceYear);
	const targets = (values: number[]) => years.map((year, i) => ({ year, target: values[i] }));
	const manual = (values: number[], source: string) =>
		measured.map((year, i) => ({ year, value: values[i], source }));

	const familiesBaseline = plans.filter((p) => p.structure.type === 'CS' && (p.structure.projetFamilles || p.stage === 'acf_refusee') && p.stage !== 'premier').length;
	const governance = (year: number) =>
		structureYears.filter((s) => s.year === year).reduce((sum, s) => sum + s.volunteersGovernance, 0);
	const governanceBaseline = Math.round(governance(referenceYear - 2) * 0.9);
	const governanceValues = measured.map((year) => governance(year) || governanceBaseline);

	return {
		name: `Schéma directeur de l’animation de la vie sociale ${years[0]}-${years.at(-1)}`,
		startYear: years[0],
		endYear: years.at(-1)!,
		adoptedOn: `${startYear}-06-20`,
		signatoryCodes: partners.map((p) => p.code),
		orientations: [
			{
				position: 1,
				title: 'Renforcer le maillage territorial de l’animation de la vie sociale',
				objectives: [
					{
						position: 1,
						title: 'Couvrir les territoires dépourvus et isolés',
						description: 'Favoriser la création d’espaces de vie sociale là où aucune structure n’intervient.',
						indicators: [
							{ label: 'Part de la population couverte par une structure AVS', unit: '%', computation: 'part_population_couverte', baselineYear, baselineValue: 61.5, higherIsBetter: true, source: 'Calcul Maillage (rayons du schéma)', targets: targets([63, 65, 67, 69, 70]), values: [] },
							{ label: 'EVS créés en territoire prioritaire (cumul)', unit: 'nombre', computation: 'evs_crees_territoires_prioritaires', baselineYear, baselineValue: 0, higherIsBetter: true, source: 'Calcul Maillage (agréments)', targets: targets([1, 2, 3, 4, 5]), values: [] }
						]
					},
					{
						position: 2,
						title: 'Renforcer l’action dans les quartiers prioritaires',
						description: 'Chaque QPV dispose d’un centre social ou d’un EVS à proximité.',
						indicators: [
							{ label: 'QPV disposant d’une structure AVS', unit: 'nombre', computation: null, baselineYear, baselineValue: 2, higherIsBetter: true, source: 'Observatoire départemental AVS', targets: targets([2, 2, 3, 3, 3]), values: manual([2, 2, 2, 3], 'Observatoire départemental AVS') }
						]
					}
				]
			},
			{
				position: 2,
				title: 'Consolider les projets et la participation des habitants',
				objectives: [
					{
						position: 1,
						title: 'Développer les projets familles',
						description: 'Tout centre social porte un projet familles animé par un référent qualifié.',
						indicators: [
							{ label: 'Centres sociaux avec un projet familles agréé', unit: 'nombre', computation: 'structures_avec_projet_familles', baselineYear, baselineValue: familiesBaseline, higherIsBetter: true, source: 'Calcul Maillage (agréments ACF)', targets: targets([0, 0, 1, 1, 2].map((d) => familiesBaseline + d)), values: [] }
						]
					},
					{
						position: 2,
						title: 'Soutenir la participation et le bénévolat',
						description: 'Associer les habitants aux instances de décision des structures.',
						indicators: [
							{ label: 'Bénévoles impliqués dans la gouvernance des structures', unit: 'personnes', computation: null, baselineYear, baselineValue: governanceBaseline, higherIsBetter: true, source: 'Enquête SENACS', targets: targets([0, 1, 2, 3, 4].map((i) => governanceBaseline + 10 * (i + 1))), values: manual(governanceValues, 'Enquête SENACS') }
						]
					}
				]
			},
			{
				position: 3,
				title: 'Coordonner les financements et piloter le schéma',
				objectives: [
					{
						position: 1,
						title: 'Sécuriser les financements des structures',
						description: 'Les partenaires tiennent les engagements de l’accord-cadre.',
						indicators: [
							{ label: 'Taux de réalisation des engagements de l’accord-cadre', unit: '%', computation: 'taux_realisation_accord_cadre', baselineYear, baselineValue: 92, higherIsBetter: true, source: 'Calcul Maillage (financements versés / engagements)', targets: targets([95, 100, 100, 100, 100]), values: [] },
							{ label: 'Délai moyen d’instruction des demandes d’agrément', unit: 'jours', computation: null, baselineYear, baselineValue: 95, higherIsBetter: false, source: 'Service action sociale Caf', targets: targets([90, 80, 75, 70, 60]), values: manual([88, 81, 77, 72], 'Service action sociale Caf') }
						]
					},
					{
						position: 2,
						title: 'Observer et évaluer',
						description: 'Toutes les structures contribuent à l’observatoire national.',
						indicators: [
							{ label: 'Taux de réponse à l’enquête SENACS', unit: '%', computation: null, baselineYear, baselineValue: 88, higherIsBetter: true, source: 'SENACS', targets: targets([95, 100, 100, 100, 100]), values: manual([92, 96, 100, 100], 'SENACS') }
						]
					}
				]
			}
		]
	};
}

/** Decisions of the comités and of the CAF board that the demo data illustrates. */
export function generateCommitteeDecisions(
	random: Random,
	territory: Territory,
	plans: StructurePlan[],
	agrements: DemoAgrement[],
	staffPosts: DemoStaffPost[],
	schemaAdoptedOn: string,
	priorityEpciSiren: string,
	referenceYear: number
): DemoCommitteeDecision[] {
	const byStage = (stage: StructurePlan['stage']) => plans.find((p) => p.stage === stage && p.structure.type === 'CS')!;
	const currentDecision = (plan: StructurePlan) =>
		agrements
			.filter((a) => a.structureId === plan.structure.externalId && a.decisionDate !== null)
			.sort((a, b) => (a.startDate < b.startDate ? 1 : -1))[0].decisionDate!;
	const first = byStage('premier');
	const refused = byStage('acf_refusee');
	const cafManaged = plans.find((p) => p.structure.managementMode === 'caf_gestion_directe')!;
	const vacancy = staffPosts.find((s) => s.kind === 'directeur' && s.vacantFrom !== null && s.vacantUntil === null)!;
	const vacantPlan = plans.find((p) => p.structure.externalId === vacancy.structureId)!;

	// Priority communes: the populated ones of the thin CC furthest from any structure.
	const structureXy = plans.map((p) => p.xy);
	const priority = territory.communes
		.map((c, i) => ({ c, i, d: Math.min(...structureXy.map((xy) => distanceKm(xy, territory.refXy[i]))) }))
		.filter(({ c }) => c.epciSiren === priorityEpciSiren && c.population >= 300)
		.sort((a, b) => b.d - a.d || a.i - b.i)
		.slice(0, 3)
		.map(({ c }) => c);

	return [
		{
			decidedOn: schemaAdoptedOn,
			body: 'comite_pilotage',
			decision:
				'Adoption du schéma directeur et de la méthode d’analyse des territoires : rayon de 8 km autour des centres sociaux, 5 km autour des EVS, isolement au-delà de 15 km d’un pôle d’activités.',
			communeCodes: [],
			structureIds: []
		},
		{
			decidedOn: dayInMonth(`${referenceYear - 1}-03-01`, 0, randomInt(random, 8, 22)),
			body: 'comite_technique',
			decision: `Accompagnement du transfert de gestion du ${cafManaged.structure.name} (gestion directe Caf) à une association d’habitants du quartier, préparée avec la commune (ni délégation de service public ni appel à projets, que la circulaire exclut).`,
			communeCodes: [cafManaged.structure.communeCode],
			structureIds: [cafManaged.structure.externalId]
		},
		{
			decidedOn: dayInMonth(`${referenceYear - 1}-10-01`, 0, randomInt(random, 8, 22)),
			body: 'comite_technique',
			decision: `Territoires prioritaires pour la création d’un espace de vie sociale : ${priority.map((c) => c.name).join(', ')}.`,
			communeCodes: priority.map((c) => c.code),
			structureIds: []
		},
		{
			decidedOn: currentDecision(refused),
			body: 'conseil_administration_caf',
			decision: `Renouvellement de l’agrément animation globale du ${refused.structure.name} ; refus de l’agrément animation collective familles (référent familles non qualifié).`,
			communeCodes: [refused.structure.communeCode],
			structureIds: [refused.structure.externalId]
		},
		{
			decidedOn: currentDecision(first),
			body: 'conseil_administration_caf',
			decision: `Agrément du premier projet social du ${first.structure.name} pour un an.`,
			communeCodes: [first.structure.communeCode],
			structureIds: [first.structure.externalId]
		},
		{
			decidedOn: dayInMonth(vacancy.vacantFrom!, 1, 12),
			body: 'comite_pilotage',
			decision: `Maintien de la prestation de service AGC pendant la vacance du poste de direction du ${vacantPlan.structure.name}, pour six mois au plus.`,
			communeCodes: [vacantPlan.structure.communeCode],
			structureIds: [vacantPlan.structure.externalId]
		}
	].sort((a, b) => (a.decidedOn < b.decidedOn ? -1 : a.decidedOn > b.decidedOn ? 1 : 0)) as DemoCommitteeDecision[];
}
