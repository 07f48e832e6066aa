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

interface AppDbState {
	handle?: Promise<DbHandle>;
	closing?: Promise<void>;
}

const state: AppDbState = ((globalThis as Record<string, unknown>).__maillageAppDb ??= {}) as AppDbState;

async function open(): Promise<DbHandle> {
	const config = readDbConfig();
	const handle = await createDb(config);
	try {
		await migrate(handle.db, handle.schema);
		// Never into a database in use: an account created with `users create` before the first start
		// must not end up beside the demo accounts and their public password.
		if (handle.kind === 'pglite' && process.env.MAILLAGE_NO_DEMO !== '1' && (await meta.isPristine(handle.db))) {
			console.error('Base embarquée vide : chargement du département fictif de démonstration…');
			await seedDemo(handle.db);
		}
	} catch (error) {
		await handle.close();
		throw error;
	}
	return handle;
}

/** The app's database handle, opened on first use. */
export function appDb(): Promise<DbHandle> {
	state.handle ??= open().catch((error) => {
		state.handle = undefined;
		throw error;
	});
	return state.handle;
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
