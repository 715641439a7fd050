/**
 * The convolution variants, 3D padding/cropping and adaptive pooling, judged by real Keras 3:
 * every example is built in Keras from our Python call and from our Keras config (output shape,
 * param counts and each weight's shape must equal ours), then run in Keras and in tfjs with the
 * same non-trivial weights and inputs: outputs must agree within 1e-4. Each kind must also train
 * in tfjs: gradients reach its weights (or, weightless, its input) and are finite and not all zero.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KINDS } from './index';
import { buildTfjs, fillParams, kerasParams, paramsFromKeras, pythonCall } from './kind';
import { sameValue } from './params';
import { fmtShape, type Shape } from '../engine/shape';
import { kerasPython, runKeras } from '../testing/python';
import { expectKerasBuild } from '../testing/kindJudge';
import { maxDiff, tfjsPredict, tmp, type Sample } from '../engine/io/fixtures/judge';
import { analyze } from '../engine/analyze';
import { importFileSet } from '../engine/io/importModel';
import { readKerasFile } from '../engine/io/kerasFile';

tf.setBackend('cpu');

export const JUDGED_CONV_VARIANTS = ['ZeroPadding3D', 'Cropping3D', 'Conv1DTranspose', 'Conv3DTranspose', 'SeparableConv1D', 'DepthwiseConv1D',
  ...['Average', 'Max'].flatMap((op) => [1, 2, 3].map((n) => `Adaptive${op}Pooling${n}D`)),
  'ConvLSTM1D', 'ConvLSTM3D', 'GroupQueryAttention',
];

const cases = JUDGED_CONV_VARIANTS.flatMap((kind) => KINDS[kind].examples.map((ex) => ({ kind, inputs: ex.inputs, params: ex.params ?? {}, tfjsUnsupported: !!ex.tfjsUnsupported })));

/** Deterministic, non-trivial numbers: no two weights alike, so a transposed or swapped weight shows. */
const values = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.round(Math.sin(seed * 7.3 + i * 0.61) * 1e4) / 1e4);
const concrete = (s: Shape) => s.map((d, j) => d ?? (j === 0 ? 2 : 5));
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

const prepared = cases.map((c, i) => {
  const k = KINDS[c.kind];
  const p = fillParams(k, c.params);
  return {
    call: pythonCall(k, p),
    kind: c.kind,
    config: kerasParams(k, p),
    inputs: c.inputs,
    xs: c.inputs.map((s, j) => ({ shape: concrete(s), data: values(size(concrete(s)), 100 * i + j) })),
    weights: k.weights(c.inputs, p).map((s, j) => ({ shape: s.shape, data: values(size(s.shape), 1000 * i + j) })),
  };
});

const payloadFile = join(tmp('kcv'), 'cases.json');
writeFileSync(payloadFile, JSON.stringify(prepared));

const script = `
import json
import numpy as np, keras
from keras import layers
def run(layer, xs, **kw):
    # A recurrent call takes its state inputs as initial_state; attention takes query, value, key.
    y = layer(xs[0], initial_state=list(xs[1:]), **kw) if len(xs) > 1 and "LSTM" in c["kind"] else layer(*xs, **kw)
    return list(y) if isinstance(y, (list, tuple)) else [y]
out = []
for c in json.load(open(${JSON.stringify(payloadFile)})):
    res = {}
    try:
        sym = [keras.Input(batch_shape=tuple(s)) for s in c["inputs"]]
        for tag, make in (("call", lambda: eval(c["call"])), ("config", lambda: getattr(layers, c["kind"]).from_config(c["config"]))):
            layer = make()
            ys = run(layer, sym)
            res[tag] = {"config": json.loads(json.dumps(layer.get_config(), default=str)), "shapes": [list(y.shape) for y in ys], "params": layer.count_params(), "trainable": sum(int(np.prod(w.shape)) for w in layer.trainable_weights), "weights": [list(w.shape) for w in layer.weights]}
        layer = getattr(layers, c["kind"]).from_config(c["config"])
        xs = [np.array(x["data"], dtype="float32").reshape(x["shape"]) for x in c["xs"]]
        run(layer, xs)
        layer.set_weights([np.array(w["data"], dtype="float32").reshape(w["shape"]) for w in c["weights"]])
        res["y"] = [{"shape": list(y.shape), "data": np.asarray(y).reshape(-1).tolist()} for y in run(layer, xs, training=False)]
    except Exception as e:
        res["error"] = type(e).__name__ + ": " + str(e)[:300]
    out.append(res)
print(json.dumps(out))
`;

