/**
 * File modes of the embedded database: its folder 0700 and its files 0600, because they hold
 * password hashes, documents and unpublished funding. PGlite writes its files itself (and sets
 * 0666 on those it unpacks at creation), so the process runs with umask 077 while a file-backed
 * PGlite is open, and what exists is tightened after opening and after closing.
 */
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const PRIVATE_UMASK = 0o077;

let holders = 0;
let savedUmask: number | null = null;

/** Makes files created from now on private, until every holder has called `release()`. */
export function holdPrivateUmask(): { release(): void } {
	if (holders++ === 0) savedUmask = process.umask(PRIVATE_UMASK);
	let released = false;
	return {
		release() {
			if (released) return;
			released = true;
			if (--holders === 0 && savedUmask !== null) {
				process.umask(savedUmask);
				savedUmask = null;
			}
		}
	};
}

/** Sets `dir` to 0700 and everything under it to 0700 (folders) / 0600 (files); returns how many entries changed. */
export function restrictTree(dir: string): number {
	let changed = 0;
	const visit = (target: string, isDir: boolean) => {
		const want = isDir ? PRIVATE_DIR_MODE : PRIVATE_FILE_MODE;
		const stat = fs.lstatSync(target);
		if (stat.isSymbolicLink()) return;
		if ((stat.mode & 0o777) !== want) {
			fs.chmodSync(target, want);
			changed++;
		}
		if (!isDir) return;
		for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
			if (entry.isDirectory() || entry.isFile()) visit(path.join(target, entry.name), entry.isDirectory());
		}
	};
	if (fs.existsSync(dir)) visit(dir, true);
	return changed;
}

/** Opens `file` for writing as a private file (0600), also when it already existed with wider rights. */
export function createPrivateWriteStream(file: string): fs.WriteStream {
	const fd = fs.openSync(file, 'w', PRIVATE_FILE_MODE);
	fs.fchmodSync(fd, PRIVATE_FILE_MODE);
	return fs.createWriteStream(file, { fd });
}
