import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { registerWasmGradKernels } from './index';
import { backendDataIds, initWasm, relDiff, seeded, switchBackend } from './testSupport';

type Pad = 'valid' | 'same' | number;
type Inputs = Record<string, { shape: number[]; seed: number }>;

/** Runs one kernel on a backend with seeded inputs; returns its output values and shape. */
async function runOn(backend: 'wasm' | 'cpu', kernel: string, inputs: Inputs, attrs: object) {
  await switchBackend(backend);
  const ts: Record<string, tf.Tensor> = {};
  for (const [k, { shape, seed }] of Object.entries(inputs)) {
    ts[k] = tf.tensor(seeded(shape.reduce((a, b) => a * b, 1), seed), shape);
  }
  const out = tf.engine().runKernel(kernel, ts, attrs as tf.NamedAttrMap) as tf.Tensor;
  const result = { values: out.dataSync().slice(), shape: out.shape };
  out.dispose();
  Object.values(ts).forEach((t) => t.dispose());
  return result;
}

/** Compares wasm against cpu and checks the wasm kernel left nothing behind. */
async function compare(kernel: string, inputs: Inputs, attrs: object) {
  await switchBackend('wasm');
  const idsBefore = backendDataIds();
  const tensorsBefore = tf.memory().numTensors;
  const wasm = await runOn('wasm', kernel, inputs, attrs);
  expect(backendDataIds()).toBe(idsBefore);
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  const cpu = await runOn('cpu', kernel, inputs, attrs);
  expect(wasm.shape).toEqual(cpu.shape);
  return relDiff(wasm.values, cpu.values);
}

function outSize(inSize: number, f: number, s: number, d: number, pad: Pad): number {
  const eff = (f - 1) * d + 1;
  if (pad === 'same') return Math.ceil(inSize / s);
  const p = pad === 'valid' ? 0 : pad;
  return Math.floor((inSize + 2 * p - eff) / s) + 1;
}

interface ConvCase { n: number; h: number; w: number; cin: number; cout: number; fh: number; fw: number; s: [number, number]; pad: Pad }

const CONV_CASES: ConvCase[] = [
  { n: 2, h: 9, w: 9, cin: 3, cout: 4, fh: 3, fw: 3, s: [1, 1], pad: 'valid' },
  { n: 2, h: 9, w: 9, cin: 3, cout: 4, fh: 3, fw: 3, s: [1, 1], pad: 'same' },
  { n: 3, h: 10, w: 7, cin: 5, cout: 2, fh: 3, fw: 2, s: [2, 2], pad: 'same' },
  { n: 1, h: 11, w: 12, cin: 2, cout: 6, fh: 4, fw: 3, s: [3, 2], pad: 'valid' },
  { n: 2, h: 8, w: 8, cin: 4, cout: 3, fh: 5, fw: 5, s: [1, 1], pad: 2 },
  { n: 2, h: 6, w: 6, cin: 8, cout: 8, fh: 1, fw: 1, s: [1, 1], pad: 'valid' },
  { n: 4, h: 28, w: 28, cin: 16, cout: 32, fh: 3, fw: 3, s: [1, 1], pad: 'valid' },
  { n: 2, h: 7, w: 9, cin: 3, cout: 5, fh: 2, fw: 4, s: [2, 3], pad: 'same' },
  { n: 2, h: 6, w: 7, cin: 3, cout: 2, fh: 2, fw: 3, s: [2, 2], pad: 2 }, // tfjs: numeric pad needs equal strides
  { n: 2, h: 4, w: 4, cin: 16, cout: 1, fh: 3, fw: 3, s: [1, 1], pad: 'valid' },
  // deep enough (filterWidth · inChannels ≥ 32) for our gemm's Conv2D (conv2d.ts), edge columns beside its 8-wide tiles
  { n: 2, h: 9, w: 9, cin: 32, cout: 20, fh: 3, fw: 3, s: [1, 1], pad: 'same' },
  { n: 2, h: 10, w: 11, cin: 24, cout: 16, fh: 3, fw: 2, s: [2, 3], pad: 'same' },
  { n: 1, h: 7, w: 7, cin: 40, cout: 9, fh: 1, fw: 1, s: [2, 2], pad: 'valid' },
  { n: 3, h: 12, w: 10, cin: 33, cout: 35, fh: 3, fw: 3, s: [1, 1], pad: 1 },
];

