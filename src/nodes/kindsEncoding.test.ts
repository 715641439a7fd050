/**
 * CategoryEncoding and Discretization judged by real Keras 3: each example is built in Keras from
 * our Python call and from our Keras config (output shape must equal ours), then run in Keras and
 * in our tfjs class on the same inputs (integer ids, some out of range, for CategoryEncoding;
 * values on and between the boundaries for Discretization): outputs must be equal. An adapted
 * Discretization imports from a .keras file with the boundaries adapt() computed; what Layerflow
 * cannot compute (adapt() itself) or hold (sparse tensors) is refused, naming the reason.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from './index';
import { buildTfjs, fillParams, kerasParams, pythonCall } from './kind';
import { fmtShape, type Shape } from '../engine/shape';
import { kerasPython, runKeras } from '../testing/python';
import { tfjsPredict, tmp, writeJson } from '../engine/io/fixtures/judge';
import { importFileSet, importModelValue } from '../engine/io/importModel';
import { readKerasFile } from '../engine/io/kerasFile';

tf.setBackend('cpu');

const KINDS_JUDGED = ['CategoryEncoding', 'Discretization'];
const concrete = (s: Shape) => s.map((d, j) => d ?? (j === 0 ? 3 : 4));
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
/** Ids in [-1, num_tokens]: both ends out of range, which encode as zeros. */
const ids = (n: number, tokens: number, seed: number) => Array.from({ length: n }, (_, i) => ((i * 5 + seed * 3) % (tokens + 2)) - 1);
/** Values on the boundaries, between them and outside. */
const reals = (n: number, b: readonly number[], seed: number) => {
  const pool = [...b, ...b.map((v) => v + 0.1), ...b.map((v) => v - 0.1), b[0] - 3, b.at(-1)! + 3];
  return Array.from({ length: n }, (_, i) => pool[(i * 7 + seed) % pool.length]);
};

const cases = KINDS_JUDGED.flatMap((kind) =>
  KINDS[kind].examples.map((ex, i) => {
    const k = KINDS[kind];
    const p = fillParams(k, ex.params);
    const shape = concrete(ex.inputs[0]);
    const data = kind === 'CategoryEncoding' ? ids(size(shape), p.num_tokens as number, i) : reals(size(shape), p.bin_boundaries as number[], i);
    return { kind, p, inputs: ex.inputs, call: pythonCall(k, p), config: kerasParams(k, p), x: { shape, data } };
  }),
);

describe.skipIf(!kerasPython)('real Keras 3 judges CategoryEncoding and Discretization', () => {
  const file = writeJson(tmp('enc'), 'cases.json', cases.map(({ kind, inputs, call, config, x }) => ({ kind, inputs, call, config, x })));
  const results = (kerasPython
    ? JSON.parse(
        runKeras(`
import json, numpy as np, keras
from keras import layers
out = []
for c in json.load(open(${JSON.stringify(file)})):
    sym = keras.Input(batch_shape=tuple(c["inputs"][0]), dtype="int32" if c["kind"] == "CategoryEncoding" else "float32")
    res = {}
    for tag, layer in (("call", eval(c["call"])), ("config", getattr(layers, c["kind"]).from_config(c["config"]))):
        res[tag] = list(layer(sym).shape)
    x = np.array(c["x"]["data"], "int32" if c["kind"] == "CategoryEncoding" else "float32").reshape(c["x"]["shape"])
    y = np.asarray(layer(x))
    res["y"] = {"shape": list(y.shape), "dtype": str(y.dtype), "data": y.reshape(-1).tolist()}
    out.append(res)
print(json.dumps(out))`).trim().split('\n').at(-1)!,
      )
    : []) as { call: Shape; config: Shape; y: { shape: number[]; dtype: string; data: number[] } }[];

  it.each(cases.map((c, i) => [c.kind, fmtShape(c.inputs[0]), JSON.stringify(c.p), i] as const))('%s on %s with %s', (kind, _s, _p, i) => {
    const c = cases[i];
    const k = KINDS[kind];
    const r = k.infer(c.inputs, c.p);
    if (!r.ok) throw new Error(r.message);
    expect(fmtShape(r.shapes[0])).toBe(fmtShape(results[i].call));
    expect(fmtShape(r.shapes[0])).toBe(fmtShape(results[i].config));
    const layer = buildTfjs(k, c.p, `enc_${i}`, tf) as tf.layers.Layer;
    const y = layer.apply(tf.tensor(c.x.data, c.x.shape, kind === 'CategoryEncoding' ? 'int32' : 'float32')) as tf.Tensor;
    expect(y.shape).toEqual(results[i].y.shape);
    expect(Array.from(y.dataSync())).toEqual(results[i].y.data);
    // Integer bins in int mode, as Keras; floats otherwise.
    expect(y.dtype).toBe(results[i].y.dtype.startsWith('int') ? 'int32' : 'float32');
    // Non-trivial: more than one distinct value, so a wrong bin or slot shows.
    expect(new Set(results[i].y.data).size).toBeGreaterThan(1);
  });
});

