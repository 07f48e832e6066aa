/**
 * The priority zonings of the cadre de référence of 18 December 2025: new centres directed first
 * to the quartiers prioritaires (QPV) and the zones France ruralités revitalisation (ZFRR). The
 * orientation is dated reference data (`planning.priority_zonages`, from 1 January 2027); the ZFRR
 * are a dated list of communes (`zonage_commune`). Pure.
 */
import type { CoverageContext } from '../analysis/context';
import { parameterOn, type DatedParameter } from '../domain/dated-parameter';

/** The orientation in force on a day: the zonings new centres are directed to, and its regime. */
export interface PriorityOrientation {
	zonages: ('qpv' | 'zfrr')[];
	regime: string;
	source: string | null;
}

/** The orientation in force on `date`, null when none (the 2012 regime has none). */
export function priorityOrientationOn(params: readonly DatedParameter[], date: string): PriorityOrientation | null {
	const p = parameterOn(params, 'planning.priority_zonages', date);
	if (!p || !Array.isArray(p.value)) return null;
	const zonages = p.value.filter((z): z is 'qpv' | 'zfrr' => z === 'qpv' || z === 'zfrr');
	return zonages.length ? { zonages, regime: p.regime, source: p.source } : null;
}

/** The priority zonings of each commune: its QPV (in force) and whether it is in the ZFRR. */
export interface CommuneZonages {
	qpvCodes: string[];
	/** Inhabitants of its QPV (where known). */
	qpvPopulation: number;
	zfrr: boolean;
}

/** Per commune index of the context: its QPV (by main commune) and its ZFRR membership. */
export function communeZonages(context: CoverageContext, zfrrCodes: ReadonlySet<string>): CommuneZonages[] {
	const out: CommuneZonages[] = context.communes.map((c) => ({ qpvCodes: [], qpvPopulation: 0, zfrr: zfrrCodes.has(c.code) }));
	for (const [i, ks] of context.qpvsOfCommune) {
		for (const k of ks) {
			out[i].qpvCodes.push(context.qpvs![k].code);
			out[i].qpvPopulation += context.qpvs![k].population;
		}
	}
	return out;
}

/** The tie-breaking share of the other inhabitants in the priority weight (far below one inhabitant). */
const TIE_BREAK = 1e-6;

/**
 * The MCLP weights « population des QPV et des ZFRR »: a ZFRR commune weighs its inhabitants, another
 * commune the inhabitants of its QPV (at most its population); the other inhabitants only break
 * ties (× 1e-6), so a site is chosen for the priority population it reaches first.
 */
export function priorityWeights(context: CoverageContext, zfrrCodes: ReadonlySet<string>): Float64Array {
	const zonages = communeZonages(context, zfrrCodes);
	const weights = new Float64Array(context.communes.length);
	context.communes.forEach((c, i) => {
		const priority = zonages[i].zfrr ? c.population : Math.min(c.population, zonages[i].qpvPopulation);
		weights[i] = priority + c.population * TIE_BREAK;
	});
	return weights;
}
