/**
 * Keras 3's composite and batch-mixing image augmentation kinds (RandomColorJitter, MixUp, CutMix,
 * RandomPerspective, …), judged by real Keras 3 as kindsAugment.test.ts judges the others. The
 * random draws of JAX and tfjs cannot agree, so what is compared is what does not depend on them:
 * - a call in training mode with degenerate factor ranges (the draw is fixed);
 * - Keras' own transform_images under a given transformation (the same numbers passed to our
 *   layer's `run`), for the layers whose draw never is fixed (a permutation, a beta draw);
 * - a call at inference: identity.
 * Every case also builds the layer in Keras from our Python call and checks its config is ours;
 * a real Keras model.to_json() with every kind imports back to the configs Keras wrote.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { KINDS } from './index';
import { buildTfjs, fillParams, kerasParams } from './kind';
import { kerasPython, runKeras } from '../testing/python';
import { bool, byte, f32, first, i32, judgeByKeras, last, perImageChange, size, unit, values, type Case, type Given } from '../testing/augmentJudge';

tf.setBackend('cpu');


/** The kinds this file judges. */
export const MIX_KINDS = ['RandomColorJitter', 'MixUp', 'CutMix', 'RandomPerspective', 'RandomElasticTransform', 'RandAugment', 'AugMix'];
const CLAHE = 'ContrastLimitedAdaptiveHistogramEqualization';
/** AugMix's transformation: chain weights, the original's weight, and each chain's steps (indices in RandAugment's step order, -1: none). */
const augMix = (weights: number[], w: number, chains: number[][]) => ({ chain_mixing_weights: f32([weights.length], weights), weight_sample: f32([], [w]), chain_steps: { shape: [chains.length, chains[0].length], data: chains.flat(), dtype: 'int32' } as Given });
/** Corners of (h, w) images, and the same moved by factor · themselves, as RandomPerspective draws them. */
const corners = (h: number, w: number) => [0, 0, w - 1, 0, 0, h - 1, w - 1, h - 1];
/** RandomElasticTransform's transformation: which images, the batch's distortion factor, a standard-normal-like field. */
const elastic = (field: number[], apply: boolean[], d: number) => ({ apply_transform: bool(apply), distortion_factor: f32([], [d]), noise: f32(field, values(size(field), d * 10, [-2, 2])) });
const moved = (h: number, w: number, f: number[]) => corners(h, w).map((v, i) => v + v * f[i]);

/** A box per image, as Keras' _generate_batch_mask makes it: cols x0 ≤ c < x1, rows y0 ≤ r < y1 (all channels). */
const boxes = (shape: number[], first: boolean, box: [number, number, number, number][]): Given => {
  const [h, w, ch] = first ? [shape[2], shape[3], shape[1]] : shape.slice(1);
  const data = Array.from({ length: size(shape) }, (_, i) => {
    const [b, r, c] = first ? [Math.floor(i / (ch * h * w)), Math.floor(i / w) % h, i % w] : [Math.floor(i / (h * w * ch)), Math.floor(i / (w * ch)) % h, Math.floor(i / ch) % w];
    const [x0, x1, y0, y1] = box[b];
    return c >= x0 && c < x1 && r >= y0 && r < y1 ? 1 : 0;
  });
  return { shape, data, dtype: 'bool' };
};


