/**
 * What the tfjs conformance harness cannot check for the convolution, pooling, reshaping,
 * Embedding, Dropout and activation kinds: messages that name the values, tfjs quirks we
 * work around, the Python and Keras-config codecs, and shapes/param counts that tfjs gets
 * wrong or cannot build, judged by real Keras 3.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { KINDS } from './index';
import { buildTfjs, checkKindParams, fillParams, kerasParams, paramCount, pythonCall, type Infer } from './kind';
import { fmtShape, type Shape } from '../engine/shape';
import { kerasPython, runKeras } from '../testing/python';

tf.setBackend('cpu');

const infer = (kind: string, inputs: Shape[], params: Record<string, unknown> = {}): Infer => KINDS[kind].infer(inputs, fillParams(KINDS[kind], params));
const failure = (r: Infer) => {
  if (r.ok) throw new Error(`expected a failure, got ${r.shapes.map(fmtShape).join(', ')}`);
  return r;
};

describe('messages name the values', () => {
  it('wrong rank', () => {
    const r = failure(infer('Conv1D', [[null, 28, 28, 1]], { filters: 8 }));
    expect(r.code).toBe('rank');
    expect(r.message).toBe('Conv1D needs a rank-3 input (batch, steps, channels), got (None, 28, 28, 1)');
    expect(failure(infer('MaxPooling3D', [[null, 4, 4, 3]])).message).toContain('rank-5 input (batch, depth, rows, cols, channels), got (None, 4, 4, 3)');
    expect(failure(infer('GlobalAveragePooling2D', [[null, 3, 8]], { data_format: 'channels_first' })).message).toContain('(batch, channels, rows, cols)');
    expect(failure(infer('RepeatVector', [[null, 4, 5]], { n: 3 })).code).toBe('rank');
    expect(failure(infer('Permute', [[null, 4, 5, 6]], { dims: [2, 1] })).message).toBe('Permute needs a rank-3 input for dims (2, 1), got (None, 4, 5, 6)');
  });

  it('negative spatial size', () => {
    const r = failure(infer('MaxPooling2D', [[null, 2, 2, 3]], { pool_size: 3 }));
    expect(r.code).toBe('negative-size');
    expect(r.message).toBe('MaxPooling2D pool_size (3, 3) with padding "valid" shrinks (None, 2, 2, 3) to (0, 0); the input is too small');
    expect(infer('MaxPooling2D', [[null, 2, 2, 3]], { pool_size: 3, padding: 'same' })).toEqual({ ok: true, shapes: [[null, 1, 1, 3]] });
    const conv = failure(infer('Conv1D', [[null, 8, 3]], { filters: 4, kernel_size: 3, dilation_rate: 4 }));
    expect(conv.code).toBe('negative-size');
    expect(conv.message).toContain('kernel (3,) with padding "valid" and dilation_rate (4,) shrinks (None, 8, 3) to (0,)');
    const crop = failure(infer('Cropping2D', [[null, 5, 5, 3]], { cropping: [2, 3, 0, 0] }));
    expect(crop.code).toBe('negative-size');
    expect(crop.message).toContain('((2, 3), (0, 0)) leaves (0, 5) of (None, 5, 5, 3)');
  });

  it('invalid params', () => {
    const groups = failure(infer('Conv1D', [[null, 10, 6]], { filters: 4, groups: 3 }));
    expect([groups.code, groups.param]).toEqual(['invalid-param', 'groups']);
    expect(groups.message).toBe('Conv1D groups=3 must divide both input channels 6 and filters 4');
    const op = failure(infer('Conv2DTranspose', [[null, 8, 8, 3]], { filters: 4, strides: 2, output_padding: 2 }));
    expect([op.code, op.param]).toEqual(['invalid-param', 'output_padding']);
    expect(op.message).toContain('output_padding (2, 2) must be less than strides (2, 2)');
    expect(failure(infer('Conv3D', [[null, 9, 9, 9, 1]], { strides: 2, dilation_rate: 2 })).message).toBe('Conv3D cannot combine strides (2, 2, 2) with dilation_rate (2, 2, 2)');
    // SeparableConv2D and DepthwiseConv2D do allow both in Keras 3.
    expect(infer('SeparableConv2D', [[null, 10, 10, 3]], { filters: 4, strides: 2, dilation_rate: 2 })).toEqual({ ok: true, shapes: [[null, 3, 3, 4]] });
    expect(failure(infer('Softmax', [[null, 3, 4]], { axis: 3 })).message).toBe('Softmax axis 3 is out of range for the rank-3 input (None, 3, 4): use -3..2');
    expect(failure(infer('Dropout', [[null, 3, 4]], { noise_shape: [null, 2, 4] })).message).toContain('noise_shape (None, 2, 4) does not broadcast to the input (None, 3, 4)');
    expect(failure(infer('Permute', [[null, 4, 5]], { dims: [1, 3] })).message).toBe('Permute dims must hold each of 1..2 once, got (1, 3)');
  });

  it('Reshape names both sizes', () => {
    expect(failure(infer('Reshape', [[null, 8, 2]], { target_shape: [5, 4] })).message).toBe('Reshape target_shape (5, 4) holds 20 elements, but the input (None, 8, 2) holds 16');
    expect(failure(infer('Reshape', [[null, 8, 2]], { target_shape: [-1, 3] })).message).toContain('16 is not a multiple of 3');
  });

  it('schema checks', () => {
    const msgs = (kind: string, p: Record<string, unknown>) => checkKindParams(KINDS[kind], fillParams(KINDS[kind], p)).map((e) => e.message);
    expect(msgs('Dropout', { rate: 1.5 })).toEqual(['Dropout: rate must be ≤ 1, got 1.5']);
    expect(msgs('ReLU', { max_value: -1 })).toEqual(['ReLU: max_value must be ≥ 0, got -1']);
    expect(msgs('ReLU', { max_value: null })).toEqual([]);
    expect(msgs('MaxPooling2D', { strides: [2] })).toEqual(['MaxPooling2D: strides must be an integer or a tuple of 2 integers, got (2,)']);
    expect(msgs('ZeroPadding2D', { padding: [1, -1] })[0]).toContain('got (1, -1)');
    expect(msgs('Permute', { dims: [2, 2] })).toEqual(['Permute: dims must hold each of 1..2 once, got (2, 2)']);
    expect(msgs('Conv1D', { padding: 'full' })[0]).toBe('Conv1D: padding must be one of valid, same, causal; got "full"');
  });
});

describe('Python and Keras config', () => {
  const call = (kind: string, p: Record<string, unknown>) => pythonCall(KINDS[kind], fillParams(KINDS[kind], p));

  it('positional params as the seed writes them', () => {
    expect(call('Conv2DTranspose', { filters: 16, kernel_size: 3, activation: 'relu' })).toBe('layers.Conv2DTranspose(16, 3, activation="relu")');
    expect(call('MaxPooling2D', { pool_size: 3 })).toBe('layers.MaxPooling2D(3)');
    expect(call('UpSampling2D', { size: 3 })).toBe('layers.UpSampling2D(3)');
    expect(call('Reshape', { target_shape: [4, 4, 1] })).toBe('layers.Reshape((4, 4, 1))');
    expect(call('Embedding', { input_dim: 1000, output_dim: 128 })).toBe('layers.Embedding(1000, 128)');
    expect(call('Dropout', { rate: 0.5 })).toBe('layers.Dropout(0.5)');
    expect(call('GlobalMaxPooling2D', {})).toBe('layers.GlobalMaxPooling2D()');
    expect(call('ZeroPadding2D', { padding: [1, 2, 3, 4] })).toBe('layers.ZeroPadding2D(((1, 2), (3, 4)))');
  });

  it('pool strides None and 2D pairs round-trip through the Keras config', () => {
    const pool = KINDS.MaxPooling2D;
    expect(kerasParams(pool, fillParams(pool, { pool_size: 3 }))).toEqual({ pool_size: [3, 3], strides: null, padding: 'valid', data_format: 'channels_last' });
    const pad = KINDS.ZeroPadding2D.params.padding;
    expect(pad.toKeras([1, 2])).toEqual([[1, 1], [2, 2]]);
    expect(pad.fromKeras([[1, 1], [2, 2]])).toEqual([1, 2]);
    expect(pad.fromKeras([[3, 3], [3, 3]])).toBe(3);
    expect(pad.fromKeras([[1, 2], [3, 4]])).toEqual([1, 2, 3, 4]);
    expect(pad.fromKeras([[1, 2], [3]])).toBeUndefined();
  });
});

describe('tfjs workarounds', () => {
  it('SeparableConv2D gets the pointwise initializer asked for (tfjs 4.22 reuses the depthwise one)', () => {
    const k = KINDS.SeparableConv2D;
    const layer = buildTfjs(k, fillParams(k, { filters: 4, depthwise_initializer: 'zeros', pointwise_initializer: 'ones' }), 'sep', tf) as tf.layers.Layer;
    layer.apply(tf.input({ shape: [6, 6, 2] }));
    const [depthwise, pointwise] = layer.getWeights();
    expect(depthwise.max().dataSync()[0]).toBe(0);
    expect(pointwise.min().dataSync()[0]).toBe(1);
  });

  it('Reshape with -1 keeps a known size before a Dense in a tfjs model', () => {
    const k = KINDS.Reshape;
    const input = tf.input({ shape: [28, 28] });
    const flat = (buildTfjs(k, fillParams(k, { target_shape: [-1] }), 'r', tf) as tf.layers.Layer).apply(input) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 3 }).apply(flat) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    expect(flat.shape).toEqual([null, 784]);
    expect((model.predict(tf.ones([2, 28, 28])) as tf.Tensor).shape).toEqual([2, 3]);
  });

  it('refuses what tfjs 4.22 would get wrong, with the reason', () => {
    const reason = (kind: string, p: Record<string, unknown>) => (buildTfjs(KINDS[kind], fillParams(KINDS[kind], p), 'x', tf) as { unsupported?: string }).unsupported;
    expect(reason('UpSampling1D', {})).toBe('tfjs 4.22 has no UpSampling1D layer');
    expect(reason('Conv1D', { padding: 'causal' })).toBe('tfjs 4.22 has no support for Conv1D(padding="causal")');
    expect(reason('Conv2DTranspose', { output_padding: 1, strides: 2 })).toBe('tfjs 4.22 has no support for Conv2DTranspose(output_padding=1)');
    expect(reason('SeparableConv2D', { strides: 2, dilation_rate: 2 })).toContain('strides (2, 2) and dilation_rate (2, 2)');
    expect(reason('UpSampling2D', { interpolation: 'lanczos3' })).toContain('interpolation="lanczos3"');
    expect(reason('Conv1D', { data_format: 'channels_first' })).toBe('tfjs 4.22 has no support for Conv1D(data_format="channels_first")');
    expect(reason('Softmax', { axis: 1 })).toBe('tfjs 4.22 computes Softmax on the last axis only; write axis=-1 instead of axis=1');
    expect(reason('Softmax', {})).toBeUndefined();
  });
});

/** The kinds this file covers. */
const JUDGED = [
  'Activation', 'Dropout', 'Flatten', 'Reshape', 'Permute', 'RepeatVector', 'Embedding', 'Conv1D', 'Conv3D',
  'Conv2DTranspose', 'SeparableConv2D', 'DepthwiseConv2D', 'MaxPooling1D', 'MaxPooling2D', 'MaxPooling3D',
  'AveragePooling1D', 'AveragePooling2D', 'AveragePooling3D', 'GlobalMaxPooling1D', 'GlobalMaxPooling2D',
  'GlobalAveragePooling1D', 'GlobalAveragePooling2D', 'UpSampling1D', 'UpSampling2D', 'ZeroPadding2D', 'Cropping2D',
  'ReLU', 'LeakyReLU', 'Softmax',
];

