/**
 * The preprocessing kinds (Normalization, resizing, random augmentation) judged by real Keras 3,
 * as kindsC.test.ts judges the other kinds of our own tfjs classes: each example is built in
 * Keras from our Python call and from our Keras config (output shape, param counts and weight
 * shapes must equal ours), then run in Keras and in our tfjs layer with the same weights and
 * inputs, within 1e-4. The random layers are also run in training mode with a degenerate factor
 * range (RandomRotation(factor=(0.25, 0.25)) is a fixed quarter turn), so the geometry, fill
 * modes and interpolation are judged too; and each is identity at inference, random in training.
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
import { tfjsPredict, tmp } from '../engine/io/fixtures/judge';
import { importFileSet } from '../engine/io/importModel';
import { readKerasFile } from '../engine/io/kerasFile';

tf.setBackend('cpu');

/** The kinds this file judges; each kind's examples are inference cases. */
export const JUDGED_PREPROCESSING = ['Normalization', 'Resizing', 'CenterCrop', 'RandomRotation', 'RandomZoom', 'RandomTranslation', 'RandomContrast', 'RandomBrightness', 'RandomShear'];

interface Case {
  kind: string;
  inputs: Shape[];
  params: Record<string, unknown>;
  /** Run both in training mode (the random layers, with a degenerate range). */
  training?: boolean;
  /** Keras judges the shapes; our tfjs class must refuse the case, naming the option. */
  tfjsUnsupported?: boolean;
  /** The Keras layer whose outputs judge ours, when not the kind's own (Python, in terms of keras.layers). */
  judge?: string;
}

/** Training-mode cases whose randomness is pinned by the factors. */
const img = (h: number, w: number, c: number): Shape[] => [[null, h, w, c]];
const TRAINING: Case[] = [
  { kind: 'RandomRotation', inputs: img(6, 6, 2), params: { factor: [0.25, 0.25] } },
  { kind: 'RandomRotation', inputs: img(7, 5, 3), params: { factor: [0.1, 0.1], fill_mode: 'constant', fill_value: 0.5, interpolation: 'nearest' } },
  { kind: 'RandomRotation', inputs: [[null, 3, 6, 7]], params: { factor: [-0.15, -0.15], fill_mode: 'wrap', data_format: 'channels_first' } },
  { kind: 'RandomRotation', inputs: img(5, 8, 1), params: { factor: [0.3, 0.3], fill_mode: 'nearest' } },
  { kind: 'RandomZoom', inputs: img(7, 6, 2), params: { height_factor: [0.3, 0.3], width_factor: [-0.2, -0.2] } },
  { kind: 'RandomZoom', inputs: img(6, 6, 3), params: { height_factor: [-0.4, -0.4], fill_mode: 'constant', interpolation: 'nearest' } },
  { kind: 'RandomZoom', inputs: [[null, 2, 5, 7]], params: { height_factor: [0.5, 0.5], width_factor: [0.1, 0.1], fill_mode: 'wrap', data_format: 'channels_first' } },
  { kind: 'RandomTranslation', inputs: img(6, 7, 2), params: { height_factor: [0.2, 0.2], width_factor: [-0.3, -0.3] } },
  { kind: 'RandomTranslation', inputs: img(5, 6, 3), params: { height_factor: [-0.25, -0.25], width_factor: [0.1, 0.1], fill_mode: 'constant', fill_value: 0.3, interpolation: 'nearest' } },
  { kind: 'RandomTranslation', inputs: img(6, 5, 1), params: { height_factor: [0.35, 0.35], width_factor: [0.45, 0.45], fill_mode: 'wrap' } },
  { kind: 'RandomTranslation', inputs: img(6, 5, 2), params: { height_factor: [-0.15, -0.15], width_factor: [0.3, 0.3], fill_mode: 'nearest' } },
  { kind: 'RandomContrast', inputs: img(5, 6, 3), params: { factor: [-0.5, 0.5], value_range: [-1, 1] } },
  { kind: 'RandomContrast', inputs: [[null, 3, 4, 5]], params: { factor: [-0.3, 0.3], value_range: [-0.5, 0.8], data_format: 'channels_first' } },
  { kind: 'RandomBrightness', inputs: img(5, 6, 3), params: { factor: [0.2, 0.2], value_range: [-1, 1] } },
  { kind: 'RandomBrightness', inputs: img(4, 4, 2), params: { factor: [-0.3, -0.3], value_range: [-0.5, 2] } },
  // Not larger than the window on both sides: the centered window of the aspect ratio (resized), also in training.
  { kind: 'RandomCrop', inputs: img(6, 8, 1), params: { height: 8, width: 4 } },
  { kind: 'RandomCrop', inputs: img(6, 8, 2), params: { height: 6, width: 4 } },
  { kind: 'RandomCrop', inputs: [[null, 2, 5, 9]], params: { height: 7, width: 3, data_format: 'channels_first' } },
].map((c) => ({ ...c, training: true }));

