/**
 * Legacy `.h5` full-model files written by real Keras 3 (`model.save("x.h5")`): an MLP, a conv
 * net with BatchNormalization and a nested model, and MobileNetV2 (weights=None, seeded
 * non-trivial weights and statistics) import with totals equal to count_params() and predict
 * what Keras predicts (≤ 1e-4); a Keras 2-style file (weight names with ":0", a training
 * config) imports the same way; a weights-only file is refused with the reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { analyze } from '../analyze';
import { kerasPython } from '../../testing/python';
import { importFileSet } from './importModel';
import { readKerasFile } from './kerasFile';
import { importPath, kerasFiles, maxDiff, tfjsPredict, type Sample } from './fixtures/judge';

tf.setBackend('cpu');
const file = (path: string) => ({ name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });

const PY = `
import json, sys, numpy as np, keras, h5py
from keras import layers
d = sys.argv[1]
keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
def mlp():
    return keras.Sequential([keras.Input((10,)), layers.Dense(8, activation="relu"), layers.Dense(3, activation="softmax")], name="mlp")
def conv():
    i = keras.Input((12, 12, 3))
    x = layers.Conv2D(4, 3, activation="relu")(i)
    x = layers.BatchNormalization()(x)
    x = layers.DepthwiseConv2D(3, padding="same")(x)
    x = layers.GlobalAveragePooling2D()(x)
    ii = keras.Input((4,))
    head = keras.Model(ii, layers.Dense(2)(ii), name="head")
    return keras.Model(i, head(x), name="conv")
def mobilenet():
    return keras.applications.MobileNetV2(input_shape=(96, 96, 3), weights=None, name="mobilenetv2")
out = {}
for build in [mlp, conv, mobilenet]:
    m = build()
    for w in m.weights:
        p = w.path
        if "moving_variance" in p: w.assign(rng.uniform(0.5, 1.5, w.shape).astype("float32"))
        elif "moving_mean" in p or "beta" in p or "bias" in p: w.assign(rng.normal(size=w.shape).astype("float32") * 0.1)
        elif "gamma" in p: w.assign(rng.uniform(0.5, 1.5, w.shape).astype("float32"))
    x = rng.normal(size=(2,) + tuple(m.inputs[0].shape[1:])).astype("float32")
    y = m.predict(x, verbose=0)
    m.save(f"{d}/{m.name}.h5")
    out[m.name] = {"params": m.count_params(), "x": {"shape": list(x.shape), "dtype": "float32", "data": x.reshape(-1).tolist()}, "y": np.asarray(y).reshape(-1).tolist()}
    if m.name == "mlp":
        # Keras 2 / tf.keras writes weight names with ":0" and a training config.
        with h5py.File(f"{d}/mlp.h5") as src, h5py.File(f"{d}/mlp_k2.h5", "w") as dst:
            for k, v in src.attrs.items(): dst.attrs[k] = v
            dst.attrs["keras_version"] = "2.15.0"
            dst.attrs["training_config"] = json.dumps({"loss": "categorical_crossentropy", "metrics": ["acc"], "optimizer_config": {"class_name": "Adam", "config": {"learning_rate": 0.002}}})
            g = dst.create_group("model_weights")
            for k, v in src["model_weights"].attrs.items(): g.attrs[k] = v
            for layer in src["model_weights"].attrs["layer_names"]:
                lg = g.create_group(layer)
                names = [n + ":0" for n in src["model_weights"][layer].attrs["weight_names"]]
                lg.attrs["weight_names"] = [n.encode() for n in names]
                for n, old in zip(names, src["model_weights"][layer].attrs["weight_names"]):
                    lg.create_dataset(n, data=src["model_weights"][layer][old][()])
        m.save_weights(f"{d}/mlp.weights.h5")
json.dump(out, open(f"{d}/ref.json", "w"))
`;

describe.skipIf(!kerasPython)('.h5 model files written by Keras 3', () => {
  let dir = '';
  let ref: Record<string, { params: number; x: Sample; y: number[] }>;
  beforeAll(() => {
    ({ dir, ref } = kerasFiles<typeof ref>('h5', PY, 900_000));
  }, 900_000);

  it.each([
    ['mlp.h5', 'mlp'],
    ['mlp_k2.h5', 'mlp'],
    ['conv.h5', 'conv'],
    ['mobilenetv2.h5', 'mobilenetv2'],
  ])('%s imports with count_params() totals and Keras predictions', async (name, model) => {
    const r = await importPath(join(dir, name));
    expect(r.issues.map((i) => i.message)).toEqual([]);
    const t = analyze(r.doc).models[r.doc.main].totals;
    expect(t.trainable + t.nonTrainable).toBe(ref[model].params);
    const { outputs } = tfjsPredict(r.doc, r.doc.main, [ref[model].x], r.weights!);
    expect(maxDiff(outputs, [ref[model].y])).toBeLessThan(1e-4);
    if (name === 'mlp_k2.h5') {
      const c = r.doc.models[r.doc.main].compile!;
      expect(c).toMatchObject({ optimizer: 'Adam', metrics: ['accuracy'] });
      expect(c.learningRate).toBeCloseTo(0.002, 6);
    }
  }, 300_000);

  it('a weights-only .h5 (save_weights) is refused with the reason', async () => {
    const r = await importFileSet([file(join(dir, 'mlp.weights.h5'))], (f) => readKerasFile(f.bytes, f.name));
    expect(r.ok).toBe(false);
    expect(r.issues[0].message).toMatch(/mlp\.weights\.h5 is an HDF5 file without a model_config attribute: a weights-only file/);
  });
});
