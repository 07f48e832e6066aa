/**
 * The database of the running app (dev server or built server): opened, migrated and — on the
 * embedded database only, when pristine (`meta.isPristine`) and without MAILLAGE_NO_DEMO=1 —
 * seeded with the fictional demo département, once per
 * process. Kept on globalThis so Vite's hot reload does not open PGlite twice.
 */
import { readDbConfig } from './config';
import { createDb, type DbHandle } from './db/index';
import { migrate } from './db/migrate';
import * as meta from './db/meta';
import { seedDemo } from './demo/seed';
import type { StartupStatus } from './first-start';
import { UserFacingError } from './errors';

interface AppDbState {
	handle?: Promise<DbHandle>;
	closing?: Promise<void>;
	/** Where the opening is (the first-start page shows it); null once open. */
	startup?: StartupStatus | null;
}

const state: AppDbState = ((globalThis as Record<string, unknown>).__maillageAppDb ??= {}) as AppDbState;

async function open(): Promise<DbHandle> {
	const startup: StartupStatus = { phase: 'ouverture', seeding: false, startedAt: Date.now(), error: null };
	state.startup = startup;
	const config = readDbConfig();
	const handle = await createDb(config);
	try {
		startup.phase = 'migrations';
		await migrate(handle.db, handle.schema);
		// Never into a database in use: an account created with `users create` before the first start
		// must not end up beside the demo accounts and their public password.
		if (handle.kind === 'pglite' && process.env.MAILLAGE_NO_DEMO !== '1' && (await meta.isPristine(handle.db))) {
			console.error('Base embarquée vide : chargement du département fictif de démonstration…');
			startup.seeding = true;
			await seedDemo(handle.db, { onStep: (step) => (startup.phase = step) });
		}
	} catch (error) {
		await handle.close();
		throw error;
	}
	state.startup = null;
	return handle;
}

/** The app's database handle, opened on first use. */
export function appDb(): Promise<DbHandle> {
	state.handle ??= open().catch((error) => {
		state.handle = undefined;
		// Kept for the first-start page: a French message when we have one.
		if (state.startup) state.startup.error = error instanceof UserFacingError ? error.message : 'La base de données n’a pas pu être ouverte (détail dans la console du serveur).';
		throw error;
	});
	return state.handle;
}

/**
 * The app's database when it is open within `waitMs`, else null with where the opening stands (the
 * first-start page), after starting it if needed.
 */
export async function appDbWithin(waitMs: number): Promise<{ handle: DbHandle } | { startup: StartupStatus }> {
	const opening = appDb();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), waitMs)));
	try {
		const handle = await Promise.race([opening, late]);
		if (handle) return { handle };
	} catch (error) {
		console.error(error);
	} finally {
		clearTimeout(timer);
	}
	return { startup: state.startup ?? { phase: 'ouverture', seeding: false, startedAt: Date.now(), error: null } };
}

/** Closes the app's database (on shutdown); safe to call twice. */
export function closeAppDb(): Promise<void> {
	const handle = state.handle;
	state.handle = undefined;
	state.closing ??= (handle ? handle.then((h) => h.close()).catch(() => {}) : Promise.resolve()).finally(
		() => (state.closing = undefined)
	);
	return state.closing;
}
