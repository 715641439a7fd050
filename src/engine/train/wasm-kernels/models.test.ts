import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { seedAutoencoder, seedToyResnet } from './seedConvModels';
import { backendDataIds, initWasm, relDiff, seeded, switchBackend } from './testSupport';

interface Case {
  name: string;
  build: () => tf.LayersModel;
  data: () => { x: tf.Tensor; y: tf.Tensor };
  loss: (y: tf.Tensor, p: tf.Tensor) => tf.Scalar;
}

const BATCH = 4;
const CASES: Case[] = [
  {
    name: 'autoencoder',
    build: () => seedAutoencoder(tf),
    data: () => {
      const x = tf.tensor4d(seeded(BATCH * 28 * 28, 11), [BATCH, 28, 28, 1]).abs();
      return { x, y: x.clone() };
    },
    loss: (y, p) => tf.losses.meanSquaredError(y, p) as tf.Scalar,
  },
  {
    name: 'toy_resnet',
    build: () => seedToyResnet(tf),
    data: () => ({
      x: tf.tensor4d(seeded(BATCH * 32 * 32 * 3, 12), [BATCH, 32, 32, 3]),
      y: tf.oneHot(tf.tensor1d([0, 3, 7, 9], 'int32'), 10).toFloat(),
    }),
    loss: (y, p) => tf.losses.softmaxCrossEntropy(y, p) as tf.Scalar,
  },
];

/** Loss and gradients of every trainable weight, in inference mode (Dropout off, deterministic). */
function gradients(c: Case, model: tf.LayersModel, x: tf.Tensor, y: tf.Tensor) {
  const { value, grads } = tf.variableGrads(() => c.loss(y, model.apply(x) as tf.Tensor));
  const out = {
    loss: value.dataSync()[0],
    grads: Object.fromEntries(Object.entries(grads).map(([k, g]) => [k, g.dataSync().slice()])),
  };
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

describe.each(CASES)('seed $name trains on wasm', (c) => {
  let model: tf.LayersModel;
  let data: { x: tf.Tensor; y: tf.Tensor };
  beforeAll(async () => {
    await initWasm();
    model = c.build();
    data = c.data();
  });
  afterAll(() => {
    model.dispose();
    tf.dispose([data.x, data.y]);
  });

  // cpu's conv gradients are plain JS loops: two samples keep this under a minute
  it('gives the gradients cpu gives', { timeout: 400_000 }, async () => {
    await switchBackend('wasm');
    const [x, y] = [data.x.slice(0, 2), data.y.slice(0, 2)];
    const wasm = gradients(c, model, x, y);
    await switchBackend('cpu');
    const cpu = gradients(c, model, x, y);
    await switchBackend('wasm');
    tf.dispose([x, y]);
    expect(Math.abs(wasm.loss - cpu.loss) / Math.abs(cpu.loss)).toBeLessThan(1e-5);
    expect(Object.keys(wasm.grads).sort()).toEqual(Object.keys(cpu.grads).sort());
    const conv = Object.keys(cpu.grads).filter((k) => /conv2d/.test(k) && /kernel/.test(k));
    expect(conv.length).toBeGreaterThanOrEqual(c.name === 'autoencoder' ? 8 : 7);
    for (const k of Object.keys(cpu.grads)) {
      expect(cpu.grads[k].some((v) => v !== 0), `${k} has a gradient`).toBe(true);
      expect(relDiff(wasm.grads[k], cpu.grads[k]), k).toBeLessThan(1e-4);
    }
  });

  it('lowers its loss over a few steps without leaking', async () => {
    await switchBackend('wasm');
    const optimizer = tf.train.adam(1e-3);
    const losses: number[] = [];
    const counts: [number, number][] = [];
    for (let step = 0; step < 8; step++) {
      const loss = optimizer.minimize(() => c.loss(data.y, model.apply(data.x, { training: false }) as tf.Tensor), true)!;
      losses.push(loss.dataSync()[0]);
      loss.dispose();
      counts.push([tf.memory().numTensors, backendDataIds()]);
    }
    expect(tf.getBackend()).toBe('wasm');
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[7]).toBeLessThan(losses[0] * 0.95);
    // the first step creates Adam's slots; after it nothing may grow
    for (const n of counts.slice(2)) expect(n).toEqual(counts[1]);
    optimizer.dispose();
  });
});
