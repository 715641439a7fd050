/**
 * Keras 3 operation nodes (`x + 3.0`, `x * y`, `ops.relu6(x)` …) and tf.keras 2 TFOpLambda
 * layers import as Op nodes, judged by real Keras 3: MobileNetV3Small (weights=None, seeded
 * non-trivial weights and statistics) and a model using every op Layerflow models import from
 * `.keras` and Keras JSON with totals equal to count_params() and predictions within 1e-4;
 * exported back (.keras, Keras 3 JSON, Python) Keras loads them and predicts the same.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { analyze } from '../analyze';
import { kerasPython, runKeras } from '../../testing/python';
import { importModelValue } from './importModel';
import { exportModel } from './exportFormats';
import { PY_PRELUDE, importPath, kerasFiles, maxDiff, tfjsPredict, tmp, weightsByName, writeJson, type Sample } from './fixtures/judge';

tf.setBackend('cpu');

const PY = `
import json, sys, numpy as np, keras
from keras import layers, ops
d = sys.argv[1]
keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
def mnv3():
    return keras.applications.MobileNetV3Small(input_shape=(96, 96, 3), weights=None, name="mobilenetv3small")
def opsnet():
    i = keras.Input((6,), name="a"); j = keras.Input((6,), name="b")
    x = layers.Dense(6, name="dense")(i)
    pos = ops.abs(j) + 1.0
    outs = [x + 3.0, 3.0 - x, x * j, x / 2.0, 2.0 / pos, ops.maximum(x, 0.1), ops.minimum(x, j), ops.power(ops.abs(x) + 1.0, 2.0),
            ops.relu6(x * 4.0), ops.hard_sigmoid(x), ops.hard_silu(x), ops.silu(x), ops.sigmoid(x), ops.relu(x), ops.tanh(x),
            ops.exp(-ops.abs(x)), ops.log(pos), ops.sqrt(pos), ops.square(x), -x, x / pos, ops.divide(x, pos), x - j]
    return keras.Model([i, j], layers.Concatenate(name="cat")(outs), name="opsnet")
out = {}
for build in [mnv3, opsnet]:
    m = build()
    for w in m.weights:
        p = w.path
        if "moving_variance" in p: w.assign(rng.uniform(0.5, 1.5, w.shape).astype("float32"))
        elif "moving_mean" in p or "beta" in p or "bias" in p: w.assign(rng.normal(size=w.shape).astype("float32") * 0.1)
        elif "gamma" in p: w.assign(rng.uniform(0.5, 1.5, w.shape).astype("float32"))
    xs = [rng.normal(size=(2,) + tuple(t.shape[1:])).astype("float32") for t in m.inputs]
    y = m.predict(xs if len(xs) > 1 else xs[0], verbose=0)
    m.save(f"{d}/{m.name}.keras")
    open(f"{d}/{m.name}.json", "w").write(m.to_json())
    trainable = sum(int(np.prod(v.shape)) for v in m.trainable_weights)
    out[m.name] = {"params": m.count_params(), "trainable": trainable, "x": [{"shape": list(x.shape), "dtype": "float32", "data": x.reshape(-1).tolist()} for x in xs], "y": np.asarray(y).reshape(-1).tolist()}
json.dump(out, open(f"{d}/ref.json", "w"))
`;

type Ref = { params: number; trainable: number; x: Sample[]; y: number[] };

describe.skipIf(!kerasPython)('Keras 3 operation nodes, judged by real Keras 3', () => {
  let dir = '';
  let ref: Record<string, Ref>;
  beforeAll(() => {
    ({ dir, ref } = kerasFiles<Record<string, Ref>>('ops', PY, 600_000));
  }, 600_000);

  it.each([
    ['mobilenetv3small.keras', 'mobilenetv3small'],
    ['mobilenetv3small.json', 'mobilenetv3small'],
    ['opsnet.keras', 'opsnet'],
    ['opsnet.json', 'opsnet'],
  ])('%s imports with count_params() totals (and, with weights, Keras predictions)', async (name, model) => {
    const r = await importPath(join(dir, name));
    expect(r.issues.map((i) => i.message)).toEqual([]);
    const t = analyze(r.doc).models[r.doc.main].totals;
    expect(t.trainable + t.nonTrainable).toBe(ref[model].params);
    expect(t.trainable).toBe(ref[model].trainable);
    expect(Object.values(r.doc.layers).some((l) => l.kind === 'Op')).toBe(true);
    if (name.endsWith('.keras')) {
      const { outputs } = tfjsPredict(r.doc, r.doc.main, ref[model].x, r.weights!);
      expect(maxDiff(outputs, [ref[model].y])).toBeLessThan(1e-4);
    }
  }, 300_000);

  it('exports back to .keras, Keras 3 JSON and Python that Keras loads and predicts with', async () => {
    const out = tmp('ops-back');
    const cases: string[] = [];
    for (const model of ['mobilenetv3small', 'opsnet']) {
      const r = await importPath(join(dir, `${model}.keras`));
      for (const format of ['keras', 'keras3', 'python'] as const) {
        const e = await exportModel(r.doc, r.doc.main, format, tf, { weights: r.weights! });
        expect(e.issues.map((i) => i.message)).toEqual([]);
        writeFileSync(join(out, `${model}.${format}`), e.files[0].bytes);
      }
      writeJson(out, `${model}.weights.json`, weightsByName(r.doc, r.weights!));
      writeJson(out, `${model}.inputs.json`, ref[model].x);
      writeJson(out, `${model}.expected.json`, [ref[model].y]);
      cases.push(model);
    }
    const py = readFileSync(join(out, 'opsnet.python'), 'utf8');
    expect(py).toContain('keras.ops.add(dense, 3)');
    expect(py).toContain('keras.ops.subtract(3, dense)');
    const res = runKeras(
      `${PY_PRELUDE}
import subprocess, traceback
out = ${JSON.stringify(out)}
res = {}
for name in ${JSON.stringify(cases)}:
    r = res[name] = {}
    xs = inputs_of(f"{out}/{name}.inputs.json"); exp = json.load(open(f"{out}/{name}.expected.json"))
    try:
        m = keras.models.load_model(f"{out}/{name}.keras")
        r["keras"] = [m.count_params(), diff(m, xs, exp)]
        m = keras.models.model_from_json(open(f"{out}/{name}.keras3").read())
        set_by_name(m, f"{out}/{name}.weights.json")
        r["keras3"] = [m.count_params(), diff(m, xs, exp)]
    except Exception:
        r["error"] = traceback.format_exc()[-800:]
p = subprocess.run([sys.executable, f"{out}/opsnet.python", "--smoke", "--epochs", "1", "--out", f"{out}/py.keras"], capture_output=True, text=True)
res["python"] = [p.returncode, p.stdout[-400:] + p.stderr[-800:]]
print(json.dumps(res))`,
      { timeoutMs: 600_000 },
    );
    const v = JSON.parse(res.trim().split('\n').pop()!);
    for (const model of cases) {
      expect(v[model].error ?? '', model).toBe('');
      for (const form of ['keras', 'keras3']) {
        expect(v[model][form][0], `${model} ${form}`).toBe(ref[model].params);
        expect(v[model][form][1], `${model} ${form}`).toBeLessThan(1e-4);
      }
    }
    expect(v.python[0], v.python[1]).toBe(0);
    expect(v.python[1]).toContain(`params: ${ref.opsnet.params}`);
  }, 900_000);
});

/** A tf.keras 2 model.json body with TFOpLambda layers, as tf.keras writes them (the scalar or other tensor in the call kwargs). */
const tfOpLambdaModel = (ops: { name: string; fn: string; inbound: unknown[] }[]) => ({
  class_name: 'Functional',
  config: {
    name: 'k2ops',
    layers: [
      { class_name: 'InputLayer', config: { batch_input_shape: [null, 6], dtype: 'float32', name: 'x' }, name: 'x', inbound_nodes: [] },
      { class_name: 'Dense', config: { name: 'dense', units: 6, activation: 'linear', use_bias: true }, name: 'dense', inbound_nodes: [[['x', 0, 0, {}]]] },
      ...ops.map((o) => ({ class_name: 'TFOpLambda', config: { name: o.name, trainable: true, dtype: 'float32', function: o.fn }, name: o.name, inbound_nodes: [o.inbound] })),
    ],
    input_layers: [['x', 0, 0]],
    output_layers: [[ops.at(-1)!.name, 0, 0]],
  },
});

