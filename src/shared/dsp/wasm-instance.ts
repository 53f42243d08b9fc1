/**
 * Instantiates the project's WebAssembly kernels (the EQ kernel, the true-peak meter) synchronously from
 * bytes embedded in the bundle, so the same code works in the page, a worker, the AudioWorkletGlobalScope
 * (which can neither fetch nor await in a processor's constructor) and Node. Each module is about 1 KB: well
 * under the 4 KB limit browsers put on synchronous compilation on the main thread.
 */
import { EQ_KERNEL_WASM_BASE64 } from './eq-kernel.wasm.ts';

/** The exports of wasm/eq-kernel.as.ts. */
export interface EqKernelExports extends WasmMemoryExport {
  processPair(
    coef: number,
    delta: number,
    target: number,
    state: number,
    inA: number,
    inB: number,
    outA: number,
    outB: number,
    work: number,
    sections: number,
    n: number,
    ramp: number,
    rampEnds: number,
  ): void;
}

/** The slice of the WebAssembly JS API we use; typed here because the shared realm has no DOM or Node lib. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Plain base64 decoder: atob is missing in AudioWorkletGlobalScope. */
function decodeBase64(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    acc = (acc << 6) | B64.indexOf(clean[i]!);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** Compiled modules, by their base64 text (one entry per kernel). */
const compiled = new Map<string, object>();

/** The memory every kernel exports. */
export interface WasmMemoryExport {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
}

/** A fresh instance (its own memory) of an embedded module, with memory for at least `bytes` bytes. */
export function instantiateEmbedded<T extends WasmMemoryExport>(base64: string, bytes: number): T {
  const wasm = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;
  if (!wasm) throw new Error('WebAssembly is not available in this environment');
  let module = compiled.get(base64);
  if (!module) {
    module = new wasm.Module(decodeBase64(base64));
    compiled.set(base64, module);
  }
  const exports = new wasm.Instance(module, {}).exports as T;
  const have = exports.memory.buffer.byteLength;
  if (bytes > have) exports.memory.grow(Math.ceil((bytes - have) / 65536));
  return exports;
}

/** A fresh instance of the EQ kernel module, with memory for at least `bytes` bytes. */
export function instantiateEqKernel(bytes: number): EqKernelExports {
  return instantiateEmbedded<EqKernelExports>(EQ_KERNEL_WASM_BASE64, bytes);
}
