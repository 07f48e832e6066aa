#!/usr/bin/env node
// The `maillage` command-line tool (`npx maillage …`, `npm run maillage -- …`). This file only
// prepares the ground — Node ≥ 22, `.svelte-kit/tsconfig.json` for the `$lib` paths, tsx to run
// the TypeScript server code as is — then hands argv to src/lib/server/cli/main.ts.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

function fail(message) {
	process.stderr.write(`Erreur : ${message}\n`);
	process.exit(3);
}

// Kysely 0.29 needs Node ≥ 22: hand over to the project's own Node when called with an older one.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
	const projectNode = path.join(root, 'node_modules', '.bin', 'node');
	if (existsSync(projectNode) && !process.env.MAILLAGE_NODE_REEXEC) {
		const child = spawnSync(projectNode, [fileURLToPath(import.meta.url), ...args], {
			stdio: 'inherit',
			env: { ...process.env, MAILLAGE_NODE_REEXEC: '1' }
		});
		if (child.error) fail(`impossible de lancer ${projectNode} : ${child.error.message}`);
		process.exit(child.status ?? 130);
	}
	fail(
		`Maillage demande Node 22.12 ou plus récent (Node ${process.versions.node} ici). ` +
			'Lancez « npm run maillage -- … » ou « npx maillage … » depuis le projet, qui utilisent son Node 24.'
	);
}

// tsx reads the `$lib` paths from tsconfig.json, which extends the generated .svelte-kit/tsconfig.json.
if (!existsSync(path.join(root, '.svelte-kit', 'tsconfig.json'))) {
	process.stderr.write('Préparation du projet (svelte-kit sync)…\n');
	const kit = path.join(root, 'node_modules', '@sveltejs', 'kit', 'svelte-kit.js');
	// Its output goes to stderr: stdout carries only machine-readable results.
	const sync = existsSync(kit) ? spawnSync(process.execPath, [kit, 'sync'], { cwd: root, stdio: ['ignore', 2, 2] }) : null;
	if (!sync || sync.status !== 0 || !existsSync(path.join(root, '.svelte-kit', 'tsconfig.json'))) {
		fail(
			`le dossier .svelte-kit est absent et « svelte-kit sync » n’a pas pu le créer. ` +
				`Lancez « npx svelte-kit sync » dans ${root} (ou « npm install » sans --ignore-scripts), puis relancez.`
		);
	}
}

let register;
try {
	({ register } = await import('tsx/esm/api'));
} catch (error) {
	fail(`tsx est introuvable (${error.message}). Installez les dépendances du projet : « npm install ».`);
}
register({ tsconfig: path.join(root, 'tsconfig.json') });
const { main } = await import('../src/lib/server/cli/main.ts');
await main(args);
