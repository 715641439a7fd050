/**
 * Normalization, recurrent, merging and wrapper kinds: the messages the engine gives for bad
 * inputs, the Keras/Python codecs, and — with real Keras 3 as the judge — every example's shapes,
 * param counts, Keras config and Python call.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { KINDS } from './index';
import { buildTfjs, checkKindParams, fillParams, kerasParams, outputCount, paramCount, paramsFromKeras, pythonCall, type Infer } from './kind';
import { sameValue, type WrappedLayer } from './params';
import type { Shape } from '../engine/shape';
import { kerasPython, runKeras } from '../testing/python';

tf.setBackend('cpu');

const MINE = [
  'BatchNormalization', 'LayerNormalization', 'SimpleRNN', 'LSTM', 'GRU', 'ConvLSTM2D', 'Bidirectional', 'TimeDistributed',
  'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate', 'Dot',
];

function infer(kind: string, inputs: Shape[], params: Record<string, unknown> = {}): Infer {
  const k = KINDS[kind];
  return k.infer(inputs, fillParams(k, params));
}
const message = (r: Infer) => (r.ok ? `ok ${JSON.stringify(r.shapes)}` : r.message);

describe('shape errors name the values', () => {
  it('Concatenate names the shapes and the axis when they do not match', () => {
    const r = infer('Concatenate', [[null, 3, 4], [null, 5, 4]]);
    expect(r.ok).toBe(false);
    expect(message(r)).toBe('Concatenate(axis=-1) needs inputs that match on every axis but -1; axis 1 differs: got (None, 3, 4), (None, 5, 4)');
    expect(message(infer('Concatenate', [[null, 3], [null, 3, 4]]))).toBe('Concatenate needs inputs of one rank: got (None, 3), (None, 3, 4)');
    expect(message(infer('Concatenate', [[null, 3], [null, 4]], { axis: 2 }))).toMatch(/axis=2 is not a non-batch axis of rank-2 inputs \(None, 3\), \(None, 4\)/);
    expect(infer('Concatenate', [[null, 3, 4], [null, 5, 4]], { axis: 1 })).toEqual({ ok: true, shapes: [[null, 8, 4]] });
  });

  it('LSTM needs a rank-3 input', () => {
    const r = infer('LSTM', [[null, 784]], { units: 128 });
    expect(r).toMatchObject({ ok: false, code: 'rank' });
    expect(message(r)).toBe('LSTM needs a rank-3 input (batch, timesteps, features), got (None, 784)');
    expect(message(infer('GRU', [[null, 28, 28, 1]]))).toBe('GRU needs a rank-3 input (batch, timesteps, features), got (None, 28, 28, 1)');
    expect(message(infer('SimpleRNN', [[null, 5, null]]))).toBe('SimpleRNN needs a known feature dimension, got (None, 5, None)');
  });

  it('recurrent initial states: all or none, each of the state shape', () => {
    expect(message(infer('LSTM', [[null, 10, 8], [null, 16]], { units: 16 }))).toBe('LSTM takes initial_state as all of its 2 state(s) (h, c) or none, got 1');
    expect(message(infer('LSTM', [[null, 10, 8], [null, 16], [null, 32]], { units: 16 }))).toBe('LSTM initial state c must have shape (None, 16), got (None, 32)');
    expect(infer('LSTM', [[null, 10, 8], [null, 16], [null, 16]], { units: 16, return_state: true })).toEqual({ ok: true, shapes: [[null, 16], [null, 16], [null, 16]] });
    expect(message(infer('LSTM', [[null, 10, 8]], { stateful: true }))).toBe('LSTM with stateful=True needs a fixed batch size (keras.Input(batch_size=...)), got (None, 10, 8)');
  });

  it('elementwise merges refuse unequal shapes and broadcast dims of 1 as Keras does', () => {
    for (const k of ['Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum'])
      expect(message(infer(k, [[null, 32], [null, 64]]))).toBe(`${k} needs inputs of one shape: got (None, 32) and (None, 64)`);
    expect(infer('Multiply', [[null, 1, 8], [null, 5, 1]])).toEqual({ ok: true, shapes: [[null, 5, 8]] });
    expect(infer('Maximum', [[null, 3, 5], [null, 5]])).toEqual({ ok: true, shapes: [[null, 3, 5]] });
    expect(message(infer('Average', [[4, 3], [8, 3]]))).toBe('Average cannot merge tensors with different batch sizes: got (4, 3) and (8, 3)');
    expect(KINDS.Subtract.inputs).toMatchObject({ min: 2, max: 2 });
  });

  it('Dot names the contracted sizes', () => {
    expect(message(infer('Dot', [[null, 3], [null, 4]], { axes: 1 }))).toBe('Dot needs equal sizes on the contracted axes: 3 (axis 1 of (None, 3)) != 4 (axis 1 of (None, 4))');
    expect(message(infer('Dot', [[null, 3], [null, 3]], { axes: 0 }))).toBe('Dot cannot contract the batch axis (axes=(0, 0))');
    expect(message(infer('Dot', [[null, 3], [null, 3]], { axes: [1, 2] }))).toBe('Dot axes=(1, 2) has no axis 2 in input 1 (None, 3)');
  });

  it('normalization axes must exist and be known', () => {
    expect(message(infer('BatchNormalization', [[null, 4]], { axis: 3 }))).toBe('BatchNormalization axis=3 is out of range for an input of rank 2 (None, 4)');
    expect(message(infer('BatchNormalization', [[null, 3, null]]))).toBe('BatchNormalization needs a known size on axis -1, got (None, 3, None)');
    expect(message(infer('LayerNormalization', [[null, 4, 5]], { axis: [1, 3] }))).toBe('LayerNormalization axis=3 is out of range for an input of rank 3 (None, 4, 5)');
  });

  it('ConvLSTM2D checks strides with dilation and the spatial size', () => {
    expect(message(infer('ConvLSTM2D', [[null, 5, 16, 16, 3]], { filters: 4, strides: 2, dilation_rate: 2 }))).toBe('ConvLSTM2D cannot combine strides (2, 2) with dilation_rate (2, 2)');
    expect(infer('ConvLSTM2D', [[null, 5, 2, 2, 3]], { filters: 4, kernel_size: 3 })).toMatchObject({ ok: false, code: 'negative-size' });
    expect(message(infer('ConvLSTM2D', [[null, 8, 8, 3]]))).toBe('ConvLSTM2D needs a rank-5 input (batch, time, rows, cols, channels), got (None, 8, 8, 3)');
  });

  it('wrappers check the wrapped layer and prefix its messages', () => {
    expect(message(infer('TimeDistributed', [[null, 3]]))).toBe('TimeDistributed needs an input of rank ≥ 3 (batch, time, ...), got (None, 3)');
    expect(message(infer('TimeDistributed', [[null, 10, 8]], { layer: { kind: 'Conv2D', params: { filters: 4 } } }))).toBe(
      'TimeDistributed(Conv2D) on each (None, 8) slice: Conv2D needs a rank-4 input (batch, rows, cols, channels), got (None, 8)',
    );
    expect(message(infer('TimeDistributed', [[null, 4, 6, 5]], { layer: { kind: 'LSTM', params: { return_state: true } } }))).toBe(
      'TimeDistributed cannot wrap LSTM with several outputs (return_state=True)',
    );
    expect(message(infer('Bidirectional', [[null, 784]]))).toBe('Bidirectional: LSTM needs a rank-3 input (batch, timesteps, features), got (None, 784)');
    expect(message(infer('Bidirectional', [[null, 7, 3], [null, 4], [null, 4]], { layer: { kind: 'LSTM', params: { units: 4 } } }))).toBe(
      'Bidirectional(LSTM) takes initial states for both directions (4) or none, got 2',
    );
    const td = KINDS.TimeDistributed;
    expect(checkKindParams(td, fillParams(td, { layer: { kind: 'Add', params: {} } }))[0].message).toMatch(/^TimeDistributed: layer must wrap one of .*Dense.*, got "Add"$/);
    expect(checkKindParams(td, fillParams(td, { layer: { kind: 'Dense', params: { units: 0 } } }))[0].message).toBe(
      'TimeDistributed: layer wraps a layer with invalid params: Dense: units must be ≥ 1, got 0',
    );
    const bi = KINDS.Bidirectional;
    expect(checkKindParams(bi, fillParams(bi, { layer: { kind: 'Dense', params: {} } }))[0].message).toBe('Bidirectional: layer must wrap one of SimpleRNN, LSTM, GRU, got "Dense"');
  });
});

describe('outputs and tfjs refusals', () => {
  it('counts outputs from params alone', () => {
    const count = (kind: string, params: Record<string, unknown>) => outputCount(KINDS[kind], fillParams(KINDS[kind], params));
    expect(count('LSTM', { return_state: true })).toBe(3);
    expect(count('GRU', { return_state: true })).toBe(2);
    expect(count('ConvLSTM2D', { return_state: true })).toBe(3);
    expect(count('Bidirectional', { layer: { kind: 'LSTM', params: { return_state: true } }, merge_mode: 'None' })).toBe(6);
    expect(count('Bidirectional', { layer: { kind: 'GRU', params: { return_state: true } } })).toBe(3);
    expect(count('Bidirectional', { layer: { kind: 'GRU', params: {} } })).toBe(1);
  });

  it('GRU with Keras 3 reset_after=True is refused for tfjs with the reason; reset_after=False builds', () => {
    const gru = KINDS.GRU;
    expect(buildTfjs(gru, fillParams(gru, { units: 8 }), 'g', tf)).toEqual({ unsupported: 'tfjs 4.22 has no support for GRU(reset_after=True)' });
    expect(buildTfjs(gru, fillParams(gru, { units: 8, reset_after: false }), 'g2', tf)).toBeInstanceOf(tf.layers.Layer);
    const bi = KINDS.Bidirectional;
    expect(buildTfjs(bi, fillParams(bi, { layer: { kind: 'GRU', params: { units: 8 } } }), 'b', tf)).toEqual({ unsupported: 'tfjs 4.22 has no support for GRU(reset_after=True)' });
    expect(buildTfjs(KINDS.Subtract, {}, 's', tf)).toMatchObject({ unsupported: expect.stringMatching(/^tfjs 4\.22 has no Subtract layer/) });
    // tfjs would silently join on the last axis: refused, while axis=-1 and positive axes build.
    const cat = KINDS.Concatenate;
    expect(buildTfjs(cat, { axis: -2 }, 'c', tf)).toMatchObject({ unsupported: expect.stringMatching(/^tfjs 4\.22 joins on the last axis for any negative axis, so Concatenate\(axis=-2\)/) });
    expect(buildTfjs(cat, { axis: 1 }, 'c1', tf)).toBeInstanceOf(tf.layers.Layer);
    expect(buildTfjs(cat, { axis: -1 }, 'c2', tf)).toBeInstanceOf(tf.layers.Layer);
  });

  it('writes Python as the seed does', () => {
    const py = (kind: string, params: Record<string, unknown>) => pythonCall(KINDS[kind], fillParams(KINDS[kind], params));
    expect(py('LSTM', { units: 128 })).toBe('layers.LSTM(128)');
    expect(py('Concatenate', { axis: 1 })).toBe('layers.Concatenate(axis=1)');
    expect(py('Dot', {})).toBe('layers.Dot(axes=1)');
    expect(py('Bidirectional', { layer: { kind: 'LSTM', params: { units: 64, return_sequences: true } } })).toBe('layers.Bidirectional(layers.LSTM(64, return_sequences=True))');
    expect(py('Bidirectional', { layer: { kind: 'GRU', params: { units: 8 } }, merge_mode: 'None' })).toBe('layers.Bidirectional(layers.GRU(8), merge_mode=None)');
    expect(py('TimeDistributed', { layer: { kind: 'Dense', params: { units: 10, activation: 'softmax' } } })).toBe('layers.TimeDistributed(layers.Dense(10, activation="softmax"))');
  });

  it('Keras config of a wrapper nests the wrapped layer, and reads back', () => {
    const bi = KINDS.Bidirectional;
    const p = fillParams(bi, { layer: { kind: 'LSTM', params: { units: 64, return_sequences: true } }, merge_mode: 'None' });
    const cfg = kerasParams(bi, p);
    expect(cfg).toMatchObject({ merge_mode: null, layer: { module: 'keras.layers', class_name: 'LSTM', config: { units: 64, return_sequences: true, activation: 'tanh' } } });
    const back = paramsFromKeras(bi, cfg);
    expect(back.problems).toEqual([]);
    expect(back.params.merge_mode).toBe('None');
    expect(fillParams(KINDS.LSTM, (back.params.layer as { params: Record<string, unknown> }).params)).toEqual(fillParams(KINDS.LSTM, { units: 64, return_sequences: true }));
  });
});

/**
 * tfjs's symbolic shapes (the conformance harness) can be right while its kernels do something
 * else (Concatenate's negative axis): every buildable example also runs forward on real tensors.
 */
