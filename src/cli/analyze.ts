/**
 * `eq analyze FILE... [--json]`: the model's raw suggestion (amount 100 %, no personalisation) per file,
 * by the browser's pipeline: decode at the file's own rate, then the shared analysis signal (mixdown and
 * resampling to the contract rate, src/shared/model/analysis-signal.ts), shared features, the ONNX model.
 */
import { existsSync, statSync } from 'node:fs';
import type { NodeModel } from '../inference/node-model.ts';
import { analysisSignal } from '../shared/model/analysis-signal.ts';
import { suggestForSong, type Suggestion } from '../shared/model/index.ts';
import { analysisNote } from './analysis-note.ts';
import { decodeAudioFile, type DecodedAudio } from './decode-audio.ts';

export interface AnalyzeResult {
  file: string;
  bandsHz: number[];
  gainsDb: number[];
  /** Present when the numbers alone would mislead: a silent file, a file cut short (analysis-note.ts). */
  note?: string;
}

let model: Promise<NodeModel> | null = null;

export async function analyzeFile(path: string): Promise<AnalyzeResult> {
  if (!existsSync(path)) throw new Error('no such file');
  if (!statSync(path).isFile()) throw new Error('not a file');
  const audio = await decodeAudioFile(path).catch((e: Error) => {
    throw new Error(e.message.startsWith(`${path}: `) ? e.message.slice(path.length + 2) : e.message);
  });
  return analyzeAudio(path, audio);
}

/** The model's raw suggestion for audio already decoded (auto and batch apply decode once, then use it). */
export async function suggestAudio(audio: DecodedAudio): Promise<Suggestion> {
  // The runtime loads on first use, so verbs that refuse their arguments answer at once.
  model ??= import('../inference/node-model.ts').then((m) => m.loadNodeModel());
  const m = await model;
  const signal = analysisSignal(audio.channels, audio.sampleRate);
  return suggestForSong(signal, async (bands, temporal, n, frames) => {
    return (await m.run(bands, temporal, n, frames)).gains;
  });
}

/** Gains as analyze prints them, to 0.01 dB, so `auto` applies exactly what `analyze` shows. */
export const roundGains = (gainsDb: readonly number[]): number[] =>
  gainsDb.map((g) => Math.round(g * 100) / 100);

export async function analyzeAudio(path: string, audio: DecodedAudio): Promise<AnalyzeResult> {
  const s = await suggestAudio(audio);
  const note = analysisNote(audio, s.loudFrames);
  return { file: path, bandsHz: s.bandsHz, gainsDb: roundGains(s.gainsDb), ...(note ? { note } : {}) };
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
export async function runAnalyze(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const unknown = argv.filter((a) => a.startsWith('--') && a !== '--json');
  const files = argv.filter((a) => !a.startsWith('--'));
  if (unknown.length > 0 || files.length === 0) {
    process.stderr.write(
      unknown.length > 0
        ? `eq analyze: unknown option ${unknown[0]}\n`
        : 'usage: eq analyze FILE... [--json]\n',
    );
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    try {
      const r = await analyzeFile(file);
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
