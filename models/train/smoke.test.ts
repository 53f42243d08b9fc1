/**
 * Training smoke run: track features and curve tables of a few synthetic tracks -> `npm run model:train`'s
 * driver (models/train/train-all.mjs: two train.py runs side by side; the structured model's closed-form fit,
 * the linear path, the version 2 network and the network alone for two steps) -> export.py -> load in
 * onnxruntime-node -> run, and compare with the PyTorch golden export wrote; then the content prior's headroom
 * check (models/eval/prior_headroom.py) on the same rows; and the harmonic check (models/eval/harmonic_check.py)
 * on synthetic songs whose answer is known. Keeps the pipeline from rotting.
 * Needs Debian's python3-torch (installed by scripts/ensure-deps.mjs --torch).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadNodeModel } from '../../src/inference/node-model.ts';
import { applyEq } from '../../src/shared/dsp/index.ts';
import { FeatureExtractor } from '../../src/shared/features/index.ts';
import { CONTRACT, OUTPUT_NAMES, featureConfig } from '../../src/shared/model/index.ts';
import { goldenInputs } from '../eval/golden-inputs.ts';
import { bandGainsDb, bandReadout } from '../prep/band-gains.ts';
import { trainingCurve } from '../prep/curve-settings.ts';
import { writeBank, writeCurveTable, writeProblems } from '../prep/curve-table.ts';
import { Rng } from '../prep/random.ts';
import { writeTrackSplit } from '../prep/track-features.ts';
import { writeInvariance } from '../prep/invariance.ts';
import { tempDir } from '../../tests/support/temp-dir.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const PYTHON = '/usr/bin/python3';

/** Harmonic tones with a decaying envelope plus noise: enough structure for the pipeline to run on. */
function syntheticTrack(rng: Rng, seconds: number): Float32Array {
  const sr = CONTRACT.input.sampleRateHz;
  const x = new Float32Array(seconds * sr);
  const f0 = rng.uniform(60, 400);
  for (let i = 0; i < x.length; i++) {
    const t = i / sr;
    const env = Math.exp(-3 * (t % 0.5));
    let v = 0;
    for (let h = 1; h <= 6; h++) v += Math.sin(2 * Math.PI * f0 * h * t) / h;
    x[i] = 0.2 * env * v + 0.02 * (2 * rng.next() - 1);
  }
  return x;
}

/**
 * A song for the harmonic check (44.1 kHz mono): one-second notes of a low instrument (f0 45-140 Hz) and of
 * a high one (650-2000 Hz) over a steady 200-600 Hz pad, each instrument's harmonics falling as 1/k. How
 * loud each instrument sits in the mix varies by ±8 dB from song to song; the harmonics' shape does not.
 */
function harmonicSong(rng: Rng, seconds: number): Float32Array {
  const sr = 44100;
  const x = new Float32Array(seconds * sr);
  const bass = 10 ** (rng.uniform(-8, 8) / 20);
  const treble = 10 ** (rng.uniform(-8, 8) / 20);
  for (let note = 0; note < seconds; note++) {
    const low = 45 * 2 ** rng.uniform(0, Math.log2(140 / 45));
    const high = 650 * 2 ** rng.uniform(0, Math.log2(2000 / 650));
    for (let i = note * sr; i < (note + 1) * sr; i++) {
      const t = i / sr;
      let v =
        0.05 *
        (Math.sin(2 * Math.PI * 220 * t) + Math.sin(2 * Math.PI * 330 * t) + Math.sin(2 * Math.PI * 550 * t));
      for (let k = 1; k <= 8; k++) {
        v += (0.1 * bass * Math.sin(2 * Math.PI * low * k * t)) / k;
        v += (0.03 * treble * Math.sin(2 * Math.PI * high * k * t)) / k;
      }
      x[i] = v + 0.001 * (2 * rng.next() - 1);
    }
  }
  return x;
}

