#!/usr/bin/env node
// `npm start`: serves the built app (`npm run build`) through Maillage's production server
// (src/lib/server/http/production-server.js): security headers on every response, body limits per
// route before a body is read, graceful shutdown that closes the database on SIGTERM.
// Settings: HOST, PORT, ORIGIN, MAILLAGE_MAX_UPLOAD_MB, MAILLAGE_MAX_DOCUMENT_MB, SHUTDOWN_TIMEOUT
// (seconds, default 3) and adapter-node's ADDRESS_HEADER, XFF_DEPTH, PROTOCOL_HEADER, HOST_HEADER.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { largestBodyLimit } from '../src/lib/server/http/body-limits.js';
import { createProductionServer, installGracefulShutdown } from '../src/lib/server/http/production-server.js';

const handlerPath = fileURLToPath(new URL('../build/handler.js', import.meta.url));
if (!existsSync(handlerPath)) {
	process.stderr.write('Erreur : application non construite. Lancez « npm run build » avant « npm start ».\n');
	process.exit(3);
}
for (const [old, replacement] of [
	['MAILLAGE_UPLOAD_LIMIT', 'MAILLAGE_MAX_UPLOAD_MB'],
	['BODY_SIZE_LIMIT', 'MAILLAGE_MAX_UPLOAD_MB (imports) et MAILLAGE_MAX_DOCUMENT_MB (documents)']
]) {
	if (process.env[old]) process.stderr.write(`Attention : ${old} n'est pas lu par « npm start » ; réglez ${replacement}.\n`);
}

// adapter-node's reader also counts every body, against the largest route limit: a second guard
// behind the per-route limits that the production server enforces first.
process.env.BODY_SIZE_LIMIT = String(largestBodyLimit(process.env));
// Importing the handler starts the app (hooks `init`: the database is opened and migrated).
const { handler } = await import(handlerPath);

const server = createProductionServer({ app: handler });
const shutdownSeconds = Number(process.env.SHUTDOWN_TIMEOUT ?? '3');
installGracefulShutdown(server, { timeoutMs: (Number.isFinite(shutdownSeconds) && shutdownSeconds >= 0 ? shutdownSeconds : 3) * 1000 });

const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? '3000');
server.listen(port, host, () => {
	console.log(`Maillage écoute sur http://${host.includes(':') ? `[${host}]` : host}:${port}`);
});
