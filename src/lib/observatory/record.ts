/**
 * Builds the yearly observatory records: one per structure whose founding agrément (animation
 * globale for a CS, animation locale for an EVS) was granted and covers at least one day of the
 * year, keyed by SIRET + agrément + year (`OBSERVATORY_FIELDS`). Pure: the repository passes every
 * structure with its agréments, posts, yearly figures, participation and funding lines.
 */
import { effectiveEnd, mainAgrementKind, type AgrementDecision } from '../domain/agrement-status';
import type { DatedParameter } from '../domain/dated-parameter';
import { managementModeLabels, territoryTypeLabels } from '../ui/labels';
import { overlapDays, yearBounds } from '../pilotage/dates';
import { checkStaffInYear, postsHeldInYear, staffRequirementsOn, type StaffCheck } from '../pilotage/staff-requirements';
import { vacantDaysInYear } from '../pilotage/vacancies';
import type { ObservatoryRecord } from './dictionary';

export interface ObservatoryStructureInput {
	id: number;
	externalId: string | null;
	siret: string | null;
	name: string;
	type: 'CS' | 'EVS';
	address: string | null;
	communeCode: string;
	communeName: string | null;
	epciSiren: string | null;
	epciName: string | null;
	managementMode: string | null;
	territoryType: string | null;
	territorySize: string | null;
	federationMember: boolean | null;
	specificities: string[];
	firstAgrementDate: string | null;
	closedOn: string | null;
	zoneCommunes: string[];
	agrements: { id: number; kind: string; startDate: string; endDate: string; isFirst: boolean; decision: string; decisionDate?: string | null }[];
	/** Dated staff posts: one row per holder and period (`startDate`/`endDate` null = unknown start, still held). */
	posts: {
		id: number;
		kind: string;
		etp: number;
		qualificationLevel: number | null;
		vacantFrom: string | null;
		vacantUntil: string | null;
		startDate: string | null;
		endDate: string | null;
	}[];
	years: {
		year: number;
		staffHeadcount: number | null;
		staffEtp: number | null;
		volunteersActivity: number | null;
		volunteersGovernance: number | null;
		zonePopulation: number | null;
		budgetTotal: number | null;
		projectAxes: string[];
	}[];
	participation: { year: number; level: number; count: number }[];
	/** Funding lines: the partner's kind (caf, commune, epci, departement, etat, msa…), euros. */
	funding: { year: number; partnerKind: string; amount: number; status: string }[];
}

export interface ObservatoryContext {
	/** QPV with their validity (generation): a year uses the QPV in force on 1 January. */
	qpvs: { code: string; communeCodes: string[]; validFrom?: string | null; validUntil?: string | null }[];
	/** The dated parameters of the staff requirements (`staff_requirement.*`); none: not checked. */
	staffParameters?: readonly DatedParameter[];
}

/** Funder families of the record, from the partner kind. */
export function funderFamily(partnerKind: string): 'caf' | 'collectivites' | 'departement' | 'etat' | 'autres' {
	switch (partnerKind) {
		case 'caf':
			return 'caf';
		case 'commune':
		case 'epci':
			return 'collectivites';
		case 'departement':
			return 'departement';
		case 'etat':
			return 'etat';
		default:
			return 'autres';
	}
}

/** The observatory's three management families. */
export function managementFamily(mode: string | null): string | null {
	if (mode === null) return null;
	if (mode === 'association') return 'associatif';
	if (mode === 'commune' || mode === 'ccas_cias' || mode === 'intercommunalite') return 'collectivité locale';
	return 'autre';
}

/** Funding statuses counted as income of the year: paid or notified (a forecast is not income). */
export const INCOME_STATUSES: readonly string[] = ['verse', 'notifie'];

const cents = (euros: number) => Math.round(euros * 100);

/** Days of `year` an agrément really covers (granted, extended, or withdrawn until its withdrawal). */
function coveredDaysInYear(a: ObservatoryStructureInput['agrements'][number], year: number): number {
	const { first, last } = yearBounds(year);
	const end = effectiveEnd({ ...a, decision: a.decision as AgrementDecision, decisionDate: a.decisionDate ?? null });
	return end === null ? 0 : overlapDays(a.startDate, end, first, last);
}

/** The founding agrément of `s` that covers part of `year` (the latest starting), or null. */
export function foundingAgrementOfYear(s: ObservatoryStructureInput, year: number): ObservatoryStructureInput['agrements'][number] | null {
	const kind = mainAgrementKind(s.type);
	return (
		s.agrements
			.filter((a) => a.kind === kind && coveredDaysInYear(a, year) > 0)
			.sort((a, b) => (a.startDate < b.startDate ? 1 : a.startDate > b.startDate ? -1 : b.id - a.id))[0] ?? null
	);
}

/** The record key: SIRET (or `sans-siret-<id>`), agrément id and year. */
export function recordKey(siret: string | null, structureId: number, agrementId: number, year: number): string {
	return `${siret ?? `sans-siret-${structureId}`}-${agrementId}-${year}`;
}

