/**
 * Builds the yearly observatory records: one per structure whose founding agrément (animation
 * globale for a CS, animation locale for an EVS) was granted and covers at least one day of the
 * year, keyed by SIRET + establishment + agrément kind + year (`OBSERVATORY_FIELDS`), with its
 * detail rows (activities, partners, contracts). Pure: the repository passes every structure with
 * its agréments, dated posts, yearly data, participation and funding lines, and the dated
 * parameters and PS check rows of the year.
 */
import { effectiveEnd, mainAgrementKind, type AgrementDecision } from '../domain/agrement-status';
import type { DatedParameter } from '../domain/dated-parameter';
import type { PsCheckStatus, PsKind } from '../funding/ps';
import { PS_KINDS } from '../funding/ps';
import { managementModeLabels, territoryTypeLabels } from '../ui/labels';
import { daysInYear, overlapDays, yearBounds } from '../pilotage/dates';
import { checkStaffInYear, heldDaysInYear, postsHeldInYear, staffRequirementsOn, type DatedStaffPost, type StaffCheck } from '../pilotage/staff-requirements';
import { vacantDaysInYear } from '../pilotage/vacancies';
import { detailRowsOf, type DetailRow } from './detail';
import { PS_COLUMN, type ObservatoryRecord } from './dictionary';
import { financeOfYear, type FinanceLine } from './finance';
import { YEAR_FIELDS, emptyYearValues, type StructureYearData } from './year-fields';

export interface ObservatoryStructureInput {
	id: number;
	externalId: string | null;
	siret: string | null;
	establishment: string | null;
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
	posts: Omit<DatedStaffPost, 'structureId' | 'holder'>[];
	/** The entered data of each year (participation levels included, from `participation_count`). */
	years: StructureYearData[];
	/** Funding lines (every year and status): partner kind, instrument code and family, euros. */
	funding: FinanceLine[];
}

/** A row of the PS check (`checkPs`) as the record reads it. */
export interface PsCheckFact {
	structureId: number;
	year: number;
	kind: PsKind | null;
	instrumentCode: string;
	computed: number | null;
	recorded: number | null;
	difference: number | null;
	status: PsCheckStatus;
	/** The French reason (agréments and days covered). */
	reason: string;
}

export interface ObservatoryContext {
	/** QPV with their validity (generation): a year uses the QPV in force on 1 January. */
	qpvs: { code: string; communeCodes: string[]; validFrom?: string | null; validUntil?: string | null }[];
	/** The dated parameters: `staff_requirement.*` (none: not checked), `ps.*` (the PS columns), `observatory.*`. */
	parameters: readonly DatedParameter[];
	/** The PS check rows (every structure, instrument and year on file). */
	psChecks?: readonly PsCheckFact[];
}

/** A record with where it comes from. */
export interface BuiltRecord {
	record: ObservatoryRecord;
	structureId: number;
	agrementId: number;
	/** The entered data of the year, null when nothing is entered. */
	data: StructureYearData | null;
	detail: DetailRow[];
	staffChecks: StaffCheck[];
	psChecks: PsCheckFact[];
	/** Other structures with the same SIRET (multi-site), by name. */
	sameSiret: { id: number; name: string; establishment: string | null }[];
}

/** The observatory's three management families. */
export function managementFamily(mode: string | null): string | null {
	if (mode === null) return null;
	if (mode === 'association') return 'associatif';
	if (mode === 'commune' || mode === 'ccas_cias' || mode === 'intercommunalite') return 'collectivité locale';
	return 'autre';
}

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

/** Short code of an agrément kind in the record key and the `agrement_nature` column. */
export const AGREMENT_KIND_CODES: Record<string, string> = { animation_globale: 'AGC', animation_collective_familles: 'ACF', animation_locale: 'AL' };

/**
 * The record key: SIRET, `.establishment` when there is one, agrément kind and year —
 * `12345678900014.B-AGC-2025`; `SANS-SIRET-<id>` stands for a missing SIRET (an error of the checks).
 */
export function recordKey(siret: string | null, establishment: string | null, structureId: number, agrementKind: string, year: number): string {
	const who = siret ? `${siret}${establishment ? `.${establishment}` : ''}` : `SANS-SIRET-${structureId}`;
	return `${who}-${AGREMENT_KIND_CODES[agrementKind] ?? agrementKind}-${year}`;
}

