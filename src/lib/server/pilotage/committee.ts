/**
 * Builds the committee figures (`$lib/pilotage/committee-figures`) from the engines and the
 * repositories: the coverage run of the day, the agrément follow-up, funding per partner and year
 * with the accord-cadre of the last closed year, the schéma's indicators with their traffic
 * lights, and the latest decisions. The same value is shown live and stored in a snapshot.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { communeInTerritory } from '../db/work-territory';
import * as agrements from '../db/agrements';
import * as funding from '../db/funding';
import * as overview from '../db/overview';
import * as pilotage from '../db/pilotage';
import * as accordCadre from '../db/accord-cadre';
import { EMPTY_FILTERS } from '$lib/funding/filters';
import { yearSeries } from '$lib/funding/aggregate';
import type { FundingFact } from '$lib/funding/types';
import { COVERAGE_CATEGORIES, type CoverageCategory } from '$lib/analysis/category';
import { agrementStatus } from '$lib/domain/agrement-status';
import { formatParameterValue } from '../coverage';
import { FIGURES_VERSION, type CommitteeFigures, type FundingTable, type PriorityCommune } from '$lib/pilotage/committee-figures';
import { firstProjects } from '$lib/pilotage/first-projects';
import { overdueRenewals, renewalsDue, RENEWAL_WINDOW_MONTHS } from '$lib/pilotage/renewals';
import { vacancyDuration } from '$lib/pilotage/vacancies';
import { staffPostLabels } from '$lib/ui/labels';
import { ALL_DATA_READER, CoverageRuns } from './computed-indicators';
import { loadSchemaProgress } from './schema-progress';

/** Number of years of funding shown (the latest ones). */
const FUNDING_YEARS = 4;
const MAX_PRIORITIES = 12;
const MAX_DECISIONS = 8;

/** Funding per partner and year over the last `FUNDING_YEARS` years present. */
export function fundingTable(facts: readonly FundingFact[]): FundingTable {
	const maxYear = facts.reduce((m, f) => Math.max(m, f.year), -Infinity);
	const recent = facts.filter((f) => f.year > maxYear - FUNDING_YEARS);
	const series = yearSeries(recent);
	return {
		years: series.years,
		partners: series.partners.map((p, i) => ({
			name: p.name,
			kind: p.kind,
			values: series.values[i],
			total: series.values[i].reduce((s, v) => Math.round((s + v) * 100) / 100, 0)
		})),
		yearTotals: series.yearTotals,
		total: series.total
	};
}

/** The communes outside « couverte », the most populated first. */
export function priorityCommunes(
	communes: readonly { code: string; name: string; population: number; category: CoverageCategory; nearestStructureKm: number | null }[],
	epciNames: ReadonlyMap<string, string | null>,
	limit = MAX_PRIORITIES
): PriorityCommune[] {
	return communes
		.filter((c) => c.category !== 'couverte')
		.sort((a, b) => b.population - a.population || a.code.localeCompare(b.code))
		.slice(0, limit)
		.map((c) => ({
			code: c.code,
			name: c.name,
			epciName: epciNames.get(c.code) ?? null,
			population: c.population,
			category: c.category,
			nearestStructureKm: c.nearestStructureKm === null ? null : Math.round(c.nearestStructureKm * 10) / 10
		}));
}

