/**
 * Steering of the departmental policy: the accord-cadre (partners' yearly commitments against
 * the funding actually recorded) and the schéma directeur (orientations → objectives →
 * indicators with baseline, yearly targets and entered values), plus committee decisions.
 * Amounts in euros.
 */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export type CommitmentKind = Database['commitment']['kind'];

export interface Partner {
	id: number;
	name: string;
	kind: string;
}

export interface CommitmentView {
	id: number;
	partnerId: number;
	partnerName: string;
	year: number;
	kind: CommitmentKind;
	/** Euros for `montant`, a number of structures otherwise. */
	value: number;
	epciSiren: string | null;
	epciName: string | null;
	instrumentLabel: string | null;
	comment: string | null;
	/**
	 * What was recorded within the commitment's scope (partner, year, and its EPCI / instrument
	 * when set): euros for `montant`, distinct structures funded for `structures_financees`,
	 * null for `creations_prioritaires` (not derived from funding lines).
	 */
	realisedAll: number | null;
	/** The same, counting paid (`verse`) lines only. */
	realisedPaid: number | null;
}

/** Amount commitments of one partner for one year against all its funding lines of that year. */
export interface PartnerYearBalance {
	partnerId: number;
	partnerName: string;
	year: number;
	/** Sum of the partner's `montant` commitments for the year (euros). */
	committed: number;
	/** Sum of the partner's funding lines of the year, every status (euros). */
	realisedAll: number;
	/** The same, paid (`verse`) lines only. */
	realisedPaid: number;
	/** realisedAll / committed, null when nothing was committed. */
	rateAll: number | null;
	ratePaid: number | null;
}

export interface AccordCadreView {
	id: number;
	name: string;
	startYear: number;
	endYear: number;
	signedOn: string | null;
	signatories: Partner[];
	/** Per partner and year of the period, for the partners with an amount commitment. */
	balances: PartnerYearBalance[];
	commitments: CommitmentView[];
}

interface FundingFact {
	partner_id: number;
	year: number;
	instrument_id: number;
	structure_id: number;
	epci_siren: string | null;
	status: Database['funding_line']['status'];
	amount: number;
}

function realised(
	facts: readonly FundingFact[],
	c: { partner_id: number; year: number; kind: CommitmentKind; epci_siren: string | null; instrument_id: number | null },
	paidOnly: boolean
): number | null {
	if (c.kind === 'creations_prioritaires') return null;
	const matching = facts.filter(
		(f) =>
			f.partner_id === c.partner_id &&
			f.year === c.year &&
			(c.instrument_id === null || f.instrument_id === c.instrument_id) &&
			(c.epci_siren === null || f.epci_siren === c.epci_siren) &&
			(!paidOnly || f.status === 'verse')
	);
	if (c.kind === 'structures_financees') return new Set(matching.map((f) => f.structure_id)).size;
	return matching.reduce((sum, f) => sum + f.amount, 0);
}