const CASES: Case[] = [
  { kind: 'RandomColorJitter', params: { brightness_factor: [0.2, 0.2], contrast_factor: [-0.5, 0.5], saturation_factor: [0.8, 0.8], hue_factor: [0, 0] }, shape: last, range: byte, mode: 'train' },
  { kind: 'RandomColorJitter', params: { value_range: [0, 1], contrast_factor: [-0.3, 0.3], saturation_factor: [0.3, 0.3] }, shape: last, range: unit, mode: 'train' },
  // Keras runs the steps channels_last whatever data_format says: contrast's mean is over axes 1 and 2.
  { kind: 'RandomColorJitter', params: { brightness_factor: [-0.2, -0.2], contrast_factor: [-0.4, 0.4], data_format: 'channels_first' }, shape: first, range: byte, mode: 'train' },
  { kind: 'MixUp', params: {}, shape: [3, 4, 5, 3], range: byte, mode: 'transform', t: { mix_weight: f32([3], [0.3, 0.8, 0.55]), permutation_order: i32([2, 0, 1]) } },
  { kind: 'MixUp', params: { alpha: 1, data_format: 'channels_first' }, shape: first, range: unit, mode: 'transform', t: { mix_weight: f32([2], [0.9, 0.15]), permutation_order: i32([1, 0]) } },
  { kind: 'CutMix', params: {}, shape: last, range: byte, mode: 'transform', t: { permutation_order: i32([1, 0]), batch_masks: boxes(last, false, [[1, 4, 0, 3], [2, 6, 1, 5]]) } },
  { kind: 'CutMix', params: { factor: [0.2, 0.6], data_format: 'channels_first' }, shape: first, range: unit, mode: 'transform', t: { permutation_order: i32([1, 0]), batch_masks: boxes(first, true, [[0, 2, 2, 5], [3, 5, 0, 1]]) } },
  {
    kind: 'RandomPerspective',
    params: {},
    shape: last,
    range: byte,
    mode: 'transform',
    t: { apply_perspective: bool([true, true]), start_points: f32([2, 4, 2], [...corners(5, 6), ...corners(5, 6)]), end_points: f32([2, 4, 2], [...moved(5, 6, [0, 0, 0.3, -0.2, 0, 0.4, -0.1, 0.2]), ...moved(5, 6, [0, 0, -0.35, 0.1, 0, -0.25, 0.45, 0.05])]) },
  },
  {
    kind: 'RandomPerspective',
    params: { interpolation: 'nearest', fill_value: 0.7, data_format: 'channels_first' },
    shape: first,
    range: unit,
    mode: 'transform',
    t: { apply_perspective: bool([false, true]), start_points: f32([2, 4, 2], [...corners(5, 6), ...corners(5, 6)]), end_points: f32([2, 4, 2], [...moved(5, 6, [0, 0, 0.2, 0.4, 0, -0.3, -0.2, 0.1]), ...moved(5, 6, [0, 0, 0.1, -0.4, 0, 0.25, -0.3, -0.15])]) },
  },
  // Keras draws the displacement field with jax.random.normal; the judge hands it this field (`noise`) instead.
  { kind: 'RandomElasticTransform', params: {}, shape: [2, 20, 24, 3], range: byte, mode: 'transform', t: elastic([2, 20, 24], [true, true], 1) },
  { kind: 'RandomElasticTransform', params: { scale: [0.4, 0.8], fill_mode: 'constant', fill_value: 0.25, interpolation: 'nearest', value_range: [0.1, 0.9], data_format: 'channels_first' }, shape: [2, 2, 16, 14], range: unit, mode: 'transform', t: elastic([2, 16, 14], [true, false], 0.7) },
  { kind: 'RandomElasticTransform', params: { fill_mode: 'wrap' }, shape: [1, 18, 12, 1], range: byte, mode: 'transform', t: elastic([1, 18, 12], [true], 0.85) },
  { kind: 'RandomElasticTransform', params: { fill_mode: 'nearest', value_range: [0, 1] }, shape: [2, 12, 12, 2], range: unit, mode: 'transform', t: elastic([2, 12, 12], [false, true], 0.95) },
  // RandAugment with the steps' indices given, and factors that fix their draws: (0.2, 0.2) for all but shear (random sign), contrast and solarization (which draw from ranges around it), (0, 0) for those two.
  ...[[1, 2], [3, 4], [6, 10], [7, 9], [10, 3], [2, 2]].map((idx, j): Case => ({ kind: 'RandAugment', params: { factor: [0.2, 0.2] }, shape: j === 3 ? [2, 5, 6, 1] : last, range: byte, mode: 'transform', t: { layer_idxes: i32(idx) } })),
  { kind: 'RandAugment', params: { factor: [0, 0], value_range: [0, 1] }, shape: last, range: unit, mode: 'transform', t: { layer_idxes: i32([5, 8]) } },
  { kind: 'RandAugment', params: { factor: [0.1, 0.1], num_ops: 3, interpolation: 'nearest', data_format: 'channels_first' }, shape: first, range: byte, mode: 'transform', t: { layer_idxes: i32([2, 6, 1]) } },
  // AugMix with the chains given, and the same fixed-draw factors as RandAugment's cases.
  { kind: 'AugMix', params: { factor: [0.2, 0.2] }, shape: last, range: byte, mode: 'transform', t: augMix([0.5, 0.3, 0.2], 0.4, [[1, 2, -1], [3, 4, 6], [7, 9, 10]]) },
  { kind: 'AugMix', params: { factor: [0, 0], num_chains: 2, chain_depth: 2, value_range: [0, 1], data_format: 'channels_first' }, shape: first, range: unit, mode: 'transform', t: augMix([0.7, 0.3], 0.25, [[5, 8], [-1, 2]]) },
  { kind: 'AugMix', params: { factor: [0.1, 0.1], all_ops: false, interpolation: 'nearest' }, shape: [2, 5, 6, 1], range: byte, mode: 'transform', t: augMix([0.1, 0.6, 0.3], 0.6, [[2, 1, 7], [10, -1, -1], [9, 2, 1]]) },
  // CLAHE acts in both modes (Keras' transform_images ignores `training`).
  { kind: CLAHE, params: { tile_grid_size: [4, 4] }, shape: [2, 16, 16, 3], range: [40, 180], mode: 'train' },
  { kind: CLAHE, params: { tile_grid_size: [3, 4], clip_limit: 0, value_range: [0, 1] }, shape: [2, 13, 10, 1], range: [0.2, 0.6], mode: 'infer' },
  { kind: CLAHE, params: { clip_limit: 2, data_format: 'channels_first' }, shape: [2, 3, 5, 6], range: byte, mode: 'infer' },
  { kind: CLAHE, params: { tile_grid_size: [2, 3], clip_limit: 1.5 }, shape: [1, 9, 11, 2], range: [0, 120], mode: 'train' },
  ...MIX_KINDS.map((kind): Case => ({ kind, params: kind === 'RandomColorJitter' ? { brightness_factor: 0.5, hue_factor: 0.5 } : {}, shape: last, range: byte, mode: 'infer' })),
];

