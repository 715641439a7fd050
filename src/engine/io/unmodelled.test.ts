/**
 * No import changes what a layer computes silently. Every option real Keras 3 and tfjs write for
 * a supported kind is a param, a bookkeeping key (IGNORED), or listed in unmodelled.ts with the
 * value that means "off"; each listed option is run in real Keras with and without it on a
 * seeded input (same weights) and must not change the output. Options outside the list are
 * refused; LeakyReLU's Keras 2 `alpha` is read, not replaced by the default.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../../nodes';
import { buildTfjs, fillParams, kerasParams } from '../../nodes/kind';
import { kerasPython, runKeras } from '../../testing/python';
import { importModelValue, importFileSet } from './importModel';
import { IGNORED } from './layerParams';
import { REFUSED_BY_KIND, UNMODELLED, UNMODELLED_BY_KIND, unmodelledOption } from './unmodelled';
import { maxDiff, tfjsPredict, tmp, writeJson } from './fixtures/judge';
import { join } from 'node:path';

tf.setBackend('cpu');
type Json = Record<string, any>;

const cases = Object.values(KINDS)
  .filter((k) => k.kind !== 'InputLayer' && k.category !== 'ops') // ops are no keras.layers class
  .map((k) => {
    const ex = k.examples.find((e) => !e.tfjsUnsupported) ?? k.examples[0];
    return { kind: k.kind, module: k.kerasModule ?? 'keras.layers', params: fillParams(k, ex.params), inputs: ex.inputs };
  });
const modelled = (kind: string) => new Set(Object.entries(KINDS[kind].params).flatMap(([k, s]) => (s.keras2Name ? [k, s.keras2Name] : [k])));

/** A non-default value of each listed option, for the run with it. */
const SAMPLE: Record<string, unknown> = {
  regularizer: { module: 'keras.regularizers', class_name: 'L2', config: { l2: 0.5 }, registered_name: null },
  constraint: { module: 'keras.constraints', class_name: 'MaxNorm', config: { max_value: 0.01, axis: 0 }, registered_name: null },
  zero_output_for_mask: true,
  synchronized: true,
  renorm: true,
  renorm_clipping: { rmax: 2.0, rmin: 0.5, dmax: 1.0 },
  renorm_momentum: 0.5,
  noise_shape: [2, 1],
  seed: 7,
};
const sampleOf = (option: string) => SAMPLE[option] ?? SAMPLE[option.split('_').pop()!];

const PY = `
import json, sys, numpy as np, keras
cases = json.load(open(sys.argv[1]))
rng = np.random.default_rng(0)
out = {"configs": {}, "runs": [], "errors": []}
POSITIONAL = ("MultiHeadAttention", "GroupQueryAttention")  # called as layer(query, value, key)
def outputs(layer, x):
    y = layer(*x, training=False) if type(layer).__name__ in POSITIONAL or layer.__class__.__name__ == "GroupedQueryAttention" else layer(x, training=False)
    return [np.asarray(t) for t in (y if isinstance(y, (list, tuple)) else [y])]
for c in cases:
    try:
        # A copy: RNN.from_config pops "cell" from the dict it is given.
        base = keras.layers.deserialize({"module": c["module"], "class_name": c["kind"], "config": json.loads(json.dumps(c["config"]))})
    except Exception as e:
        out["errors"].append(c["kind"] + ": " + str(e)); continue
    shapes = [[2] + [3 if d is None else d for d in s[1:]] for s in c["inputs"]]
    xs = [rng.integers(0, 4, size=s).astype("int32") if c["kind"] == "Embedding" else rng.normal(size=s).astype("float32") for s in shapes]
    x = xs[0] if len(xs) == 1 else xs
    ys = outputs(base, x)
    weights = [rng.normal(size=w.shape).astype("float32") * 0.5 for w in base.weights]
    weights = [np.abs(v) + 0.5 if "variance" in w.path else v for w, v in zip(base.weights, weights)]
    base.set_weights(weights)
    ys = outputs(base, x)
    out["configs"][c["kind"]] = base.get_config()
    for option, value in c["runs"]:
        if option not in out["configs"][c["kind"]]:
            continue
        alt = keras.layers.deserialize({"module": c["module"], "class_name": c["kind"], "config": {**c["config"], option: value}})
        outputs(alt, x)
        # By path (both layers are named "l"; sublayers share names like kernel): an option may add
        # weights of its own (renorm's statistics), which keep their init.
        given = {w.path: v for w, v in zip(base.weights, weights)}
        for w in alt.weights:
            if w.path in given:
                w.assign(given[w.path])
        zs = outputs(alt, x)
        out["runs"].append({"kind": c["kind"], "option": option, "kept": json.loads(json.dumps(alt.get_config().get(option), default=str)) is not None,
                            "diff": max(float(np.abs(a - b).max()) for a, b in zip(ys, zs))})
print(json.dumps(out, default=str).replace("NaN", "1e999"))
`;

