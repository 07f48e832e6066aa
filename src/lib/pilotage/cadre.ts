/**
 * The national cadre de référence of the animation de la vie sociale in force on a day (dated
 * parameter `cadre_reference`: the circular n°2012-013 from 20 June 2012, the circular of
 * 18 December 2025 from 1 January 2027), so every page that applies a rule can say which. Pure.
 */
import { parameterOn, type DatedParameter } from '../domain/dated-parameter';

export interface CadreReference {
	/** Full name (« Circulaire Cnaf n°2012-013 du 20 juin 2012 relative à l’animation de la vie sociale »). */
	name: string;
	/** Short name (« Circulaire Cnaf 2012-013 »). */
	short: string;
	validFrom: string;
	source: string | null;
}

/** The cadre de référence in force on `date`, or null when none is recorded. */
export function cadreReferenceOn(params: readonly DatedParameter[], date: string): CadreReference | null {
	const p = parameterOn(params, 'cadre_reference', date);
	if (!p || typeof p.value !== 'object' || p.value === null) return null;
	const v = p.value as Record<string, unknown>;
	if (typeof v.name !== 'string') return null;
	return { name: v.name, short: typeof v.short === 'string' ? v.short : v.name, validFrom: p.validFrom, source: p.source };
}

/** « Cadre de référence en vigueur au 30/06/2026 : Circulaire Cnaf 2012-013. » */
export function cadreText(cadre: CadreReference | null, date: string): string {
	const day = `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
	return cadre ? `Cadre de référence en vigueur au ${day} : ${cadre.name}.` : `Aucun cadre de référence enregistré au ${day}.`;
}
