/// <reference lib="webworker" />
/**
 * The reference for bench/training.ts: the seed's MNIST model trained by a plain tfjs
 * `model.fit` script, in a worker of the same browser, on the same backend and settings the
 * app's worker uses (wasm with the same .wasm files, threads on or off as asked). Reports training
 * samples/s, timed from the epoch's start to its last batch (validation excluded, as the app's).
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { MNIST_FILES, readMnist } from '../src/engine/train/data/mnist';

declare const self: DedicatedWorkerGlobalScope;
setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd });
self.onmessage = async (e: MessageEvent<{ backend: string; epochs: number; batchSize: number; threads: boolean }>) => {
  const { backend, epochs, batchSize, threads } = e.data;
  // As the app's worker: tfjs reads the flag when WASM starts.
  if (!threads) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  await tf.setBackend(backend);
  await tf.ready();
  const files = Object.fromEntries(await Promise.all(Object.entries(MNIST_FILES).map(async ([k, f]) => [k, await (await fetch(`/data/mnist/${f}`)).arrayBuffer()] as const)));
  const raw = readMnist(files as Record<keyof typeof MNIST_FILES, ArrayBuffer>);
  if (typeof raw === 'string') throw new Error(raw);
  const n = raw.trainLabels.length;
  const x = tf.tensor2d(Float32Array.from(raw.trainImages, (v) => v / 255), [n, 784]);
  const y = tf.tensor1d(Float32Array.from(raw.trainLabels));
  const inputs = tf.input({ shape: [784] });
  let h = tf.layers.dense({ units: 64, activation: 'relu' }).apply(inputs) as tf.SymbolicTensor;
  h = tf.layers.dense({ units: 64, activation: 'relu' }).apply(h) as tf.SymbolicTensor;
  const outputs = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(h) as tf.SymbolicTensor;
  const model = tf.model({ inputs, outputs, name: 'mnist_model' });
  model.compile({ optimizer: tf.train.rmsprop(0.001), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const trainCount = Math.floor(n * 0.8);
  const perEpoch: number[] = [];
  let t0 = 0;
  let tLast = 0;
  await model.fit(x, y, {
    epochs,
    batchSize,
    validationSplit: 0.2,
    verbose: 0,
    callbacks: {
      onEpochBegin: async () => void (t0 = performance.now()),
      onBatchEnd: async () => void (tLast = performance.now()),
      onEpochEnd: async () => void perEpoch.push((tLast - t0) / 1000),
    },
  });
  const seconds = perEpoch[perEpoch.length - 1];
  const wasmThreads = tf.getBackend() === 'wasm' && (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  self.postMessage({ backend: tf.getBackend() + (tf.getBackend() === 'wasm' ? (wasmThreads ? ' (threads)' : ' (single thread)') : ''), seconds, samplesPerSec: trainCount / seconds, epochs: perEpoch });
};