/** Every accord-cadre, the most recent first, with its commitments and their realisation. */
export async function accordsCadres(db: Kysely<Database>): Promise<AccordCadreView[]> {
	const accords = await db.selectFrom('accord_cadre').selectAll().orderBy('start_year', 'desc').orderBy('id').execute();
	if (accords.length === 0) return [];
	const ids = accords.map((a) => a.id);
	const [signatories, commitments, facts] = await Promise.all([
		db
			.selectFrom('accord_cadre_signatory as s')
			.innerJoin('partner', 'partner.id', 's.partner_id')
			.select(['s.accord_cadre_id', 'partner.id', 'partner.name', 'partner.kind'])
			.where('s.accord_cadre_id', 'in', ids)
			.orderBy('partner.name')
			.execute(),
		db
			.selectFrom('commitment')
			.innerJoin('partner', 'partner.id', 'commitment.partner_id')
			.leftJoin('epci', 'epci.siren', 'commitment.epci_siren')
			.leftJoin('funding_instrument', 'funding_instrument.id', 'commitment.instrument_id')
			.select([
				'commitment.id',
				'commitment.accord_cadre_id',
				'commitment.partner_id',
				'partner.name as partner_name',
				'commitment.year',
				'commitment.kind',
				'commitment.value',
				'commitment.epci_siren',
				'epci.name as epci_name',
				'commitment.instrument_id',
				'funding_instrument.label as instrument_label',
				'commitment.comment'
			])
			.where('commitment.accord_cadre_id', 'in', ids)
			.orderBy('partner.name')
			.orderBy('commitment.year')
			.orderBy('commitment.kind')
			.orderBy('commitment.id')
			.execute(),
		db
			.selectFrom('funding_line')
			.innerJoin('structure', 'structure.id', 'funding_line.structure_id')
			.leftJoin('commune', 'commune.code', 'structure.commune_code')
			.select([
				'funding_line.partner_id',
				'funding_line.year',
				'funding_line.instrument_id',
				'funding_line.structure_id',
				'commune.epci_siren',
				'funding_line.status',
				'funding_line.amount'
			])
			.execute()
	]);
	const numericFacts: FundingFact[] = facts.map((f) => ({ ...f, year: Number(f.year), amount: Number(f.amount) }));

	return accords.map((accord) => {
		const own = commitments.filter((c) => c.accord_cadre_id === accord.id);
		const views: CommitmentView[] = own.map((c) => ({
			id: c.id,
			partnerId: c.partner_id,
			partnerName: c.partner_name,
			year: Number(c.year),
			kind: c.kind,
			value: Number(c.value),
			epciSiren: c.epci_siren,
			epciName: c.epci_name,
			instrumentLabel: c.instrument_label,
			comment: c.comment,
			realisedAll: realised(numericFacts, c, false),
			realisedPaid: realised(numericFacts, c, true)
		}));
		const balances: PartnerYearBalance[] = [];
		const amountCommitments = views.filter((v) => v.kind === 'montant');
		const partners = [...new Map(amountCommitments.map((v) => [v.partnerId, v.partnerName])).entries()];
		for (const [partnerId, partnerName] of partners) {
			for (let year = accord.start_year; year <= accord.end_year; year++) {
				const committed = amountCommitments
					.filter((v) => v.partnerId === partnerId && v.year === year)
					.reduce((sum, v) => sum + v.value, 0);
				const lines = numericFacts.filter((f) => f.partner_id === partnerId && f.year === year);
				const realisedAll = lines.reduce((sum, f) => sum + f.amount, 0);
				const realisedPaid = lines.filter((f) => f.status === 'verse').reduce((sum, f) => sum + f.amount, 0);
				balances.push({
					partnerId,
					partnerName,
					year,
					committed,
					realisedAll,
					realisedPaid,
					rateAll: committed > 0 ? realisedAll / committed : null,
					ratePaid: committed > 0 ? realisedPaid / committed : null
				});
			}
		}
		return {
			id: accord.id,
			name: accord.name,
			startYear: accord.start_year,
			endYear: accord.end_year,
			signedOn: accord.signed_on,
			signatories: signatories
				.filter((s) => s.accord_cadre_id === accord.id)
				.map((s) => ({ id: s.id, name: s.name, kind: s.kind })),
			balances,
			commitments: views
		};
	});
}

export interface IndicatorView {
	id: number;
	label: string;
	unit: string;
	/** null: values entered by hand; otherwise the key of a computed indicator. */
	computation: string | null;
	baselineYear: number | null;
	baselineValue: number | null;
	higherIsBetter: boolean;
	source: string | null;
	targets: { year: number; target: number }[];
	values: { year: number; value: number; source: string | null }[];
}

export interface ObjectiveView {
	id: number;
	position: number;
	title: string;
	description: string | null;
	indicators: IndicatorView[];
}

export interface OrientationView {
	id: number;
	position: number;
	title: string;
	objectives: ObjectiveView[];
}

export interface SchemaDirecteurView {
	id: number;
	name: string;
	startYear: number;
	endYear: number;
	adoptedOn: string | null;
	signatories: Partner[];
	orientations: OrientationView[];
}