/** Symbolic shapes can agree while the op fails (tfjs's causal Conv1D did): run every buildable example. */
describe('tfjs runs every buildable example forward', () => {
  const runs = JUDGED.flatMap((kind) => KINDS[kind].examples.map((ex, i) => [kind, i, ex] as const)).filter(([, , ex]) => !ex.tfjsUnsupported);
  it.each(runs)('%s example %i', (kind, i, ex) => {
    const k = KINDS[kind];
    const p = fillParams(k, ex.params);
    const inferred = k.infer(ex.inputs, p);
    if (!inferred.ok) throw new Error(inferred.message);
    const layer = buildTfjs(k, p, `fwd_${kind}_${i}`, tf) as tf.layers.Layer;
    const input = tf.input({ batchShape: [...ex.inputs[0]], dtype: kind === 'Embedding' ? 'int32' : 'float32' });
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    // Unknown dims become 12 (large enough for every dilated kernel here), batch 2.
    const dims = ex.inputs[0].map((d, j) => d ?? (j === 0 ? 2 : 12));
    const x = kind === 'Embedding' ? tf.randomUniform(dims, 0, p.input_dim as number, 'int32') : tf.randomNormal(dims);
    const y = model.predict(x) as tf.Tensor;
    expect(y.shape).toEqual(inferred.shapes[0].map((d, j) => d ?? (j === 0 ? dims[0] : y.shape[j])));
    expect(y.dataSync().every(Number.isFinite)).toBe(true);
    tf.dispose([x, y]);
  });
});

