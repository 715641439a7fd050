/**
 * LayerScale (keras.applications' ConvNeXt layer, no keras.layers class) round-trips with real
 * Keras 3: a model using it imports from `.keras` with Keras' predictions, and exported back as
 * `.keras`, Keras 3 JSON and Python, Keras loads it, counts the same params and predicts the same.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { kerasPython, runKeras } from '../testing/python';
import { importFileSet } from '../engine/io/importModel';
import { readKerasFile } from '../engine/io/kerasFile';
import { exportModel } from '../engine/io/exportFormats';
import { PY_PRELUDE, maxDiff, tfjsPredict, tmp, weightsByName, writeJson, type Sample } from '../engine/io/fixtures/judge';

tf.setBackend('cpu');

describe.skipIf(!kerasPython)('LayerScale, judged by real Keras 3', () => {
  it('imports from .keras and exports to .keras, Keras 3 JSON and Python that Keras loads', async () => {
    const dir = tmp('layerscale');
    const ref = JSON.parse(runKeras(`
import os, json
os.environ["KERAS_BACKEND"] = "numpy"
import numpy as np, keras
from keras.src.applications.convnext import LayerScale
rng = np.random.default_rng(0)
i = keras.Input((5, 5, 3))
x = keras.layers.Conv2D(8, 3, padding="same")(i)
m = keras.Model(i, LayerScale(0.25, 8, name="scale")(x), name="scaled")
m.get_layer("scale").set_weights([rng.uniform(-2, 2, 8).astype("float32")])
x = rng.normal(size=(2, 5, 5, 3)).astype("float32")
m.save(${JSON.stringify(dir)} + "/scaled.keras")
print(json.dumps({"params": m.count_params(), "x": [{"shape": list(x.shape), "dtype": "float32", "data": x.reshape(-1).tolist()}], "y": np.asarray(m.predict(x, verbose=0)).reshape(-1).tolist()}))`).trim().split('\n').at(-1)!) as { params: number; x: Sample[]; y: number[] };
    const r = await importFileSet([{ name: 'scaled.keras', bytes: new Uint8Array(readFileSync(join(dir, 'scaled.keras'))) }], (f) => readKerasFile(f.bytes, f.name));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const scale = Object.values(r.doc.layers).find((l) => l.name === 'scale')!;
    expect(scale.kind).toBe('LayerScale');
    expect(scale.params).toMatchObject({ init_values: 0.25, projection_dim: 8 });
    expect(maxDiff(tfjsPredict(r.doc, r.doc.main, ref.x, r.weights!).outputs, [ref.y])).toBeLessThan(1e-5);
    for (const format of ['keras', 'keras3', 'python'] as const) {
      const e = await exportModel(r.doc, r.doc.main, format, tf, { weights: r.weights! });
      expect(e.issues.map((i) => i.message)).toEqual([]);
      writeFileSync(join(dir, `out.${format}`), e.files[0].bytes);
    }
    expect(readFileSync(join(dir, 'out.python'), 'utf8')).toContain('keras.src.applications.convnext.LayerScale(0.25, 8, name="scale")');
    writeJson(dir, 'w.json', weightsByName(r.doc, r.weights!));
    writeJson(dir, 'x.json', ref.x);
    writeJson(dir, 'y.json', [ref.y]);
    const res = runKeras(`${PY_PRELUDE}
import subprocess
d = ${JSON.stringify(dir)}
xs = inputs_of(d + "/x.json"); exp = json.load(open(d + "/y.json"))
m = keras.models.load_model(d + "/out.keras")
a = [m.count_params(), diff(m, xs, exp)]
m = keras.models.model_from_json(open(d + "/out.keras3").read())
set_by_name(m, d + "/w.json")
b = [m.count_params(), diff(m, xs, exp)]
p = subprocess.run([sys.executable, d + "/out.python", "--smoke", "--epochs", "1", "--out", d + "/py.keras"], capture_output=True, text=True)
print(json.dumps([a, b, p.returncode, p.stdout[-300:] + p.stderr[-600:]]))`);
    const [fromKeras, fromJson, code, log] = JSON.parse(res.trim().split('\n').at(-1)!) as [[number, number], [number, number], number, string];
    for (const [params, d] of [fromKeras, fromJson]) {
      expect(params).toBe(ref.params);
      expect(d).toBeLessThan(1e-5);
    }
    expect(code, log).toBe(0);
    expect(log).toContain(`params: ${ref.params}`);
  }, 300_000);
});
