#!/usr/bin/env node
// `npm start`: installs what is missing, builds the app and serves the build on loopback.
// PORT=8080 npm start picks the port (default 4173, or the next free one).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const deps = spawnSync(process.execPath, ['scripts/ensure-deps.mjs'], { stdio: 'inherit' });
if (deps.status !== 0) process.exit(deps.status ?? 1);

const { build, preview } = await import('vite');
await build({ logLevel: 'warn' });
const server = await preview({ preview: { port: Number(process.env.PORT ?? 4173), host: '127.0.0.1' } });
const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4173/';
console.log(`\nSonic AI EQ is running at ${url}\nPress Ctrl+C to stop.`);
