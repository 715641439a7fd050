/**
 * Keras 3's image augmentation kinds (imageOps.ts), judged by real Keras 3. The random draws of
 * JAX and tfjs cannot agree, so what is compared is what does not depend on them:
 * - a call in training mode with degenerate factor ranges (the draw is fixed: factor=(0.8, 0.8));
 * - Keras' own transform_images under a given transformation (the same numbers passed to our
 *   layer's `run`), for the layers whose draw never is fixed (RandomHue's sign, a threshold);
 * - a call at inference: identity, except AutoContrast, which Keras applies at inference too.
 * Every case also builds the layer in Keras from our Python call and checks its config is ours.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { KINDS } from './index';
import { buildTfjs, fillParams, kerasParams } from './kind';
import { kerasPython, runKeras } from '../testing/python';
import { bool, byte, f32, first, judgeByKeras, last, perImageChange, size, unit, values, type Case } from '../testing/augmentJudge';

tf.setBackend('cpu');


// An erased box: rows 1..3, cols 2..4 of image 0 (all channels), none in image 1.
const box = Array.from({ length: size(last) }, (_, i) => {
  const [b, r, c] = [Math.floor(i / 90), Math.floor(i / 18) % 5, Math.floor(i / 3) % 6];
  return b === 0 && r >= 1 && r <= 3 && c >= 2 && c <= 4 ? 1 : 0;
});

const CASES: Case[] = [
  { kind: 'RandomGrayscale', params: { factor: 1 }, shape: last, range: byte, mode: 'train' },
  { kind: 'RandomGrayscale', params: { factor: 1, data_format: 'channels_first' }, shape: first, range: unit, mode: 'train' },
  { kind: 'RandomGrayscale', params: {}, shape: [2, 4, 4, 3], range: unit, mode: 'transform', t: { should_apply: { shape: [2, 1, 1, 1], data: [0, 1], dtype: 'bool' } } },
  { kind: 'RandomInvert', params: { factor: [1, 1] }, shape: last, range: byte, mode: 'train' },
  { kind: 'RandomInvert', params: { value_range: [0, 1] }, shape: last, range: unit, mode: 'transform', t: { apply_inversion: bool([false, true]) } },
  { kind: 'Solarization', params: { value_range: [0, 1] }, shape: last, range: unit, mode: 'train' },
  { kind: 'Solarization', params: { value_range: [-1, 1] }, shape: last, range: [-1, 1], mode: 'transform', t: { additions: f32([2, 1, 1, 1], [20, 0]), thresholds: f32([2, 1, 1, 1], [140, 90]) } },
  { kind: 'AutoContrast', params: { value_range: [0, 1] }, shape: last, range: [0.2, 0.7], mode: 'train' },
  { kind: 'AutoContrast', params: {}, shape: last, range: [30, 200], mode: 'infer' },
  { kind: 'AutoContrast', params: { value_range: [0, 1], data_format: 'channels_first' }, shape: first, range: [0.1, 0.6], mode: 'infer' },
  { kind: 'RandomPosterization', params: { factor: [3, 3], value_range: [0, 1] }, shape: last, range: unit, mode: 'train' },
  { kind: 'RandomPosterization', params: { factor: [2, 6] }, shape: last, range: byte, mode: 'transform', t: { shift_factor: { shape: [2], data: [6, 3], dtype: 'uint8' } } },
  { kind: 'RandomColorDegeneration', params: { factor: [0.7, 0.7], value_range: [0, 1] }, shape: last, range: unit, mode: 'train' },
  { kind: 'RandomColorDegeneration', params: { factor: [-0.6, -0.6], data_format: 'channels_first' }, shape: first, range: byte, mode: 'train' },
  { kind: 'RandomSaturation', params: { factor: [0.8, 0.8] }, shape: last, range: byte, mode: 'train' },
  { kind: 'RandomSaturation', params: { factor: [0.3, 0.3], value_range: [0, 1], data_format: 'channels_first' }, shape: first, range: unit, mode: 'train' },
  { kind: 'RandomHue', params: { value_range: [0, 1] }, shape: last, range: unit, mode: 'transform', t: { factor: f32([2], [0.2, -0.15]) } },
  { kind: 'RandomHue', params: { data_format: 'channels_first' }, shape: first, range: byte, mode: 'transform', t: { factor: f32([2], [-0.4, 0.45]) } },
  { kind: 'RandomSharpness', params: { factor: [0.9, 0.9], value_range: [0, 1] }, shape: last, range: unit, mode: 'train' },
  { kind: 'RandomSharpness', params: { data_format: 'channels_first' }, shape: first, range: byte, mode: 'transform', t: { factor: f32([2], [0.1, 0.8]) } },
  { kind: 'RandomGaussianBlur', params: { factor: [1, 1], sigma: [0.7, 0.7], kernel_size: [3, 5], value_range: [0, 1] }, shape: last, range: unit, mode: 'train' },
  { kind: 'RandomGaussianBlur', params: { kernel_size: 5, data_format: 'channels_first' }, shape: first, range: byte, mode: 'transform', t: { should_apply_blur: bool([true, false]), blur_factor: f32([2], [0.5, 0.9]) } },
  { kind: 'RandomErasing', params: { factor: [1, 1], scale: [1, 1], fill_value: 0.25, value_range: [0, 1] }, shape: last, range: unit, mode: 'train' },
  { kind: 'RandomErasing', params: {}, shape: last, range: byte, mode: 'transform', t: { apply_erasing: bool([true, true]), batch_masks: { shape: last, data: box, dtype: 'bool' }, fill_value: f32(last, values(size(last), 9, byte)) } },
  { kind: 'Equalization', params: {}, shape: last, range: byte, mode: 'train' },
  { kind: 'Equalization', params: { bins: 16, value_range: [0, 1], data_format: 'channels_first' }, shape: first, range: [0.1, 0.7], mode: 'train' },
  // At inference Keras passes the random layers' input through.
  ...['RandomGrayscale', 'RandomInvert', 'Solarization', 'RandomPosterization', 'RandomColorDegeneration', 'RandomSaturation', 'RandomHue', 'RandomSharpness', 'RandomGaussianBlur', 'RandomErasing', 'Equalization'].map(
    (kind): Case => ({ kind, params: {}, shape: last, range: byte, mode: 'infer' }),
  ),
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
            y = layer.transform_images(x, t["should_apply"] if c["kind"] == "RandomGrayscale" else t, training=True)
        else:
            y = layer(x, training=c["mode"] == "train")
        out.append({"config": {k: made.get(k) for k in c["config"]}, "y": np.asarray(y).reshape(-1).tolist()})
    except Exception as e:
        out.append({"error": type(e).__name__ + ": " + str(e)[:300]})
print(json.dumps(out))
`;

judgeByKeras('image augmentation kinds against real Keras 3', CASES, PY, (c) => c.mode !== 'infer' || c.kind === 'AutoContrast');

describe('random image layers act only while training, and randomly', () => {
  const RANDOM = ['RandomGrayscale', 'RandomInvert', 'Solarization', 'RandomPosterization', 'RandomColorDegeneration', 'RandomSaturation', 'RandomHue', 'RandomSharpness', 'RandomGaussianBlur', 'RandomErasing'];
  /** Params whose draw varies from image to image and that change every image they touch. */
  const SPREAD: Record<string, Record<string, unknown>> = {
    Solarization: { addition_factor: 0.5, threshold_factor: 0.5 },
    RandomPosterization: { factor: [1, 4] },
    RandomSaturation: { factor: [0.1, 0.9] },
    RandomHue: { factor: [0.3, 0.9] },
    RandomSharpness: { factor: [0, 1] },
    RandomGaussianBlur: { sigma: [0.8, 1] },
  };

  it.each(RANDOM)('%s: identity at inference, different draws per image while training', (kind) => {
    const { change: d } = perImageChange(kind, SPREAD[kind] ?? {});
    // Images changed by different amounts: a per-image random draw (some may be left as they are).
    expect(Math.max(...d)).toBeGreaterThan(1);
    expect(new Set(d.map((v) => v.toFixed(2))).size).toBeGreaterThan(2);
  });

  it('Equalization acts only while training, AutoContrast in both modes', () => {
    const x = tf.tensor(values(2 * 5 * 5 * 3, 3, [40, 90]), [2, 5, 5, 3]);
    const eq = buildTfjs(KINDS.Equalization, fillParams(KINDS.Equalization, {}), 'eq', tf) as tf.layers.Layer;
    expect(Array.from((eq.apply(x, { training: false }) as tf.Tensor).dataSync())).toEqual(Array.from(x.dataSync()));
    expect((eq.apply(x, { training: true }) as tf.Tensor).max().dataSync()[0]).toBe(255);
    const ac = buildTfjs(KINDS.AutoContrast, fillParams(KINDS.AutoContrast, {}), 'ac', tf) as tf.layers.Layer;
    for (const training of [false, true]) expect((ac.apply(x, { training }) as tf.Tensor).max().dataSync()[0]).toBeCloseTo(255, 3);
  });
});

