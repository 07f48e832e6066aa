/** A throw-away folder for the tests of one `describe`. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * Creates a fresh temporary folder (named `prefix…`) in a `beforeAll` and removes it with all it
 * holds in an `afterAll`; returns the function giving a path inside it (`inTemp('data', 'x')`),
 * to call in hooks and tests only.
 */
export function suiteTempDir(prefix: string): (...parts: string[]) => string {
	let dir: string | undefined;
	beforeAll(() => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	});
	afterAll(() => {
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
	});
	return (...parts) => {
		if (!dir) throw new Error('suiteTempDir: the folder exists only in hooks and tests');
		return path.join(dir, ...parts);
	};
}
