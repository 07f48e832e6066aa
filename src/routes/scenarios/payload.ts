/** The shape of what the scenario pages send to the browser (built by `payload.server.ts`). */
import type { CoverageCommune, CoverageOptionsInput, CoveragePole, CoverageQpv, CoverageStructure, TravelTime } from '$lib/analysis';

/** A structure as the editor knows it. */
export type PayloadStructure = CoverageStructure & { id: number; name: string; communeCode: string };

/** The engine's input and parameters, as sent to the browser. */
export interface PlanningPayload {
	/** Analysis date, `YYYY-MM-DD`. */
	date: string;
	communes: CoverageCommune[];
	structures: PayloadStructure[];
	poles: CoveragePole[];
	qpvs: (CoverageQpv & { name: string })[] | null;
	travelTimes: TravelTime[] | null;
	/** Set when the times are computed road times (complete up to the cutoff: no estimate). */
	travelTimesComplete: { cutoffMinutes: number; source: string } | null;
	options: CoverageOptionsInput;
	/** The parameters shown beside the results. */
	parameters: { label: string; value: string; regime: string }[];
}
