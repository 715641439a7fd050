/**
 * SpectralNormalization judged by real Keras 3: each example is built in Keras from our Python
 * call and from our Keras config (output shape, param counts and weight shapes in Keras' order
 * kernel, vector_u, bias must equal ours); run with the same seeded weights at inference (the
 * wrapped layer as it is) and in training mode (the power iteration, the kernel divided by σ, the
 * new vector_u stored), within 1e-4; one SGD step of a model with it (Keras' fit on JAX) lands on
 * the weights Keras lands on; and a .keras file with it imports, predicts and exports back.
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

tf.setBackend('cpu');

const values = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.round(Math.sin(seed * 7.3 + i * 0.61) * 1e4) / 1e4);
const concrete = (s: Shape) => s.map((d, j) => d ?? (j === 0 ? 2 : 3));
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
const flat = (t: tf.Tensor) => Array.from(t.dataSync());

const k = KINDS.SpectralNormalization;
const cases = k.examples.map((ex, i) => {
  const p = fillParams(k, ex.params);
  return {
    p,
    inputs: ex.inputs,
    call: pythonCall(k, p),
    config: kerasParams(k, p),
    x: { shape: concrete(ex.inputs[0]), data: values(size(concrete(ex.inputs[0])), 10 * i) },
    weights: k.weights(ex.inputs, p).map((s, j) => ({ shape: s.shape, data: values(size(s.shape), 100 * i + j) })),
  };
});

describe.skipIf(!kerasPython)('real Keras 3 judges SpectralNormalization', () => {
  const file = writeJson(tmp('spectral'), 'cases.json', cases);
  const results = (kerasPython
    ? JSON.parse(
        runKeras(`
import json, numpy as np, keras
from keras import layers
out = []
for c in json.load(open(${JSON.stringify(file)})):
    sym = keras.Input(batch_shape=tuple(c["inputs"][0]))
    res = {}
    for tag, layer in (("call", eval(c["call"])), ("config", layers.SpectralNormalization.from_config(c["config"]))):
        res[tag] = {"shape": list(layer(sym).shape), "params": layer.count_params(), "trainable": sum(int(np.prod(w.shape)) for w in layer.trainable_weights), "weights": [list(w.shape) for w in layer.weights]}
    x = np.array(c["x"]["data"], "float32").reshape(c["x"]["shape"])
    layer.set_weights([np.array(w["data"], "float32").reshape(w["shape"]) for w in c["weights"]])
    res["inference"] = np.asarray(layer(x, training=False)).reshape(-1).tolist()
    res["training"] = np.asarray(layer(x, training=True)).reshape(-1).tolist()
    res["after"] = [np.asarray(w).reshape(-1).tolist() for w in layer.get_weights()]
    out.append(res)
print(json.dumps(out))`).trim().split('\n').at(-1)!,
      )
    : []) as ({ inference: number[]; training: number[]; after: number[][] } & Record<'call' | 'config', { shape: Shape; params: number; trainable: number; weights: number[][] }>)[];

  it.each(cases.map((c, i) => [c.call, fmtShape(c.inputs[0]), i] as const))('%s on %s', (_call, _s, i) => {
    const c = cases[i];
    for (const tag of ['call', 'config'] as const) {
      const got = results[i][tag];
      expectKerasBuild(k, c.inputs, c.p, got, tag);
    }
    const layer = buildTfjs(k, c.p, `judge_sn_${i}`, tf) as tf.layers.Layer;
    const x = tf.tensor(c.x.data, c.x.shape);
    layer.apply(x);
    layer.setWeights(c.weights.map((w) => tf.tensor(w.data, w.shape)));
    expect(maxDiff([flat(layer.apply(x, { training: false }) as tf.Tensor)], [results[i].inference])).toBeLessThanOrEqual(1e-4);
    expect(maxDiff([flat(layer.apply(x, { training: true }) as tf.Tensor)], [results[i].training])).toBeLessThanOrEqual(1e-4);
    // The power iteration's new vector_u. (Eager Keras also stores kernel / σ here; its fit, judged below, does not, nor do we.)
    expect(maxDiff([flat(layer.getWeights()[1])], [results[i].after[1]])).toBeLessThanOrEqual(1e-4);
    expect(maxDiff([results[i].after[1]], [c.weights[1].data])).toBeGreaterThan(1e-2);
    // Non-trivial: σ ≠ 1, so training and inference outputs differ.
    expect(maxDiff([results[i].training], [results[i].inference])).toBeGreaterThan(1e-2);
  });

  it('one SGD step of a model with it lands on the weights Keras lands on', async () => {
    const c = cases[0];
    const keras = JSON.parse(
      runKeras(`
import json, numpy as np, keras
from keras import layers
inp = keras.Input((6,))
m = keras.Model(inp, layers.SpectralNormalization.from_config(json.loads(${JSON.stringify(JSON.stringify(c.config))}))(inp))
m.set_weights([np.array(w["data"], "float32").reshape(w["shape"]) for w in json.loads(${JSON.stringify(JSON.stringify(c.weights))})])
m.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
x = np.array(${JSON.stringify(values(4 * 6, 3))}, "float32").reshape(4, 6)
y = np.array(${JSON.stringify(values(4 * 4, 5))}, "float32").reshape(4, 4)
m.train_on_batch(x, y)
print(json.dumps([np.asarray(w).reshape(-1).tolist() for w in m.get_weights()]))`).trim().split('\n').at(-1)!,
    ) as number[][];
    const inp = tf.input({ shape: [6] });
    const layer = buildTfjs(k, c.p, 'sn_step', tf) as tf.layers.Layer;
    const m = tf.model({ inputs: inp, outputs: layer.apply(inp) as tf.SymbolicTensor });
    layer.setWeights(c.weights.map((w) => tf.tensor(w.data, w.shape)));
    m.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    await m.fit(tf.tensor(values(4 * 6, 3), [4, 6]), tf.tensor(values(4 * 4, 5), [4, 4]), { epochs: 1, batchSize: 4, shuffle: false, verbose: 0 });
    expect(maxDiff(layer.getWeights().map(flat), keras)).toBeLessThanOrEqual(1e-4);
    // The step moved the weights, so the comparison can fail.
    expect(maxDiff([keras[0]], [c.weights[0].data])).toBeGreaterThan(1e-2);
  });
});

describe.skipIf(!kerasPython)('a Keras file with SpectralNormalization', () => {
  it('imports with vector_u, predicts what Keras predicts, and exports back to a file Keras loads', async () => {
    const dir = tmp('snfile');
    const src = join(dir, 'sn.keras');
    const keras = JSON.parse(
      runKeras(`
import json, numpy as np, keras
from keras import layers
inp = keras.Input((6, 6, 2))
y = layers.SpectralNormalization(layers.Conv2D(3, 3, activation="relu"), power_iterations=2)(inp)
y = layers.SpectralNormalization(layers.Dense(2))(layers.Flatten()(y))
m = keras.Model(inp, y)
for w in m.weights:
    w.assign(np.random.default_rng(len(w.path)).normal(0, 0.5, w.shape).astype("float32"))
m.save(${JSON.stringify(src)})
x = np.random.default_rng(1).normal(size=(2, 6, 6, 2)).astype("float32")
print(json.dumps({"x": x.reshape(-1).tolist(), "y": m.predict(x, verbose=0).reshape(-1).tolist(), "u": np.asarray(m.layers[-1].vector_u).reshape(-1).tolist()}))`).trim().split('\n').at(-1)!,
    ) as { x: number[]; y: number[]; u: number[] };
    const r = await importFileSet([{ name: 'sn.keras', bytes: new Uint8Array(readFileSync(src)) }], (f, cl, paramsOf) => readKerasFile(f.bytes, f.name, cl, paramsOf));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const sns = Object.values(r.doc.layers).filter((l) => l.kind === 'SpectralNormalization');
    expect(sns.map((l) => [(l.params.layer as { kind: string }).kind, l.params.power_iterations])).toEqual([['Conv2D', 2], ['Dense', 1]]);
    expect(maxDiff([Array.from(r.weights![sns[1].id][1].data)], [keras.u])).toBeLessThan(1e-6);
    const sample = [{ shape: [2, 6, 6, 2], dtype: 'float32' as const, data: keras.x }];
    expect(maxDiff(tfjsPredict(r.doc, r.doc.main, sample, r.weights!).outputs, [keras.y])).toBeLessThan(1e-4);

    const out = await writeKerasFile(r.doc, r.doc.main, r.weights!);
    if (!out.bytes) throw new Error(out.issues.map((i) => i.message).join('\n'));
    const back = join(dir, 'back.keras');
    writeFileSync(back, out.bytes);
    const check = JSON.parse(
      runKeras(`
import json, numpy as np, keras
m = keras.saving.load_model(${JSON.stringify(back)})
x = np.array(${JSON.stringify(keras.x)}, "float32").reshape(2, 6, 6, 2)
print(json.dumps({"y": m.predict(x, verbose=0).reshape(-1).tolist(), "u": np.asarray(m.layers[-1].vector_u).reshape(-1).tolist(), "inner": [type(l.layer).__name__ for l in m.layers if isinstance(l, keras.layers.SpectralNormalization)]}))`).trim().split('\n').at(-1)!,
    ) as { y: number[]; u: number[]; inner: string[] };
    expect(check.inner).toEqual(['Conv2D', 'Dense']);
    expect(maxDiff([check.u], [keras.u])).toBeLessThan(1e-6);
    expect(maxDiff([check.y], [keras.y])).toBeLessThan(1e-4);
  }, 120_000);
});

describe('SpectralNormalization in tfjs', () => {
  it('keeps an all-zero kernel and its vector_u as they are while training, as Keras does (no NaN)', () => {
    const p = fillParams(k, { layer: { kind: 'Dense', params: { units: 3, kernel_initializer: 'zeros', bias_initializer: 'ones' } } });
    const layer = buildTfjs(k, p, 'sn_zero', tf) as tf.layers.Layer;
    const x = tf.tensor(values(2 * 4, 1), [2, 4]);
    layer.apply(x);
    const u = flat(layer.getWeights()[1]);
    expect(flat(layer.apply(x, { training: true }) as tf.Tensor)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(flat(layer.getWeights()[1])).toEqual(u);
  });

  it('round-trips through a tfjs model.json with its wrapped layer and vector_u', async () => {
    const p = fillParams(k, { layer: { kind: 'Conv2D', params: { filters: 2, kernel_size: 2 } }, power_iterations: 2 });
    const inp = tf.input({ shape: [4, 4, 1] });
    const m = tf.model({ inputs: inp, outputs: (buildTfjs(k, p, 'sn_rt', tf) as tf.layers.Layer).apply(inp) as tf.SymbolicTensor });
    let art: tf.io.ModelArtifacts | null = null;
    await m.save(tf.io.withSaveHandler(async (a) => ((art = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const back = await tf.loadLayersModel(tf.io.fromMemory(art!));
    const x = tf.tensor(values(16, 2), [1, 4, 4, 1]);
    expect(flat(back.predict(x) as tf.Tensor)).toEqual(flat(m.predict(x) as tf.Tensor));
    expect(back.layers[1].getWeights().map(flat)).toEqual(m.layers[1].getWeights().map(flat));
    expect(back.layers[1].getClassName()).toBe('SpectralNormalization');
  });
});
