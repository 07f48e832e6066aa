/**
 * An exclusive lock on the PGlite data folder: PGlite serves one process at a time and a second
 * writer corrupts it. The lock is a file beside the folder (`<dir>.lock`, not inside it, since
 * initdb wants an empty folder) created with O_EXCL and holding the owner's pid and command.
 * A lock whose process is gone is stale and taken over.
 */
import fs from 'node:fs';
import path from 'node:path';
import { EnvironmentError } from '../errors';

export interface FolderLock {
	path: string;
	release(): void;
}

interface LockOwner {
	pid: number;
	command: string;
	since: string;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		// EPERM: the process exists but belongs to someone else.
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

function readOwner(lockPath: string): LockOwner | null {
	try {
		return JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockOwner;
	} catch {
		return null;
	}
}

/** Takes the lock of `dataDir` for this process or throws an EnvironmentError in French. */
export function lockDataFolder(dataDir: string, command = process.argv.slice(1).join(' ')): FolderLock {
	const lockPath = `${path.resolve(dataDir)}.lock`;
	try {
		fs.mkdirSync(path.dirname(lockPath), { recursive: true });
	} catch (error) {
		throw new EnvironmentError(
			`Impossible de créer le dossier de données ${path.dirname(lockPath)} : ${(error as Error).message}`
		);
	}
	const owner: LockOwner = { pid: process.pid, command, since: new Date().toISOString() };
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			fs.writeFileSync(lockPath, JSON.stringify(owner), { flag: 'wx', mode: 0o600 });
			let released = false;
			const release = () => {
				if (released) return;
				released = true;
				const current = readOwner(lockPath);
				if (current?.pid === process.pid) fs.rmSync(lockPath, { force: true });
				process.off('exit', release);
			};
			process.on('exit', release);
			return { path: lockPath, release };
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code !== 'EEXIST') {
				throw new EnvironmentError(
					`Le dossier de données ${dataDir} n'est pas accessible en écriture (${code ?? (error as Error).message}).`
				);
			}
			const current = readOwner(lockPath);
			if (current && current.pid !== process.pid && isAlive(current.pid)) {
				throw new EnvironmentError(
					`La base embarquée ${dataDir} est déjà utilisée par un autre processus ` +
						`(pid ${current.pid} : ${current.command || 'inconnu'}, depuis ${current.since}). ` +
						`PGlite ne sert qu'un processus à la fois : arrêtez-le (par exemple le serveur « npm run dev ») ` +
						`puis relancez la commande. Aucune donnée n'a été modifiée.`
				);
			}
			// Stale lock (owner gone) or our own: remove and retry once.
			fs.rmSync(lockPath, { force: true });
		}
	}
	throw new EnvironmentError(`Impossible de verrouiller le dossier de données ${dataDir}.`);
}
