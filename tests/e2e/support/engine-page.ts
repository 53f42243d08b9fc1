/** Opens the engine test page and calls its API from Node. */
import type { Page } from 'playwright-core';
import type { EngineTestApi, RenderRequest } from '../pages/engine-api.ts';
import { openTestPage } from './test-page.ts';

export interface EnginePage {
  page: Page;
  renderOffline(req: RenderRequest): Promise<Float32Array[]>;
  renderRealtime(req: RenderRequest): Promise<Float32Array[]>;
  timeExport(req: RenderRequest): Promise<{ workletMs: number; nativeMs: number }>;
  close(): Promise<void>;
}

function fromBase64(b64: string, channels: number): Float32Array[] {
  const bytes = Buffer.from(b64, 'base64');
  const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  const frames = all.length / channels;
  return Array.from({ length: channels }, (_, c) => all.slice(c * frames, (c + 1) * frames));
}

export async function openEnginePage(): Promise<EnginePage> {
  const t = await openTestPage('engine.html');
  const call = async (name: keyof EngineTestApi, req: RenderRequest): Promise<unknown> => {
    const result: unknown = await t.page.evaluate(
      ([n, r]) => (window as unknown as { engineTest: EngineTestApi }).engineTest[n](r) as Promise<unknown>,
      [name, req] as const,
    );
    if (t.errors.length) throw new Error(`page error: ${t.errors.join('; ')}`);
    return result;
  };
  return {
    page: t.page,
    renderOffline: async (req) => fromBase64((await call('renderOffline', req)) as string, req.channels),
    renderRealtime: async (req) => fromBase64((await call('renderRealtime', req)) as string, req.channels),
    timeExport: async (req) => (await call('timeExport', req)) as { workletMs: number; nativeMs: number },
    close: t.close,
  };
}