describe('wasm gradient kernels', () => {
  let registered: string[] = [];
  beforeAll(async () => {
    registered = await initWasm();
  });

  it('registers the kernels wasm lacks, once', async () => {
    expect(registered).toEqual([
      'Conv2DBackpropFilter', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput', 'LayerflowRMSPropUpdate',
      'BatchMatMul', '_FusedMatMul', 'Conv2D', 'Conv2DBackpropInput', 'MaxPoolGrad', 'Sum', 'Identity', 'ResizeNearestNeighborGrad', 'ResizeBilinearGrad',
    ]);
    expect(registerWasmGradKernels(tf)).toEqual(registered);
    for (const name of registered) expect(tf.getKernel(name, 'wasm')).toBeDefined();
  });

  it('Sum over the leading axes (bias gradients) and over any other axes matches cpu', async () => {
    const cases: [number[], number[], boolean][] = [
      [[64, 28, 28, 16], [0, 1, 2], false], [[64, 10], [0], false], [[4, 5, 6], [1, 0], true], [[4, 5, 6], [-3], false],
      [[4, 5, 6], [1, 2], false], [[4, 5, 6], [0, 2], true], [[4, 5, 6], [0, 1, 2], false], [[7], [0], false],
    ];
    for (const [shape, axis, keepDims] of cases) {
      expect(await compare('Sum', { x: { shape, seed: 5 } }, { axis, keepDims }), `${shape} over ${axis}`).toBeLessThan(1e-5);
    }
    await switchBackend('wasm');
  });

  it('Identity (tf.clone) shares data on wasm: each tensor outlives the other, nothing is left behind', async () => {
    await switchBackend('wasm');
    const ids = backendDataIds();
    const x = tf.tensor2d(seeded(12, 7), [3, 4]);
    const y = tf.clone(x);
    expect(backendDataIds()).toBe(ids + 1);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual(Array.from(seeded(12, 7)));
    const z = tf.clone(y);
    y.dispose();
    expect(relDiff(z.dataSync(), seeded(12, 7))).toBe(0);
    z.dispose();
    expect(backendDataIds()).toBe(ids);
  });

  it('refuses a dy whose shape the convolution cannot give, instead of reading out of bounds', () => {
    const x = tf.ones([2, 6, 7, 3]);
    const dy = tf.ones([2, 5, 9, 2]); // tfjs gives 5 × 5 here: a numeric pad uses strideHeight for both axes
    expect(() => tf.engine().runKernel('Conv2DBackpropFilter', { x, dy },
      { strides: [2, 1], pad: 2, dataFormat: 'NHWC', filterShape: [2, 3, 3, 2] })).toThrow(/dy has shape \[2,5,9,2\], the convolution gives \[2,5,5,2\]/);
    tf.dispose([x, dy]);
  });

  // [a shape, b shape] before transposition; the Dense gradients (dW = xᵀ·dy, dx = dy·Wᵀ), batched
  // ones, and sizes that leave rows and columns beside the 4×8 tiles of our kernel (simdModule.ts)
  const MATMUL_CASES: [number[], number[]][] = [
    [[64, 784], [784, 64]], [[7, 5], [5, 3]], [[3, 6, 4], [3, 4, 5]], [[2, 3, 4], [1, 4, 2]], [[13, 33], [33, 19]], [[64, 64], [64, 10]], [[5, 0], [0, 9]],
  ];
  const swap = (s: number[]) => [...s.slice(0, -2), s[s.length - 1], s[s.length - 2]];
  it.each(MATMUL_CASES)('BatchMatMul and _FusedMatMul with transposed operands match cpu: %o × %o', async (a, b) => {
    for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]]) {
      const inputs = { a: { shape: ta ? swap(a) : a, seed: 20 }, b: { shape: tb ? swap(b) : b, seed: 21 } };
      expect(await compare('BatchMatMul', inputs, { transposeA: ta, transposeB: tb })).toBeLessThan(1e-5);
      // _FusedMatMul (Dense's forward pass) takes rank-3 operands (tf.fused.matMul reshapes to them)
      const rank3 = (s: number[]) => (s.length > 2 ? s : [1, ...s]);
      const fused = { a: { ...inputs.a, shape: rank3(inputs.a.shape) }, b: { ...inputs.b, shape: rank3(inputs.b.shape) }, bias: { shape: [b[b.length - 1]], seed: 22 } };
      // elu is left to wasm's own kernel (after our transposes), which gets batches > 1 and K = 0 wrong
      const plain = a.length === 2 && a[1] > 0;
      for (const activation of plain ? ['relu', 'linear', 'elu'] : ['relu', 'linear']) {
        expect(await compare('_FusedMatMul', fused, { transposeA: ta, transposeB: tb, activation })).toBeLessThan(1e-5);
      }
    }
  });

  it.each(CONV_CASES)('Conv2D matches cpu, dilated too: %o', async (c) => {
    const inputs = { x: { shape: [c.n, c.h, c.w, c.cin], seed: 7 }, filter: { shape: [c.fh, c.fw, c.cin, c.cout], seed: 8 } };
    const attrs = { strides: c.s, pad: c.pad, dataFormat: 'NHWC', dilations: [1, 1] };
    expect(await compare('Conv2D', inputs, attrs)).toBeLessThan(1e-5);
    // dilated ones go to wasm's own kernel; tfjs allows dilation only with stride 1 ('same': wasm's fails on an empty output)
    if (c.s[0] === 1 && c.s[1] === 1) expect(await compare('Conv2D', inputs, { ...attrs, pad: 'same', dilations: [2, 1] })).toBeLessThan(1e-5);
  });

  it.each(CONV_CASES)('Conv2DBackpropFilter matches cpu: %o', async (c) => {
    const oh = outSize(c.h, c.fh, c.s[0], 1, c.pad);
    const ow = outSize(c.w, c.fw, c.s[1], 1, c.pad);
    const attrs = { strides: c.s, pad: c.pad, dataFormat: 'NHWC', filterShape: [c.fh, c.fw, c.cin, c.cout] };
    const nhwc = await compare('Conv2DBackpropFilter', {
      x: { shape: [c.n, c.h, c.w, c.cin], seed: 1 }, dy: { shape: [c.n, oh, ow, c.cout], seed: 2 },
    }, attrs);
    expect(nhwc).toBeLessThan(1e-5);
    const nchw = await compare('Conv2DBackpropFilter', {
      x: { shape: [c.n, c.cin, c.h, c.w], seed: 3 }, dy: { shape: [c.n, c.cout, oh, ow], seed: 4 },
    }, { ...attrs, dataFormat: 'NCHW' });
    expect(nchw).toBeLessThan(1e-5);
  });

  it.each(CONV_CASES)('Conv2DBackpropInput matches cpu: %o', async (c) => {
    const oh = outSize(c.h, c.fh, c.s[0], 1, c.pad);
    const ow = outSize(c.w, c.fw, c.s[1], 1, c.pad);
    const filter = { shape: [c.fh, c.fw, c.cin, c.cout], seed: 10 };
    const attrs = { strides: c.s, pad: c.pad, dataFormat: 'NHWC', inputShape: [c.n, c.h, c.w, c.cin] };
    const nhwc = await compare('Conv2DBackpropInput', { dy: { shape: [c.n, oh, ow, c.cout], seed: 11 }, filter }, attrs);
    expect(nhwc).toBeLessThan(1e-5);
    const nchw = await compare('Conv2DBackpropInput', { dy: { shape: [c.n, c.cout, oh, ow], seed: 12 }, filter },
      { ...attrs, dataFormat: 'NCHW', inputShape: [c.n, c.cin, c.h, c.w] });
    expect(nchw).toBeLessThan(1e-5);
  });

  it.each(CONV_CASES)('conv2d gradients through tf.grads match cpu: %o', async (c) => {
    const xs = seeded(c.n * c.h * c.w * c.cin, 5);
    const ws = seeded(c.fh * c.fw * c.cin * c.cout, 6);
    const grads = async (backend: 'wasm' | 'cpu') => {
      await switchBackend(backend);
      const x = tf.tensor4d(xs, [c.n, c.h, c.w, c.cin]);
      const w = tf.tensor4d(ws, [c.fh, c.fw, c.cin, c.cout]);
      // a non-uniform upstream gradient: sum of squares
      const [dx, dw] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.s, c.pad).square().sum())([x, w]);
      const out = [dx.dataSync().slice(), dw.dataSync().slice()];
      tf.dispose([x, w, dx, dw]);
      return out;
    };
    const [wdx, wdw] = await grads('wasm');
    const [cdx, cdw] = await grads('cpu');
    expect(relDiff(wdx, cdx)).toBeLessThan(1e-5);
    expect(relDiff(wdw, cdw)).toBeLessThan(1e-5);
  });

  const DEPTHWISE_CASES = [
    { n: 2, h: 9, w: 9, c: 3, mult: 1, fh: 3, fw: 3, s: [1, 1], d: [1, 1], pad: 'valid' as Pad },
    { n: 2, h: 9, w: 8, c: 4, mult: 2, fh: 3, fw: 3, s: [1, 1], d: [1, 1], pad: 'same' as Pad },
    { n: 3, h: 10, w: 11, c: 2, mult: 3, fh: 3, fw: 2, s: [2, 2], d: [1, 1], pad: 'same' as Pad },
    { n: 1, h: 12, w: 12, c: 5, mult: 1, fh: 4, fw: 3, s: [3, 2], d: [1, 1], pad: 'valid' as Pad },
    { n: 2, h: 11, w: 10, c: 3, mult: 2, fh: 3, fw: 3, s: [1, 1], d: [2, 2], pad: 'valid' as Pad },
    { n: 2, h: 10, w: 10, c: 3, mult: 1, fh: 3, fw: 2, s: [1, 1], d: [2, 3], pad: 'same' as Pad },
    { n: 2, h: 8, w: 8, c: 4, mult: 1, fh: 3, fw: 3, s: [1, 1], d: [1, 1], pad: 1 as Pad },
  ];

  // cpu's depthwise backprop kernels ignore `dilations` (tfjs only ever calls them with 1), so
  // a dilated case is checked against cpu on the equivalent undilated filter: the filter
  // spread out with zeros, (f-1)·d+1 taps, whose gradient at the real taps is the answer.
  it.each(DEPTHWISE_CASES)('depthwise backprop filter and input match cpu: %o', async (c) => {
    const oh = outSize(c.h, c.fh, c.s[0], c.d[0], c.pad);
    const ow = outSize(c.w, c.fw, c.s[1], c.d[1], c.pad);
    const filterShape = [c.fh, c.fw, c.c, c.mult];
    const [eh, ew] = [(c.fh - 1) * c.d[0] + 1, (c.fw - 1) * c.d[1] + 1];
    const spreadShape = [eh, ew, c.c, c.mult];
    const x = seeded(c.n * c.h * c.w * c.c, 7);
    const dy = seeded(c.n * oh * ow * c.c * c.mult, 8);
    const filter = seeded(c.fh * c.fw * c.c * c.mult, 9);
    const common = { strides: c.s, pad: c.pad };
    const run = (kernel: string, inputs: Record<string, tf.Tensor>, attrs: object) => {
      const out = tf.engine().runKernel(kernel, inputs, attrs as tf.NamedAttrMap) as tf.Tensor;
      const values = out.dataSync().slice();
      tf.dispose([out, ...Object.values(inputs)]);
      return values;
    };

    await switchBackend('wasm');
    const ids = backendDataIds();
    const dW = run('DepthwiseConv2dNativeBackpropFilter',
      { x: tf.tensor4d(x, [c.n, c.h, c.w, c.c]), dy: tf.tensor4d(dy, [c.n, oh, ow, c.c * c.mult]) },
      { ...common, dilations: c.d, filterShape });
    const dX = run('DepthwiseConv2dNativeBackpropInput',
      { dy: tf.tensor4d(dy, [c.n, oh, ow, c.c * c.mult]), filter: tf.tensor4d(filter, filterShape as never) },
      { ...common, dilations: c.d, inputShape: [c.n, c.h, c.w, c.c] });
    expect(backendDataIds()).toBe(ids);

    await switchBackend('cpu');
    const spread = tf.tidy(() => {
      const f = tf.tensor4d(filter, filterShape as never);
      const rows = tf.stack(tf.unstack(f, 0).flatMap((r, i) => (i === 0 ? [r] : [...Array(c.d[0] - 1).fill(tf.zerosLike(r)), r])));
      return tf.stack(tf.unstack(rows, 1).flatMap((col, j) => (j === 0 ? [col] : [...Array(c.d[1] - 1).fill(tf.zerosLike(col)), col])), 1);
    });
    expect(spread.shape).toEqual(spreadShape);
    const dWSpread = run('DepthwiseConv2dNativeBackpropFilter',
      { x: tf.tensor4d(x, [c.n, c.h, c.w, c.c]), dy: tf.tensor4d(dy, [c.n, oh, ow, c.c * c.mult]) },
      { ...common, dilations: 1, filterShape: spreadShape });
    const dXRef = run('DepthwiseConv2dNativeBackpropInput',
      { dy: tf.tensor4d(dy, [c.n, oh, ow, c.c * c.mult]), filter: spread },
      { ...common, dilations: 1, inputShape: [c.n, c.h, c.w, c.c] });
    const inner = c.c * c.mult;
    const dWRef = new Float32Array(dW.length);
    for (let i = 0; i < c.fh; i++) {
      for (let j = 0; j < c.fw; j++) {
        const from = ((i * c.d[0]) * ew + j * c.d[1]) * inner;
        dWRef.set(dWSpread.subarray(from, from + inner), (i * c.fw + j) * inner);
      }
    }
    expect(relDiff(dW, dWRef)).toBeLessThan(1e-5);
    expect(relDiff(dX, dXRef)).toBeLessThan(1e-5);
  });
});
