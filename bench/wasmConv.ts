/**
 * Conv training throughput on the wasm backend (with our gradient kernels) against the cpu
 * backend, in Node: the seed's autoencoder and toy ResNet, one training step = forward,
 * backward and an Adam update inside tf.tidy (Dropout in training mode), random data.
 * Prints samples/s per backend and the wasm/cpu ratio. cpu's conv gradients are plain JS
 * loops (minutes per step), so each backend runs until ≥ MIN_STEPS steps and ≥ MIN_MS.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerCpuGradKernels, registerWasmGradKernels } from '../src/engine/train/wasm-kernels';
import { seedAutoencoder, seedToyResnet } from '../src/engine/train/wasm-kernels/seedConvModels';

const BATCH = 8;
const MIN_STEPS = 1;
const MIN_MS = 3000;

interface Case {
  name: string;
  build: () => tf.LayersModel;
  data: () => [tf.Tensor, tf.Tensor];
  loss: (y: tf.Tensor, p: tf.Tensor) => tf.Scalar;
}

const CASES: Case[] = [
  {
    name: 'autoencoder (28×28×1)',
    build: () => seedAutoencoder(tf),
    data: () => {
      const x = tf.randomUniform([BATCH, 28, 28, 1]);
      return [x, x.clone()];
    },
    loss: (y, p) => tf.losses.meanSquaredError(y, p) as tf.Scalar,
  },
  {
    name: 'toy_resnet (32×32×3)',
    build: () => seedToyResnet(tf),
    data: () => [
      tf.randomUniform([BATCH, 32, 32, 3]),
      tf.oneHot(tf.randomUniform([BATCH], 0, 10, 'int32'), 10).toFloat(),
    ],
    loss: (y, p) => tf.losses.softmaxCrossEntropy(y, p) as tf.Scalar,
  },
];

async function samplesPerSecond(backend: 'wasm' | 'cpu', c: Case): Promise<number> {
  if (!(await tf.setBackend(backend)) || tf.getBackend() !== backend) throw new Error(`backend ${backend} did not start`);
  const model = c.build();
  const [x, y] = c.data();
  const optimizer = tf.train.adam(1e-3);
  const step = () => {
    const loss = optimizer.minimize(() => c.loss(y, model.apply(x, { training: true }) as tf.Tensor), true)!;
    loss.dataSync(); // wait for the step, as a training loop reading its loss would
    loss.dispose();
  };
  // warm-up (wasm kernel setup, XNNPACK operators); cpu has none and a step costs minutes
  if (backend === 'wasm') step();
  let steps = 0;
  const t0 = performance.now();
  while (steps < MIN_STEPS || performance.now() - t0 < MIN_MS) {
    step();
    steps++;
  }
  const seconds = (performance.now() - t0) / 1000;
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return (steps * BATCH) / seconds;
}

registerWasmGradKernels(tf);
registerCpuGradKernels(tf);
await tf.setBackend('wasm');
const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
console.log(`batch ${BATCH}, Adam; wasm SIMD ${simd ? 'on' : 'off'}, threads ${threads ? 'on' : 'off'}`);
console.log(`${'model'.padEnd(24)}${'wasm samples/s'.padStart(16)}${'cpu samples/s'.padStart(16)}${'wasm/cpu'.padStart(10)}`);
for (const c of CASES) {
  const wasm = await samplesPerSecond('wasm', c);
  const cpu = await samplesPerSecond('cpu', c);
  console.log(`${c.name.padEnd(24)}${wasm.toFixed(1).padStart(16)}${cpu.toFixed(1).padStart(16)}${(wasm / cpu).toFixed(1).padStart(9)}×`);
}
