import { describe, expect, it } from 'vitest';
import { generateDemoDepartement } from '.';
import { isPublishedFigure, isPublishedIndicator } from './publication';

describe('what the demo CAF publishes', () => {
	const demo = generateDemoDepartement();
	const year = Number(demo.referenceDate.slice(0, 4));

	it('publishes a realistic part of the funding lines: closed years, and the CAF’s own current year', () => {
		const published = demo.fundingLines.filter((l) => isPublishedFigure(l, year));
		expect(published.length / demo.fundingLines.length).toBeGreaterThan(0.5);
		expect(published.length).toBeLessThan(demo.fundingLines.length);
		// Observers see figures for the current year too (the CAF's), and every partner's for closed years.
		expect(published.some((l) => l.year === year && l.partnerCode === 'CAF')).toBe(true);
		expect(published.some((l) => l.year === year && l.partnerCode !== 'CAF')).toBe(false);
		for (const code of new Set(demo.fundingLines.map((l) => l.partnerCode))) {
			expect(published.some((l) => l.partnerCode === code), code).toBe(true);
		}
	});

	it('publishes the commitments of closed years and the CAF’s current ones', () => {
		const published = demo.accordCadre.commitments.filter((c) => isPublishedFigure(c, year));
		expect(published.length).toBeGreaterThan(demo.accordCadre.commitments.length / 2);
		expect(published.length).toBeLessThan(demo.accordCadre.commitments.length);
	});

	it('publishes computed and survey indicators, not the CAF’s internal management ones', () => {
		const indicators = demo.schemaDirecteur.orientations.flatMap((o) => o.objectives.flatMap((ob) => ob.indicators));
		const published = indicators.filter(isPublishedIndicator);
		expect(published.some((i) => i.computation === null && i.values.length > 0)).toBe(true);
		expect(indicators.filter((i) => !isPublishedIndicator(i)).map((i) => i.source)).toEqual(['Service action sociale Caf']);
	});
});
