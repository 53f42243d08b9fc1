/**
 * Browser side of the analysis specs and benchmarks (dev server only, never shipped): the app's own decode,
 * analysis input and analysis worker, timed.
 */
import { copyChannels } from '../../../src/audio/copy-channels.ts';
import { decodeFile } from '../../../src/audio/decode-file.ts';
import { AnalysisClient } from '../../../src/workers/analysis-client.ts';
import type { AnalysisOutcome, AnalysisTestApi } from './analysis-api.ts';

const client = new AnalysisClient();
const ready = client.start().then(() => performance.now());

export const api: AnalysisTestApi = {
  async analyze(bytes, name) {
    const file = new File([bytes as Uint8Array<ArrayBuffer>], name);
    const out: AnalysisOutcome = { decodeMs: 0, featuresMs: 0, inferenceMs: 0, analysisMs: 0 };
    try {
      let t = performance.now();
      const decoded = await decodeFile(file);
      out.decodeMs = performance.now() - t;
      t = performance.now();
      const result = await client.analyze(copyChannels(decoded.buffer), decoded.buffer.sampleRate);
      out.analysisMs = performance.now() - t;
      out.featuresMs = result.featuresMs;
      out.inferenceMs = result.inferenceMs;
      out.gainsDb = result.gainsDb;
      out.embedding = result.embedding;
    } catch (e) {
      out.error = (e as Error).message;
    }
    return out;
  },
  sessionReadyMs: () => ready,
};