describe('tfjs runs every buildable example forward', () => {
  const runs = MINE.flatMap((kind) => KINDS[kind].examples.map((ex, i) => [kind, i, ex] as const)).filter(([, , ex]) => !ex.tfjsUnsupported);
  it.each(runs.map(([kind, i, ex]) => [kind, i, ex] as const))('%s example %i', (kind, i, ex) => {
    const k = KINDS[kind];
    const p = fillParams(k, ex.params);
    const inferred = k.infer(ex.inputs, p);
    if (!inferred.ok) throw new Error(inferred.message);
    const layer = buildTfjs(k, p, `run_${kind}_${i}`, tf) as tf.layers.Layer;
    const ins = ex.inputs.map((s, j) => tf.input({ batchShape: [...s], name: `run_${kind}_${i}_${j}` }));
    const model = tf.model({ inputs: ins, outputs: layer.apply(ins.length === 1 ? ins[0] : ins) as tf.SymbolicTensor | tf.SymbolicTensor[] });
    // Unknown dims become 5 everywhere, batch 2 unless fixed.
    const data = ex.inputs.map((s) => tf.randomNormal(s.map((d, j) => d ?? (j === 0 ? 2 : 5))));
    const y = model.predict(data.length === 1 ? data[0] : data) as tf.Tensor | tf.Tensor[];
    const ys = Array.isArray(y) ? y : [y];
    // Known dims must come out as inferred; an unknown one takes whatever the data gave.
    const batch = ex.inputs[0][0] ?? 2;
    expect(ys.map((t) => t.shape)).toEqual(inferred.shapes.map((s, o) => s.map((d, j) => d ?? (j === 0 ? batch : ys[o].shape[j]))));
    for (const t of ys) expect(t.dataSync().every(Number.isFinite)).toBe(true);
    // Weights load by position: tfjs must hold them in the order and shapes of weights().
    expect(layer.weights.map((v) => v.shape)).toEqual(k.weights(ex.inputs, p).map((v) => v.shape));
    tf.dispose([...data, ...ys]);
  });
});