describe('shape checks name the values', () => {
  it('colour layers need RGB', () => {
    for (const kind of ['RandomSaturation', 'RandomHue', 'RandomColorDegeneration']) {
      const r = KINDS[kind].infer([[null, 8, 8, 4]], fillParams(KINDS[kind], {}));
      expect(r.ok ? '' : r.message).toBe(`${kind} needs 3 channels (RGB), got 4 in (None, 8, 8, 4)`);
    }
    const g = KINDS.RandomGrayscale.infer([[null, 2, 8, 8]], fillParams(KINDS.RandomGrayscale, { data_format: 'channels_first' }));
    expect(g.ok ? '' : g.message).toBe('RandomGrayscale needs 1 or 3 channels (RGB or grayscale), got 2 in (None, 2, 8, 8)');
  });

  it('factor ranges are checked as Keras checks them', () => {
    expect(KINDS.Solarization.params.threshold_factor.check([0.2, 1.5])).toMatch(/got \(0.2, 1.5\)/);
    expect(KINDS.RandomSaturation.params.factor.check([0.5, 3])).toBeNull(); // Keras checks only lower ≤ 1 and upper ≥ -1
    expect(KINDS.RandomPosterization.params.factor.check(2.5)).toMatch(/an integer in \[1, 8\]/);
    expect(KINDS.RandomGaussianBlur.params.kernel_size.check([3, 4])).toBe('must be odd, got (3, 4)');
  });
});