/**
 * Every example of these kinds, plus cases tfjs cannot express, built in real Keras twice:
 * from our Python call and from our Keras config. Output shapes of a symbolic call and param
 * counts must match ours.
 */
const EXTRA: [string, Shape, Record<string, unknown>][] = [
  ['Flatten', [null, 784], {}],
  ['Flatten', [null], {}],
  ['Flatten', [null, null, 8], {}],
  ['Reshape', [null, null, 2], { target_shape: [4, 4] }],
  ['Cropping2D', [null, null, 5, 3], { cropping: [1, 1, 0, 0] }],
  ['Conv2DTranspose', [null, 10, 10, 3], { filters: 4, strides: 2, padding: 'same', output_padding: 1 }],
  ['DepthwiseConv2D', [null, 10, 10, 3], { strides: 2, dilation_rate: 2 }],
  ['GlobalMaxPooling2D', [null, 4, 5, 6], { keepdims: true }],
  ['Embedding', [null, 7], { input_dim: 10, output_dim: 4, mask_zero: true }],
  ['ReLU', [null, 8], { max_value: 6, negative_slope: 0.1, threshold: 0.5 }],
];
/** Cases our engine refuses: Keras must refuse them too. */
const REFUSED: [string, Shape, Record<string, unknown>][] = [
  ['MaxPooling2D', [null, 2, 2, 3], { pool_size: 3 }],
  ['Conv1D', [null, 3, 3], { filters: 3, kernel_size: 5 }],
  ['Conv1D', [null, 10, 3], { filters: 4, groups: 2 }],
  ['Conv2DTranspose', [null, 10, 10, 3], { filters: 4, strides: 2, output_padding: 2 }],
  ['Cropping2D', [null, 5, 5, 3], { cropping: [2, 3, 0, 0] }],
  ['Reshape', [null, 8, 2], { target_shape: [5, 4] }],
  ['Permute', [null, 4, 5, 6], { dims: [2, 1] }],
  ['RepeatVector', [null, 4, 5], { n: 3 }],
];

