/**
 * The runner closes what a command opened — the PGlite handle and its folder lock — whether the
 * command succeeds or throws (in-process, so the lock file is still ours to check).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { RejectedDataError } from '../../src/lib/server/errors';
import type { DbHandle } from '../../src/lib/server/db/index';
import { runCli } from '../../src/lib/server/cli/main';
import { defineCommand, defineGroup } from '../../src/lib/server/cli/registry';

describe('runCli closes the database it opened', () => {
	const tmp = mkdtempSync(path.join(os.tmpdir(), 'maillage-cli-runner-'));
	const dataDir = path.join(tmp, 'pglite');
	afterAll(() => rmSync(tmp, { recursive: true, force: true }));

	let opened: DbHandle | null = null;
	let sameHandle = false;
	let lockedDuring = false;
	const group = defineGroup({
		name: 'essai',
		summary: 'essai',
		commands: [
			defineCommand({
				name: 'ouvre',
				summary: 'ouvre puis échoue ou réussit',
				options: { echec: { type: 'boolean', description: 'échoue' } },
				async run(ctx) {
					opened = await ctx.openDb();
					sameHandle = (await ctx.openDb()) === opened;
					lockedDuring = existsSync(`${dataDir}.lock`);
					await sql`select 1`.execute(opened.db);
					if (ctx.options.echec) throw new RejectedDataError('refusé');
				}
			})
		]
	});
	const io = { stdout: { write: () => true }, stderr: { write: () => true } };

	for (const [label, argv, code] of [
		['after a rejected command (exit 1)', ['essai', 'ouvre', '--echec'], 1],
		['after a successful command (exit 0)', ['essai', 'ouvre'], 0]
	] as const) {
		it(`releases the lock and closes the handle ${label}`, async () => {
			opened = null;
			sameHandle = lockedDuring = false;
			expect(await runCli(argv, { io, env: { MAILLAGE_DATA_DIR: dataDir }, groups: [group] })).toBe(code);
			expect(opened).not.toBeNull();
			expect(sameHandle).toBe(true); // one handle per command
			expect(lockedDuring).toBe(true);
			expect(existsSync(`${dataDir}.lock`)).toBe(false);
			await expect(sql`select 1`.execute(opened!.db)).rejects.toThrow();
		});
	}
});
