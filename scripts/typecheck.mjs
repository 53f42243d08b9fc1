#!/usr/bin/env node
// Type-checks each realm with its own globals: shared (no platform), page (DOM), worklet
// (AudioWorkletGlobalScope), module workers, Node, and the browser specs. See tsconfig.*.json.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const realms = ['shared', 'app', 'worker', 'worklet', 'node', 'e2e'];
let failed = false;
for (const realm of realms) {
  const r = spawnSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', `tsconfig.${realm}.json`], {
    cwd: root,
    stdio: 'inherit',
  });
  console.log(`${r.status === 0 ? '  ok' : '  FAILED'}  ${realm}`);
  failed ||= r.status !== 0;
}
process.exit(failed ? 1 : 0);