describe.skipIf(!kerasPython)('Discretization from a file Keras adapted', () => {
  it('imports the boundaries adapt() computed and predicts what Keras predicts', async () => {
    const path = join(tmp('disc'), 'disc.keras');
    const keras = JSON.parse(
      runKeras(`
import json, numpy as np, keras
rng = np.random.default_rng(5)
inp = keras.Input((6,))
d = keras.layers.Discretization(num_bins=5, epsilon=0.01, output_mode="count")
# adapt()'s own steps for an array (adapt() itself first asks whether the data is a tf.data.Dataset, and TensorFlow is not installed)
d.reset_state(); d.update_state(rng.normal(2.0, 4.0, size=(200, 6)).astype("float32")); d.finalize_state()
m = keras.Model(inp, keras.layers.Dense(3)(d(inp)))
m.save(${JSON.stringify(path)})
x = rng.normal(2.0, 4.0, size=(4, 6)).astype("float32")
print(json.dumps({"x": x.reshape(-1).tolist(), "y": m.predict(x, verbose=0).reshape(-1).tolist(), "b": d.bin_boundaries}))`).trim().split('\n').at(-1)!,
    ) as { x: number[]; y: number[]; b: number[] };
    const r = await importFileSet([{ name: 'disc.keras', bytes: new Uint8Array(readFileSync(path)) }], (f, cl, paramsOf) => readKerasFile(f.bytes, f.name, cl, paramsOf));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const layer = Object.values(r.doc.layers).find((l) => l.kind === 'Discretization')!;
    expect(layer.params.bin_boundaries).toEqual(keras.b);
    expect(layer.params.num_bins).toBe(5);
    const ours = tfjsPredict(r.doc, r.doc.main, [{ shape: [4, 6], dtype: 'float32', data: keras.x }], r.weights!).outputs[0];
    expect(Math.max(...keras.y.map((v, i) => Math.abs(v - ours[i])))).toBeLessThan(1e-4);
  });
});

/** A one-layer Keras 3 model config with this layer after a (None, 4) input. */
const modelWith = (cls: string, config: Record<string, unknown>) => ({
  class_name: 'Functional',
  config: {
    name: 'm',
    layers: [
      { class_name: 'InputLayer', name: 'x', config: { name: 'x', batch_shape: [null, 4], dtype: 'float32' }, inbound_nodes: [] },
      { class_name: cls, name: 'e', config: { name: 'e', ...config }, inbound_nodes: [{ args: [{ class_name: '__keras_tensor__', config: { keras_history: ['x', 0, 0] } }], kwargs: {} }] },
    ],
    input_layers: [['x', 0, 0]],
    output_layers: [['e', 0, 0]],
  },
});

describe('what the browser cannot compute or hold is refused on import, naming why', () => {
  it('Discretization(num_bins=…) never adapted: no boundaries to read', () => {
    const r = importModelValue(modelWith('Discretization', { bin_boundaries: null, num_bins: 4, epsilon: 0.01, output_mode: 'int', sparse: false }), 'm.json');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.message).join('\n')).toMatch(/bin_boundaries must be given: Keras computes bin_boundaries from num_bins with adapt\(\)/);
  });

  it('sparse=True: Layerflow has dense tensors only', () => {
    const r = importModelValue(modelWith('CategoryEncoding', { num_tokens: 5, output_mode: 'multi_hot', sparse: true }), 'm.json');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.message).join('\n')).toMatch(/sparse must be False: Layerflow and tfjs have dense tensors only/);
    const fine = importModelValue(modelWith('CategoryEncoding', { num_tokens: 5, output_mode: 'multi_hot', sparse: false }), 'm.json');
    expect(fine.ok).toBe(true);
  });

  it('CategoryEncoding multi_hot on a rank-3 input is refused: Keras declares one shape and computes another', () => {
    const k = KINDS.CategoryEncoding;
    const r = k.infer([[null, 2, 3]], fillParams(k, { num_tokens: 4, output_mode: 'multi_hot' }));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toBe('CategoryEncoding with output_mode="multi_hot" needs a rank-2 input (batch, ids), got (None, 2, 3)');
  });
});
