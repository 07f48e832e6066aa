/**
 * What the printed dossier shows, for the whole département or one EPCI: the coverage map and key
 * figures (from the coverage engine's run of the day), the priority communes, funding per funder
 * and year (funding module facts of the territory's structures), the accord-cadre of the last
 * closed year, the published indicators of the schéma directeur, and the QPV of the territory with
 * those no AVS structure serves (the QPV view of the day, generation in force).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { communeInTerritory } from '../db/work-territory';
import * as funding from '../db/funding';
import * as overview from '../db/overview';
import * as accordCadre from '../db/accord-cadre';
import * as agrements from '../db/agrements';
import { EMPTY_FILTERS } from '$lib/funding/filters';
import { formatParameterValue } from '../coverage';
import { ALL_DATA_READER, CoverageRuns } from '../pilotage/computed-indicators';
import { fundingTable, priorityCommunes } from '../pilotage/committee';
import { loadSchemaProgress } from '../pilotage/schema-progress';
import { territoryMapLayout } from '../pilotage/territory-map';
import { summarizeTerritory, type TerritorySummary } from '$lib/pilotage/territory-summary';
import type { FundingTable, PriorityCommune } from '$lib/pilotage/committee-figures';
import type { MapSvgLayout } from '$lib/pilotage/map-svg';
import type { TrafficLight } from '$lib/pilotage/indicator-progress';
import { UserFacingError } from '../errors';
import { overdueRenewals, renewalsDue } from '$lib/pilotage/renewals';
import * as referenceParameters from '../db/reference-parameters';
import { vacancyDuration, type VacancyLevel } from '$lib/pilotage/vacancies';
import type { AgrementKind } from '$lib/domain/structure';
import type { StaffPostKind } from '../db/structures';
import { loadQpvView, type QpvView, type QpvViewRow } from '../coverage/qpv-view';
import { summarizeQpvRows, type QpvCoverageSummary } from '$lib/analysis/qpv-coverage';

export interface DossierData {
	date: string;
	territoryName: string;
	/** null for the whole département. */
	epci: { siren: string; name: string } | null;
	map: MapSvgLayout;
	summary: TerritorySummary;
	structures: { cs: number; evs: number };
	parameters: string[];
	priorities: PriorityCommune[];
	funding: FundingTable;
	accordCadre: { name: string; year: number; rows: { partnerName: string; committed: number; paid: number; rate: number | null }[]; rate: number | null } | null;
	indicators: { label: string; unit: string; year: number; value: number | null; target: number | null; light: TrafficLight; lightLabel: string }[];
	schemaName: string | null;
	/** Agréments to renew and key posts vacant, for the structures of the territory. */
	agrements: DossierAgrements;
	qpv: DossierQpv;
}

/** The QPV section: the QPV of the territory, how many an AVS structure serves, those it does not. */
export interface DossierQpv {
	cadre: string | null;
	generation: string;
	threshold: QpvView['threshold'];
	summary: QpvCoverageSummary;
	/** The QPV without any AVS structure inside or within the threshold, largest population first. */
	unserved: QpvViewRow[];
}

/** The agréments part of the dossier: renewals due within `windowMonths`, overdue ones, vacancies. */
export interface DossierAgrements {
	windowMonths: number;
	due: { structureName: string; kind: AgrementKind; endDate: string; daysLeft: number }[];
	overdue: { structureName: string; kind: AgrementKind; endDate: string; daysOverdue: number }[];
	vacancies: { structureName: string; kind: StaffPostKind; vacantFrom: string; days: number; level: VacancyLevel }[];
	/** Months from which a vacancy is an alert, then critical (dated reference parameters). */
	thresholds: { alertMonths: number; criticalMonths: number };
}

/** An EPCI SIREN the database does not know. */
export class UnknownEpciError extends UserFacingError {
	constructor(siren: string) {
		super(`EPCI inconnu : « ${siren} ». Donnez le SIREN (9 chiffres) d’une intercommunalité du département.`, 2);
		this.name = 'UnknownEpciError';
	}
}

