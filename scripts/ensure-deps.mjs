#!/usr/bin/env node
// Installs what the project needs when it is missing, so that `npm start` and `npm test` work on a fresh clone.
// Uses only Node built-ins: it runs before node_modules exists.
//   --browser  Debian's chromium (browser tests)
//   --ffmpeg   Debian's ffmpeg (decoding MP3/FLAC/OGG in the command-line tool)
//   --unzip    Debian's unzip (the corpus fetch reads music out of .zip/.pk3 archives)
//   --torch    Debian's python3-torch, python3-onnx and OpenBLAS (model training)
//   --python-lint  Debian's black and flake8 (the training code's format and lint gate)
//   --quiet    print only when something is installed
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const quiet = args.has('--quiet');
const log = (msg) => {
  if (!quiet) console.error(`[deps] ${msg}`);
};

function run(cmd, cmdArgs, opts = {}) {
  const r = spawnSync(cmd, cmdArgs, { stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'], ...opts });
  if (r.status !== 0) {
    console.error(`[deps] failed: ${cmd} ${cmdArgs.join(' ')}`);
    process.exit(r.status ?? 1);
  }
}

function ensureNodeModules() {
  const lock = readFileSync(join(root, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex');
  const stamp = join(root, 'node_modules', '.sonic-lock-hash');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) return;
  console.error('[deps] installing npm packages (npm ci)…');
  // onnxruntime-node's install script downloads CUDA files, which cannot work offline; its CPU build ships in the package.
  run('npm', ['ci', '--no-audit', '--no-fund'], {
    cwd: root,
    env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' },
  });
  writeFileSync(stamp, hash);
}

const has = (bin) => spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
let aptUpdated = false;
function aptInstall(pkgs, { recommends = false } = {}) {
  if (process.getuid?.() !== 0) {
    console.error(`[deps] please install Debian packages: ${pkgs.join(' ')} (needs root)`);
    process.exit(1);
  }
  console.error(`[deps] installing Debian packages: ${pkgs.join(' ')}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) run('apt-get', ['update', '-q'], { env });
  aptUpdated = true;
  run('apt-get', ['install', '-y', '-q', ...(recommends ? [] : ['--no-install-recommends']), ...pkgs], {
    env,
  });
}

ensureNodeModules();
// With its recommended packages: they bring the fonts that make the specs' screenshots readable.
if (args.has('--browser') && !existsSync('/usr/bin/chromium')) aptInstall(['chromium'], { recommends: true });
if (args.has('--ffmpeg') && !has('ffmpeg')) aptInstall(['ffmpeg']);
if (args.has('--unzip') && !has('unzip')) aptInstall(['unzip']);
if (args.has('--torch')) {
  const ok =
    existsSync('/usr/bin/python3') &&
    spawnSync('/usr/bin/python3', ['-c', 'import torch, onnx'], { stdio: 'ignore' }).status === 0;
  if (!ok) aptInstall(['python3-torch', 'python3-onnx', 'python3-numpy']);
  // Debian's torch calls the reference BLAS unless OpenBLAS provides libblas.so.3: 10x slower training.
  const blas = spawnSync('dpkg-query', ['-W', '-f=${Status}', 'libopenblas0-pthread'], { encoding: 'utf8' });
  if (!(blas.stdout ?? '').includes('install ok installed')) aptInstall(['libopenblas0-pthread']);
}
if (args.has('--python-lint')) {
  const ok = (mod) =>
    spawnSync('/usr/bin/python3', ['-m', mod, '--version'], { stdio: 'ignore' }).status === 0;
  const missing = [...(ok('black') ? [] : ['black']), ...(ok('flake8') ? [] : ['python3-flake8'])];
  if (missing.length) aptInstall(missing);
}
log('dependencies present');