interface Built {
  config: Record<string, unknown>;
  shapes: Shape[];
  params: number;
  trainable: number;
  weights: number[][];
}
type Result = { call: Built; config: Built; y: { shape: number[]; data: number[] }[] };

describe.skipIf(!kerasPython)('real Keras 3 judges the convolution variants, 3D padding/cropping and adaptive pooling', () => {
  const results = (kerasPython ? JSON.parse(runKeras(script, { timeoutMs: 300_000 }).trim().split('\n').at(-1)!) : []) as Result[];

  it.each(prepared.map((c, i) => [c.kind, c.inputs.map(fmtShape).join(' + '), JSON.stringify(cases[i].params), i] as const))('%s on %s with %s', async (kind, _s, _p, i) => {
    const c = cases[i];
    const k = KINDS[kind];
    const p = fillParams(k, c.params);
    const got = results[i];
    if ('error' in got) throw new Error(`Keras refused ${prepared[i].call}: ${String(got.error)}`);
    for (const tag of ['call', 'config'] as const) {
      expectKerasBuild(k, c.inputs, p, got[tag], tag);
      // The config Keras writes reads back as the same params.
      const back = paramsFromKeras(k, got[tag].config);
      expect(back.problems, tag).toEqual([]);
      for (const key of Object.keys(p)) expect(sameValue(back.params[key], p[key]), `${tag} ${key}`).toBe(true);
    }
    if (c.tfjsUnsupported) return;
    const layer = buildTfjs(k, p, `judge_${kind}_${i}`, tf) as tf.layers.Layer;
    const xs = prepared[i].xs.map((x) => tf.tensor(x.data, x.shape));
    const arg = xs.length === 1 ? xs[0] : xs;
    layer.apply(arg);
    layer.setWeights(prepared[i].weights.map((w) => tf.tensor(w.data, w.shape)));
    const ys = [layer.apply(arg, { training: false })].flat() as tf.Tensor[];
    expect(ys.map((y) => y.shape)).toEqual(got.y.map((y) => y.shape));
    ys.forEach((y, j) => {
      const [ours, theirs] = [y.dataSync(), got.y[j].data];
      expect(Math.max(...theirs.map((v, m) => Math.abs(v - ours[m])))).toBeLessThanOrEqual(1e-4);
      // Non-trivial: the output is not all zeros, so the comparison can fail.
      expect(theirs.some((v) => Math.abs(v) > 1e-3)).toBe(true);
    });
    // A tfjs model of the layer saves to model.json and loads back (the class is registered) with the same outputs.
    const ins = c.inputs.map((s) => tf.input({ batchShape: [...s] }));
    const model = tf.model({ inputs: ins, outputs: layer.apply(ins.length === 1 ? ins[0] : ins) as tf.SymbolicTensor | tf.SymbolicTensor[] });
    const reloaded = await tf.models.modelFromJSON(JSON.parse(JSON.stringify(model.toJSON(null, false))) as never);
    reloaded.setWeights(model.getWeights());
    const again = [reloaded.predict(arg)].flat() as tf.Tensor[];
    again.forEach((y, j) => expect(Array.from(y.dataSync())).toEqual(Array.from(ys[j].dataSync())));
  });
});

