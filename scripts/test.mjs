#!/usr/bin/env node
// `npm test`: installs what is missing, then every gate in order. Any failing gate fails the run.
//   typecheck (each realm) → lint (zero warnings) → format check → Python format and lint (models/) →
//   unit tests (Node) → browser tests (Chromium)
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function step(title, cmd, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    console.error(`✖ ${title} failed (${seconds} s)`);
    process.exit(r.status ?? 1);
  }
  console.log(`✔ ${title} (${seconds} s)`);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

// Chromium for the browser specs, ffmpeg for the CLI's non-WAV input, PyTorch for the training smoke test.
step('dependencies', process.execPath, [
  'scripts/ensure-deps.mjs',
  '--browser',
  '--ffmpeg',
  '--torch',
  '--python-lint',
]);
step('wasm kernel matches its source', process.execPath, ['wasm/build.mjs', '--check']);
step('typecheck', process.execPath, ['scripts/typecheck.mjs']);
step('lint', bin('eslint'), ['--max-warnings', '0', '.']);
step('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
// The training code in models/: Debian's black (format, pyproject.toml) and flake8 (lint, .flake8).
step('python format', '/usr/bin/python3', ['-m', 'black', '--check', '--quiet', 'models']);
step('python lint', '/usr/bin/python3', ['-m', 'flake8', 'models']);
mkdirSync('test-results', { recursive: true });
step('tests (unit in Node, browser in Chromium)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);

const report = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
const skipped = report.numPendingTests + report.numTodoTests;
console.log(
  `\n${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
);
process.exit(report.numFailedTests === 0 && report.numPassedTests > 0 ? 0 : 1);
