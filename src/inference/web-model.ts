/**
 * The shipped model under onnxruntime-web's WebAssembly build, in the analysis worker. Only this folder imports
 * onnxruntime, so its runtime never reaches the page's main chunk.
 *
 * Backend: WASM, one thread. WebGPU was measured for this model (docs/BENCHMARKS.md): a ~100k-parameter
 * network runs in a few milliseconds on the CPU, less than one GPU round trip, so WebGPU cannot win and its
 * 27 MB runtime is never downloaded. Two threads were slower than one on 2 cores and need cross-origin
 * isolation, so one thread it is. The runtime's .wasm is served by the app itself (Vite emits it as an asset;
 * the service worker precaches it), never fetched from a CDN.
 */
import * as ort from 'onnxruntime-web/wasm';
import type { ModelMetadata } from '../shared/model/index.ts';
import { assertModelMatchesContract } from '../shared/model/index.ts';
import { contractRunner, type ContractRun } from '../shared/model/contract-runner.ts';

export interface WebModel {
  metadata: ModelMetadata;
  run: ContractRun;
}

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`could not load ${url} (HTTP ${res.status})`);
  return res;
}

/** Loads the model and its metadata; refuses a file that changed or does not match the contract. */
export async function loadWebModel(modelUrl: string, metadataUrl: string): Promise<WebModel> {
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.proxy = false;
  const [bytes, metadata] = await Promise.all([
    fetchOk(modelUrl).then((r) => r.arrayBuffer()),
    fetchOk(metadataUrl).then((r) => r.json() as Promise<ModelMetadata>),
  ]);
  const sha = await sha256Hex(bytes);
  if (sha !== metadata.sha256) throw new Error('the model file does not match its metadata (sha256)');
  const session = await ort.InferenceSession.create(new Uint8Array(bytes), { executionProviders: ['wasm'] });
  assertModelMatchesContract(session.inputMetadata, session.outputMetadata, metadata);
  return { metadata, run: contractRunner(session, ort.Tensor) };
}