/**
 * ETP of the year of the posts of `kind`: each post's ETP × the share of the year it was held and
 * not vacant (dated posts), summed, to 2 decimals; null when no post of that kind was held.
 */
export function etpOfYear(posts: ObservatoryStructureInput['posts'], kind: string, year: number): number | null {
	const held = posts.filter((p) => p.kind === kind && heldDaysInYear(p, year) > 0);
	if (held.length === 0) return null;
	const total = held.reduce((sum, p) => sum + (p.etp * Math.max(0, heldDaysInYear(p, year) - vacantDaysInYear(p, year))) / daysInYear(year), 0);
	return Math.round(total * 100) / 100;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const sumOf = (values: readonly (number | null)[]): number | null => (values.some((v) => v !== null) ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : null);

/** The records of `year`, CS then EVS, by name. */
export function buildObservatoryRecords(structures: readonly ObservatoryStructureInput[], ctx: ObservatoryContext, year: number): BuiltRecord[] {
	const { first } = yearBounds(year);
	const out: BuiltRecord[] = [];
	const requirements = staffRequirementsOn(ctx.parameters, first);
	const bySiret = new Map<string, ObservatoryStructureInput[]>();
	for (const s of structures) if (s.siret && (s.closedOn === null || s.closedOn > first)) bySiret.set(s.siret, [...(bySiret.get(s.siret) ?? []), s]);
	for (const s of structures) {
		if (s.closedOn !== null && s.closedOn <= first) continue;
		const agrement = foundingAgrementOfYear(s, year);
		if (!agrement) continue;
		const data = s.years.find((y) => y.year === year) ?? null;
		const values = data?.values ?? emptyYearValues();
		const covering = s.agrements.filter((a) => coveredDaysInYear(a, year) > 0);
		const staffChecks = checkStaffInYear(
			{ type: s.type, agrementKinds: [...new Set(covering.map((a) => a.kind))] },
			s.posts.map((p) => ({ ...p, structureId: s.id })),
			requirements,
			year
		);
		// The holder of the year: the post of that kind held longest during the year.
		const post = (kind: string) => postsHeldInYear(s.posts.filter((p) => p.kind === kind), year)[0] ?? null;
		const director = post('directeur');
		const referent = post('referent_familles');
		const finance = financeOfYear(s.funding, ctx.parameters, year, {
			charges: typeof values.charges_total === 'number' ? values.charges_total : null,
			produits: typeof values.produits_total === 'number' ? values.produits_total : null,
			usersIncome: typeof values.produits_usagers === 'number' ? values.produits_usagers : null
		});
		const psChecks = (ctx.psChecks ?? []).filter((r) => r.structureId === s.id && r.year === year);
		const duePs = psChecks.filter((r) => r.kind !== null);
		const zone = s.zoneCommunes.length > 0 ? s.zoneCommunes : [s.communeCode];
		const qpvCodes = ctx.qpvs
			.filter((q) => (q.validFrom == null || q.validFrom <= first) && (q.validUntil == null || q.validUntil >= first))
			.filter((q) => q.communeCodes.some((c) => zone.includes(c)))
			.map((q) => q.code)
			.sort();
		const has = (tag: string) => s.specificities.includes(tag);
		const sameSiret = (s.siret ? (bySiret.get(s.siret) ?? []) : []).filter((o) => o.id !== s.id);
		const etp = {
			direction: etpOfYear(s.posts, 'directeur', year),
			referent: etpOfYear(s.posts, 'referent_familles', year),
			others: etpOfYear(s.posts, 'autre', year)
		};
		const staffEtp = typeof values.etp === 'number' ? values.etp : null;
		const tracked = (etp.direction ?? 0) + (etp.referent ?? 0) + (etp.others ?? 0);
		const detail = data ? detailRowsOf(data) : [];
		const enteredColumns = Object.fromEntries(
			YEAR_FIELDS.map((f) => {
				const v = values[f.key];
				return [f.key, Array.isArray(v) ? (v.length > 0 ? v.join(' | ') : null) : v];
			})
		);
		const record: ObservatoryRecord = {
			cle: recordKey(s.siret, s.establishment, s.id, agrement.kind, year),
			annee: year,
			siret: s.siret,
			etablissement: s.establishment,
			identifiant_maillage: s.id,
			identifiant_externe: s.externalId,
			nom: s.name,
			type_structure: s.type,
			adresse: s.address,
			code_commune: s.communeCode,
			commune: s.communeName,
			siren_epci: s.epciSiren,
			epci: s.epciName,
			agrement_nature: AGREMENT_KIND_CODES[agrement.kind] ?? agrement.kind,
			agrement_debut: agrement.startDate,
			agrement_fin: agrement.endDate,
			agrement_premier: agrement.isFirst,
			projet_familles_agree: covering.some((a) => a.kind === 'animation_collective_familles'),
			date_premier_agrement: s.firstAgrementDate,
			communes_zone: s.zoneCommunes.length,
			mode_gestion: managementFamily(s.managementMode),
			mode_gestion_detail: s.managementMode ? ((managementModeLabels as Record<string, string>)[s.managementMode] ?? s.managementMode) : null,
			type_territoire: s.territoryType ? ((territoryTypeLabels as Record<string, string>)[s.territoryType] ?? s.territoryType) : null,
			taille_territoire: s.territorySize,
			qpv: qpvCodes.length > 0,
			codes_qpv: qpvCodes.length > 0 ? qpvCodes.join(' | ') : null,
			adherent_federation: s.federationMember,
			itinerant: has('itinerant'),
			multi_sites: has('multi_sites') || has('multi-sites') || has('multisite') || sameSiret.length > 0,
			gens_du_voyage: has('gens_du_voyage') || has('voyageurs'),
			...enteredColumns,
			directeur_etp: director?.etp ?? null,
			directeur_qualification: director?.qualificationLevel ?? null,
			directeur_jours_vacance: director ? vacantDaysInYear(director, year) : null,
			referent_familles_etp: referent?.etp ?? null,
			referent_familles_qualification: referent?.qualificationLevel ?? null,
			referent_familles_jours_vacance: referent ? vacantDaysInYear(referent, year) : null,
			etp_direction: etp.direction,
			etp_referent_familles: etp.referent,
			etp_autres_postes: etp.others,
			etp_autres_fonctions: staffEtp === null ? null : round2(staffEtp - tracked),
			salaries_contrats: sumOf(data?.contracts.map((c) => c.headcount) ?? []),
			etp_contrats: (() => {
				const v = sumOf(data?.contracts.map((c) => c.etp) ?? []);
				return v === null ? null : round2(v);
			})(),
			partenaires_total: sumOf(data?.partners.map((p) => p.partners) ?? []),
			conventions_total: sumOf(data?.partners.map((p) => p.conventions) ?? []),
			domaines_activite: data && data.activities.length > 0 ? new Set(data.activities.map((a) => a.domain)).size : null,
			actions_total: sumOf(data?.activities.map((a) => a.actions) ?? []),
			resultat: finance.result,
			...Object.fromEntries(PS_KINDS.map((k) => [PS_COLUMN[k], finance.ps[k]])),
			regime_ps: finance.psRegime,
			caf_autres_ps: finance.cafOtherPs,
			caf_fonds_propres: finance.cafOwnFunds,
			caf_total: finance.cafTotal,
			ps_dues: duePs.length === 0 || duePs.some((r) => r.computed === null) ? null : round2(duePs.reduce((sum, r) => sum + (r.computed ?? 0), 0)),
			financements_communes: finance.funders.communes,
			financements_epci: finance.funders.epci,
			financements_departement: finance.funders.departement,
			financements_etat: finance.funders.etat,
			financements_region: finance.funders.region,
			financements_msa: finance.funders.msa,
			financements_carsat: finance.funders.carsat,
			financements_autres: finance.funders.autres,
			financements_total: finance.operatingFunding,
			autres_produits: finance.otherIncome,
			aides_investissement: finance.investmentAid,
			aides_investissement_caf: finance.investmentAidCaf
		};
		out.push({
			record,
			structureId: s.id,
			agrementId: agrement.id,
			data,
			detail,
			staffChecks,
			psChecks,
			sameSiret: sameSiret.map((o) => ({ id: o.id, name: o.name, establishment: o.establishment }))
		});
	}
	return out.sort(
		(a, b) =>
			String(a.record.type_structure).localeCompare(String(b.record.type_structure)) ||
			String(a.record.nom).localeCompare(String(b.record.nom), 'fr') ||
			a.structureId - b.structureId
	);
}
