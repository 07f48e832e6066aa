/**
 * Builds the committee figures (`$lib/pilotage/committee-figures`) for one audience from the
 * engines and the repositories: the coverage run of the day, the agrément follow-up, funding per
 * partner and year with the accord-cadre of the last closed year, the schéma's indicators with
 * their traffic lights, and the latest decisions. Every part comes through the audience's grants
 * (`canSee`) and row scope (in SQL), never filtered afterwards. The same value is shown live and
 * frozen, once per audience, in a snapshot (`buildSnapshotPayload`).
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
import { audienceOf, audienceReader, canSee, rowScope, type Actor, type AudienceKey } from '$lib/domain/policy';
import { yearSeries } from '$lib/funding/aggregate';
import type { FundingFact } from '$lib/funding/types';
import { COVERAGE_CATEGORIES, type CoverageCategory } from '$lib/analysis/category';
import { agrementStatus } from '$lib/domain/agrement-status';
import { formatParameterValue } from '../coverage';
import {
	FIGURES_VERSION,
	type AccordCadreFigures,
	type AgrementFigures,
	type CommitteeFigures,
	type FundingTable,
	type ObservatoryFigures,
	type PriorityCommune,
	type CommitteeQpvFigures,
	type SchemaFigures
} from '$lib/pilotage/committee-figures';
import { buildDepartementSummary } from '../observatory';
import type { CommitteeSnapshotPayload } from '$lib/pilotage/committee-snapshot';
import { firstProjects } from '$lib/pilotage/first-projects';
import { overdueRenewals, renewalsDue } from '$lib/pilotage/renewals';
import * as referenceParameters from '../db/reference-parameters';
import { vacancyDuration } from '$lib/pilotage/vacancies';
import { staffPostLabels } from '$lib/ui/labels';
import { CoverageRuns } from './computed-indicators';
import { loadSchemaProgress } from './schema-progress';
import { loadQpvView, type QpvView } from '../coverage/qpv-view';

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

/** The committee figures on `today`, as `audience` may see them. */
export async function buildCommitteeFigures(
	db: Kysely<Database>,
	today: string,
	audience: AudienceKey,
	runs: CoverageRuns = new CoverageRuns(db)
): Promise<CommitteeFigures> {
	const reader = audienceReader(audience);
	const [run, departements, communeEpci, agrementFigures, funding, schema, observatory, decisions, qpv] = await Promise.all([
		runs.at(today),
		overview.listDepartements(db),
		db
			.selectFrom('commune')
			.leftJoin('epci', 'epci.siren', 'commune.epci_siren')
			.select(['commune.code', 'epci.name as epciName'])
			.where(communeInTerritory('commune'))
			.execute(),
		canSee(reader, 'comite.agrements') ? buildAgrementFigures(db, today) : null,
		canSee(reader, 'comite.financements') ? buildFundingFigures(db, reader, today) : null,
		canSee(reader, 'comite.schema') ? buildSchemaFigures(db, reader, today, runs) : null,
		canSee(reader, 'comite.observatoire') ? buildObservatoryFigures(db, reader, today, runs) : null,
		pilotage.committeeDecisions(db),
		// Public figures, the same for every audience: once per snapshot.
		once(runs, `qpv:${today}`, () => loadQpvView(db, today))
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
	const territoryName =
		departements.length === 1 ? (departements[0].name ? `${departements[0].name} (${departements[0].code})` : `Département ${departements[0].code}`) : 'Territoire';

	return {
		version: FIGURES_VERSION,
		audience,
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
		agrements: agrementFigures,
		funding,
		schema,
		observatory,
		qpv: qpvFigures(qpv),
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

/** The committee's QPV screen from the QPV view: the unserved QPV, most populated first, at most 12. */
function qpvFigures(qpv: QpvView): CommitteeQpvFigures | null {
	return qpv.empty
		? null
		: {
				date: qpv.date,
				generation: qpv.generation,
				thresholdKm: qpv.threshold.km,
				thresholdRegime: qpv.threshold.regime,
				total: qpv.summary.qpvs,
				served: qpv.summary.served,
				unserved: qpv.summary.unserved,
				unservedPopulation: qpv.summary.unservedPopulation,
				list: qpv.unserved.slice(0, MAX_PRIORITIES).map((q) => ({
					code: q.code,
					name: q.name,
					communes: q.communes.map((c) => c.name ?? c.code).join(', '),
					population: q.population,
					nearestKm: q.nearestKm === null ? null : Math.round(q.nearestKm * 10) / 10
				}))
			};
}

/** Renewals, first projects and vacant key posts (readers of agréments only). */
async function buildAgrementFigures(db: Kysely<Database>, today: string): Promise<AgrementFigures> {
	const [allAgrements, posts, thresholds, weak, renewalRules] = await Promise.all([
		agrements.list(db),
		agrements.keyPosts(db, today),
		agrements.vacancyThresholds(db, today),
		agrements.weakCriteria(db),
		referenceParameters.renewalRules(db, today)
	]);
	const open = allAgrements.filter((a) => a.structureClosedOn === null || a.structureClosedOn > today);
	// The renewal lead time in force today (a dated departmental parameter), as every renewal list.
	const window = renewalRules.lead.months;
	const due = renewalsDue(open, today, window);
	const overdue = overdueRenewals(open, today);
	const statuses = open.map((a) => agrementStatus(a, today, { warningMonths: window }).kind);
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
	return {
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
	};
}

/**
 * Funding per partner and year over the lines `reader` may see (row scope in SQL), and the
 * accord-cadre of the last closed year over the commitments and lines `reader` may see.
 */
async function buildFundingFigures(db: Kysely<Database>, reader: Actor, today: string): Promise<NonNullable<CommitteeFigures['funding']>> {
	const lastClosed = Number(today.slice(0, 4)) - 1;
	const [facts, accords] = await Promise.all([
		funding.facts(db, rowScope(reader, 'read'), EMPTY_FILTERS),
		canSee(reader, 'comite.accordCadre') ? accordCadre.followUps(db, reader, Number(today.slice(0, 4))) : []
	]);
	const accord = accords.find((a) => a.startYear <= lastClosed && lastClosed <= a.endYear) ?? null;
	let accordFigures: AccordCadreFigures | null = null;
	if (accord) {
		const balances = accord.balances.filter((b) => b.year === lastClosed);
		const committed = balances.reduce((s, b) => s + b.committed, 0);
		const paid = balances.reduce((s, b) => s + b.paid, 0);
		accordFigures = {
			name: accord.name,
			year: lastClosed,
			rows: balances.map((b) => ({ partnerName: b.partnerName, committed: b.committed, paid: b.paid, rate: b.paidRate })),
			rate: committed > 0 ? paid / committed : null
		};
	}
	return { table: fundingTable(facts), accordCadre: accordFigures };
}

/** Indicators of the committee's observatory screen (the others are on the exports page). */
const COMMITTEE_OBSERVATORY_ROWS = ['personnes_touchees', 'familles_touchees', 'benevoles_activite', 'heures_benevolat', 'participation_5', 'etp', 'charges_total', 'resultat', 'part_caf'];

/**
 * Parts that do not depend on the reader (the QPV view, the observatory's département summary):
 * the audiences of one snapshot, which share their coverage runs, compute each once.
 */
const sharedParts = new WeakMap<CoverageRuns, Map<string, Promise<unknown>>>();
function once<T>(runs: CoverageRuns, key: string, build: () => Promise<T>): Promise<T> {
	let parts = sharedParts.get(runs);
	if (!parts) sharedParts.set(runs, (parts = new Map()));
	if (!parts.has(key)) parts.set(key, build());
	return parts.get(key) as Promise<T>;
}

/**
 * The observatory's département summary of the last closed year: aggregates for every audience
 * that reads the committee, the names of the structures without an answer for the CAF only.
 */
async function buildObservatoryFigures(db: Kysely<Database>, reader: Actor, today: string, runs: CoverageRuns): Promise<ObservatoryFigures | null> {
	const year = Number(today.slice(0, 4)) - 1;
	const summary = await once(runs, `summary:${year}`, () => buildDepartementSummary(db, year));
	const current = summary.records.find((r) => r.year === year);
	if (!current || current.count === 0) return null;
	return {
		year,
		records: current.count,
		respondents: current.respondents,
		deficits: current.deficits,
		rows: summary.rows
			.filter((r) => COMMITTEE_OBSERVATORY_ROWS.includes(r.key))
			.map((r) => {
				const cell = r.cells.find((c) => c.year === year)!;
				return { key: r.key, label: r.label, type: r.type, total: cell.total, median: cell.median, count: cell.count, totalChange: r.totalChange, medianChange: r.medianChange };
			}),
		nonRespondents: canSee(reader, 'comite.observatoireStructures') ? summary.nonRespondents.map((n) => ({ name: n.name, type: n.type })) : null,
		nonRespondentCount: summary.nonRespondents.length
	};
}

/** The schéma's indicators `reader` may see (published ones only outside the CAF). */
async function buildSchemaFigures(db: Kysely<Database>, reader: Actor, today: string, runs: CoverageRuns): Promise<SchemaFigures | null> {
	const [schema] = await loadSchemaProgress(db, rowScope(reader, 'read'), today, runs);
	if (!schema) return null;
	return {
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
	};
}

/** The figures of `viewer` on `today` (the live presentation); null for an account that reads nothing. */
export async function committeeFiguresFor(db: Kysely<Database>, viewer: Actor, today: string): Promise<CommitteeFigures | null> {
	const audience = audienceOf(viewer);
	return audience === null ? null : buildCommitteeFigures(db, today, audience);
}

/**
 * What a snapshot freezes: the figures of every audience on `today` — CAF staff, observers, each
 * partner, and a partner without rows of its own — sharing one coverage run.
 */
export async function buildSnapshotPayload(db: Kysely<Database>, today: string): Promise<CommitteeSnapshotPayload> {
	const partners = await db.selectFrom('partner').select('id').orderBy('id').execute();
	const audiences: AudienceKey[] = ['caf', 'observateur', 'partenaire', ...partners.map((p) => `partenaire:${p.id}` as const)];
	const runs = new CoverageRuns(db);
	const figures: CommitteeSnapshotPayload['audiences'] = {};
	// One after the other: they share the coverage runs, and PGlite serves one query at a time anyway.
	for (const audience of audiences) figures[audience] = await buildCommitteeFigures(db, today, audience, runs);
	return { version: FIGURES_VERSION, asOf: today, audiences: figures };
}