describe('a model with the augmentation layers trains and loads back from model.json', () => {
  it('fits a step with every kind in front of a Dense, and the saved model.json rebuilds the same classes', async () => {
    const kinds = ['RandomGrayscale', 'RandomInvert', 'Solarization', 'AutoContrast', 'RandomPosterization', 'RandomColorDegeneration', 'RandomSaturation', 'RandomHue', 'RandomSharpness', 'RandomGaussianBlur', 'RandomErasing', 'Equalization'];
    const input = tf.input({ shape: [6, 6, 3] });
    let h: tf.SymbolicTensor = input;
    for (const kind of kinds) h = (buildTfjs(KINDS[kind], fillParams(KINDS[kind], {}), `m_${kind}`, tf) as tf.layers.Layer).apply(h) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: 1, name: 'head' }).apply(tf.layers.flatten().apply(h)) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    model.compile({ optimizer: 'sgd', loss: 'meanSquaredError' });
    const x = tf.tensor(values(4 * 108, 5, byte), [4, 6, 6, 3]);
    const hist = await model.fit(x, tf.ones([4, 1]), { epochs: 1, batchSize: 4, verbose: 0 });
    expect(Number.isFinite(hist.history.loss[0] as number)).toBe(true);

    let art: tf.io.ModelArtifacts | null = null;
    await model.save(tf.io.withSaveHandler(async (a) => ((art = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const back = await tf.loadLayersModel(tf.io.fromMemory(art!));
    expect(back.layers.slice(1, 1 + kinds.length).map((l) => l.getClassName())).toEqual(kinds);
    // At inference only AutoContrast acts: the reloaded model predicts what the trained one does.
    const a = model.predict(x) as tf.Tensor;
    const b = back.predict(x) as tf.Tensor;
    expect(Math.max(...Array.from(tf.abs(tf.sub(a, b)).dataSync()))).toBeLessThan(1e-4);
  });
});

describe.skipIf(!kerasPython)('a Keras 3 model with the augmentation layers imports with every option kept', () => {
  it('reads each layer of a real Keras model.to_json() back to the config Keras wrote', async () => {
    const { importModelValue } = await import('../engine/io/importModel');
    const json = runKeras(`
import keras
from keras import layers
m = keras.Sequential([keras.Input((8, 8, 3)), layers.RandomGrayscale(0.3), layers.RandomInvert((0.2, 0.6), value_range=(0, 1)),
    layers.Solarization(addition_factor=0.1, threshold_factor=(0.4, 0.9), value_range=(1, 0)), layers.AutoContrast((0, 1)),
    layers.RandomPosterization(3, value_range=(0, 1)), layers.RandomColorDegeneration(0.4), layers.RandomSaturation((0.2, 0.7)),
    layers.RandomHue(0.3, value_range=(1, 0)), layers.RandomSharpness((0.3, 0.8)), layers.RandomGaussianBlur(0.5, kernel_size=(3, 5), sigma=(0.2, 0.9)),
    layers.RandomErasing(0.4, scale=(0.1, 0.3), fill_value=[0.1, 0.2, 0.3], seed=3)])
# Not Equalization: Keras 3.15 cannot put it in a model (its compute_output_spec returns the input tensor: "part of a cycle").
print(m.to_json())`);
    const r = importModelValue(JSON.parse(json.trim().split('\n').at(-1)!), 'augment.json');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.issues).toEqual([]);
    const written = (JSON.parse(json.trim().split('\n').at(-1)!).config.layers as { class_name: string; config: Record<string, unknown> }[]).filter((l) => l.class_name !== 'InputLayer');
    const got = Object.values(r.doc.layers).filter((l) => l.kind !== 'InputLayer');
    expect(got.map((l) => l.kind)).toEqual(written.map((l) => l.class_name));
    for (const [i, l] of got.entries()) {
      const ours = kerasParams(KINDS[l.kind], l.params);
      for (const [k, v] of Object.entries(ours)) expect(v, `${l.kind}.${k}`).toEqual(written[i].config[k]);
    }
  });
});