/**
 * RandomCrop at inference: Keras 3.15 returns the input unchanged, contradicting its own output
 * shape (height, width), so a model with it fails in Keras' predict(); Keras 2 (and Keras 3's own
 * training branch for small images) resize the centered window of the aspect ratio, which is
 * Resizing(crop_to_aspect_ratio=True). That is the judge here.
 */
const INFERENCE_CROP: Case[] = [
  { kind: 'RandomCrop', inputs: img(8, 8, 3), params: { height: 6, width: 5 }, judge: 'layers.Resizing(6, 5, crop_to_aspect_ratio=True)' },
  { kind: 'RandomCrop', inputs: [[null, 3, 7, 6]], params: { height: 4, width: 4, data_format: 'channels_first' }, judge: 'layers.Resizing(4, 4, crop_to_aspect_ratio=True, data_format="channels_first")' },
];

const cases: Case[] = [
  ...JUDGED_PREPROCESSING.flatMap((kind) => KINDS[kind].examples.map((ex) => ({ kind, inputs: ex.inputs, params: ex.params ?? {}, tfjsUnsupported: ex.tfjsUnsupported }))),
  ...TRAINING,
  ...INFERENCE_CROP,
];

/** Deterministic, non-trivial numbers: no two alike, so a transposed or shifted pixel shows. */
const values = (n: number, seed: number) => Array.from({ length: n }, (_, i) => Math.round(Math.sin(seed * 7.3 + i * 0.61) * 1e4) / 1e4);
const concrete = (s: Shape) => s.map((d, j) => d ?? (j === 0 ? 2 : 3));
const size = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);

const prepared = cases.map((c, i) => {
  const k = KINDS[c.kind];
  const p = fillParams(k, c.params);
  return {
    call: pythonCall(k, p),
    kind: c.kind,
    config: kerasParams(k, p),
    inputs: c.inputs,
    training: c.training === true,
    judge: c.judge ?? null,
    xs: c.inputs.map((s, j) => ({ shape: concrete(s), data: values(size(concrete(s)), 100 * i + j) })),
    weights: k.weights(c.inputs, p).map((s, j) => ({ shape: s.shape, data: values(size(s.shape), 1000 * i + j).map((v) => (s.name === 'variance' ? Math.abs(v) + 0.5 : v)) })),
  };
});

// The cases go through a file: inline they would pass the OS limit on one argument.
const payloadFile = join(tmp('kp'), 'cases.json');
writeFileSync(payloadFile, JSON.stringify(prepared));