const PY = `
import json, sys, numpy as np, keras
from keras import layers
out = []
for c in json.load(open(sys.argv[1])):
    try:
        made = eval(c["call"]).get_config()
        layer = getattr(layers, c["kind"]).from_config(c["config"])
        x = np.array(c["x"], "float32").reshape(c["shape"])
        if c["mode"] == "transform":
            t = {k: np.array(v["data"], v["dtype"]).reshape(v["shape"]) for k, v in c["t"].items()}
            if "chain_steps" in t:
                from keras.src.layers.preprocessing.image_preprocessing.rand_augment import RandAugment
                names = RandAugment._AUGMENT_LAYERS
                steps = [[{"layer_name": names[i], "transformation": getattr(layer, names[i]).get_random_transformation(x)} for i in chain if i >= 0] for chain in t.pop("chain_steps").tolist()]
                y = layer.transform_images(x, {**t, "chain_transforms": steps}, training=True)
            elif "layer_idxes" in t:
                drawn = layer.get_random_transformation(x)
                drawn["layer_idxes"] = t["layer_idxes"]
                y = layer.transform_images(x, drawn, training=True)
            elif "noise" in t:
                import jax
                noise, draw = t.pop("noise"), jax.random.normal
                jax.random.normal = lambda key, shape=(), dtype=float: jax.numpy.asarray(noise, dtype)
                t["seed"] = 0
                try:
                    y = layer.transform_images(x, t, training=True)
                finally:
                    jax.random.normal = draw
            else:
                y = layer.transform_images(x, t, training=True)
        else:
            y = layer(x, training=c["mode"] == "train")
        out.append({"config": {k: made.get(k) for k in c["config"]}, "y": np.asarray(y).reshape(-1).tolist()})
    except Exception as e:
        out.append({"error": type(e).__name__ + ": " + str(e)[:300]})
print(json.dumps(out))
`;

judgeByKeras('composite and mixing augmentation kinds against real Keras 3', CASES, PY, (c) => c.mode !== 'infer' || c.kind === CLAHE);