describe('tf.keras 2 TFOpLambda layers', () => {
  const model = tfOpLambdaModel([
    { name: 'tf.__operators__.add', fn: '__operators__.add', inbound: [['dense', 0, 0, { y: 3.0, name: null }]] },
    { name: 'tf.nn.relu6', fn: 'nn.relu6', inbound: [['tf.__operators__.add', 0, 0, { name: null }]] },
    { name: 'tf.math.multiply', fn: 'math.multiply', inbound: [['tf.nn.relu6', 0, 0, { y: 1 / 6, name: null }]] },
    { name: 'tf.math.multiply_1', fn: 'math.multiply', inbound: [['dense', 0, 0, { y: ['tf.math.multiply', 0, 0], name: null }]] },
  ]);

  it('import as Op nodes with their scalars and tensors', () => {
    const r = importModelValue(model, 'k2ops.json');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    const ops = Object.values(r.doc.layers).filter((l) => l.kind === 'Op').map((l) => [l.name, l.params.op, l.params.scalar]);
    expect(ops).toEqual([
      ['tf.__operators__.add', 'add', 3],
      ['tf.nn.relu6', 'relu6', 1],
      ['tf.math.multiply', 'multiply', 1 / 6],
      ['tf.math.multiply_1', 'multiply', 1],
    ]);
    const last = r.doc.models[r.doc.main].nodes.find((n) => 'layer' in n.call && r.doc.layers[n.call.layer].name === 'tf.math.multiply_1')!;
    expect(r.doc.models[r.doc.main].edges.filter((e) => e.to.node === last.id)).toHaveLength(2);
  });

  it.skipIf(!kerasPython)('compute what Keras 3 computes for the same ops (hard_swish written out)', async () => {
    const r = importModelValue(model, 'k2ops.json');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    const x: Sample = { shape: [3, 6], dtype: 'float32', data: Array.from({ length: 18 }, (_, i) => Math.sin(i * 1.7) * 4) };
    const { outputs, weights } = tfjsPredict(r.doc, r.doc.main, [x]);
    const dir = tmp('k2ops');
    const e = await exportModel(r.doc, r.doc.main, 'keras3', tf);
    writeFileSync(join(dir, 'm.json'), e.files[0].bytes);
    writeJson(dir, 'w.json', weightsByName(r.doc, weights));
    writeJson(dir, 'x.json', [x]);
    writeJson(dir, 'y.json', outputs);
    const res = runKeras(`${PY_PRELUDE}
from keras import ops, layers
d = ${JSON.stringify(dir)}
m = keras.models.model_from_json(open(d + "/m.json").read())
set_by_name(m, d + "/w.json")
i = keras.Input((6,)); dense = layers.Dense(6, name="dense"); h = dense(i)
ref = keras.Model(i, h * (ops.relu6(h + 3.0) * (1 / 6)))
set_by_name(ref, d + "/w.json")
xs = inputs_of(d + "/x.json")
print(json.dumps([diff(m, xs, json.load(open(d + "/y.json"))), diff(ref, xs, json.load(open(d + "/y.json")))]))`);
    const [viaExport, viaKeras] = JSON.parse(res.trim().split('\n').pop()!) as number[];
    expect(viaExport).toBeLessThan(1e-5);
    expect(viaKeras).toBeLessThan(1e-5);
  }, 300_000);

  it('an op Layerflow has no formula for is refused by name, Keras 3 and TFOpLambda alike', () => {
    const k2 = importModelValue(tfOpLambdaModel([{ name: 'tf.math.reduce_sum', fn: 'math.reduce_sum', inbound: [['dense', 0, 0, { axis: -1, name: null }]] }]), 'k2.json');
    expect(k2.ok).toBe(false);
    expect(k2.issues[0].message).toMatch(/layer "tf\.math\.reduce_sum" is a TFOpLambda calling tf\.math\.reduce_sum, which Layerflow does not model \(Layerflow models add, .*relu6/);
    const k3 = JSON.parse(JSON.stringify(tfOpLambdaModel([{ name: 'op', fn: 'math.add', inbound: [['dense', 0, 0, { y: 1, name: null }]] }])));
    Object.assign(k3.config.layers[2], { class_name: 'Cumsum', module: 'keras.src.ops.numpy', inbound_nodes: [{ args: [{ class_name: '__keras_tensor__', config: { keras_history: ['dense', 0, 0] } }], kwargs: {} }] });
    const r3 = importModelValue(k3, 'k3.json');
    expect(r3.ok).toBe(false);
    expect(r3.issues[0].message).toMatch(/layer "op" is the operation keras\.src\.ops\.numpy\.Cumsum, which Layerflow does not model/);
  });
});
