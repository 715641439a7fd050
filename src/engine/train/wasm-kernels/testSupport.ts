import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerCpuGradKernels, registerWasmGradKernels } from './index';

/** Switches to a backend and fails loudly if tfjs silently stayed on another one. */
export async function switchBackend(name: 'wasm' | 'cpu'): Promise<void> {
  const ok = await tf.setBackend(name);
  await tf.ready();
  if (!ok || tf.getBackend() !== name) throw new Error(`backend ${name} did not start (got ${tf.getBackend()})`);
}

/** Our kernels on both backends (cpu's resize gradients are wrong too); returns wasm's names. */
export async function initWasm(): Promise<string[]> {
  registerCpuGradKernels(tf);
  const names = registerWasmGradKernels(tf);
  await switchBackend('wasm');
  return names;
}

/** Deterministic values in [-1, 1) (mulberry32), so both backends see identical inputs. */
export function seeded(size: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

/** max |a-b| / max(|b|, tiny): the relative error of a against the reference b. */
export function relDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let diff = 0;
  let scale = 1e-12;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

/** Data ids the current backend holds: catches leaks inside kernels that numTensors cannot see. */
export function backendDataIds(): number {
  return tf.engine().backend.numDataIds();
}
