#!/usr/bin/env node
// Starts the built app (adapter-node) with Maillage's defaults: large uploads allowed
// (real commune files reach 100 MB) and a quick shutdown on SIGTERM.
process.env.BODY_SIZE_LIMIT ??= process.env.MAILLAGE_UPLOAD_LIMIT ?? '110M';
process.env.SHUTDOWN_TIMEOUT ??= '3';
await import('../build/index.js');
