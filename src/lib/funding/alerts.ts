/**
 * Alerts of the accord-cadre follow-up, with thresholds read from dated reference parameters:
 * - `shortfall`: a signatory realised (notified + paid) less than its amount commitment by more
 *   than `accord_cadre.alert_shortfall_share`;
 * - `single_funder`: one partner brings more than `funding.single_funder_share` of a structure's
 *   notified + paid funding of the year;
 * - `missing_funder`: a structure funded that year has no line from a signatory the accord-cadre
 *   expects (`accord_cadre.expected_funder_kinds`: partner kinds per structure type, limited to the
 *   partner's territory for communes and EPCI);
 * - `commitment_without_line`: an amount or structure-count commitment with no line in its scope.
 * Years after `currentYear` are not checked. Pure; French sentences in `describeAlert`.
 */
import { formatEuros, formatPercent } from '../format';
import {
	inCommitmentScope,
	NOTIFIED_STATUSES,
	partnerYearBalances,
	yearState,
	type AccordLine,
	type Commitment,
	type CommitmentKind,
	type YearState
} from './accord-cadre';
import { numericValue, parameterInForce, type DatedParameter } from './ps';
import { fromCents, toCents, type StructureType } from './types';

export const ALERT_PARAMETER_KEYS = {
	shortfallShare: 'accord_cadre.alert_shortfall_share',
	singleFunderShare: 'funding.single_funder_share',
	expectedFunderKinds: 'accord_cadre.expected_funder_kinds'
} as const;

export interface Signatory {
	id: number;
	name: string;
	kind: string;
	/** INSEE code of a commune partner, SIREN of an EPCI partner, département code otherwise. */
	territoryCode: string | null;
}

/** A funding line with what the structure alerts need. */
export interface AlertLine extends AccordLine {
	partnerName: string;
	structureName: string;
	structureType: StructureType;
	communeCode: string;
}

export type FundingAlert =
	| { kind: 'shortfall'; year: number; state: YearState; partnerId: number; partnerName: string; committed: number; realised: number; gapShare: number; threshold: number; regime: string }
	| { kind: 'single_funder'; year: number; state: YearState; structureId: number; structureName: string; partnerId: number; partnerName: string; amount: number; total: number; share: number; threshold: number; regime: string }
	| { kind: 'missing_funder'; year: number; state: YearState; structureId: number; structureName: string; partnerId: number; partnerName: string; regime: string }
	| { kind: 'commitment_without_line'; year: number; state: YearState; commitmentId: number; partnerId: number; partnerName: string; commitmentKind: CommitmentKind };

export type AlertKind = FundingAlert['kind'];

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
	shortfall: 'Écart à l’engagement',
	single_funder: 'Dépendance à un financeur',
	missing_funder: 'Financeur attendu absent',
	commitment_without_line: 'Engagement sans financement'
};

export interface AlertInput {
	period: { startYear: number; endYear: number };
	currentYear: number;
	commitments: readonly Commitment[];
	lines: readonly AlertLine[];
	signatories: readonly Signatory[];
	params: readonly DatedParameter[];
}

/** Does `partner` fund on the territory of a structure (communes and EPCI: their own only)? */
export function partnerCovers(partner: Signatory, structure: { communeCode: string; epciSiren: string | null }): boolean {
	if (partner.territoryCode === null) return true;
	if (partner.kind === 'commune') return structure.communeCode === partner.territoryCode;
	if (partner.kind === 'epci') return structure.epciSiren === partner.territoryCode;
	return true;
}

/** The partner kinds expected for each structure type, from the parameter's JSON value. */
export function expectedKinds(p: DatedParameter | null): Partial<Record<StructureType, string[]>> | null {
	if (!p || typeof p.value !== 'object' || p.value === null || Array.isArray(p.value)) return null;
	const out: Partial<Record<StructureType, string[]>> = {};
	for (const type of ['CS', 'EVS'] as const) {
		const v = (p.value as Record<string, unknown>)[type];
		if (Array.isArray(v)) out[type] = v.filter((k): k is string => typeof k === 'string');
	}
	return out;
}