/** Gathers the dossier of the département, or of EPCI `epciSiren`, on `today`. */
export async function buildDossierData(db: Kysely<Database>, today: string, epciSiren: string | null = null): Promise<DossierData> {
	const epci = epciSiren ? await db.selectFrom('epci').select(['siren', 'name']).where('siren', '=', epciSiren).executeTakeFirst() : null;
	if (epciSiren && !epci) throw new UnknownEpciError(epciSiren);
	const runs = new CoverageRuns(db);
	const [run, departements, communeEpci, facts, accords, schemas, structureCommunes, allAgrements, posts, vacancyThresholds, renewalRules] = await Promise.all([
		runs.at(today),
		overview.listDepartements(db),
		// The département's communes only: the border band is in no figure of the dossier.
		db
			.selectFrom('commune')
			.leftJoin('epci', 'epci.siren', 'commune.epci_siren')
			.select(['commune.code', 'commune.epci_siren', 'epci.name as epciName'])
			.where(communeInTerritory('commune'))
			.execute(),
		funding.facts(db, { kind: 'all' }, { ...EMPTY_FILTERS, epci: epciSiren }),
		accordCadre.followUps(db, ALL_DATA_READER, Number(today.slice(0, 4))),
		loadSchemaProgress(db, { kind: 'published' }, today, runs),
		db.selectFrom('structure').select(['id', 'commune_code']).execute(),
		agrements.list(db),
		agrements.keyPosts(db, today),
		agrements.vacancyThresholds(db, today),
		referenceParameters.renewalRules(db, today)
	]);
	const qpvView = await loadQpvView(db, today);
	const inScope = new Set(communeEpci.filter((c) => !epciSiren || c.epci_siren === epciSiren).map((c) => c.code));
	const communes = run.report.communes.filter((c) => inScope.has(c.code));
	const categories: Record<string, string> = {};
	for (const c of communes) categories[c.code] = c.category;
	const counted = run.inputs.structures.filter(
		(s) => inScope.has(s.communeCode) && (s.agrementStart == null || s.agrementStart <= today) && (s.agrementEnd == null || s.agrementEnd >= today)
	);
	const map = await territoryMapLayout(
		db,
		{ communeCategories: categories, structures: counted.map((s) => ({ id: s.id, type: s.type, name: s.name, communeCode: s.communeCode, lon: s.lon, lat: s.lat })) },
		{ epciSiren, width: 520, height: 460 }
	);
	const departement = departements.length === 1 ? departements[0] : null;
	const departementName = departement ? (departement.name ? `${departement.name} (${departement.code})` : `Département ${departement.code}`) : 'Département';
	const lastClosed = Number(today.slice(0, 4)) - 1;
	const accord = accords.find((a) => a.startYear <= lastClosed && lastClosed <= a.endYear) ?? null;
	const balances = accord ? accord.balances.filter((b) => b.year === lastClosed) : [];
	const committed = balances.reduce((s, b) => s + b.committed, 0);
	const paid = balances.reduce((s, b) => s + b.paid, 0);
	const schema = schemas[0] ?? null;
	const structuresInScope = new Set(structureCommunes.filter((r) => inScope.has(r.commune_code)).map((r) => r.id));
	const openAgrements = allAgrements.filter((a) => structuresInScope.has(a.structureId) && (a.structureClosedOn === null || a.structureClosedOn > today));
	// The renewal lead time in force (dated departmental parameter), as every renewal list uses.
	const windowMonths = renewalRules.lead.months;
	const shown = ['radiusCsKm', 'radiusEvsKm', 'isolationKm'];
	return {
		date: today,
		territoryName: epci ? `${epci.name} — ${departementName}` : departementName,
		epci: epci ?? null,
		map,
		summary: summarizeTerritory(communes),
		structures: { cs: counted.filter((s) => s.type === 'CS').length, evs: counted.filter((s) => s.type === 'EVS').length },
		parameters: run.report.parameters.sources.filter((s) => shown.includes(s.option)).map((s) => `${s.label} : ${formatParameterValue(s)}`),
		priorities: priorityCommunes(communes, new Map(communeEpci.map((c) => [c.code, c.epciName])), 15),
		funding: fundingTable(facts),
		accordCadre: accord
			? {
					name: accord.name,
					year: lastClosed,
					rows: balances.map((b) => ({ partnerName: b.partnerName, committed: b.committed, paid: b.paid, rate: b.paidRate })),
					rate: committed > 0 ? paid / committed : null
				}
			: null,
		indicators: schema
			? schema.orientations.flatMap((o) =>
					o.objectives.flatMap((ob) =>
						ob.indicators.map((i) => ({
							label: i.label,
							unit: i.unit,
							year: i.progress.year,
							value: i.progress.value,
							target: i.progress.target,
							light: i.progress.light,
							lightLabel: i.progress.label
						}))
					)
				)
			: [],
		schemaName: schema?.name ?? null,
		agrements: {
			windowMonths,
			due: renewalsDue(openAgrements, today, windowMonths).map((r) => ({ structureName: r.agrement.structureName, kind: r.agrement.kind, endDate: r.agrement.endDate, daysLeft: r.daysLeft })),
			overdue: overdueRenewals(openAgrements, today).map((r) => ({ structureName: r.agrement.structureName, kind: r.agrement.kind, endDate: r.agrement.endDate, daysOverdue: r.daysOverdue })),
			vacancies: posts
				.filter((p) => structuresInScope.has(p.structureId))
				.map((p) => ({ post: p, duration: vacancyDuration(p, today, vacancyThresholds) }))
				.filter((v) => v.duration !== null)
				.sort((a, b) => b.duration!.days - a.duration!.days)
				.map(({ post, duration }) => ({ structureName: post.structureName, kind: post.kind, vacantFrom: post.vacantFrom!, days: duration!.days, level: duration!.level })),
			thresholds: vacancyThresholds
		},
		qpv: qpvSection(qpvView, epciSiren ? inScope : null)
	};
}

/** The QPV view kept to the QPV with a commune in `scope` (an EPCI's dossier), or all of them. */
function qpvSection(view: QpvView, scope: ReadonlySet<string> | null): DossierQpv {
	const rows = scope ? view.rows.filter((r) => r.communes.some((c) => scope.has(c.code))) : view.rows;
	const kept = new Set(rows.map((r) => r.code));
	return {
		cadre: view.cadre,
		generation: view.generation,
		threshold: view.threshold,
		summary: scope ? summarizeQpvRows(rows) : view.summary,
		unserved: view.unserved.filter((r) => kept.has(r.code))
	};
}
