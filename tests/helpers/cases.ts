/**
 * Table-driven tests for pure functions of one argument: one test per case, named after the
 * input and the expected value, so a failure names its case (where a run of `expect(f(x)).toBe(y)`
 * lines stops at the first one).
 */
import { expect, it } from 'vitest';

/**
 * One test per `[input, expected]` case: `fn(input)` equals `expected` (`toEqual`, which compares
 * primitives with `Object.is`, as `toBe` does).
 */
export function itMaps<I, O>(fn: (input: I) => O, cases: ReadonlyArray<readonly [I, O]>, name = fn.name): void {
	it.each(cases.map(([input, expected]): [I, O] => [input, expected]))(`${name}(%j) is %j`, (input, expected) => {
		expect(fn(input)).toEqual(expected);
	});
}