const script = `
import json
import numpy as np, keras
from keras import layers
out = []
for c in json.load(open(${JSON.stringify(payloadFile)})):
    res = {}
    try:
        sym = keras.Input(batch_shape=tuple(c["inputs"][0]))
        for tag, make in (("call", lambda: eval(c["call"])), ("config", lambda: getattr(layers, c["kind"]).from_config(c["config"]))):
            layer = make()
            y = layer(sym)
            res[tag] = {"shape": list(y.shape), "params": layer.count_params(), "trainable": sum(int(np.prod(w.shape)) for w in layer.trainable_weights), "weights": [list(w.shape) for w in layer.weights]}
        layer = eval(c["judge"]) if c["judge"] else getattr(layers, c["kind"]).from_config(c["config"])
        x = np.array(c["xs"][0]["data"], dtype="float32").reshape(c["xs"][0]["shape"])
        layer(x, training=False)
        if c["weights"]:
            layer.set_weights([np.array(w["data"], dtype=v.dtype).reshape(w["shape"]) for w, v in zip(c["weights"], layer.weights)])
            layer.finalize_state()  # Normalization reads its weights into constants here, as loading a file does
        y = np.asarray(layer(x, training=c["training"]))
        res["y"] = {"shape": list(y.shape), "data": y.reshape(-1).tolist()}
    except Exception as e:
        res["error"] = type(e).__name__ + ": " + str(e)[:300]
    out.append(res)
print(json.dumps(out))
`;

describe.skipIf(!kerasPython)('real Keras 3 judges the preprocessing kinds (skipped without .venv Keras)', () => {
  const results = (kerasPython ? JSON.parse(runKeras(script, { timeoutMs: 300_000 }).trim().split('\n').at(-1)!) : []) as Record<string, { shape: Shape; params: number; trainable: number; weights: number[][]; data?: number[] }>[];

  it.each(prepared.map((c, i) => [c.kind, c.training ? 'training' : 'inference', c.inputs.map(fmtShape).join(' + '), JSON.stringify(cases[i].params), i] as const))('%s (%s) on %s with %s', (kind, _m, _s, _p, i) => {
    const c = cases[i];
    const k = KINDS[kind];
    const p = fillParams(k, c.params);
    const got = results[i];
    if ('error' in got) throw new Error(`Keras refused ${prepared[i].call}: ${String(got.error)}`);
    for (const tag of ['call', 'config']) {
      expectKerasBuild(k, c.inputs, p, got[tag], tag);
    }
    const built = buildTfjs(k, p, `judge_${kind}_${i}`, tf);
    if (c.tfjsUnsupported) {
      expect('unsupported' in built && built.unsupported).toMatch(new RegExp(`^tfjs 4.22 has no support for ${kind}\\((interpolation|antialias)=`));
      return;
    }
    const layer = built as tf.layers.Layer;
    const x = tf.tensor(prepared[i].xs[0].data, prepared[i].xs[0].shape);
    layer.apply(x);
    layer.setWeights(prepared[i].weights.map((w) => tf.tensor(w.data, w.shape)));
    const y = layer.apply(x, { training: c.training === true }) as tf.Tensor;
    expect(y.shape).toEqual(got.y.shape);
    const ours = y.dataSync();
    const theirs = got.y.data!;
    const worst = Math.max(...theirs.map((v, j) => Math.abs(v - ours[j])));
    expect(worst).toBeLessThanOrEqual(1e-4);
    // Non-trivial: the output is not all zeros, so the comparison can fail.
    expect(theirs.some((v) => Math.abs(v) > 1e-3)).toBe(true);
  });
});

