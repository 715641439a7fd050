/**
 * RNN(cell) — SimpleRNNCell, LSTMCell, GRUCell and StackedRNNCells — judged by real Keras 3: each
 * example is built in Keras from our Python call and from our Keras config (output shapes, param
 * counts and weight shapes must equal ours), then run in Keras and in our tfjs layer with the
 * same seeded weights and inputs (within 1e-4, every output). A .keras file Keras wrote with
 * these cells imports with its weights, predicts what Keras predicts, trains in tfjs, and exports
 * back to a .keras file that Keras loads as the same RNN(cell) structure with the same outputs;
 * a legacy .h5 with them (and SpectralNormalization, whose vector_u HDF5 lists last) imports too.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from './index';
import { buildTfjs, fillParams, kerasParams, pythonCall } from './kind';
import { fmtShape, type Shape } from '../engine/shape';
import { kerasPython, runKeras } from '../testing/python';
import { expectKerasBuild } from '../testing/kindJudge';
import { maxDiff, tfjsPredict, tmp, writeJson } from '../engine/io/fixtures/judge';
import { importFileSet } from '../engine/io/importModel';
import { readKerasFile, writeKerasFile } from '../engine/io/kerasFile';
import { compile } from '../engine/compile';

tf.setBackend('cpu');

const values = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.round(Math.sin(seed * 7.3 + i * 0.61) * 1e4) / 2e4);
const concrete = (s: Shape) => s.map((d, j) => d ?? (j === 0 ? 2 : 5));
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

const k = KINDS.RNN;
const cases = k.examples.map((ex, i) => {
  const p = fillParams(k, { ...ex.params, recurrent_initializer: 'glorot_uniform' });
  return {
    p,
    inputs: ex.inputs,
    tfjsUnsupported: ex.tfjsUnsupported === true,
    call: pythonCall(k, p),
    config: kerasParams(k, p),
    xs: ex.inputs.map((s, j) => ({ shape: concrete(s), data: values(size(concrete(s)), 10 * i + j) })),
    weights: k.weights(ex.inputs, p).map((s, j) => ({ shape: s.shape, data: values(size(s.shape), 100 * i + j) })),
  };
});

describe.skipIf(!kerasPython)('real Keras 3 judges RNN(cell)', () => {
  const file = writeJson(tmp('rnncell'), 'cases.json', cases);
  const results = (kerasPython
    ? JSON.parse(
        runKeras(`
import json, numpy as np, keras
from keras import layers
out = []
for c in json.load(open(${JSON.stringify(file)})):
    sym = [keras.Input(batch_shape=tuple(s)) for s in c["inputs"]]
    call = lambda layer, xs: layer(xs[0], initial_state=xs[1:]) if len(xs) > 1 else layer(xs[0])
    res = {}
    for tag, layer in (("call", eval(c["call"])), ("config", layers.RNN.from_config(c["config"]))):
        ys = call(layer, sym)
        ys = list(ys) if isinstance(ys, (list, tuple)) else [ys]
        res[tag] = {"shapes": [list(y.shape) for y in ys], "params": layer.count_params(), "trainable": sum(int(np.prod(w.shape)) for w in layer.trainable_weights),
                    "weights": [list(w.shape) for w in layer.weights], "cell": type(layer.cell).__name__}
    xs = [np.array(x["data"], "float32").reshape(x["shape"]) for x in c["xs"]]
    layer.set_weights([np.array(w["data"], "float32").reshape(w["shape"]) for w in c["weights"]])
    ys = call(layer, xs)
    res["ys"] = [np.asarray(y).reshape(-1).tolist() for y in (ys if isinstance(ys, (list, tuple)) else [ys])]
    out.append(res)
print(json.dumps(out))`).trim().split('\n').at(-1)!,
      )
    : []) as { call: Res; config: Res; ys: number[][] }[];
  type Res = { shapes: Shape[]; params: number; trainable: number; weights: number[][]; cell: string };

  it.each(cases.map((c, i) => [c.call, c.inputs.map(fmtShape).join(' + '), i] as const))('%s on %s', (_call, _s, i) => {
    const c = cases[i];
    for (const tag of ['call', 'config'] as const) {
      const got = results[i][tag];
      expectKerasBuild(k, c.inputs, c.p, got, tag);
      expect(got.cell, tag).toBe(typeof c.p.units === 'number' ? c.p.cell : 'StackedRNNCells');
    }
    const built = buildTfjs(k, c.p, `judge_rnn_${i}`, tf);
    if (c.tfjsUnsupported) {
      expect('unsupported' in built && built.unsupported).toMatch(/GRUCell\(reset_after=True\)/);
      return;
    }
    const layer = built as tf.layers.Layer;
    const xs = c.xs.map((x) => tf.tensor(x.data, x.shape));
    const run = () => layer.apply(xs.length === 1 ? xs[0] : xs) as tf.Tensor | tf.Tensor[];
    run();
    layer.setWeights(c.weights.map((w) => tf.tensor(w.data, w.shape)));
    const ys = [run()].flat();
    expect(maxDiff(ys.map((y) => Array.from(y.dataSync())), results[i].ys)).toBeLessThanOrEqual(1e-4);
    expect(results[i].ys[0].some((v) => Math.abs(v) > 1e-2)).toBe(true);
  });
});

describe.skipIf(!kerasPython)('a Keras file with RNN(cell) layers', () => {
  it('imports, predicts what Keras predicts, trains, and exports back to the same RNN(cell) structure', async () => {
    const dir = tmp('rnnfile');
    const src = join(dir, 'cells.keras');
    const keras = JSON.parse(
      runKeras(`
import json, numpy as np, keras
from keras import layers
keras.utils.set_random_seed(4)
inp = keras.Input((6, 3))
y = layers.RNN(layers.LSTMCell(5), return_sequences=True)(inp)
y = layers.RNN(layers.StackedRNNCells([layers.GRUCell(4, reset_after=False), layers.GRUCell(3, reset_after=False)]), return_sequences=True)(y)
y = layers.RNN([layers.SimpleRNNCell(4, activation="relu"), layers.SimpleRNNCell(2, activation="relu")])(y)
m = keras.Model(inp, layers.Dense(2)(y))
for w in m.weights:
    w.assign(np.random.default_rng(len(w.path)).normal(0, 0.4, w.shape).astype("float32"))
m.save(${JSON.stringify(src)})
x = np.random.default_rng(1).normal(size=(3, 6, 3)).astype("float32")
print(json.dumps({"x": x.reshape(-1).tolist(), "y": m.predict(x, verbose=0).reshape(-1).tolist(), "params": m.count_params()}))`).trim().split('\n').at(-1)!,
    ) as { x: number[]; y: number[]; params: number };
    const r = await importFileSet([{ name: 'cells.keras', bytes: new Uint8Array(readFileSync(src)) }], (f, cl, paramsOf) => readKerasFile(f.bytes, f.name, cl, paramsOf));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const rnns = Object.values(r.doc.layers).filter((l) => l.kind === 'RNN');
    expect(rnns.map((l) => [l.params.cell, l.params.units])).toEqual([['LSTMCell', 5], ['GRUCell', [4, 3]], ['SimpleRNNCell', [4, 2]]]);
    const sample = [{ shape: [3, 6, 3], dtype: 'float32' as const, data: keras.x }];
    const ours = tfjsPredict(r.doc, r.doc.main, sample, r.weights!).outputs[0];
    expect(maxDiff([ours], [keras.y])).toBeLessThan(1e-4);

    // Trains in tfjs: 25 steps of fitting a fixed target lower the loss.
    const built = compile(r.doc, r.doc.main, tf, { weights: r.weights! });
    const model = built.model!;
    model.compile({ optimizer: tf.train.adam(0.02), loss: 'meanSquaredError' });
    const x = tf.tensor(keras.x, [3, 6, 3]);
    const target = tf.tensor([[1, -1], [0.5, 0.5], [-1, 1]]);
    const h = await model.fit(x, target, { epochs: 25, verbose: 0 });
    const loss = h.history.loss as number[];
    expect(loss.at(-1)!).toBeLessThan(loss[0] * 0.8);

    // Export the imported weights back; Keras loads the same cells and predicts the same.
    const out = await writeKerasFile(r.doc, r.doc.main, r.weights!);
    if (!out.bytes) throw new Error(out.issues.map((i) => i.message).join('\n'));
    const back = join(dir, 'back.keras');
    writeFileSync(back, out.bytes);
    const check = JSON.parse(
      runKeras(`
import json, numpy as np, keras
m = keras.saving.load_model(${JSON.stringify(back)})
x = np.array(${JSON.stringify(keras.x)}, "float32").reshape(3, 6, 3)
cells = [(type(l.cell).__name__, [type(c).__name__ for c in getattr(l.cell, "cells", [])]) for l in m.layers if isinstance(l, keras.layers.RNN)]
print(json.dumps({"y": m.predict(x, verbose=0).reshape(-1).tolist(), "params": m.count_params(), "cells": cells}))`).trim().split('\n').at(-1)!,
    ) as { y: number[]; params: number; cells: [string, string[]][] };
    expect(check.params).toBe(keras.params);
    expect(check.cells).toEqual([['LSTMCell', []], ['StackedRNNCells', ['GRUCell', 'GRUCell']], ['StackedRNNCells', ['SimpleRNNCell', 'SimpleRNNCell']]]);
    expect(maxDiff([check.y], [keras.y])).toBeLessThan(1e-4);
  }, 120_000);

  it('a legacy .h5 (model.save("x.h5")) with RNN(cell) and SpectralNormalization imports and predicts what Keras predicts', async () => {
    const src = join(tmp('h5c'), 'c.h5');
    const keras = JSON.parse(runKeras(`
import json, numpy as np, keras
from keras import layers
inp = keras.Input((6, 3))
y = layers.RNN(layers.LSTMCell(5), return_sequences=True)(inp)
y = layers.RNN([layers.GRUCell(4, reset_after=False), layers.GRUCell(3, reset_after=False)])(y)
y = layers.SpectralNormalization(layers.Dense(2))(y)
m = keras.Model(inp, y)
for w in m.weights:
    w.assign(np.random.default_rng(len(w.path)).normal(0, 0.4, w.shape).astype("float32"))
m.save(${JSON.stringify(src)})
x = np.random.default_rng(1).normal(size=(3, 6, 3)).astype("float32")
print(json.dumps({"x": x.reshape(-1).tolist(), "y": m.predict(x, verbose=0).reshape(-1).tolist()}))`).trim().split('\n').at(-1)!);
    const r = await importFileSet([{ name: 'c.h5', bytes: new Uint8Array(readFileSync(src)) }], (f, cl, paramsOf) => readKerasFile(f.bytes, f.name, cl, paramsOf));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const ours = tfjsPredict(r.doc, r.doc.main, [{ shape: [3, 6, 3], dtype: 'float32', data: keras.x }], r.weights!).outputs[0];
    expect(maxDiff([ours], [keras.y])).toBeLessThan(1e-4);
  }, 120_000);

  it('refuses stacked cells of different classes, naming why', async () => {
    const path = join(tmp('rnnmixed'), 'mixed.keras');
    runKeras(`
import keras
from keras import layers
inp = keras.Input((4, 2))
keras.Model(inp, layers.RNN([layers.LSTMCell(3), layers.GRUCell(2)])(inp)).save(${JSON.stringify(path)})`);
    const r = await importFileSet([{ name: 'mixed.keras', bytes: new Uint8Array(readFileSync(path)) }], (f, cl, paramsOf) => readKerasFile(f.bytes, f.name, cl, paramsOf));
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.message).join('\n')).toMatch(/StackedRNNCells holds cells of different classes or options; Layerflow stacks cells of one class that differ only in units/);
  });
});
