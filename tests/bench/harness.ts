/**
 * Tiny benchmark harness shared by `tests/bench/*.bench.ts`: timed runs after warm-up, median
 * with min–max, Markdown tables. Wall-clock via `performance.now()`.
 */

/** Timings of repeated runs, milliseconds. */
export interface Timing {
	runs: number;
	/** Wall-clock median, min and max. */
	median: number;
	min: number;
	max: number;
	/** Median CPU time of this process (user + system, all threads: includes GC), less sensitive to other load. */
	cpuMedian: number;
	/** Median CPU time of the main thread alone (no GC helper or compiler threads): the steadiest figure on a busy machine. */
	threadCpuMedian: number;
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
	const s = [...values].sort((a, b) => a - b);
	const m = s.length >> 1;
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Runs `fn` `warmup` times untimed, then `runs` times timed.
 *
 * @returns the timing and the last result (so the work cannot be optimised away)
 */
export function measure<T>(fn: () => T, runs: number, warmup = 2): { timing: Timing; result: T } {
	let result = undefined as T;
	for (let k = 0; k < warmup; k++) result = fn();
	const times: number[] = [];
	const cpu: number[] = [];
	const threadCpu: number[] = [];
	for (let k = 0; k < runs; k++) {
		const c0 = process.cpuUsage();
		const m0 = process.threadCpuUsage();
		const t0 = performance.now();
		result = fn();
		times.push(performance.now() - t0);
		const m = process.threadCpuUsage(m0);
		const c = process.cpuUsage(c0);
		cpu.push((c.user + c.system) / 1000);
		threadCpu.push((m.user + m.system) / 1000);
	}
	return {
		timing: { runs, median: median(times), min: Math.min(...times), max: Math.max(...times), cpuMedian: median(cpu), threadCpuMedian: median(threadCpu) },
		result
	};
}

/** « 412 ms » or « 3.4 ms » or « 12.6 s ». */
export function formatMs(ms: number): string {
	if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
	if (ms >= 100) return `${Math.round(ms)} ms`;
	return `${ms.toFixed(1)} ms`;
}

/** « 412 ms (398–450) ». */
export function formatTiming(t: Timing): string {
	return t.runs === 1 ? `${formatMs(t.median)} (1 run)` : `${formatMs(t.median)} (${formatMs(t.min)}–${formatMs(t.max)})`;
}

/** A Markdown table. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
	const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
	return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
