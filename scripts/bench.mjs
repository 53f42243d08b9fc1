#!/usr/bin/env node
// `npm run bench`: measures the figures in docs/BENCHMARKS.md and writes them to bench-results.json.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const deps = spawnSync(process.execPath, ['scripts/ensure-deps.mjs', '--browser'], { stdio: 'inherit' });
if (deps.status !== 0) process.exit(deps.status ?? 1);
const r = spawnSync(
  join(root, 'node_modules', '.bin', 'tsx'),
  ['scripts/bench/run.ts', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(r.status ?? 1);