describe('RandomColorJitter', () => {
  it('acts only while training, with a different draw per image', () => {
    const { y, change: d } = perImageChange('RandomColorJitter', { brightness_factor: 0.3, contrast_factor: 0.4, saturation_factor: [0.2, 0.8], hue_factor: 0.5 });
    expect(Math.min(...d)).toBeGreaterThan(1);
    expect(new Set(d.map((v) => v.toFixed(2))).size).toBeGreaterThan(8);
    expect(y.min().dataSync()[0]).toBeGreaterThanOrEqual(0);
    expect(y.max().dataSync()[0]).toBeLessThanOrEqual(255);
  });

  it('names the channel count its colour steps need, and checks each factor as its layer does', () => {
    const k = KINDS.RandomColorJitter;
    const r = k.infer([[null, 3, 8, 8]], fillParams(k, { hue_factor: 0.2, data_format: 'channels_first' }));
    expect(r.ok ? '' : r.message).toBe("RandomColorJitter's saturation and hue steps need 3 channels (RGB) on the last axis (Keras runs them channels_last), got 8 in (None, 3, 8, 8)");
    expect(k.infer([[null, 3, 8, 8]], fillParams(k, { brightness_factor: 0.2, data_format: 'channels_first' })).ok).toBe(true);
    expect(k.params.brightness_factor.check(1.5)).toMatch(/got 1.5/);
    expect(k.params.saturation_factor.check(null)).toBeNull();
  });
});