describe.skipIf(!kerasPython)('an adapted Normalization imports from a Keras file with its statistics', () => {
  it.each(['keras', 'h5'])('.%s: predicts what Keras predicts, with no adapt() in the app', async (ext) => {
    const dir = tmp('kpnorm');
    const file = join(dir, `norm.${ext}`);
    const keras = JSON.parse(
      runKeras(`
import json, numpy as np, keras
rng = np.random.default_rng(3)
inp = keras.Input((4, 3))
norm = keras.layers.Normalization(axis=-1)
norm.adapt(rng.normal(5.0, 3.0, size=(64, 4, 3)).astype("float32"))
m = keras.Model(inp, keras.layers.Dense(2)(norm(inp)))
m.save(${JSON.stringify(file)})
x = rng.normal(5.0, 3.0, size=(2, 4, 3)).astype("float32")
print(json.dumps({"x": x.reshape(-1).tolist(), "y": m.predict(x, verbose=0).reshape(-1).tolist(), "params": m.count_params(), "mean": np.asarray(norm.mean).reshape(-1).tolist()}))`).trim().split('\n').at(-1)!,
    );
    const r = await importFileSet([{ name: `norm.${ext}`, bytes: new Uint8Array(readFileSync(file)) }], (f, c, paramsOf) => readKerasFile(f.bytes, f.name, c, paramsOf));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const layer = Object.values(r.doc.layers).find((l) => l.kind === 'Normalization')!;
    const stats = r.weights![layer.id];
    expect(Array.from(stats[0].data).map((v) => Math.round(v * 1e4) / 1e4)).toEqual(keras.mean.map((v: number) => Math.round(v * 1e4) / 1e4));
    const ours = tfjsPredict(r.doc, r.doc.main, [{ shape: [2, 4, 3], dtype: 'float32', data: keras.x }], r.weights!).outputs[0];
    expect(Math.max(...keras.y.map((v: number, i: number) => Math.abs(v - ours[i])))).toBeLessThan(1e-4);
    // The statistics matter: inputs around 5 would give outputs far from Keras' without them.
    expect(Math.max(...keras.mean.map(Math.abs))).toBeGreaterThan(3);
  });
});

describe('the random image layers are identity at inference and random while training', () => {
  const cases: [string, Record<string, unknown>][] = [
    ['RandomRotation', { factor: 0.2 }],
    ['RandomZoom', { height_factor: 0.3 }],
    ['RandomTranslation', { height_factor: 0.3, width_factor: 0.3 }],
    ['RandomContrast', { factor: 0.5, value_range: [-2, 2] }],
    ['RandomBrightness', { factor: 0.3, value_range: [-2, 2] }],
    ['RandomShear', { x_factor: 0.4, y_factor: 0.2 }],
  ];
  it.each(cases)('%s', (kind, params) => {
    const k = KINDS[kind];
    const layer = buildTfjs(k, fillParams(k, params), `rand_${kind}`, tf) as tf.layers.Layer;
    const x = tf.tensor(values(8 * 6 * 6 * 2, 7), [8, 6, 6, 2]);
    expect((layer.apply(x, { training: false }) as tf.Tensor).arraySync()).toEqual(x.arraySync());
    const a = layer.apply(x, { training: true }) as tf.Tensor;
    const b = layer.apply(x, { training: true }) as tf.Tensor;
    expect(a.shape).toEqual(x.shape);
    // Changed while training, and not the same way twice.
    expect(tf.max(tf.abs(tf.sub(a, x))).dataSync()[0]).toBeGreaterThan(1e-3);
    expect(tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]).toBeGreaterThan(1e-3);
    // One draw per image: the images of a batch are not all changed alike.
    const perImage = tf.sum(tf.abs(tf.sub(a, x)), [1, 2, 3]).dataSync();
    expect(new Set(Array.from(perImage).map((v) => v.toFixed(3))).size).toBeGreaterThan(1);
  });

  it('RandomCrop takes different windows while training and the centered, resized one at inference', () => {
    const k = KINDS.RandomCrop;
    const layer = buildTfjs(k, fillParams(k, { height: 3, width: 3 }), 'rand_crop', tf) as tf.layers.Layer;
    const x = tf.reshape(tf.range(0, 64), [1, 8, 8, 1]);
    const seen = new Set(Array.from({ length: 12 }, () => (layer.apply(x, { training: true }) as tf.Tensor).dataSync()[0]));
    expect(seen.size).toBeGreaterThan(1);
    for (const v of seen) expect(Number.isInteger(v)).toBe(true); // a window of the image, not resampled
    const inf = layer.apply(x, { training: false }) as tf.Tensor;
    expect(inf.shape).toEqual([1, 3, 3, 1]);
    expect(inf.dataSync()[4]).toBeCloseTo(31.5, 4); // the center of the 8×8 image, resized to 3×3
  });
});

