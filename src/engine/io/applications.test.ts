/**
 * Real-world Keras 3 models, judged by real Keras 3: ten keras.applications (weights=None, the
 * smallest inputs each allows: 32×32, Xception 71, InceptionV3 75) and a BERT-like and a
 * ViT-like encoder, with seeded non-trivial weights (kernels from Keras' seeded initializers;
 * biases, BatchNormalization/LayerNormalization gamma and beta, moving statistics,
 * Normalization statistics and LayerScale set at random), each saved as `.keras`, `.h5` and
 * Keras JSON. Every file imports with no issue and totals equal to count_params() (trainable
 * and non-trainable); from the two weighted files tfjs predicts what Keras predicts on a seeded
 * input within 1e-4.
 *
 * Keras runs with its numpy backend here: the same layers, but JAX traces every layer while
 * building (70 s for NASNetMobile on a busy machine; numpy 1.4 s).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { analyze } from '../analyze';
import { kerasPython } from '../../testing/python';
import { importPath, kerasFiles, maxDiff, tfjsPredict, type Sample } from './fixtures/judge';

tf.setBackend('cpu');

const MODELS = [
  'mobilenetv2', 'mobilenetv3small', 'resnet50', 'densenet121', 'efficientnetb0', 'efficientnetv2b0',
  'convnexttiny', 'nasnetmobile', 'xception', 'inceptionv3', 'bert', 'vit',
];

const PY = `
import os, json, sys, time
os.environ["KERAS_BACKEND"] = "numpy"
import numpy as np, keras
from keras import layers
d, only = sys.argv[1], sys.argv[2].split(",")
keras.utils.set_random_seed(0)
rng = np.random.default_rng(0)
A = keras.applications
def app(f, size):
    # Logits, not softmax: a softmax over near-equal logits would hide differences.
    return lambda: f(input_shape=(size, size, 3), weights=None, classes=10, classifier_activation=None)
def bert():
    L, V, D, H = 16, 50, 32, 4
    tok = keras.Input((L,), dtype="int32", name="tokens")
    seg = keras.Input((L,), dtype="int32", name="segments")
    pos = keras.Input((L,), dtype="int32", name="positions")
    x = layers.Add(name="embed")([layers.Embedding(V, D, name="tok_emb")(tok), layers.Embedding(2, D, name="seg_emb")(seg), layers.Embedding(L, D, name="pos_emb")(pos)])
    x = layers.LayerNormalization(name="emb_ln")(x)
    for b in range(2):
        a = layers.MultiHeadAttention(H, D // H, name=f"mha{b}")(x, x)
        x = layers.LayerNormalization(name=f"ln{b}a")(layers.Add()([x, a]))
        f = layers.Dense(D, name=f"ffo{b}")(layers.Dense(2 * D, activation="gelu", name=f"ffi{b}")(x))
        x = layers.LayerNormalization(name=f"ln{b}b")(layers.Add()([x, f]))
    return keras.Model([tok, seg, pos], layers.Dense(3, name="head")(layers.GlobalAveragePooling1D(name="pool")(x)), name="bert")
def vit():
    S, P, D, H = 32, 8, 32, 4
    n = (S // P) ** 2
    img = keras.Input((S, S, 3), name="image")
    pos = keras.Input((n,), dtype="int32", name="positions")
    x = layers.Reshape((n, D), name="patches")(layers.Conv2D(D, P, strides=P, name="patch_conv")(img))
    x = layers.Add(name="with_pos")([x, layers.Embedding(n, D, name="pos_emb")(pos)])
    for b in range(2):
        h = layers.LayerNormalization(name=f"ln{b}a")(x)
        x = layers.Add()([x, layers.MultiHeadAttention(H, D // H, name=f"mha{b}")(h, h)])
        h = layers.LayerNormalization(name=f"ln{b}b")(x)
        x = layers.Add()([x, layers.Dense(D, name=f"mlp{b}o")(layers.Dense(2 * D, activation="gelu", name=f"mlp{b}i")(h))])
    x = layers.GlobalAveragePooling1D(name="pool")(layers.LayerNormalization(name="ln_out")(x))
    return keras.Model([img, pos], layers.Dense(10, name="head")(x), name="vit")
BUILD = {
    "mobilenetv2": app(A.MobileNetV2, 32), "mobilenetv3small": app(A.MobileNetV3Small, 32),
    "resnet50": app(A.ResNet50, 32), "densenet121": app(A.DenseNet121, 32),
    "efficientnetb0": app(A.EfficientNetB0, 32), "efficientnetv2b0": app(A.EfficientNetV2B0, 32),
    "convnexttiny": app(A.ConvNeXtTiny, 32), "nasnetmobile": app(A.NASNetMobile, 32),
    "xception": app(A.Xception, 71), "inceptionv3": app(A.InceptionV3, 75),
    "bert": bert, "vit": vit,
}
out = {}
for name in only:
    t0 = time.time()
    m = BUILD[name]()
    for w in m.weights:
        p = w.path.split("/")[-1]
        # Gamma below 1 keeps deep residual stacks (EfficientNetV2, NASNet) near unit scale.
        if p in ("moving_variance", "variance"): w.assign(rng.uniform(0.5, 1.5, w.shape).astype("float32"))
        elif p in ("moving_mean", "mean", "beta", "bias"): w.assign(rng.normal(size=w.shape).astype("float32") * 0.1)
        elif p == "gamma": w.assign(rng.uniform(0.4, 1.0, w.shape).astype("float32"))
    xs = []
    for t in m.inputs:
        shape = (2,) + tuple(t.shape[1:])
        vocab = {"tokens": 50, "segments": 2}.get(t.name)
        if t.name == "positions": xs.append(np.broadcast_to(np.arange(shape[1]), shape).astype("int32").copy())
        elif vocab: xs.append(rng.integers(0, vocab, size=shape).astype("int32"))
        else: xs.append(rng.normal(size=shape).astype("float32"))
    y = np.asarray(m.predict(xs if len(xs) > 1 else xs[0], verbose=0))
    m.save(f"{d}/{name}.keras")
    m.save(f"{d}/{name}.h5")
    open(f"{d}/{name}.json", "w").write(m.to_json())
    trainable = sum(int(np.prod(v.shape)) for v in m.trainable_weights)
    out[name] = {"params": m.count_params(), "trainable": trainable, "seconds": round(time.time() - t0, 1), "scale": float(np.abs(y).max()),
                 "x": [{"shape": list(x.shape), "dtype": str(x.dtype), "data": x.reshape(-1).tolist()} for x in xs], "y": y.reshape(-1).tolist()}
json.dump(out, open(f"{d}/ref.json", "w"))
`;

type Ref = { params: number; trainable: number; seconds: number; scale: number; x: Sample[]; y: number[] };

describe.skipIf(!kerasPython)('keras.applications and transformers, judged by real Keras 3', () => {
  let dir = '';
  let ref: Record<string, Ref>;
  beforeAll(() => {
    ({ dir, ref } = kerasFiles<Record<string, Ref>>('apps', PY, 600_000, [MODELS.join(',')]));
    for (const [m, r] of Object.entries(ref)) console.log(`${m}: built, predicted and saved by Keras in ${r.seconds} s; |y| ≤ ${r.scale.toFixed(2)}`);
  }, 600_000);

  it.each(MODELS.flatMap((m) => ['keras', 'h5', 'json'].map((ext) => `${m}.${ext}`)))('%s: count_params() totals, and Keras predictions from its weights', async (name) => {
    const model = name.split('.')[0];
    const r = await importPath(join(dir, name));
    expect(r.issues.map((i) => i.message)).toEqual([]);
    const t = analyze(r.doc).models[r.doc.main].totals;
    expect(t.trainable + t.nonTrainable).toBe(ref[model].params);
    expect(t.trainable).toBe(ref[model].trainable);
    if (name.endsWith('.json')) return;
    const t0 = performance.now();
    const { outputs } = tfjsPredict(r.doc, r.doc.main, ref[model].x, r.weights!);
    console.log(`${name}: predicted in ${Math.round(performance.now() - t0)} ms`);
    expect(maxDiff(outputs, [ref[model].y])).toBeLessThan(1e-4);
    // Non-trivial outputs (not all near zero), so the comparison can fail.
    expect(ref[model].scale).toBeGreaterThan(0.1);
  }, 300_000);
});