/** Every schéma directeur, the most recent first, as orientation → objective → indicator trees. */
export async function schemasDirecteurs(db: Kysely<Database>): Promise<SchemaDirecteurView[]> {
	const schemas = await db.selectFrom('schema_directeur').selectAll().orderBy('start_year', 'desc').orderBy('id').execute();
	if (schemas.length === 0) return [];
	const ids = schemas.map((s) => s.id);
	const [signatories, orientations, objectives, indicators, targets, values] = await Promise.all([
		db
			.selectFrom('schema_signatory as s')
			.innerJoin('partner', 'partner.id', 's.partner_id')
			.select(['s.schema_id', 'partner.id', 'partner.name', 'partner.kind'])
			.where('s.schema_id', 'in', ids)
			.orderBy('partner.name')
			.execute(),
		db.selectFrom('orientation').selectAll().where('schema_id', 'in', ids).orderBy('position').orderBy('id').execute(),
		db
			.selectFrom('objective')
			.innerJoin('orientation', 'orientation.id', 'objective.orientation_id')
			.selectAll('objective')
			.where('orientation.schema_id', 'in', ids)
			.orderBy('objective.position')
			.orderBy('objective.id')
			.execute(),
		db
			.selectFrom('indicator')
			.innerJoin('objective', 'objective.id', 'indicator.objective_id')
			.innerJoin('orientation', 'orientation.id', 'objective.orientation_id')
			.selectAll('indicator')
			.where('orientation.schema_id', 'in', ids)
			.orderBy('indicator.id')
			.execute(),
		db.selectFrom('indicator_target').selectAll().orderBy('year').execute(),
		db.selectFrom('indicator_value').selectAll().orderBy('year').execute()
	]);
	const indicatorView = (i: (typeof indicators)[number]): IndicatorView => ({
		id: i.id,
		label: i.label,
		unit: i.unit,
		computation: i.computation,
		baselineYear: i.baseline_year,
		baselineValue: i.baseline_value,
		higherIsBetter: i.higher_is_better,
		source: i.source,
		targets: targets.filter((t) => t.indicator_id === i.id).map((t) => ({ year: t.year, target: t.target })),
		values: values
			.filter((v) => v.indicator_id === i.id)
			.map((v) => ({ year: v.year, value: v.value, source: v.source }))
	});
	return schemas.map((s) => ({
		id: s.id,
		name: s.name,
		startYear: s.start_year,
		endYear: s.end_year,
		adoptedOn: s.adopted_on,
		signatories: signatories.filter((p) => p.schema_id === s.id).map((p) => ({ id: p.id, name: p.name, kind: p.kind })),
		orientations: orientations
			.filter((o) => o.schema_id === s.id)
			.map((o) => ({
				id: o.id,
				position: o.position,
				title: o.title,
				objectives: objectives
					.filter((ob) => ob.orientation_id === o.id)
					.map((ob) => ({
						id: ob.id,
						position: ob.position,
						title: ob.title,
						description: ob.description,
						indicators: indicators.filter((i) => i.objective_id === ob.id).map(indicatorView)
					}))
			}))
	}));
}

export interface CommitteeDecision {
	id: number;
	decidedOn: string;
	body: string;
	decision: string;
	communeCodes: string[];
	structureIds: number[];
	/** The communes concerned, with their names (null for a code not in the database). */
	communes: { code: string; name: string | null }[];
	/** The structures concerned that still exist, with their names. */
	structures: { id: number; name: string }[];
}

/** Decisions of the schéma's committees, the most recent first. */
export async function committeeDecisions(db: Kysely<Database>): Promise<CommitteeDecision[]> {
	const rows = await db.selectFrom('committee_decision').selectAll().orderBy('decided_on', 'desc').orderBy('id', 'desc').execute();
	const decisions = rows.map((r) => ({
		id: r.id,
		decidedOn: r.decided_on,
		body: r.body,
		decision: r.decision,
		communeCodes: Array.isArray(r.commune_codes) ? r.commune_codes.map(String) : [],
		structureIds: Array.isArray(r.structure_ids) ? r.structure_ids.map(Number).filter(Number.isSafeInteger) : []
	}));
	const codes = [...new Set(decisions.flatMap((d) => d.communeCodes))];
	const ids = [...new Set(decisions.flatMap((d) => d.structureIds))];
	const [communes, structures] = await Promise.all([
		codes.length ? db.selectFrom('commune').select(['code', 'name']).where('code', 'in', codes).execute() : [],
		ids.length ? db.selectFrom('structure').select(['id', 'name']).where('id', 'in', ids).execute() : []
	]);
	const communeName = new Map(communes.map((c) => [c.code, c.name]));
	const structureName = new Map(structures.map((s) => [s.id, s.name]));
	return decisions.map((d) => ({
		...d,
		communes: d.communeCodes.map((code) => ({ code, name: communeName.get(code) ?? null })),
		structures: d.structureIds
			.filter((id) => structureName.has(id))
			.map((id) => ({ id, name: structureName.get(id)! }))
	}));
}
