#!/usr/bin/env node
// `npm run model:train`: every variant of the ablation, as two train.py runs side by side (one per core:
// torch runs each on one thread, models/README.md). The structured variants in one, the linear and CNN/GRU
// variants in the other; train.py merges both into one train-log.json. Extra arguments go to both runs.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const script = join(dirname(fileURLToPath(import.meta.url)), 'train.py');
const groups = [
  ['structured', 'structured'],
  ['network', 'linear,linear+network,network'],
];
const extra = process.argv.slice(2);
if (extra.some((a) => a === '--variants' || a.startsWith('--variants='))) {
  console.error('model:train runs every variant; for some of them run models/train/train.py --variants ...');
  process.exit(2);
}

function run([name, variants]) {
  return new Promise((resolve) => {
    const child = spawn('/usr/bin/python3', [script, '--variants', variants, ...extra], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const prefix = (stream, out) => {
      let rest = '';
      stream.on('data', (chunk) => {
        const lines = (rest + chunk).split('\n');
        rest = lines.pop() ?? '';
        for (const line of lines) out.write(`[${name}] ${line}\n`);
      });
      stream.on('end', () => rest && out.write(`[${name}] ${rest}\n`));
    };
    prefix(child.stdout, process.stdout);
    prefix(child.stderr, process.stderr);
    child.on('error', (e) => {
      console.error(`[${name}] could not start /usr/bin/python3: ${e.message}`);
      resolve(1);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

const codes = await Promise.all(groups.map(run));
const failed = groups.filter((_, i) => codes[i] !== 0).map(([name]) => name);
if (failed.length > 0) {
  console.error(`model:train: the ${failed.join(' and ')} run failed`);
  process.exit(1);
}