function run(args: string[], program = PYTHON): void {
  const r = spawnSync(program, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stderr.slice(-2000)}`);
}

describe('training pipeline (smoke)', () => {
  beforeAll(() => {
    // Install Debian's torch only when missing (ensure-deps may also reinstall node_modules, so not always).
    const hasTorch = spawnSync(PYTHON, ['-c', 'import torch, onnx']).status === 0;
    if (!hasTorch) {
      const deps = spawnSync('node', ['scripts/ensure-deps.mjs', '--torch', '--quiet'], {
        cwd: ROOT,
        stdio: 'inherit',
      });
      expect(deps.status).toBe(0);
    }
  }, 900_000);

  it('applies an EQ to features as the engine and the extractor would', { timeout: 120_000 }, () => {
    // The trainer's shortcut (models/train/feature_eq.py) against the real thing: a broadband synthetic
    // track filtered by the engine, then through the extractor.
    const cfg = featureConfig();
    const extractor = new FeatureExtractor(cfg);
    const readout = bandReadout(extractor.filterbank, cfg.sampleRateHz, cfg.frameSize);
    const rng = new Rng(11);
    const track = syntheticTrack(rng, 10);
    let low = 0;
    for (let i = 0; i < track.length; i++) {
      // Plus noise tilted towards the bass, so the lowest bands have something to read.
      low = 0.995 * low + 0.02 * (2 * rng.next() - 1);
      track[i] = track[i]! + low;
    }
    const skip = Math.round(0.5 * cfg.sampleRateHz); // the filters settle
    const natural = extractor.extract(track.subarray(skip));
    const B = natural.bandCount;
    for (let k = 0; k < 3; k++) {
      const curve = trainingCurve(rng, false);
      const real = extractor.extract(applyEq([track], cfg.sampleRateHz, curve)[0]!.subarray(skip));
      const input = {
        edges: Array.from(extractor.filterbank.edgesHz),
        bands: Array.from({ length: natural.frames }, (_, f) =>
          Array.from(natural.bandsDb.subarray(f * B, (f + 1) * B)),
        ),
        temporal: Array.from({ length: natural.frames }, (_, f) =>
          Array.from(natural.temporal.subarray(f * 4, (f + 1) * 4)),
        ),
        gains: Array.from(bandGainsDb(curve, readout, cfg.sampleRateHz)),
      };
      const r = spawnSync(PYTHON, ['models/train/feature_eq.py'], {
        cwd: ROOT,
        input: JSON.stringify(input),
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { bands: number[][]; temporal: number[][] };
      // Long-term spectrum per band (power mean over frames), shortcut against the real thing.
      const ltas = (at: (f: number, b: number) => number) =>
        Array.from({ length: B }, (_, b) => {
          let p = 0;
          for (let f = 0; f < natural.frames; f++) p += 10 ** (at(f, b) / 10);
          return 10 * Math.log10(p / natural.frames);
        });
      const approx = ltas((f, b) => out.bands[f]![b]!);
      const exact = ltas((f, b) => real.bandsDb[f * B + b]!);
      const errors = approx.map((a, b) => Math.abs(a - exact[b]!));
      // Above 40 Hz a fraction of a dB on average; up to about 1 dB where a strong partial sits on a steep
      // part of the curve (the shortcut assumes the band's power is spread over it). Below, the window's
      // kernel reaches into the neighbours and the music's own slope there decides: within a few dB.
      errors.forEach((e, b) => expect(e).toBeLessThan(extractor.filterbank.centersHz[b]! > 40 ? 1.5 : 3));
      const mid = errors.filter((_, b) => extractor.filterbank.centersHz[b]! > 40);
      expect(mid.reduce((a, e) => a + e, 0) / mid.length).toBeLessThan(0.2);
      // The spectral centroid moves with the EQ; the shortcut follows it far better than leaving it alone.
      let shortcut = 0;
      let unchanged = 0;
      for (let f = 0; f < natural.frames; f++) {
        shortcut += Math.abs(out.temporal[f]![3]! - real.temporal[f * 4 + 3]!);
        unchanged += Math.abs(natural.temporal[f * 4 + 3]! - real.temporal[f * 4 + 3]!);
      }
      expect(shortcut).toBeLessThan(0.5 * unchanged);
    }
  });

  it('trains, exports ONNX and runs it in onnxruntime', { timeout: 600_000 }, async () => {
    const dir = tempDir('eq-smoke-');
    const rng = new Rng(7);
    // The real stages' writers: whole-track features and curve tables, for a few synthetic tracks.
    const all: { id: string; package: string }[] = [];
    const audio = new Map<string, Float32Array>();
    for (const [split, count] of [
      ['train', 4],
      ['val', 2],
    ] as const) {
      const tracks = Array.from({ length: count }, (_, i) => ({
        id: `${split}-${i}`,
        package: `synthetic-${i % 2}`,
      }));
      for (const t of tracks) audio.set(t.id, syntheticTrack(rng, 12));
      writeTrackSplit(join(dir, split), tracks, (id) => audio.get(id)!);
      writeCurveTable(dir, split, 20, split.length);
      all.push(...tracks);
    }
    writeInvariance(join(dir, 'invariance'), all, (id) => audio.get(id)!);
    writeBank(dir, 60, 3);
    writeProblems(dir);
    const t0 = Date.now();
    const settings = [
      ...['--tracks', dir, '--out', dir, '--epochs', '1', '--steps', '2', '--batch', '4'],
      ...['--excerpts', '1', '--curves', '2', '--clips', '1', '--max-frames', '200', '--content', 'with'],
      // Four synthetic tracks say nothing about do-no-harm; the limit is for the real corpus.
      ...['--max-do-no-harm', '100'],
    ];
    // The driver picks the variants of each of its two runs: a subset is train.py's job.
    const refused = spawnSync('node', ['models/train/train-all.mjs', '--variants', 'linear'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/--variants/);
    run(['models/train/train-all.mjs', ...settings], 'node');
    const onnx = join(dir, 'model.onnx');
    const golden = join(dir, 'golden.json');
    run(['models/train/export.py', '--train-dir', dir, '--onnx', onnx, '--golden', golden]);
    const log = JSON.parse(readFileSync(join(dir, 'train-log.json'), 'utf8')) as {
      trainTracks: number;
      variants: Record<string, { rows?: number; history?: unknown[] }>;
    };
    expect(log.trainTracks).toBe(4);
    // Both runs' variants in the one log (each run merges its own under a lock).
    expect(Object.keys(log.variants).sort()).toEqual(
      ['linear+network-content', 'linear-content', 'network-content', 'structured-content'].sort(),
    );
    // Each training and validation track: whole, one excerpt, 4 windows and one clip.
    expect(log.variants['structured-content']!.rows).toBe(6 * (1 + 1 + 4 + 1));
    // Epoch 0 (the linear path alone) and one epoch of the CNN/GRU.
    expect(log.variants['linear+network-content']!.history).toHaveLength(2);
    const model = await loadNodeModel(onnx);
    const T = CONTRACT.input.windowFrames;
    const x = goldenInputs(
      CONTRACT.input.bands.count,
      CONTRACT.input.temporal.length,
      T,
      CONTRACT.input.content.descriptors.length,
    );
    const out = await model.run(x);
    const expected = JSON.parse(readFileSync(golden, 'utf8')) as Record<string, number[][]>;
    for (const name of OUTPUT_NAMES) {
      expect(out[name].length).toBe(expected[name]!.flat().length);
      expected[name]!.flat().forEach((g, i) => expect(Math.abs(out[name][i]! - g)).toBeLessThan(1e-3));
    }
    // What a better content prior would be worth (npm run model:prior-headroom), on the same rows.
    const headroom = join(dir, 'prior-headroom.json');
    run([
      'models/eval/prior_headroom.py',
      ...['--tracks', dir, '--result', headroom, '--no-card', '--excerpts', '1', '--clips', '1'],
      ...['--max-frames', '200', '--max-do-no-harm', '100', '--kernels', '0.3:0.3', '--toward', '0,0.4'],
    ]);
    const h = JSON.parse(readFileSync(headroom, 'utf8')) as {
      rows: number;
      prior: { songResidualDb: number; perOctaveDb: number[]; packageShare: number };
      kernel: { songResidualDb: number }[];
      towardTruth: { fraction: number; songResidualDb: number; cvSongRatio: number }[];
    };
    expect(h.rows).toBe(log.variants['structured-content']!.rows);
    expect(h.prior.perOctaveDb).toHaveLength(10);
    expect(h.prior.packageShare).toBeGreaterThanOrEqual(0);
    expect(h.prior.packageShare).toBeLessThanOrEqual(1);
    expect(h.kernel[0]!.songResidualDb).toBeGreaterThan(0);
    // Moving the guesses 40 % of the way to the truth leaves 60 % of the prior's error.
    expect(h.towardTruth.map((t) => t.fraction)).toEqual([0, 0.4]);
    expect(h.towardTruth[0]!.songResidualDb).toBeCloseTo(h.prior.songResidualDb, 2);
    expect(h.towardTruth[1]!.songResidualDb).toBeCloseTo(0.6 * h.prior.songResidualDb, 2);
    h.towardTruth.forEach((t) => expect(Number.isFinite(t.cvSongRatio)).toBe(true));
    // Bad options and a missing stage: a non-zero exit and a one-line reason, no traceback.
    for (const [args, status, reason] of [
      [['--kernels', 'wide'], 2, /--kernels width:ridge/],
      [['--tracks', join(dir, 'none')], 1, /run npm run model:tracks first/],
    ] as const) {
      const r = spawnSync(PYTHON, ['models/eval/prior_headroom.py', ...args, '--no-card'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      expect(r.status).toBe(status);
      expect(r.stderr).toMatch(reason);
      expect(r.stderr).not.toMatch(/Traceback/);
    }
    console.log(`smoke: python stages took ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });

  it('measures what harmonics tell of a shelf (harmonic check)', { timeout: 300_000 }, () => {
    // Four packages of four songs each: the mix level varies, the harmonics' shape does not, so a shelf
    // stands out far better in the harmonics' level differences than in the octave balance.
    const cache = tempDir('harmonic-check-');
    const rng = new Rng(5);
    const tracks: { id: string; package: string }[] = [];
    mkdirSync(join(cache, 'pcm'));
    for (let p = 0; p < 4; p++) {
      for (let t = 0; t < 4; t++) {
        const track = { id: `pkg${p}/song ${t}.ogg`, package: `pkg${p}` };
        tracks.push(track);
        const pcm = harmonicSong(rng, 12);
        writeFileSync(join(cache, 'pcm', `pkg${p}_song_${t}.ogg.f32`), new Uint8Array(pcm.buffer));
      }
    }
    for (const [split, list] of [
      ['train', tracks.slice(0, 12)],
      ['val', tracks.slice(12)],
    ] as const) {
      mkdirSync(join(cache, 'tracks', split), { recursive: true });
      writeFileSync(join(cache, 'tracks', split, 'index.json'), JSON.stringify({ tracks: list }));
    }
    const result = join(cache, 'harmonic-check.json');
    run(['models/eval/harmonic_check.py', '--cache', cache, '--result', result, '--no-card']);
    const h = JSON.parse(readFileSync(result, 'utf8')) as {
      tracks: number;
      regions: {
        region: string;
        songs: number;
        medianNotes: number;
        balanceDPrime: number;
        harmonicsDPrime: number;
      }[];
    };
    expect(h.tracks).toBe(16);
    expect(h.regions.map((r) => r.region)).toEqual(['low shelf', 'high shelf']);
    for (const r of h.regions) {
      expect(r.songs).toBe(16);
      expect(r.medianNotes).toBeGreaterThan(20);
      expect(r.harmonicsDPrime).toBeGreaterThan(2 * r.balanceDPrime);
    }
    const missing = spawnSync(
      PYTHON,
      ['models/eval/harmonic_check.py', '--cache', join(cache, 'none'), '--no-card'],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/run `npm run model:fetch` and `npm run model:tracks` first/);
    expect(missing.stderr).not.toMatch(/Traceback/);
  });
});