describe('the convolution variants, 3D padding/cropping and adaptive pooling train in tfjs', () => {
  it.each(cases.map((c, i) => [c.kind, JSON.stringify(c.params), i] as const).filter(([, , i]) => !cases[i].tfjsUnsupported))('%s with %s: finite, non-zero gradients', (kind, _p, i) => {
    const k = KINDS[kind];
    const layer = buildTfjs(k, fillParams(k, cases[i].params), `grad_${kind}_${i}`, tf) as tf.layers.Layer;
    const xs = prepared[i].xs.map((x) => tf.tensor(x.data, x.shape));
    const x = xs[0];
    const arg = () => (xs.length === 1 ? x : xs);
    layer.apply(arg());
    // A weighted loss, so a layer that only moves data still gets a gradient that is not uniform.
    const loss = () => tf.sum(tf.mul(tf.square([layer.apply(arg(), { training: true })].flat()[0] as tf.Tensor), 0.5)) as tf.Scalar;
    const grads = layer.trainableWeights.length
      ? Object.values(tf.variableGrads(loss, layer.trainableWeights.map((v) => (v as unknown as { val: tf.Variable }).val)).grads)
      : [tf.grad((t: tf.Tensor) => tf.sum(tf.square(layer.apply(t, { training: true }) as tf.Tensor)))(x)];
    expect(grads.length).toBeGreaterThan(0);
    for (const g of grads) {
      const d = g.dataSync();
      expect(d.every(Number.isFinite)).toBe(true);
      expect(d.some((v) => v !== 0)).toBe(true);
    }
  });
});

describe.skipIf(!kerasPython)('a .keras file real Keras 3 saves with the new kinds imports and predicts what Keras predicts', () => {
  it('Conv1DTranspose, SeparableConv1D, DepthwiseConv1D, AdaptiveMaxPooling1D, GroupQueryAttention, Cropping3D, ConvLSTM1D', async () => {
    const dir = tmp('kcv-import');
    const out = runKeras(`
import json, numpy as np, keras
from keras import layers
s = keras.Input((6, 4)); v = keras.Input((3, 5, 5, 2)); t = keras.Input((3, 5, 2))
x = layers.Conv1DTranspose(4, 3, strides=2, output_padding=1)(s)
x = layers.SeparableConv1D(8, 3, padding="same", depth_multiplier=2)(x)
x = layers.DepthwiseConv1D(2, dilation_rate=2)(x)
q = layers.AdaptiveMaxPooling1D(5)(x)
a = layers.GroupQueryAttention(3, 4, 2, use_gate=True, sliding_window=3)(q, x)
c = layers.Cropping3D(((1, 0), 1, (0, 2)))(v)
l = layers.ConvLSTM1D(2, 3, return_sequences=True, go_backwards=True)(t)
m = keras.Model([s, v, t], [a, c, l])
rng = np.random.default_rng(3)
m.set_weights([rng.normal(size=w.shape).astype("float32") * 0.5 for w in m.weights])
xs = [rng.normal(size=(2,) + tuple(i.shape[1:])).astype("float32") for i in m.inputs]
ys = m.predict(xs, verbose=0)
m.save(${JSON.stringify(dir)} + "/m.keras")
print(json.dumps({"params": m.count_params(), "xs": [{"shape": list(x.shape), "dtype": "float32", "data": x.reshape(-1).tolist()} for x in xs], "ys": [y.reshape(-1).tolist() for y in ys]}))`);
    const ref = JSON.parse(out.trim().split('\n').at(-1)!) as { params: number; xs: Sample[]; ys: number[][] };
    const r = await importFileSet([{ name: 'm.keras', bytes: new Uint8Array(readFileSync(join(dir, 'm.keras'))) }], (f, c, paramsOf) => readKerasFile(f.bytes, f.name, c, paramsOf));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.issues.map((i) => i.message)).toEqual([]);
    const totals = analyze(r.doc).models[r.doc.main].totals;
    expect(totals.trainable + totals.nonTrainable).toBe(ref.params);
    const { outputs } = tfjsPredict(r.doc, r.doc.main, ref.xs, r.weights!);
    expect(maxDiff(outputs, ref.ys)).toBeLessThan(1e-4);
  }, 300_000);
});
