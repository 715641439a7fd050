/// <reference lib="webworker" />
/**
 * The reference for bench/training.ts: plain tfjs `model.fit` scripts in a worker of the same
 * browser, on the same backend and kernels the app's worker uses (wasm with the same .wasm
 * files and our registered kernels, threads on or off as asked):
 * - the seed's MNIST MLP, one epoch; seconds from the epoch's start to its last batch
 *   (validation excluded, as the app's);
 * - one training step (batch 64, RMSprop as the app's default) of the MNIST conv net and of the seed's toy ResNet on
 *   random data: the median of the batches after the first.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { MNIST_FILES, readMnist } from '../src/engine/train/data/mnist';
import { registerWasmGradKernels } from '../src/engine/train/wasm-kernels';
import { seedToyResnet } from '../src/engine/train/wasm-kernels/seedConvModels';

declare const self: DedicatedWorkerGlobalScope;
setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd });

type S = tf.SymbolicTensor;

/** The MNIST conv net of bench/training.ts's app project, with tf.layers. */
function mnistConv(): tf.LayersModel {
  const L = tf.layers;
  const img = tf.input({ shape: [28, 28, 1] });
  let x = L.conv2d({ filters: 16, kernelSize: 3, activation: 'relu' }).apply(img) as S;
  x = L.maxPooling2d({ poolSize: 2 }).apply(x) as S;
  x = L.conv2d({ filters: 32, kernelSize: 3, activation: 'relu' }).apply(x) as S;
  x = L.maxPooling2d({ poolSize: 2 }).apply(x) as S;
  x = L.flatten().apply(x) as S;
  return tf.model({ inputs: img, outputs: L.dense({ units: 10 }).apply(x) as S });
}

/** ms per training step: model.fit on `steps` random batches of 64, median after the first. */
async function convStep(model: tf.LayersModel, shape: number[], steps: number): Promise<number> {
  model.compile({ optimizer: tf.train.rmsprop(1e-3), loss: (y: tf.Tensor, p: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, p) });
  const n = 64 * steps;
  const x = tf.randomUniform([n, ...shape]);
  const y = tf.oneHot(tf.randomUniform([n], 0, 10, 'int32'), 10).toFloat();
  const times: number[] = [];
  let t0 = 0;
  await model.fit(x, y, {
    epochs: 1, batchSize: 64, shuffle: false, verbose: 0,
    callbacks: { onBatchBegin: async () => void (t0 = performance.now()), onBatchEnd: async () => void times.push(performance.now() - t0) },
  });
  tf.dispose([x, y]);
  model.dispose();
  const later = times.slice(1).sort((a, b) => a - b);
  return later[Math.floor(later.length / 2)];
}

async function mlpEpoch(): Promise<number> {
  const files = Object.fromEntries(await Promise.all(Object.entries(MNIST_FILES).map(async ([k, f]) => [k, await (await fetch(`/data/mnist/${f}`)).arrayBuffer()] as const)));
  const raw = readMnist(files as Record<keyof typeof MNIST_FILES, ArrayBuffer>);
  if (typeof raw === 'string') throw new Error(raw);
  const n = raw.trainLabels.length;
  const x = tf.tensor2d(Float32Array.from(raw.trainImages, (v) => v / 255), [n, 784]);
  const y = tf.tensor1d(Float32Array.from(raw.trainLabels));
  const inputs = tf.input({ shape: [784] });
  let h = tf.layers.dense({ units: 64, activation: 'relu' }).apply(inputs) as S;
  h = tf.layers.dense({ units: 64, activation: 'relu' }).apply(h) as S;
  const outputs = tf.layers.dense({ units: 10, activation: 'softmax' }).apply(h) as S;
  const model = tf.model({ inputs, outputs, name: 'mnist_model' });
  model.compile({ optimizer: tf.train.rmsprop(0.001), loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  let t0 = 0;
  let tLast = 0;
  await model.fit(x, y, {
    epochs: 1, batchSize: 64, validationSplit: 0.2, verbose: 0,
    callbacks: { onEpochBegin: async () => void (t0 = performance.now()), onBatchEnd: async () => void (tLast = performance.now()) },
  });
  tf.dispose([x, y]);
  model.dispose();
  return (tLast - t0) / 1000;
}

self.onmessage = async (e: MessageEvent<{ backend: string; threads: boolean; convSteps: number; resnetSteps: number }>) => {
  const { backend, threads, convSteps, resnetSteps } = e.data;
  // As the app's worker: tfjs reads the flag when WASM starts; the same gradient kernels.
  if (!threads) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  if (backend === 'wasm') registerWasmGradKernels(tf);
  await tf.setBackend(backend);
  await tf.ready();
  const wasmThreads = tf.getBackend() === 'wasm' && (await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'));
  const ranOn = tf.getBackend() + (tf.getBackend() === 'wasm' ? (wasmThreads ? ' (threads)' : ' (single thread)') : '');
  const mlpSeconds = await mlpEpoch();
  const mnistConvMs = await convStep(mnistConv(), [28, 28, 1], convSteps);
  const toyResnetMs = await convStep(seedToyResnet(tf), [32, 32, 3], resnetSteps);
  self.postMessage({ backend: ranOn, mlpSeconds, mnistConvMs, toyResnetMs });
};
