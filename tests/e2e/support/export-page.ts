/** Opens the export test page (tests/e2e/pages/export.html) in Chromium and calls its API from Node. */
import type { Page } from 'playwright-core';
import type { ExportFormatId } from '../../../src/audio/export/export-format.ts';
import type {
  DecodedSummary,
  ExportOutcome,
  ExportRequest,
  ExportSource,
  ExportTestApi,
} from '../pages/export-api.ts';
import { openTestPage } from './test-page.ts';

export interface ExportPage {
  page: Page;
  sourceChannels(source: ExportSource): Promise<{ channels: Float32Array[]; sampleRate: number }>;
  runExport(req: ExportRequest): Promise<ExportOutcome>;
  decode(file: string, sampleRate: number): Promise<DecodedSummary>;
  formats(sampleRate: number, channels: number): Promise<ExportFormatId[]>;
  close(): Promise<void>;
}

type Api = { exportTest: ExportTestApi };

export async function openExportPage(): Promise<ExportPage> {
  const t = await openTestPage('export.html');
  const { page, errors } = t;
  const check = <T>(v: T): T => {
    if (errors.length) throw new Error(`page error: ${errors.join('; ')}`);
    return v;
  };
  return {
    page,
    async sourceChannels(source) {
      const r = check(
        await page.evaluate((s) => (window as unknown as Api).exportTest.sourceChannels(s), source),
      );
      const bytes = Buffer.from(r.data, 'base64');
      const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      const frames = all.length / r.channels;
      return {
        sampleRate: r.sampleRate,
        channels: Array.from({ length: r.channels }, (_, c) => all.slice(c * frames, (c + 1) * frames)),
      };
    },
    runExport: async (req) =>
      check(await page.evaluate((r) => (window as unknown as Api).exportTest.runExport(r), req)),
    decode: async (file, sampleRate) =>
      check(
        await page.evaluate(([f, sr]) => (window as unknown as Api).exportTest.decode(f, sr), [
          file,
          sampleRate,
        ] as const),
      ),
    formats: async (sampleRate, channels) =>
      check(
        await page.evaluate(([sr, ch]) => (window as unknown as Api).exportTest.formats(sr, ch), [
          sampleRate,
          channels,
        ] as const),
      ),
    close: t.close,
  };
}
