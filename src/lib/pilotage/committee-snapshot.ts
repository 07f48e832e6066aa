/**
 * What a committee snapshot stores, and how older stored shapes are read. A snapshot freezes the
 * committee figures once per audience (`AudienceKey` of the policy: CAF staff, observers, each
 * partner, and `partenaire` for a partner without figures of its own), each computed through that
 * audience's row scope; a reader is shown only their audience's figures.
 *
 * Stored snapshots keep opening whatever their version: `upgradeSnapshot` brings any stored payload
 * to the current shape through a chain of small pure steps, one per version. To change the shape
 * of the committee figures:
 *   1. bump `FIGURES_VERSION` (committee-figures.ts) and change the types;
 *   2. add the step `[previous version]: (payload) => payload in the new shape` to
 *      `SNAPSHOT_UPGRADES` — it receives the output of the steps before it, never older shapes;
 *   3. add a stored payload of the previous version to tests/fixtures/committee/ and a test that
 *      upgrades it.
 * A step must not invent figures it cannot derive: a part an older shape did not hold for an
 * audience stays out of that audience's figures (shown as absent, never taken from another one).
 * Pure.
 */
import { audienceOf, audienceReader, canSee, type Actor, type AudienceKey } from '../domain/policy';
import { FIGURES_VERSION, type CommitteeFigures, type FundingTable } from './committee-figures';

/** The current stored shape. */
export interface CommitteeSnapshotPayload {
	version: typeof FIGURES_VERSION;
	/** The date the figures describe, `YYYY-MM-DD`. */
	asOf: string;
	audiences: Partial<Record<AudienceKey, CommitteeFigures>>;
}

/** A stored payload that cannot be read (not a snapshot, or written by a newer Maillage). */
export class SnapshotFormatError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SnapshotFormatError';
	}
}

// --- Version 2 (issue 11 to issue 15): per audience, without the observatory summary -------------

/** The figures version 2 stored for one audience. */
export type FiguresV2 = Omit<CommitteeFigures, 'version' | 'observatory'> & { version: 2 };

/** The shape stored by version 2. */
export interface SnapshotV2 {
	version: 2;
	asOf: string;
	audiences: Partial<Record<AudienceKey, FiguresV2>>;
}

/**
 * Version 2 → 3: the observatory summary did not exist; it stays out of every audience's figures
 * (its screen is not shown), never computed from today's data.
 */
export function upgradeV2(v2: SnapshotV2): CommitteeSnapshotPayload {
	if (!v2.audiences || typeof v2.asOf !== 'string') throw new SnapshotFormatError('Instantané illisible : des chiffres manquent dans cet instantané de format 2.');
	const audiences: CommitteeSnapshotPayload['audiences'] = {};
	for (const [audience, figures] of Object.entries(v2.audiences) as [AudienceKey, FiguresV2][]) {
		audiences[audience] = { ...figures, version: FIGURES_VERSION, observatory: null };
	}
	return { version: FIGURES_VERSION, asOf: v2.asOf, audiences };
}

// --- Version 1 (until issue 11): one value for every reader, both funding tables inside -------

/** The shape stored by version 1: staff figures plus the table over published lines. */
export interface SnapshotV1 extends Omit<CommitteeFigures, 'version' | 'audience' | 'agrements' | 'funding' | 'observatory'> {
	version: 1;
	agrements: NonNullable<CommitteeFigures['agrements']>;
	funding: {
		/** Over every funding line (CAF staff). */
		all: FundingTable;
		/** Over published lines only (every other reader). */
		published: FundingTable;
		accordCadre: NonNullable<CommitteeFigures['funding']>['accordCadre'];
	};
}

/**
 * Version 1 → 2: the staff figures re-scoped for the other audiences, with what version 1 stored
 * for them: the table over published lines, published indicators only, no accord-cadre detail
 * (version 1 did not store it for them), agréments only where the policy lets the audience read them.
 * No partner has figures of its own: every partner reads the `partenaire` audience.
 */
export function upgradeV1(v1: SnapshotV1): SnapshotV2 {
	if (!v1.coverage || !v1.funding?.all || !v1.funding?.published || typeof v1.asOf !== 'string') {
		throw new SnapshotFormatError('Instantané illisible : des chiffres manquent dans cet instantané de format 1.');
	}
	const { version: _version, funding, agrements, ...common } = v1;
	const forAudience = (audience: AudienceKey): FiguresV2 => {
		const reader = audienceReader(audience);
		const staff = audience === 'caf';
		return {
			...common,
			version: 2,
			audience,
			agrements: canSee(reader, 'comite.agrements') ? agrements : null,
			funding: canSee(reader, 'comite.financements')
				? { table: staff ? funding.all : funding.published, accordCadre: staff && canSee(reader, 'comite.accordCadre') ? funding.accordCadre : null }
				: null,
			schema: !canSee(reader, 'comite.schema') || !common.schema
				? null
				: staff
					? common.schema
					: { ...common.schema, indicators: common.schema.indicators.filter((i) => i.published) }
		};
	};
	return {
		version: 2,
		asOf: v1.asOf,
		audiences: { caf: forAudience('caf'), observateur: forAudience('observateur'), partenaire: forAudience('partenaire') }
	};
}

// --- The chain ---------------------------------------------------------------------------------

/** One step per stored version, to the next one. */
const SNAPSHOT_UPGRADES: Record<number, (payload: never) => { version: number }> = {
	1: upgradeV1,
	2: upgradeV2
};

/**
 * Any stored snapshot payload, in the current shape.
 * @throws SnapshotFormatError (in French) when it is not a snapshot or comes from a newer version
 */
export function upgradeSnapshot(payload: unknown): CommitteeSnapshotPayload {
	let current = payload as { version?: unknown };
	if (!current || typeof current !== 'object' || !Number.isInteger(current.version)) {
		throw new SnapshotFormatError('Instantané illisible : ce n’est pas un instantané de comité enregistré par Maillage.');
	}
	while ((current.version as number) < FIGURES_VERSION) {
		const step = SNAPSHOT_UPGRADES[current.version as number];
		if (!step) throw new SnapshotFormatError(`Instantané illisible : aucune conversion connue depuis la version ${current.version}.`);
		current = step(current as never);
	}
	if (current.version !== FIGURES_VERSION) {
		throw new SnapshotFormatError(
			`Instantané enregistré par une version plus récente de Maillage (format ${current.version}) : mettez l’application à jour pour l’afficher.`
		);
	}
	return current as CommitteeSnapshotPayload;
}

/**
 * The figures `actor` may see in a stored snapshot: their audience's, or — for a partner without
 * figures of its own — the `partenaire` audience's; null when the snapshot holds none for them.
 */
export function snapshotFiguresFor(payload: CommitteeSnapshotPayload, actor: Actor): CommitteeFigures | null {
	const audience = audienceOf(actor);
	if (audience === null) return null;
	const own = payload.audiences[audience];
	if (own) return own;
	return actor.role === 'partenaire' ? (payload.audiences.partenaire ?? null) : null;
}
