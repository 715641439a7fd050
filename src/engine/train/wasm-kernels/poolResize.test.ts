import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { backendDataIds, initWasm, relDiff, seeded, switchBackend } from './testSupport';

type Shape4 = [number, number, number, number];
type Op = (x: tf.Tensor4D) => tf.Tensor4D;

/** Gradient of sum(op(x)²) on a backend, and whether the backend kept no extra data. */
async function gradOn(backend: 'wasm' | 'cpu', shape: Shape4, op: Op) {
  await switchBackend(backend);
  const ids = backendDataIds();
  const x = tf.tensor4d(seeded(shape.reduce((a, b) => a * b), 21), shape);
  const g = tf.grad((a: tf.Tensor) => op(a as tf.Tensor4D).square().sum())(x);
  const values = g.dataSync().slice();
  tf.dispose([x, g]);
  return { values, clean: backendDataIds() === ids };
}

const POOLS: [string, Shape4, Op][] = [
  ['3x3 stride 3 valid', [2, 24, 24, 5], (x) => tf.maxPool(x, 3, 3, 'valid')],
  ['2x2 stride 2 same, odd size', [2, 9, 9, 5], (x) => tf.maxPool(x, 2, 2, 'same')],
  ['3x3 stride 1 same (overlapping)', [2, 9, 8, 5], (x) => tf.maxPool(x, 3, 1, 'same')],
  ['3x2 stride 2 valid', [3, 11, 10, 4], (x) => tf.maxPool(x, [3, 2], [2, 2], 'valid')],
  ['2x2 stride 3 valid (gaps between windows)', [2, 11, 10, 3], (x) => tf.maxPool(x, 2, 3, 'valid')],
  ['all-negative input', [2, 8, 8, 3], (x) => tf.maxPool(x.abs().neg() as tf.Tensor4D, 2, 2, 'valid')],
  ['ties (the first max of a window takes dy), overlapping', [2, 9, 9, 4], (x) => tf.maxPool(x.mul(2).round() as tf.Tensor4D, 3, 1, 'same')],
  ['toy ResNet size: 3x3 stride 3 on 28×28×64', [4, 28, 28, 64], (x) => tf.maxPool(x, 3, 3, 'valid')],
  // channels a multiple of 4 and windows apart: our SIMD kernel (the others: the JS loop)
  ['SIMD: 2x2 stride 2 same, odd size', [2, 9, 9, 8], (x) => tf.maxPool(x, 2, 2, 'same')],
  ['SIMD: 2x2 stride 3 valid (gaps between windows)', [2, 11, 10, 4], (x) => tf.maxPool(x, 2, 3, 'valid')],
  ['SIMD: all-negative input', [2, 8, 8, 4], (x) => tf.maxPool(x.abs().neg() as tf.Tensor4D, 2, 2, 'valid')],
  ['SIMD: ties (the first max of a window takes dy)', [2, 9, 9, 12], (x) => tf.maxPool(x.mul(2).round() as tf.Tensor4D, 3, 3, 'same')],
  ['SIMD: MNIST conv sizes', [4, 26, 26, 16], (x) => tf.maxPool(x, 2, 2, 'valid')],
];

describe('wasm MaxPoolGrad and resize gradients', () => {
  beforeAll(initWasm);

  it.each(POOLS)('maxPool %s matches cpu', async (_, shape, op) => {
    const wasm = await gradOn('wasm', shape, op);
    const cpu = await gradOn('cpu', shape, op);
    expect(wasm.clean).toBe(true);
    expect(relDiff(wasm.values, cpu.values)).toBeLessThan(1e-6);
  });

  const RESIZES: [string, Shape4, [number, number], boolean, boolean][] = [
    ['nearest ×3 (UpSampling2D)', [2, 8, 8, 32], [24, 24], false, false],
    ['nearest non-square, shrink', [2, 3, 5, 3], [7, 4], false, false],
    ['nearest alignCorners', [2, 4, 5, 2], [8, 9], true, false],
    ['nearest halfPixelCenters', [2, 5, 3, 2], [7, 8], false, true],
    ['bilinear ×2', [2, 5, 6, 3], [10, 12], false, false],
    ['bilinear alignCorners', [2, 5, 6, 3], [11, 7], true, false],
    ['bilinear halfPixelCenters', [2, 5, 6, 3], [11, 7], false, true],
  ];

  // The gradient must be the adjoint of cpu's forward resize: <resize(x), dy> = <x, grad(dy)>,
  // on wasm and on cpu (whose own resize gradients we replace as well).
  it.each(RESIZES)('%s is the adjoint of the forward resize', async (name, shape, size, alignCorners, halfPixel) => {
    const bilinear = name.startsWith('bilinear');
    const kernel = bilinear ? 'ResizeBilinearGrad' : 'ResizeNearestNeighborGrad';
    const outShape: Shape4 = [shape[0], size[0], size[1], shape[3]];
    const xs = seeded(shape.reduce((a, b) => a * b), 31);
    const dys = seeded(outShape.reduce((a, b) => a * b), 32);
    const attrs = { alignCorners, halfPixelCenters: halfPixel, size };
    const gradOnBackend = async (backend: 'wasm' | 'cpu') => {
      await switchBackend(backend);
      const ids = backendDataIds();
      const images = tf.tensor4d(xs, shape);
      const dy = tf.tensor4d(dys, outShape);
      const g = tf.engine().runKernel(kernel, { images, dy }, attrs) as tf.Tensor;
      expect(g.shape).toEqual(shape);
      const values = g.dataSync().slice();
      tf.dispose([images, dy, g]);
      expect(backendDataIds()).toBe(ids);
      return values;
    };
    await switchBackend('cpu');
    const forward = tf.tidy(() => {
      const x = tf.tensor4d(xs, shape);
      const y = bilinear ? tf.image.resizeBilinear(x, size, alignCorners, halfPixel)
        : tf.image.resizeNearestNeighbor(x, size, alignCorners, halfPixel);
      return tf.sum(tf.mul(y, tf.tensor4d(dys, outShape))).dataSync()[0];
    });
    for (const backend of ['wasm', 'cpu'] as const) {
      const grad = await gradOnBackend(backend);
      const adjoint = xs.reduce((acc, v, i) => acc + v * grad[i], 0);
      expect(Math.abs(adjoint - forward) / Math.abs(forward), backend).toBeLessThan(1e-5);
    }
  });

  it('fixes the batch > 1 UpSampling2D gradient on both backends', async () => {
    for (const backend of ['wasm', 'cpu'] as const) {
      await switchBackend(backend);
      const dy = tf.tensor4d(Array.from({ length: 32 }, (_, i) => i), [2, 4, 4, 1]);
      const g = tf.grad((x: tf.Tensor) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [4, 4]).mul(dy).sum())(
        tf.zeros([2, 2, 2, 1]));
      // each input pixel collects its 2×2 block of dy, in its own image
      expect(Array.from(g.dataSync()), backend).toEqual([10, 18, 42, 50, 74, 82, 106, 114]);
      tf.dispose([dy, g]);
    }
  });
});
