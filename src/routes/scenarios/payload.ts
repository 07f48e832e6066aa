/** The shape of what the scenario pages send to the browser (built by `payload.server.ts`). */
import type { CoverageCommune, CoverageOptionsInput, CoveragePole, CoverageQpv, CoverageStructure, TravelTime } from '$lib/analysis';

/** A structure as the editor knows it (with its manager: the distinct-manager rule of the « à renforcer » case). */
export type PayloadStructure = CoverageStructure & { id: number; name: string; communeCode: string; manager: { name: string | null; siren: string | null } };

/** The engine's input and parameters, as sent to the browser. */
export interface PlanningPayload {
	/** Analysis date, `YYYY-MM-DD`. */
	date: string;
	communes: CoverageCommune[];
	structures: PayloadStructure[];
	poles: CoveragePole[];
	qpvs: (CoverageQpv & { name: string })[] | null;
	/** The renewal grace period in force at the date (structures in renewal count until the decision). */
	renewalGrace: { months: number; regime: string };
	travelTimes: TravelTime[] | null;
	/** Set when the times are computed road times (complete up to the cutoff: no estimate). */
	travelTimesComplete: { cutoffMinutes: number; source: string } | null;
	options: CoverageOptionsInput;
	/** The parameters shown beside the results. */
	parameters: { label: string; value: string; regime: string }[];
}