describe.skipIf(!kerasPython)("MixUp's and CutMix's draws follow Keras' distributions", () => {
  const n = 4000;
  const stats = (v: number[]) => {
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    return [mean, v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length];
  };
  const keras = kerasPython
    ? (JSON.parse(
        runKeras(`
import json, numpy as np, keras
from keras import layers
x = np.zeros((${n}, 16, 16, 1), "float32")
stats = lambda v: [float(np.mean(v)), float(np.var(v))]
out = {}
for a in [0.2, 2.0]:
    t = layers.MixUp(alpha=a).get_random_transformation(x)
    out[str(a)] = stats(np.asarray(t["mix_weight"]))
    out["perm"] = sorted(np.asarray(t["permutation_order"]).tolist()) == list(range(${n}))
t = layers.CutMix(factor=(0.5, 0.5)).get_random_transformation(x)
out["cut"] = stats(np.asarray(t["batch_masks"]).reshape(${n}, -1).mean(1))
print(json.dumps(out))`)
          .trim()
          .split('\n')
          .at(-1)!,
      ) as Record<string, number[] | boolean>)
    : {};

  it('MixUp: Beta(alpha, alpha) weights (mean and variance as Keras draws them), a permutation of the batch', async () => {
    const { mixUpOp } = await import('./MixUp');
    const x = tf.zeros([n, 16, 16, 1]);
    for (const alpha of [0.2, 2]) {
      const t = mixUpOp.draw!(x, { alpha }, tf);
      const [mean, variance] = stats(Array.from(t.mix_weight.dataSync()));
      const [km, kv] = keras[String(alpha === 2 ? '2.0' : alpha)] as number[];
      expect(Math.abs(mean - km), `mean for alpha ${alpha}`).toBeLessThan(0.03);
      expect(Math.abs(variance - kv), `variance for alpha ${alpha}`).toBeLessThan(0.015);
      expect([...t.permutation_order.dataSync()].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
    expect(keras.perm).toBe(true);
  });

  it('CutMix: the box covers the share of the image Keras boxes cover', async () => {
    const { cutMixOp } = await import('./CutMix');
    const x = tf.zeros([n, 16, 16, 1]);
    const t = cutMixOp.draw!(x, { factor: [0.5, 0.5], dataFormat: 'channelsLast' }, tf);
    const [mean, variance] = stats(tf.mean(tf.cast(t.batch_masks, 'float32'), [1, 2, 3]).arraySync() as number[]);
    const [km, kv] = keras.cut as number[];
    expect(Math.abs(mean - km)).toBeLessThan(0.02);
    expect(Math.abs(variance - kv)).toBeLessThan(0.01);
  });
});

describe('MixUp and CutMix', () => {
  it('mix images only while training, each output drawn from its own image and another of the batch', () => {
    const x = tf.tensor(values(8 * 4 * 4 * 3, 5, byte), [8, 4, 4, 3]);
    for (const kind of ['MixUp', 'CutMix']) {
      const layer = buildTfjs(KINDS[kind], fillParams(KINDS[kind], kind === 'MixUp' ? { alpha: 1 } : {}), `m_${kind}`, tf) as tf.layers.Layer;
      expect(Array.from((layer.apply(x, { training: false }) as tf.Tensor).dataSync())).toEqual(Array.from(x.dataSync()));
      const y = (layer.apply(x, { training: true }) as tf.Tensor).arraySync() as number[][][][];
      const xs = x.arraySync() as number[][][][];
      // Every output pixel lies between its own image's value and some single other image's value.
      for (let i = 0; i < 8; i++) {
        const fits = xs.map((other) => y[i].flat(2).every((v, j) => v >= Math.min(xs[i].flat(2)[j], other.flat(2)[j]) - 1e-3 && v <= Math.max(xs[i].flat(2)[j], other.flat(2)[j]) + 1e-3));
        expect(fits.some(Boolean), `${kind} image ${i}`).toBe(true);
      }
      expect(Math.max(...tf.abs(tf.sub(tf.tensor(y), x)).max([1, 2, 3]).arraySync() as number[])).toBeGreaterThan(1);
    }
  });
});

describe('the warping kinds act only while training, per image', () => {
  it.each([
    ['RandomPerspective', { factor: [1, 1], scale: 0.6 }],
    ['RandomElasticTransform', { factor: [1, 1] }],
    ['RandAugment', { num_ops: 4 }],
    ['AugMix', {}],
  ] as const)('%s', (kind, params) => {
    const layer = buildTfjs(KINDS[kind], fillParams(KINDS[kind], params), `w_${kind}`, tf) as tf.layers.Layer;
    const x = tf.tensor(values(8 * 6 * 7 * 3, 3, byte), [8, 6, 7, 3]);
    expect(Array.from((layer.apply(x, { training: false }) as tf.Tensor).dataSync())).toEqual(Array.from(x.dataSync()));
    const d = tf.sum(tf.abs(tf.sub(layer.apply(x, { training: true }) as tf.Tensor, x)), [1, 2, 3]).arraySync() as number[];
    expect(Math.min(...d)).toBeGreaterThan(1);
    expect(new Set(d.map((v) => v.toFixed(2))).size).toBe(8);
  });
});

describe.skipIf(!kerasPython)('a Keras 3 model with these layers imports with every option kept', () => {
  it('reads each layer of a real Keras model.to_json() back to the config Keras wrote', async () => {
    const { importModelValue } = await import('../engine/io/importModel');
    const json = runKeras(`
import keras
from keras import layers
m = keras.Sequential([keras.Input((16, 16, 3)),
    layers.RandomColorJitter(value_range=(0, 1), brightness_factor=(-0.1, 0.3), contrast_factor=0.4, saturation_factor=(0.2, 0.7), hue_factor=0.1),
    layers.MixUp(alpha=0.4), layers.CutMix(factor=(0.3, 0.8)), layers.RandomPerspective(0.6, scale=0.3, interpolation="nearest", fill_value=0.2),
    layers.RandomElasticTransform(0.7, scale=(0.2, 0.5), fill_mode="wrap", value_range=(0, 1)),
    layers.RandAugment(value_range=(0, 1), num_ops=3, factor=(0.1, 0.4)), layers.AugMix(value_range=(0, 1), num_chains=2, chain_depth=4, factor=0.2, alpha=0.5, all_ops=False),
    layers.ContrastLimitedAdaptiveHistogramEqualization(value_range=(0, 1), clip_limit=2.5, tile_grid_size=(4, 2))])
print(m.to_json())`);
    const value = JSON.parse(json.trim().split('\n').at(-1)!);
    const r = importModelValue(value, 'augment-mix.json');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.issues).toEqual([]);
    const written = (value.config.layers as { class_name: string; config: Record<string, unknown> }[]).filter((l) => l.class_name !== 'InputLayer');
    const got = Object.values(r.doc.layers).filter((l) => l.kind !== 'InputLayer');
    expect(got.map((l) => l.kind)).toEqual(written.map((l) => l.class_name));
    for (const [i, l] of got.entries()) {
      const ours = kerasParams(KINDS[l.kind], l.params);
      for (const [k, v] of Object.entries(ours)) expect(v, `${l.kind}.${k}`).toEqual(written[i].config[k]);
    }
  });
});
