/**
 * Build step: a brotli (.br) and a gzip (.gz) copy next to every compressible file of the build, so the
 * server sends the 14 MB onnxruntime WebAssembly as about 2.7 MB (docs/APP.md, "Serving"). Compressing
 * at build time lets us use slow, strong settings once instead of fast ones per request. Results are kept
 * in node_modules/.cache by content hash: the runtime and the model rarely change, so rebuilds are quick.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin, ResolvedConfig } from 'vite';

/** Extensions worth compressing (media and images are compressed already). */
export const COMPRESSIBLE = /\.(js|mjs|css|html|json|webmanifest|wasm|onnx|svg|md|txt|map)$/;
/** Smaller files gain less than their headers cost. */
const MIN_BYTES = 1024;
/**
 * Brotli quality 11 is the smallest but takes about two minutes for the 14 MB wasm on a busy 2-core
 * machine; quality 9 takes about 10 s and costs 0.3 MB. Small files get 11.
 */
const brotliQuality = (bytes: number) => (bytes > 1 << 20 ? 9 : 11);

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else if (entry.isFile()) yield path;
  }
}

function cached(cacheDir: string, key: string, make: () => Buffer): Buffer {
  const path = join(cacheDir, key);
  if (existsSync(path)) return readFileSync(path);
  const out = make();
  writeFileSync(path, out);
  return out;
}

/** Writes `file.br` and `file.gz` for every compressible file under `dir`; returns how many it wrote. */
export function precompressDir(dir: string, cacheDir: string): number {
  mkdirSync(cacheDir, { recursive: true });
  let n = 0;
  for (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.test(file) || statSync(file).size < MIN_BYTES) continue;
    const bytes = readFileSync(file);
    const hash = createHash('sha256').update(bytes).digest('hex');
    const quality = brotliQuality(bytes.length);
    const br = cached(cacheDir, `${hash}.q${quality}.br`, () =>
      brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: quality,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }),
    );
    const gz = cached(cacheDir, `${hash}.gz`, () => gzipSync(bytes, { level: 9 }));
    // A compressed copy is kept only where it is smaller.
    if (br.length < bytes.length) writeFileSync(`${file}.br`, br);
    if (gz.length < bytes.length) writeFileSync(`${file}.gz`, gz);
    n++;
  }
  return n;
}

/** The Vite plugin: runs after every other plugin's output (the service worker included) is written. */
export function precompress(): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'sonic-precompress',
    apply: 'build',
    configResolved(c) {
      config = c;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      handler() {
        const outDir = resolve(config.root, config.build.outDir);
        precompressDir(outDir, join(config.root, 'node_modules', '.cache', 'sonic-precompress'));
      },
    },
  };
}