/** Every alert of an accord-cadre's period, year by year (most recent first). */
export function computeAlerts(input: AlertInput): FundingAlert[] {
	const { period, currentYear, commitments, lines, signatories, params } = input;
	const alerts: FundingAlert[] = [];
	const lastYear = Math.min(period.endYear, currentYear);

	// Signatories below their amount commitments.
	for (const b of partnerYearBalances(period, commitments, lines, currentYear)) {
		if (b.year > lastYear || b.committed <= 0) continue;
		const p = parameterInForce(params, ALERT_PARAMETER_KEYS.shortfallShare, b.year);
		const threshold = numericValue(p);
		if (threshold === null) continue;
		const gapShare = (b.committed - b.realised) / b.committed;
		if (gapShare > threshold) {
			alerts.push({ kind: 'shortfall', year: b.year, state: b.state, partnerId: b.partnerId, partnerName: b.partnerName, committed: b.committed, realised: b.realised, gapShare, threshold, regime: p!.regime });
		}
	}

	for (let year = period.startYear; year <= lastYear; year++) {
		const state = yearState(year, currentYear);
		const ofYear = lines.filter((l) => l.year === year);
		const structures = new Map<number, AlertLine[]>();
		for (const l of ofYear) structures.set(l.structureId, [...(structures.get(l.structureId) ?? []), l]);

		// Structures depending on one funder.
		const shareParam = parameterInForce(params, ALERT_PARAMETER_KEYS.singleFunderShare, year);
		const maxShare = numericValue(shareParam);
		if (maxShare !== null) {
			for (const own of structures.values()) {
				const realised = own.filter((l) => NOTIFIED_STATUSES.includes(l.status));
				const total = realised.reduce((s, l) => s + toCents(l.amount), 0);
				if (total <= 0) continue;
				const byPartner = new Map<number, { line: AlertLine; cents: number }>();
				for (const l of realised) {
					const e = byPartner.get(l.partnerId) ?? { line: l, cents: 0 };
					e.cents += toCents(l.amount);
					byPartner.set(l.partnerId, e);
				}
				const top = [...byPartner.values()].sort((a, b) => b.cents - a.cents || a.line.partnerName.localeCompare(b.line.partnerName, 'fr'))[0];
				const share = top.cents / total;
				if (share > maxShare) {
					alerts.push({ kind: 'single_funder', year, state, structureId: top.line.structureId, structureName: top.line.structureName, partnerId: top.line.partnerId, partnerName: top.line.partnerName, amount: fromCents(top.cents), total: fromCents(total), share, threshold: maxShare, regime: shareParam!.regime });
				}
			}
		}

		// Expected funders missing.
		const kindsParam = parameterInForce(params, ALERT_PARAMETER_KEYS.expectedFunderKinds, year);
		const kinds = expectedKinds(kindsParam);
		if (kinds) {
			for (const own of structures.values()) {
				const s = own[0];
				const expected = kinds[s.structureType] ?? [];
				const funders = new Set(own.map((l) => l.partnerId));
				for (const partner of signatories) {
					if (!expected.includes(partner.kind) || funders.has(partner.id) || !partnerCovers(partner, s)) continue;
					alerts.push({ kind: 'missing_funder', year, state, structureId: s.structureId, structureName: s.structureName, partnerId: partner.id, partnerName: partner.name, regime: kindsParam!.regime });
				}
			}
		}

		// Commitments without any funding line in their scope.
		for (const c of commitments) {
			if (c.year !== year || c.kind === 'creations_prioritaires') continue;
			if (ofYear.some((l) => inCommitmentScope(l, c))) continue;
			alerts.push({ kind: 'commitment_without_line', year, state, commitmentId: c.id, partnerId: c.partnerId, partnerName: c.partnerName, commitmentKind: c.kind });
		}
	}
	const order: Record<AlertKind, number> = { shortfall: 0, commitment_without_line: 1, missing_funder: 2, single_funder: 3 };
	return alerts.sort((a, b) => b.year - a.year || order[a.kind] - order[b.kind]);
}

const partial = (state: YearState) => (state === 'en_cours' ? ' (année en cours)' : '');

/** The French sentence of an alert. */
export function describeAlert(alert: FundingAlert): string {
	switch (alert.kind) {
		case 'shortfall':
			return (
				`${alert.partnerName} a notifié ou versé ${formatEuros(alert.realised)} en ${alert.year}${partial(alert.state)} pour un engagement de ` +
				`${formatEuros(alert.committed)} : il manque ${formatPercent(alert.gapShare)} de l’engagement, au-delà du seuil de ${formatPercent(alert.threshold)}.`
			);
		case 'single_funder':
			return (
				`${alert.structureName} dépend à ${formatPercent(alert.share)} de ${alert.partnerName} en ${alert.year}${partial(alert.state)} ` +
				`(${formatEuros(alert.amount)} sur ${formatEuros(alert.total)} notifiés ou versés), au-delà du seuil de ${formatPercent(alert.threshold)}.`
			);
		case 'missing_funder':
			return `${alert.structureName} n’a aucun financement de ${alert.partnerName} en ${alert.year}${partial(alert.state)}, alors que l’accord-cadre prévoit ce financeur pour ce type de structure.`;
		case 'commitment_without_line':
			return (
				`L’engagement de ${alert.partnerName} pour ${alert.year}${partial(alert.state)} ` +
				`(${alert.commitmentKind === 'montant' ? 'montant' : 'nombre de structures financées'}) n’a aucune ligne de financement dans son périmètre.`
			);
	}
}
