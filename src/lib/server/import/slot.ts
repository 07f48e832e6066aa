/**
 * One import at a time per server process — every web import (data files, funding lines) takes
 * this slot before reading its file, so parallel uploads cannot add up in memory. Kept on
 * globalThis so Vite's hot reload does not make a second slot.
 */

const state = ((globalThis as Record<string, unknown>).__maillageWebImport ??= { running: false }) as { running: boolean };

/** Takes the process's import slot; false when an import is already running. */
export function tryStartImport(): boolean {
	if (state.running) return false;
	state.running = true;
	return true;
}

export function finishImport(): void {
	state.running = false;
}

export const IMPORT_BUSY_MESSAGE =
	'Un autre import est en cours sur ce serveur : attendez qu’il se termine, puis relancez le vôtre.';