describe.skipIf(!kerasPython)('RandomShear while training matches Keras for the sign each image drew', () => {
  it.each([
    [{ x_factor: [0.3, 0.3] }, [3, 6, 7, 2]],
    [{ x_factor: [0.2, 0.2], y_factor: [0.4, 0.4], fill_mode: 'constant', fill_value: 0.5, interpolation: 'nearest' }, [3, 7, 6, 1]],
    [{ y_factor: [0.25, 0.25], fill_mode: 'wrap', data_format: 'channels_first' }, [3, 2, 6, 5]],
  ] as const)('%j', (params, shape) => {
    const k = KINDS.RandomShear;
    const p = fillParams(k, params);
    const data = values(size(shape), 11);
    // Keras' own transform with each sign for every image (the shear factors are given, not drawn).
    const keras = JSON.parse(
      runKeras(`
import json, numpy as np, keras
layer = keras.layers.RandomShear.from_config(json.loads(${JSON.stringify(JSON.stringify(kerasParams(k, p)))}))
x = np.array(${JSON.stringify(data)}, "float32").reshape(${JSON.stringify(shape)})
f = np.array([[layer.x_factor[0], layer.y_factor[0]]] * x.shape[0], "float32")
print(json.dumps([np.asarray(layer.transform_images(x, {"shear_factor": s * f}, training=True)).tolist() for s in (1, -1)]))`).trim().split('\n').at(-1)!,
    ) as number[][][][][];
    const layer = buildTfjs(k, p, 'shear_judge', tf) as tf.layers.Layer;
    const ours = (layer.apply(tf.tensor(data, [...shape]), { training: true }) as tf.Tensor).arraySync() as number[][][][];
    const diff = (a: unknown, b: unknown) => Math.max(...(a as number[]).flat(3).map((v, i) => Math.abs(v - ((b as number[]).flat(3) as number[])[i])));
    for (let i = 0; i < shape[0]; i++) expect(Math.min(diff(ours[i], keras[0][i]), diff(ours[i], keras[1][i])), `image ${i}`).toBeLessThanOrEqual(1e-4);
    // The two signs differ, so the check can fail.
    expect(diff(keras[0][0], keras[1][0])).toBeGreaterThan(1e-2);
  });
});

describe('the preprocessing classes serialise: a tfjs model.json with them loads back and predicts the same', () => {
  it('Normalization, Resizing, CenterCrop, RandomCrop and the random layers round-trip through model.json', async () => {
    const kinds: [string, Record<string, unknown>][] = [
      ['Normalization', {}], ['RandomRotation', { factor: 0.2, fill_mode: 'constant' }], ['RandomZoom', { height_factor: 0.2 }],
      ['RandomTranslation', { height_factor: 0.1, width_factor: 0.1 }], ['RandomContrast', { factor: 0.2 }], ['RandomBrightness', { factor: 0.2 }],
      ['RandomShear', { x_factor: 0.2 }], ['Resizing', { height: 5, width: 4, interpolation: 'nearest' }], ['CenterCrop', { height: 4, width: 3 }], ['RandomCrop', { height: 3, width: 3 }],
    ];
    const inp = tf.input({ shape: [6, 6, 2] });
    let y = inp;
    for (const [kind, params] of kinds) y = (buildTfjs(KINDS[kind], fillParams(KINDS[kind], params), `rt_${kind}`, tf) as tf.layers.Layer).apply(y) as tf.SymbolicTensor;
    const m = tf.model({ inputs: inp, outputs: y });
    m.layers[1].setWeights([tf.tensor([1, -1]), tf.tensor([4, 0.25]), tf.scalar(9)]);
    let art: tf.io.ModelArtifacts | null = null;
    await m.save(tf.io.withSaveHandler(async (a) => ((art = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const back = await tf.loadLayersModel(tf.io.fromMemory(art!));
    const x = tf.tensor(values(2 * 6 * 6 * 2, 5), [2, 6, 6, 2]);
    const a = m.predict(x) as tf.Tensor;
    expect(a.shape).toEqual([2, 3, 3, 2]);
    expect(Array.from((back.predict(x) as tf.Tensor).dataSync())).toEqual(Array.from(a.dataSync()));
    expect(back.layers.map((l) => l.getClassName()).slice(1)).toEqual(kinds.map(([k]) => k));
  });
});
