import { describe, expect, it } from 'vitest';
import { layoutAgrementTimeline, type TimelineAgrement } from './agrement-timeline';

const a = (id: number, kind: TimelineAgrement['kind'], startDate: string, endDate: string, decision: TimelineAgrement['decision'] = 'accorde'): TimelineAgrement => ({
	id,
	kind,
	startDate,
	endDate,
	decision
});

describe('layoutAgrementTimeline(agrements, options)', () => {
	it('layoutAgrementTimeline([]) draws nothing', () => {
		const layout = layoutAgrementTimeline([], { today: '2026-06-01', warningMonths: 6 });
		expect(layout).toMatchObject({ height: 0, rows: [], bars: [], years: [] });
	});

	it('puts one row per kind in AGC, ACF, AL order and bars on whole-year ticks', () => {
		const layout = layoutAgrementTimeline(
			[a(2, 'animation_collective_familles', '2022-01-01', '2025-12-31'), a(1, 'animation_globale', '2022-01-01', '2025-12-31')],
			{ today: '2024-07-01', warningMonths: 6, width: 600, labelWidth: 100 }
		);
		expect(layout.rows.map((r) => r.kind)).toEqual(['animation_globale', 'animation_collective_familles']);
		expect(layout.years.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
		const bar = layout.bars.find((b) => b.id === 1)!;
		// 2022-01-01 is the origin; the bar ends at the end of 2025-12-31, i.e. on the 2026 tick.
		expect(bar.x).toBe(100);
		expect(bar.x + bar.width).toBeCloseTo(layout.years.at(-1)!.x, 6);
		expect(bar.status.kind).toBe('en_cours');
		expect(layout.todayX).toBeGreaterThan(layout.years[2].x);
		expect(layout.todayX).toBeLessThan(layout.years[3].x);
	});

	it('extends the axis to today when every agrément has ended, and marks them expired', () => {
		const layout = layoutAgrementTimeline([a(1, 'animation_locale', '2018-01-01', '2021-12-31')], { today: '2026-03-15', warningMonths: 6 });
		expect(layout.years[0].year).toBe(2018);
		expect(layout.years.at(-1)!.year).toBe(2027);
		expect(layout.bars[0].status.kind).toBe('expire');
		expect(layout.todayX).not.toBeNull();
	});

	it('keeps refused and pending agréments, with their status', () => {
		const layout = layoutAgrementTimeline(
			[a(1, 'animation_globale', '2026-01-01', '2029-12-31', 'en_instruction'), a(2, 'animation_globale', '2022-01-01', '2025-12-31', 'refuse')],
			{ today: '2026-03-15', warningMonths: 6 }
		);
		expect(layout.rows).toHaveLength(1);
		expect(layout.bars.map((b) => b.status.kind).sort()).toEqual(['en_instruction', 'refuse']);
	});
});
