/// <reference lib="webworker" />
/**
 * The training worker: the only place in the app that imports tfjs eagerly. It wires the
 * TrainingSession to postMessage and supplies the browser's facts — which backends exist,
 * the .wasm files, MNIST served as static files, and image decoding.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { MNIST_FILES, readMnist, type MnistRaw } from './data/mnist';
import type { BackendName, FromWorker, ToWorker } from './protocol';
import { TrainingSession, type SessionEnv } from './session';
import { registerWasmGradKernels } from './wasm-kernels';
import { registerSegmentSumKernels } from './segmentSum';
import { lockIntrinsics } from '../custom/sandbox';

declare const self: DedicatedWorkerGlobalScope;

setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd });

/** The WebGL renderer's name, to tell a real GPU from a software one (SwiftShader, llvmpipe). */
function webglRenderer(): string | null {
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return null;
  }
}

async function webgpuAdapter(): Promise<string | null> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return 'WebGPU is not available in this browser';
  try {
    return (await gpu.requestAdapter()) ? null : 'WebGPU has no adapter';
  } catch (e) {
    return `WebGPU failed (${e instanceof Error ? e.message : e})`;
  }
}

const mnistCache = new Map<number | undefined, Promise<MnistRaw>>();
function loadMnist(limit?: number): Promise<MnistRaw> {
  let p = mnistCache.get(limit);
  if (!p) {
    p = (async () => {
      const entries = await Promise.all(
        Object.entries(MNIST_FILES).map(async ([k, f]) => {
          const res = await fetch(`${import.meta.env.BASE_URL}data/mnist/${f}`);
          if (!res.ok) throw new Error(`MNIST file ${f}: HTTP ${res.status}`);
          return [k, await res.arrayBuffer()] as const;
        }),
      );
      const raw = readMnist(Object.fromEntries(entries) as Record<keyof typeof MNIST_FILES, ArrayBuffer>, limit);
      if (typeof raw === 'string') throw new Error(raw);
      return raw;
    })();
    p.catch(() => mnistCache.delete(limit));
    mnistCache.set(limit, p);
  }
  return p;
}

const LOST = 'the WebGL context was lost';
/** Whether WASM was started with threads in this worker (null: not started yet). */
let wasmThreads: boolean | null = null;
/** The WebGL context tfjs draws with, while webgl is the backend. */
let webgl: WebGL2RenderingContext | null = null;

const env: SessionEnv = {
  tf,
  async candidates(req) {
    const avoid = new Set(req.avoid ?? []);
    if (req.backend !== 'auto') return { order: [req.backend], notes: [`${req.backend} chosen by you`] };
    const notes: string[] = [];
    const order: BackendName[] = [];
    const gpuProblem = avoid.has('webgpu') ? 'webgpu failed earlier' : await webgpuAdapter();
    if (gpuProblem) notes.push(gpuProblem);
    else order.push('webgpu');
    const renderer = avoid.has('webgl') ? null : webglRenderer();
    if (avoid.has('webgl')) notes.push('webgl failed earlier');
    else if (!renderer) notes.push('WebGL 2 is not available');
    else if (/swiftshader|llvmpipe|software/i.test(renderer)) notes.push(`WebGL is software-rendered (${renderer}), slower than WASM`);
    else order.push('webgl');
    for (const b of ['wasm', 'cpu'] as const) if (!avoid.has(b)) order.push(b);
    return { order, notes: [`auto: ${notes.join('; ') || 'first that works'}`] };
  },
  async activate(name, req) {
    registerSegmentSumKernels(tf);
    if (name === 'wasm') {
      registerWasmGradKernels(tf);
      // tfjs reads the flag once, when WASM starts; threads need SharedArrayBuffer (cross-origin isolation).
      const threads = !!req.wasmThreads?.use && self.crossOriginIsolated;
      if (wasmThreads === null) {
        wasmThreads = threads;
        if (!threads) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      } else if (wasmThreads !== threads) throw new Error(`WASM started ${wasmThreads ? 'with' : 'without'} threads in this worker`);
    }
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (!ok) throw new Error(`${name} did not initialise`);
    webgl = name === 'webgl' ? ((tf.backend() as unknown as { gpgpu: { gl: WebGL2RenderingContext } }).gpgpu.gl ?? null) : null;
    // A read after the loss waits on a fence forever: report the loss when it happens.
    (webgl?.canvas as OffscreenCanvas | undefined)?.addEventListener('webglcontextlost', () => session.backendFailed(LOST));
    if (name !== 'wasm') return {};
    const threads = (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')) as boolean;
    const why = req.wasmThreads?.use && !self.crossOriginIsolated ? 'threads need a cross-origin isolated page' : req.wasmThreads?.why;
    return { simd: (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) as boolean, threads, threadsWhy: why };
  },
  // tfjs cannot restore its textures after a context loss: the run must resume elsewhere.
  backendProblem: () => (webgl?.isContextLost() ? LOST : null),
  loadMnist,
  async decodeImage(bytes, width, height) {
    try {
      const bmp = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>]), { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' });
      const ctx = new OffscreenCanvas(width, height).getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      bmp.close();
      return ctx.getImageData(0, 0, width, height).data;
    } catch {
      return null;
    }
  },
  post(msg: FromWorker, transfer: ArrayBuffer[] = []) {
    self.postMessage(msg, transfer);
  },
};

const session = new TrainingSession(env);
// Messages are handled as they come: a 'stop' must reach the session while a fit awaits.
// Approved custom code runs here: no code it could generate reaches the worker's globals (custom/sandbox.ts).
lockIntrinsics();
self.onmessage = (e: MessageEvent<ToWorker>) => void session.handle(e.data);