describe.skipIf(!kerasPython)('options left out on import, judged by real Keras 3', () => {
  let res: { configs: Record<string, Json>; runs: { kind: string; option: string; kept: boolean; diff: number }[]; errors: string[] };
  beforeAll(() => {
    // Every option listed for any kind is tried on every kind whose Keras config has it.
    const listed = new Set([...Object.keys(UNMODELLED), ...Object.keys(UNMODELLED_BY_KIND).map((k) => k.split('.')[1])]);
    const input = cases.map((c) => ({
      kind: c.kind,
      module: c.module,
      inputs: c.inputs,
      config: { name: 'l', ...(kerasParams(KINDS[c.kind], c.params) as Json) },
      runs: [...listed].filter((o) => unmodelledOption(c.kind, o) && !unmodelledOption(c.kind, o)!.unchecked).map((o) => [o, sampleOf(o)]),
    }));
    const dir = tmp('unmodelled');
    res = JSON.parse(runKeras(`import sys; sys.argv = ['x', ${JSON.stringify(writeJson(dir, 'cases.json', input))}]\n${PY}`, { timeoutMs: 600_000 }));
  }, 600_000);

  it('Keras 3 builds every kind from its exported config', () => expect(res.errors).toEqual([]));

  it('every option Keras 3 writes is a param, a bookkeeping key, or listed with the value Keras writes for "off"', () => {
    const stray: string[] = [];
    for (const [kind, config] of Object.entries(res.configs))
      for (const [k, v] of Object.entries(config)) {
        if (modelled(kind).has(k) || IGNORED.has(k) || (kind === 'Bidirectional' && k === 'backward_layer')) continue;
        const u = unmodelledOption(kind, k) ?? REFUSED_BY_KIND[`${kind}.${k}`];
        if (!u) stray.push(`${kind}.${k}=${JSON.stringify(v)}`);
        else expect(v, `${kind}.${k}`).toEqual(u.off);
      }
    expect(stray).toEqual([]);
  });

  it('no listed option changes an output in Keras (with vs without it, same weights, seeded input)', () => {
    const tried = new Set(res.runs.map((r) => r.option));
    for (const [key, u] of [...Object.entries(UNMODELLED), ...Object.entries(UNMODELLED_BY_KIND)])
      if (!u.unchecked) expect(tried, `${key} was never run`).toContain(key.split('.').pop());
    for (const r of res.runs) expect(r.diff, `${r.kind}.${r.option}`).toBeLessThan(1e-6);
    // Keras 3's recurrent layers write activity_regularizer but never apply it (not even in training).
    const notKept = res.runs.filter((r) => !r.kept).map((r) => `${r.kind}.${r.option}`);
    expect(notKept.filter((k) => !/^(SimpleRNN|LSTM|GRU|ConvLSTM[123]D)\.activity_regularizer$/.test(k))).toEqual([]);
  });

  it('options no Keras 3 run can check are Keras 2-only (Keras 3 refuses or drops them) or TensorFlow-only', () => {
    const keras2 = Object.entries(UNMODELLED_BY_KIND).filter(([, u]) => u.unchecked === 'keras2').map(([k]) => k.split('.'));
    const out = JSON.parse(
      runKeras(`
import json, keras
res = {}
for kind, option in ${JSON.stringify(keras2)}:
    try:
        args = {"input_dim": 3, "output_dim": 2} if kind == "Embedding" else {}
        res[kind + "." + option] = option in getattr(keras.layers, kind)(**args, **{option: 1}).get_config()
    except Exception as e:
        res[kind + "." + option] = False
print(json.dumps(res))`),
    );
    expect(Object.keys(out).length).toBe(keras2.length);
    for (const [k, kept] of Object.entries(out)) expect(kept, k).toBe(false);
    const tfOnly = runKeras(`
import keras
try:
    keras.layers.BatchNormalization(synchronized=True)
except Exception as e:
    print(e)`);
    expect(tfOnly).toMatch(/only supported with the TensorFlow backend/);
    expect(Object.entries(UNMODELLED_BY_KIND).filter(([, u]) => u.unchecked === 'tensorflow').map(([k]) => k)).toEqual(['BatchNormalization.synchronized']);
  });
});

describe('options tfjs writes', () => {
  it.each(cases.filter((c) => typeof KINDS[c.kind].tfjs !== 'object'))('$kind: each is a param, a bookkeeping key, or listed', ({ kind, params, inputs }) => {
    const layer = buildTfjs(KINDS[kind], params, 'l', tf);
    if ('unsupported' in layer) return;
    const ins = inputs.map((s) => tf.input({ batchShape: [...s] }));
    const m = tf.model({ inputs: ins, outputs: layer.apply(ins.length === 1 ? ins[0] : ins) as tf.SymbolicTensor });
    const config = (m.toJSON(null, false) as Json).config.layers.find((l: Json) => l.config.name === 'l').config as Json;
    for (const [k, v] of Object.entries(config)) {
      if (modelled(kind).has(k) || IGNORED.has(k)) continue;
      const u = unmodelledOption(kind, k);
      expect(u, `${kind}.${k}`).toBeDefined();
      expect(v, `${kind}.${k}`).toEqual(u!.off);
    }
  });
});

