import { sveltekit } from '@sveltejs/kit/vite';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Workers for the unit project. Vitest's default (cores − 1) is a single worker on the 2-core
 * machines the suite runs on, which made `npm test` serial; the unit and integration files are
 * independent (own PGlite folder or PostgreSQL schema each), so they use every core.
 * `MAILLAGE_TEST_WORKERS=1` runs them one at a time. The e2e project stays one file at a time
 * (shared servers, a browser each): it runs after the unit files, alone on the machine.
 * (Not VITEST_MAX_WORKERS: that variable would also lift the e2e project's single worker.)
 */
const unitWorkers = Number(process.env.MAILLAGE_TEST_WORKERS) || Math.max(2, availableParallelism() - 1);

export default defineConfig({
	plugins: [sveltekit()],
	optimizeDeps: { exclude: ['@electric-sql/pglite'] },
	test: {
		projects: [
			{
				extends: './vite.config.ts',
				test: {
					name: 'unit',
					environment: 'node',
					maxWorkers: unitWorkers,
					include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			},
			{
				extends: './vite.config.ts',
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.e2e.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 180_000
				}
			}
		]
	}
});
