/**
 * Territorial indicators of the demo communes for two years, consistent with population:
 * families, CAF allocataires (and low-income ones), single-parent families, poverty rate.
 * Département totals are summed before rounding (never from rounded commune values).
 */
import type { Random } from '../domain/random';
import type { Territory } from './territory';
import type { DemoIndicator, DemoIndicatorKey } from './types';

export const INDICATOR_SOURCE = 'Données fictives de démonstration (modèle Caf / INSEE)';

interface Raw {
	familles: number;
	allocataires: number;
	allocataires_bas_revenus: number;
	familles_monoparentales: number;
	taux_pauvrete: number;
}

function uniform(random: Random, lo: number, hi: number): number {
	return lo + (hi - lo) * random();
}

/** Indicators for `years` (two years), for every commune and the département. */
export function generateIndicators(
	random: Random,
	territory: Territory,
	years: number[],
	qpvCommuneIndices: Set<number>
): DemoIndicator[] {
	const out: DemoIndicator[] = [];
	const totals = years.map(() => ({ familles: 0, allocataires: 0, bas: 0, mono: 0, pauvres: 0, population: 0 }));
	territory.communes.forEach((commune, index) => {
		const urban = commune.urban;
		const qpv = qpvCommuneIndices.has(index);
		const base: Raw = {
			taux_pauvrete: uniform(random, urban ? 14 : 10, urban ? 21 : 16) + (qpv ? 4 : 0),
			familles: commune.population * uniform(random, 0.11, 0.15),
			allocataires: commune.population * uniform(random, urban ? 0.12 : 0.09, urban ? 0.16 : 0.12),
			allocataires_bas_revenus: 0,
			familles_monoparentales: 0
		};
		base.allocataires_bas_revenus = base.allocataires * (base.taux_pauvrete / 100 + uniform(random, 0.15, 0.25));
		base.familles_monoparentales = base.familles * uniform(random, urban ? 0.2 : 0.13, urban ? 0.3 : 0.2);
		years.forEach((year, y) => {
			const drift = y === 0 ? 1 : 1 + uniform(random, -0.02, 0.03);
			const raw: Raw = {
				familles: base.familles * drift,
				allocataires: base.allocataires * drift,
				allocataires_bas_revenus: base.allocataires_bas_revenus * drift * (y === 0 ? 1 : 1.01),
				familles_monoparentales: base.familles_monoparentales * drift,
				taux_pauvrete: base.taux_pauvrete + (y === 0 ? 0 : uniform(random, -0.4, 0.6))
			};
			for (const key of Object.keys(raw) as DemoIndicatorKey[]) {
				const value = key === 'taux_pauvrete' ? Math.round(raw[key] * 10) / 10 : Math.round(raw[key]);
				out.push({ territoryKind: 'commune', territoryCode: commune.code, year, key, value, source: INDICATOR_SOURCE });
			}
			const t = totals[y];
			t.familles += raw.familles;
			t.allocataires += raw.allocataires;
			t.bas += raw.allocataires_bas_revenus;
			t.mono += raw.familles_monoparentales;
			t.pauvres += (raw.taux_pauvrete / 100) * commune.population;
			t.population += commune.population;
		});
	});
	years.forEach((year, y) => {
		const t = totals[y];
		const values: Record<DemoIndicatorKey, number> = {
			familles: Math.round(t.familles),
			allocataires: Math.round(t.allocataires),
			allocataires_bas_revenus: Math.round(t.bas),
			familles_monoparentales: Math.round(t.mono),
			taux_pauvrete: Math.round((t.pauvres / t.population) * 1000) / 10
		};
		for (const key of Object.keys(values) as DemoIndicatorKey[]) {
			out.push({
				territoryKind: 'departement',
				territoryCode: territory.departement.code,
				year,
				key,
				value: values[key],
				source: INDICATOR_SOURCE
			});
		}
	});
	return out;
}