/** The committee figures on `today`. */
export async function buildCommitteeFigures(db: Kysely<Database>, today: string, runs: CoverageRuns = new CoverageRuns(db)): Promise<CommitteeFigures> {
	const [run, departements, communeEpci, allAgrements, posts, thresholds, weak, allFacts, publishedFacts, accords, schemas, decisions] = await Promise.all([
		runs.at(today),
		overview.listDepartements(db),
		db
			.selectFrom('commune')
			.leftJoin('epci', 'epci.siren', 'commune.epci_siren')
			.select(['commune.code', 'epci.name as epciName'])
			.where(communeInTerritory('commune'))
			.execute(),
		agrements.list(db),
		agrements.keyPosts(db, today),
		agrements.vacancyThresholds(db, today),
		agrements.weakCriteria(db),
		funding.facts(db, { kind: 'all' }, EMPTY_FILTERS),
		funding.facts(db, { kind: 'published' }, EMPTY_FILTERS),
		accordCadre.followUps(db, ALL_DATA_READER, Number(today.slice(0, 4))),
		loadSchemaProgress(db, { kind: 'all' }, today, runs),
		pilotage.committeeDecisions(db)
	]);
	const report = run.report;
	const summary = report.summary;
	const epciNames = new Map(communeEpci.map((c) => [c.code, c.epciName]));
	// The département's communes and structures: the border band is in no figure of the committee.
	const communes = report.communes.filter((c) => !c.horsDepartement);
	const communeCategories: Record<string, CoverageCategory> = {};
	for (const c of communes) communeCategories[c.code] = c.category;
	const shown = ['radiusCsKm', 'radiusEvsKm', 'isolationKm'];
	const parameters = report.parameters.sources.filter((s) => shown.includes(s.option)).map((s) => `${s.label} : ${formatParameterValue(s)}`);

	// Agréments
	const open = allAgrements.filter((a) => a.structureClosedOn === null || a.structureClosedOn > today);
	const window = RENEWAL_WINDOW_MONTHS.default;
	const due = renewalsDue(open, today, window);
	const overdue = overdueRenewals(open, today);
	const statuses = open.map((a) => agrementStatus(a, today).kind);
	const vacancies = posts
		.map((p) => ({ p, d: vacancyDuration(p, today, thresholds) }))
		.filter((x) => x.d !== null)
		.sort((a, b) => b.d!.days - a.d!.days)
		.map(({ p, d }) => ({
			structureId: p.structureId,
			structureName: p.structureName,
			post: staffPostLabels[p.kind],
			since: p.vacantFrom!,
			days: d!.days,
			level: d!.level
		}));

	// Funding and accord-cadre of the last closed year
	const lastClosed = Number(today.slice(0, 4)) - 1;
	const accord = accords.find((a) => a.startYear <= lastClosed && lastClosed <= a.endYear) ?? null;
	const balances = accord ? accord.balances.filter((b) => b.year === lastClosed) : [];
	const committed = balances.reduce((s, b) => s + b.committed, 0);
	const paid = balances.reduce((s, b) => s + b.paid, 0);

	const schema = schemas[0] ?? null;
	const territoryName =
		departements.length === 1 ? (departements[0].name ? `${departements[0].name} (${departements[0].code})` : `Département ${departements[0].code}`) : 'Territoire';

	return {
		version: FIGURES_VERSION,
		asOf: today,
		territoryName,
		coverage: {
			date: report.parameters.date ?? today,
			communes: summary.communes,
			population: summary.population,
			populationCovered: summary.covered.population,
			shareCovered: summary.shareCovered,
			categories: Object.fromEntries(COVERAGE_CATEGORIES.map((k) => [k, { ...summary.categories[k] }])) as CommitteeFigures['coverage']['categories'],
			structuresCounted: { cs: summary.structures.countedCs, evs: summary.structures.countedEvs },
			parameters,
			communeCategories,
			priorities: priorityCommunes(communes, epciNames),
			structures: run.inputs.structures
				.filter((s) => !s.outside && (s.agrementStart == null || s.agrementStart <= today) && (s.agrementEnd == null || s.agrementEnd >= today))
				.map((s) => ({ id: s.id, type: s.type, name: s.name, communeCode: s.communeCode, lon: s.lon, lat: s.lat }))
		},
		agrements: {
			windowMonths: window,
			counts: {
				enCours: statuses.filter((s) => s === 'en_cours' || s === 'expire_bientot').length,
				aRenouveler: due.length,
				echusSansSuite: overdue.length,
				enInstruction: statuses.filter((s) => s === 'en_instruction').length,
				refuses: statuses.filter((s) => s === 'refuse').length
			},
			renewals: due.map((r) => ({
				agrementId: r.agrement.id,
				structureId: r.agrement.structureId,
				structureName: r.agrement.structureName,
				kind: r.agrement.kind,
				endDate: r.agrement.endDate,
				daysLeft: r.daysLeft
			})),
			overdue: overdue.map((r) => ({
				agrementId: r.agrement.id,
				structureId: r.agrement.structureId,
				structureName: r.agrement.structureName,
				kind: r.agrement.kind,
				endDate: r.agrement.endDate,
				daysOverdue: r.daysOverdue
			})),
			firstProjects: firstProjects(open, today, window).map((f) => ({
				agrementId: f.agrement.id,
				structureId: f.agrement.structureId,
				structureName: f.agrement.structureName,
				kind: f.agrement.kind,
				endDate: f.agrement.endDate,
				state: f.state
			})),
			vacancies,
			weakCriteria: weak.length
		},
		funding: {
			all: fundingTable(allFacts),
			published: fundingTable(publishedFacts),
			accordCadre: accord
				? {
						name: accord.name,
						year: lastClosed,
						rows: balances.map((b) => ({ partnerName: b.partnerName, committed: b.committed, paid: b.paid, rate: b.paidRate })),
						rate: committed > 0 ? paid / committed : null
					}
				: null
		},
		schema: schema
			? {
					name: schema.name,
					reportingYear: schema.reportingYear,
					indicators: schema.orientations.flatMap((o) =>
						o.objectives.flatMap((ob) =>
							ob.indicators.map((i) => ({
								id: i.id,
								label: i.label,
								unit: i.unit,
								higherIsBetter: i.higherIsBetter,
								published: i.published,
								computed: i.computed,
								baselineValue: i.baselineValue,
								year: i.progress.year,
								value: i.progress.value,
								target: i.progress.target,
								light: i.progress.light,
								lightLabel: i.progress.label,
								series: i.series.map((v) => ({ year: v.year, value: v.value })),
								targets: i.targets,
								years: Array.from({ length: schema.endYear - schema.startYear + 1 }, (_, k) => schema.startYear + k)
							}))
						)
					)
				}
			: null,
		decisions: decisions.slice(0, MAX_DECISIONS).map((d) => ({
			id: d.id,
			decidedOn: d.decidedOn,
			body: d.body,
			decision: d.decision,
			communes: d.communes.map((c) => c.name ?? c.code),
			structures: d.structures
		}))
	};
}