/** The records of `year`, CS then EVS, by name. Also returns which structure and agrément each record is. */
export function buildObservatoryRecords(
	structures: readonly ObservatoryStructureInput[],
	ctx: ObservatoryContext,
	year: number
): { record: ObservatoryRecord; structureId: number; agrementId: number; hasYearData: boolean; staffChecks: StaffCheck[] }[] {
	const { first } = yearBounds(year);
	const out: { record: ObservatoryRecord; structureId: number; agrementId: number; hasYearData: boolean; staffChecks: StaffCheck[] }[] = [];
	const requirements = ctx.staffParameters ? staffRequirementsOn(ctx.staffParameters, first) : [];
	for (const s of structures) {
		if (s.closedOn !== null && s.closedOn <= first) continue;
		const agrement = foundingAgrementOfYear(s, year);
		if (!agrement) continue;
		const data = s.years.find((y) => y.year === year) ?? null;
		const families = s.agrements.some((a) => a.kind === 'animation_collective_familles' && coveredDaysInYear(a, year) > 0);
		const coveringKinds = [...new Set(s.agrements.filter((a) => coveredDaysInYear(a, year) > 0).map((a) => a.kind))];
		const staffChecks = checkStaffInYear(
			{ type: s.type, agrementKinds: coveringKinds },
			s.posts.map((p) => ({ ...p, structureId: s.id })),
			requirements,
			year
		);
		// The holder of the year: the post of that kind held longest during the year.
		const post = (kind: string) =>
			postsHeldInYear(
				s.posts.filter((p) => p.kind === kind),
				year
			)[0] ?? null;
		const director = post('directeur');
		const referent = post('referent_familles');
		const participation = (level: number) => s.participation.find((p) => p.year === year && p.level === level)?.count ?? null;
		const income = { caf: 0, collectivites: 0, departement: 0, etat: 0, autres: 0 };
		for (const f of s.funding) {
			if (f.year !== year || !INCOME_STATUSES.includes(f.status)) continue;
			income[funderFamily(f.partnerKind)] += cents(f.amount);
		}
		const incomeTotal = income.caf + income.collectivites + income.departement + income.etat + income.autres;
		const budget = data?.budgetTotal ?? null;
		const zone = s.zoneCommunes.length > 0 ? s.zoneCommunes : [s.communeCode];
		const qpvCodes = ctx.qpvs
			.filter((q) => (q.validFrom == null || q.validFrom <= first) && (q.validUntil == null || q.validUntil >= first))
			.filter((q) => q.communeCodes.some((c) => zone.includes(c)))
			.map((q) => q.code)
			.sort();
		const has = (tag: string) => s.specificities.includes(tag);
		const record: ObservatoryRecord = {
			cle: recordKey(s.siret, s.id, agrement.id, year),
			annee: year,
			siret: s.siret,
			identifiant_maillage: s.id,
			identifiant_externe: s.externalId,
			nom: s.name,
			type_structure: s.type,
			adresse: s.address,
			code_commune: s.communeCode,
			commune: s.communeName,
			siren_epci: s.epciSiren,
			epci: s.epciName,
			identifiant_agrement: agrement.id,
			agrement_nature: agrement.kind === 'animation_globale' ? 'AGC' : 'AL',
			agrement_debut: agrement.startDate,
			agrement_fin: agrement.endDate,
			agrement_premier: agrement.isFirst,
			projet_familles_agree: families,
			date_premier_agrement: s.firstAgrementDate,
			population_zone: data?.zonePopulation ?? null,
			communes_zone: s.zoneCommunes.length,
			axes_projet: data && data.projectAxes.length > 0 ? data.projectAxes.join(' | ') : null,
			mode_gestion: managementFamily(s.managementMode),
			mode_gestion_detail: s.managementMode ? ((managementModeLabels as Record<string, string>)[s.managementMode] ?? s.managementMode) : null,
			type_territoire: s.territoryType ? ((territoryTypeLabels as Record<string, string>)[s.territoryType] ?? s.territoryType) : null,
			taille_territoire: s.territorySize,
			qpv: qpvCodes.length > 0,
			codes_qpv: qpvCodes.length > 0 ? qpvCodes.join(' | ') : null,
			adherent_federation: s.federationMember,
			itinerant: has('itinerant'),
			multi_sites: has('multi_sites') || has('multi-sites') || has('multisite'),
			gens_du_voyage: has('gens_du_voyage') || has('voyageurs'),
			salaries: data?.staffHeadcount ?? null,
			etp: data?.staffEtp ?? null,
			directeur_etp: director?.etp ?? null,
			directeur_qualification: director?.qualificationLevel ?? null,
			directeur_jours_vacance: director ? vacantDaysInYear(director, year) : null,
			referent_familles_etp: referent?.etp ?? null,
			referent_familles_qualification: referent?.qualificationLevel ?? null,
			referent_familles_jours_vacance: referent ? vacantDaysInYear(referent, year) : null,
			benevoles_activite: data?.volunteersActivity ?? null,
			benevoles_gouvernance: data?.volunteersGovernance ?? null,
			participation_1: participation(1),
			participation_2: participation(2),
			participation_3: participation(3),
			participation_4: participation(4),
			participation_5: participation(5),
			budget_total: budget,
			produits_caf: income.caf / 100,
			produits_collectivites: income.collectivites / 100,
			produits_departement: income.departement / 100,
			produits_etat: income.etat / 100,
			produits_autres_financeurs: income.autres / 100,
			produits_total: incomeTotal / 100,
			autres_produits: budget === null ? null : (cents(budget) - incomeTotal) / 100
		};
		out.push({ record, structureId: s.id, agrementId: agrement.id, hasYearData: data !== null, staffChecks });
	}
	return out.sort(
		(a, b) =>
			String(a.record.type_structure).localeCompare(String(b.record.type_structure)) ||
			String(a.record.nom).localeCompare(String(b.record.nom), 'fr') ||
			a.structureId - b.structureId
	);
}