describe('an option Layerflow does not model is refused, not replaced by a default', () => {
  const withOption = (kind: string, option: string, value: unknown) => ({
    class_name: 'Sequential',
    config: { name: 's', layers: [{ class_name: 'InputLayer', config: { name: 'in', batch_input_shape: [null, 4] } }, { class_name: kind, config: { name: 'l', [option]: value } }] },
  });

  it('LayerNormalization(rms_scaling=True) is refused with the option named', () => {
    const r = importModelValue(withOption('LayerNormalization', 'rms_scaling', true), 'rms.json');
    expect(r.ok).toBe(false);
    expect(r.issues[0].message).toMatch(/option rms_scaling=true, which Layerflow does not model \(it scales by the root mean square/);
  });

  it('a listed option at its "off" value, or inert, imports without a warning; a training-only one warns', () => {
    const quiet = importModelValue(withOption('BatchNormalization', 'renorm_momentum', 0.5), 'bn.json');
    expect(quiet.ok && quiet.issues).toEqual([]);
    const reg = importModelValue(withOption('Dense', 'activity_regularizer', { class_name: 'L1', config: { l1: 0.1 } }), 'reg.json');
    expect(reg.ok).toBe(true);
    expect(reg.ok && reg.issues.map((i) => i.message).join()).toMatch(/activity_regularizer=.* is not modelled: its penalty is not added to the training loss/);
  });
});

describe.skipIf(!kerasPython)('LeakyReLU(alpha=0.1) from a Keras 2 file', () => {
  it('imports with negative_slope 0.1 and predicts what Keras predicts from the same file', async () => {
    // tfjs writes the Keras 2 layer form (alpha, batch_input_shape): a Keras 2 model.json.
    const inp = tf.input({ shape: [5], name: 'x' });
    const act = tf.layers.leakyReLU({ alpha: 0.1, name: 'act' }).apply(tf.layers.dense({ units: 4, name: 'd' }).apply(inp)) as tf.SymbolicTensor;
    const m = tf.model({ inputs: inp, outputs: act, name: 'leaky' });
    let art: tf.io.ModelArtifacts | null = null;
    await m.save(tf.io.withSaveHandler(async (a) => ((art = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const a = art as unknown as tf.io.ModelArtifacts;
    const json = { modelTopology: a.modelTopology, weightsManifest: [{ paths: ['w.bin'], weights: a.weightSpecs }] };
    expect(JSON.stringify(json)).toContain('"alpha":0.1');
    const bin = new Uint8Array(a.weightData as ArrayBuffer);
    const r = await importFileSet([{ name: 'model.json', bytes: new TextEncoder().encode(JSON.stringify(json)) }, { name: 'w.bin', bytes: bin }]);
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.issues).toEqual([]);
    expect(Object.values(r.doc.layers).find((l) => l.name === 'act')!.params.negative_slope).toBe(0.1);

    const x = [{ shape: [3, 5], dtype: 'float32' as const, data: Array.from({ length: 15 }, (_, i) => Math.sin(i * 1.7) * 2) }];
    const ours = tfjsPredict(r.doc, r.doc.main, x, r.weights!).outputs;
    const dir = tmp('leaky');
    const kernel = Array.from(new Float32Array(bin.slice().buffer, 0, 20));
    const bias = Array.from(new Float32Array(bin.slice().buffer, 80, 4));
    writeJson(dir, 'in.json', { model: a.modelTopology, kernel, bias, x: x[0].data });
    const keras = JSON.parse(
      runKeras(`
import json, numpy as np, keras
from keras.src.legacy.saving import saving_utils  # how Keras 3 reads a Keras 2 config (legacy .h5)
d = json.load(open(${JSON.stringify(join(dir, 'in.json'))}))
m = saving_utils.model_from_config(d["model"])
m.get_layer("d").set_weights([np.array(d["kernel"], "float32").reshape(5, 4), np.array(d["bias"], "float32")])
print(json.dumps({"slope": float(m.get_layer("act").negative_slope), "y": m.predict(np.array(d["x"], "float32").reshape(3, 5), verbose=0).reshape(-1).tolist()}))`),
    );
    expect(keras.slope).toBeCloseTo(0.1, 6);
    expect(maxDiff(ours, [keras.y])).toBeLessThan(1e-5);
    // Some outputs are negative, so the slope is exercised.
    expect(keras.y.some((v: number) => v < 0)).toBe(true);
  });
});
