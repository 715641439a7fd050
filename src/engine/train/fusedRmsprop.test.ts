import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fusedRmsprop } from './fusedRmsprop';
import { backendDataIds, initWasm, relDiff, seeded, switchBackend } from './wasm-kernels/testSupport';

/** Five steps on a quadratic loss of two variables; the variables' values after them. */
async function train(backend: 'wasm' | 'cpu', make: () => tf.Optimizer): Promise<Float32Array[]> {
  await switchBackend(backend);
  const w = tf.variable(tf.tensor2d(seeded(12 * 7, 1), [12, 7]));
  const b = tf.variable(tf.tensor1d(seeded(7, 2)));
  const x = tf.tensor2d(seeded(5 * 12, 3), [5, 12]);
  const opt = make();
  const ids = backendDataIds();
  for (let i = 0; i < 5; i++) opt.minimize(() => tf.matMul(x, w).add(b).square().sum() as tf.Scalar);
  opt.minimize(() => tf.matMul(x, w).add(b).square().sum() as tf.Scalar);
  // the optimizer's slots exist after the first step; later steps leave nothing behind
  const idsAfter = backendDataIds();
  opt.minimize(() => tf.matMul(x, w).add(b).square().sum() as tf.Scalar);
  expect(backendDataIds()).toBe(idsAfter);
  expect(idsAfter).toBeGreaterThan(ids);
  const out = [w.dataSync<'float32'>().slice(), b.dataSync<'float32'>().slice()];
  tf.dispose([w, b, x]);
  opt.dispose();
  return out;
}

describe('fused RMSprop', () => {
  beforeAll(initWasm);

  it.each([[0], [0.5]])('on wasm matches tfjs RMSprop on cpu (momentum %d)', async (momentum) => {
    const ours = await train('wasm', () => fusedRmsprop(tf, 0.01, 0.9, momentum, 1e-7));
    const ref = await train('cpu', () => tf.train.rmsprop(0.01, 0.9, momentum, 1e-7));
    expect(relDiff(ours[0], ref[0])).toBeLessThan(1e-5);
    expect(relDiff(ours[1], ref[1])).toBeLessThan(1e-5);
    // and it moved: the check is not of two untouched copies
    expect(relDiff(ref[0], seeded(12 * 7, 1))).toBeGreaterThan(1e-3);
  });

  it('falls back to tfjs where our kernel is not registered (cpu)', async () => {
    const ours = await train('cpu', () => fusedRmsprop(tf, 0.01, 0.9, 0, 1e-7));
    const ref = await train('cpu', () => tf.train.rmsprop(0.01, 0.9, 0, 1e-7));
    expect(ours).toEqual(ref);
  });
});
