/**
 * Export speed in Chromium through the app's own export path (EQ worklet render in an OfflineAudioContext,
 * then the export worker's level stage and encoder): a 4-minute stereo 44.1 kHz song (the demo song decoded
 * at 44.1 kHz and repeated), a ten-band command, the level kept (the default). Figures are multiples of real
 * time: mp3_export_x_realtime, wav_export_x_realtime (16-bit, dithered), flac_export_x_realtime (16-bit).
 */
import type { ExportFormatId } from '../../src/audio/export/export-format.ts';
import type { ExportSource } from '../../tests/e2e/harness/export-api.ts';
import { openHarness } from '../../tests/e2e/support/harness.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const SECONDS = 240;

export async function measureExports(formats: ExportFormatId[], repeats = 3) {
  const harness = await openHarness('export');
  const page = harness.api;
  try {
    const song: ExportSource = { kind: 'demo-loop', seconds: SECONDS, sampleRate: 44100 };
    const commandDb = [4, -3, 2, 6, -8, 1, 3, -2, 5, -6];
    const run = async (format: ExportFormatId, source: ExportSource) => {
      const o = await page.runExport({ source, commandDb, format, skipFile: true });
      if (o.error) throw new Error(`${format} export failed: ${o.error.message}`);
      return o.exportMs!;
    };
    // Warm-up: the song's decoding and every format's modules and WebAssembly once.
    const short: ExportSource = { kind: 'demo-loop', seconds: 10, sampleRate: 44100 };
    await run('wav16', song);
    for (const f of formats) await run(f, short);
    const out: Partial<Record<ExportFormatId, { ms: number; xRealtime: number }>> = {};
    const times = new Map<ExportFormatId, number[]>(formats.map((f) => [f, []]));
    for (let i = 0; i < repeats; i++) {
      for (const f of formats) {
        const ms = await run(f, song);
        times.get(f)!.push(ms);
        console.log(`  ${f} 4 min: ${ms.toFixed(0)} ms (${((SECONDS * 1000) / ms).toFixed(1)}x real time)`);
      }
    }
    for (const f of formats) {
      const ms = median(times.get(f)!);
      out[f] = { ms, xRealtime: (SECONDS * 1000) / ms };
    }
    return out;
  } finally {
    await harness.close();
  }
}
