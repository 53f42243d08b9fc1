/**
 * `eq analyze FILE... [--json]`: the model's raw suggestion (amount 100 %, no personalisation) per file,
 * by the browser's pipeline: decode at the file's own rate, then the shared analysis signal (mixdown and
 * resampling to the contract rate, src/shared/model/analysis-signal.ts), shared features, the ONNX model.
 * With `--reference REF...` or `--style NAME` (target-options.ts), "gainsDb" is the correction that
 * matches the file to that target instead (the model is not run).
 */
import { existsSync, statSync } from 'node:fs';
import type { NodeModel } from '../inference/node-model.ts';
import { analysisSignal } from '../shared/model/analysis-signal.ts';
import { CONTRACT, suggestForSong, type Suggestion } from '../shared/model/index.ts';
import { analysisNote } from './analysis-note.ts';
import { decodeAudioFile, type DecodedAudio } from './decode-audio.ts';
import { ReferenceError } from './reference-profiles.ts';
import type { LoadedTarget } from './target-options.ts';
import { loadTarget, parseTargetArgs, targetGainsDb } from './target-options.ts';
import { UsageError } from './usage-error.ts';

export interface AnalyzeResult {
  file: string;
  bandsHz: number[];
  gainsDb: number[];
  /*
   * The blind suggestion's own account (absent when a target is matched: the matched gains do not come from
   * the model). Per band, 0..1: how sure the model is of that band's correction.
   */
  confidence?: number[];
  /** The song's own octave-band balance (dB, mean over bands removed). */
  balanceDb?: number[];
  /** Per band, the range of balance the model expects for this music (dB, same convention). */
  typicalLowDb?: number[];
  typicalHighDb?: number[];
  /** Present when the numbers alone would mislead: a silent file, a file cut short (analysis-note.ts). */
  note?: string;
  /** The target matched, when one was given. */
  target?: LoadedTarget['description'];
}

let model: Promise<NodeModel> | null = null;

export async function analyzeFile(path: string, target: LoadedTarget | null = null): Promise<AnalyzeResult> {
  if (!existsSync(path)) throw new Error('no such file');
  if (!statSync(path).isFile()) throw new Error('not a file');
  const audio = await decodeAudioFile(path).catch((e: Error) => {
    throw new Error(e.message.startsWith(`${path}: `) ? e.message.slice(path.length + 2) : e.message);
  });
  if (target) {
    const signal = analysisSignal(audio.channels, audio.sampleRate);
    const matched = targetGainsDb(target, signal);
    const gainsDb = roundGains(matched.gainsDb);
    const note = analysisNote(audio, matched.silent ? 0 : 1);
    return {
      file: path,
      bandsHz: [...CONTRACT.output.bandCentersHz],
      gainsDb,
      target: target.description,
      ...(note ? { note } : {}),
    };
  }
  return analyzeAudio(path, audio);
}

/** The model's raw suggestion for audio already decoded (auto and batch apply decode once, then use it). */
export async function suggestAudio(audio: DecodedAudio): Promise<Suggestion> {
  // The runtime loads on first use, so verbs that refuse their arguments answer at once.
  model ??= import('../inference/node-model.ts').then((m) => m.loadNodeModel());
  const m = await model;
  const signal = analysisSignal(audio.channels, audio.sampleRate);
  return suggestForSong(signal, m.run);
}

/** Gains as analyze prints them, to 0.01 dB, so `auto` applies exactly what `analyze` shows. */
export const roundGains = (gainsDb: readonly number[]): number[] =>
  gainsDb.map((g) => Math.round(g * 100) / 100);

export async function analyzeAudio(path: string, audio: DecodedAudio): Promise<AnalyzeResult> {
  const s = await suggestAudio(audio);
  const note = analysisNote(audio, s.loudFrames);
  return {
    file: path,
    bandsHz: s.bandsHz,
    gainsDb: roundGains(s.gainsDb),
    confidence: roundGains(s.confidence),
    balanceDb: roundGains(s.balanceDb),
    typicalLowDb: roundGains(s.typicalLowDb),
    typicalHighDb: roundGains(s.typicalHighDb),
    ...(note ? { note } : {}),
  };
}

function formatText(r: AnalyzeResult): string {
  const cols = r.bandsHz.map((f, i) => {
    const label = f >= 1000 ? `${f / 1000}k` : `${f}`;
    const g = r.gainsDb[i]!;
    return `${label}:${g >= 0 ? '+' : ''}${g.toFixed(1)}`;
  });
  return `${r.file}  ${cols.join(' ')} dB`;
}

/** Returns the exit code: 0 when every file was analysed, 1 when any failed, 2 on a usage error. */
export async function runAnalyze(allArgs: string[]): Promise<number> {
  const targetArgs = parseTargetArgs(allArgs);
  const argv = targetArgs.rest;
  const json = argv.includes('--json');
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--json');
  const files = argv.filter((a) => !a.startsWith('--'));
  if (unknown.length > 0 || files.length === 0) {
    process.stderr.write(
      unknown.length > 0
        ? `eq analyze: unknown option ${unknown[0]}\n`
        : 'usage: eq analyze FILE... [--reference REF]... [--style NAME] [--json]\n',
    );
    return 2;
  }
  let target: LoadedTarget | null;
  try {
    target = await loadTarget(targetArgs);
  } catch (e) {
    if (!(e instanceof ReferenceError || e instanceof UsageError)) throw e;
    process.stderr.write(`eq analyze: ${e.message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
  let failed = 0;
  for (const file of files) {
    try {
      const r = await analyzeFile(file, target);
      if (r.note) process.stderr.write(`eq analyze: ${file}: ${r.note}\n`);
      process.stdout.write(`${json ? JSON.stringify(r) : formatText(r)}\n`);
    } catch (e) {
      failed++;
      const reason = (e as Error).message.split('\n')[0];
      process.stderr.write(`eq analyze: ${file}: ${reason}\n`);
    }
  }
  return failed > 0 ? 1 : 0;
}