interface Case {
  kind: string;
  input: Shape;
  params: Record<string, unknown>;
}

describe.skipIf(!kerasPython)('real Keras 3 agrees (skipped without .venv Keras)', () => {
  const cases: Case[] = [
    ...JUDGED.flatMap((kind) => KINDS[kind].examples.map((ex) => ({ kind, input: ex.inputs[0], params: ex.params ?? {} }))),
    ...EXTRA.map(([kind, input, params]) => ({ kind, input, params })),
  ];
  const all = [...cases, ...REFUSED.map(([kind, input, params]) => ({ kind, input, params }))];
  const payload = all.map((c) => {
    const k = KINDS[c.kind];
    const p = fillParams(k, c.params);
    return { kind: c.kind, call: pythonCall(k, p), config: kerasParams(k, p), input: c.input, int: c.kind === 'Embedding' };
  });
  const script = `
import json, os
# Shapes and weight shapes are backend-independent Keras code; the numpy backend builds
# weights in milliseconds where JAX compiles an initializer per new shape (seconds each).
os.environ["KERAS_BACKEND"] = "numpy"
import keras
from keras import layers
out = []
for c in json.loads(${JSON.stringify(JSON.stringify(payload))}):
    res = []
    for make in (lambda: eval(c["call"]), lambda: getattr(layers, c["kind"]).from_config(c["config"])):
        try:
            layer = make()
            y = layer(keras.Input(batch_shape=tuple(c["input"]), dtype="int32" if c["int"] else "float32"))
            res.append({"shape": list(y.shape), "params": layer.count_params(), "trainable": sum(int(w.numpy().size) for w in layer.trainable_weights)})
        except Exception as e:
            res.append({"error": type(e).__name__ + ": " + str(e)[:200]})
    out.append(res)
print(json.dumps(out))
`;
  const results = JSON.parse(runKeras(script, { timeoutMs: 240_000 }).trim().split('\n').at(-1)!) as ({ shape: Shape; params: number; trainable: number } | { error: string })[][];

  it.each(cases.map((c, i) => [c.kind, fmtShape(c.input), JSON.stringify(c.params), i] as const))('%s on %s with %s', (kind, _s, _p, i) => {
    const k = KINDS[kind];
    const p = fillParams(k, cases[i].params);
    const r = k.infer([cases[i].input], p);
    if (!r.ok) throw new Error(r.message);
    const counts = paramCount(k, [cases[i].input], p);
    for (const got of results[i]) {
      if ('error' in got) throw new Error(`Keras refused ${payload[i].call}: ${got.error}`);
      expect(fmtShape(r.shapes[0])).toBe(fmtShape(got.shape));
      expect(counts.trainable + counts.nonTrainable).toBe(got.params);
      expect(counts.trainable).toBe(got.trainable);
    }
  });

  it.each(REFUSED.map((c, j) => [c[0], fmtShape(c[1]), JSON.stringify(c[2]), cases.length + j] as const))('%s on %s with %s: both refuse', (kind, _s, _p, i) => {
    expect(KINDS[kind].infer([all[i].input], fillParams(KINDS[kind], all[i].params)).ok).toBe(false);
    expect(results[i].length).toBe(2);
    for (const got of results[i]) expect(got).toHaveProperty('error');
  });
});