/** Every example of these kinds, judged by Keras 3: shapes, weights, config in and out, Python. */
describe.skipIf(!kerasPython)('against real Keras 3', () => {
  const cases = MINE.flatMap((kind) =>
    KINDS[kind].examples.map((ex) => {
      const k = KINDS[kind];
      const p = fillParams(k, ex.params);
      const r = k.infer(ex.inputs, p);
      return { kind, inputs: ex.inputs, params: p, config: kerasParams(k, p), python: pythonCall(k, p), shapes: r.ok ? r.shapes : null, counts: paramCount(k, ex.inputs, p) };
    }),
  );
  const script = `
import os
os.environ["KERAS_BACKEND"] = "numpy"  # symbolic shapes and weights only: no JAX compiles on a busy machine
import copy, json, keras, numpy as np
from keras import layers
cases = json.loads(${JSON.stringify(JSON.stringify(cases.map(({ params: _p, ...c }) => c)))})
out = []
for c in cases:
    load = lambda: layers.deserialize({"module": "keras.layers", "class_name": c["kind"], "config": copy.deepcopy(c["config"]), "registered_name": None})
    layer = load()
    ins = [keras.Input(batch_shape=tuple(s)) for s in c["inputs"]]
    if c["kind"] in ("SimpleRNN", "LSTM", "GRU", "ConvLSTM2D", "Bidirectional") and len(ins) > 1:
        y = layer(ins[0], initial_state=ins[1:])
    else:
        y = layer(ins if len(ins) > 1 else ins[0])
    ys = y if isinstance(y, (list, tuple)) else [y]
    n = lambda ws: int(sum(np.prod(w.shape) for w in ws))
    # Layer names (and the wrapped layers' auto names and build records) differ between two instances.
    strip = lambda d: {k: strip(v) for k, v in d.items() if k not in ("name", "build_config")} if isinstance(d, dict) else d
    py = eval(c["python"], {"layers": layers})
    out.append({"shapes": [list(t.shape) for t in ys], "trainable": n(layer.trainable_weights), "nonTrainable": n(layer.non_trainable_weights),
                "config": layer.get_config(), "pyConfigSame": json.dumps(strip(py.get_config())) == json.dumps(strip(load().get_config()))})
print(json.dumps(out))
`;
  const judged = JSON.parse(runKeras(script, { timeoutMs: 300_000 }).trim().split('\n').at(-1)!) as {
    shapes: Shape[]; trainable: number; nonTrainable: number; config: Record<string, unknown>; pyConfigSame: boolean;
  }[];

  it.each(cases.map((c, i) => [c.kind, JSON.stringify(c.inputs), i] as const))('%s on %s', (kind, _in, i) => {
    const c = cases[i];
    const k = judged[i];
    expect(c.shapes).toEqual(k.shapes);
    expect(c.counts).toEqual({ trainable: k.trainable, nonTrainable: k.nonTrainable });
    expect(k.pyConfigSame).toBe(true);
    // Keras's own config reads back to the same params (the import path).
    const back = paramsFromKeras(KINDS[kind], k.config);
    expect(back.problems).toEqual([]);
    const isWrapped = (v: unknown): v is WrappedLayer => !!v && typeof v === 'object' && 'kind' in v;
    const norm = (p: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(p).map(([key, v]) => [key, isWrapped(v) ? { kind: v.kind, params: fillParams(KINDS[v.kind], v.params) } : v]));
    expect(sameValue(norm(back.params), norm(c.params))).toBe(true);
  });
});
