/**
 * Initializers with arguments (VarianceScaling fan_out / truncated_normal, as EfficientNet
 * uses), regularizers (L1, L2, L1L2) and constraints (MaxNorm, NonNeg, UnitNorm, MinMaxNorm)
 * are read from a real Keras 3 file, kept, and exported: Keras reads the exported Keras 3 JSON,
 * .keras and Python back with every one of them equal to the original's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { kerasPython, runKeras } from '../../testing/python';
import { importFileSet } from './importModel';
import { readKerasFile } from './kerasFile';
import { exportModel } from './exportFormats';
import { tmp } from './fixtures/judge';

tf.setBackend('cpu');
const file = (path: string) => ({ name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });

const PY = `
import json, sys, keras
from keras import layers, initializers as I, regularizers as R, constraints as C
d = sys.argv[1]
i = keras.Input((8, 8, 3))
x = layers.Conv2D(4, 3, kernel_initializer=I.VarianceScaling(2.0, "fan_out", "truncated_normal"), kernel_regularizer=R.L2(0.01), bias_constraint=C.NonNeg(), name="conv")(i)
x = layers.BatchNormalization(gamma_constraint=C.MinMaxNorm(0.1, 2.0, 0.5, 0), beta_regularizer=R.L2(0.02), name="bn")(x)
x = layers.Flatten()(x)
x = layers.Dense(5, kernel_initializer=I.RandomNormal(0.1, 0.2), kernel_regularizer=R.L1L2(0.001, 0.002), bias_regularizer=R.L1(0.003), kernel_constraint=C.MaxNorm(1.5, axis=0), name="d1")(x)
y = layers.Dense(3, kernel_initializer=I.VarianceScaling(0.5, "fan_avg", "uniform"), kernel_constraint=C.UnitNorm(axis=0), name="d2")(x)
m = keras.Model(i, y, name="objs")
m.save(d + "/objs.keras")
open(d + "/objs.json", "w").write(m.to_json())
`;

/** Every initializer / regularizer / constraint of every layer, as Keras serializes it (seeds left out). */
const PY_OBJECTS = `
def objects(m):
    out = {}
    for l in m.layers:
        c = l.get_config()
        for k, v in c.items():
            if k.endswith(("_initializer", "_regularizer", "_constraint")) and not k.startswith("moving_"):
                s = keras.saving.serialize_keras_object(v) if v is not None and not isinstance(v, (dict, str)) else v
                if isinstance(s, dict):
                    s = {"class_name": s["class_name"], "config": {a: b for a, b in (s.get("config") or {}).items() if a != "seed"}}
                out[l.name + "." + k] = s
    return out
`;

describe.skipIf(!kerasPython)('initializers, regularizers and constraints, judged by real Keras 3', () => {
  let dir = '';
  beforeAll(() => {
    dir = tmp('objs');
    runKeras(`import sys; sys.argv = ['x', ${JSON.stringify(dir)}]\n${PY}`, { timeoutMs: 300_000 });
  }, 300_000);

  it.each(['objs.keras', 'objs.json'])('%s imports them without a warning, kept as call text', async (name) => {
    const r = await importFileSet([file(join(dir, name))], (f) => readKerasFile(f.bytes, f.name));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.issues.map((i) => i.message)).toEqual([]);
    const by = Object.fromEntries(Object.values(r.doc.layers).map((l) => [l.name, l.params]));
    expect(by.conv.kernel_initializer).toBe('VarianceScaling(scale=2, mode="fan_out", distribution="truncated_normal")');
    expect(by.conv.kernel_regularizer).toBe('L2(l2=0.01)');
    expect(by.conv.bias_constraint).toBe('NonNeg()');
    expect(by.bn.gamma_constraint).toBe('MinMaxNorm(min_value=0.1, max_value=2, rate=0.5, axis=0)');
    expect(by.d1.kernel_constraint).toBe('MaxNorm(max_value=1.5, axis=0)');
    // Keras keeps the factor as a float32: 0.003000000026077032, kept as written.
    expect(by.d1.bias_regularizer).toMatch(/^L1\(l1=0\.0030000000\d*\)$/);
    expect(by.d2.kernel_initializer).toBe('VarianceScaling(scale=0.5, mode="fan_avg", distribution="uniform")');
    expect(by.d2.kernel_constraint).toBe('UnitNorm(axis=0)');
  });

  it('exported as Keras 3 JSON, .keras and Python, Keras reads every one back equal to the original', async () => {
    const r = await importFileSet([file(join(dir, 'objs.keras'))], (f) => readKerasFile(f.bytes, f.name));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    for (const format of ['keras', 'keras3', 'python'] as const) {
      const e = await exportModel(r.doc, r.doc.main, format, tf, { weights: r.weights! });
      expect(e.issues.map((i) => i.message)).toEqual([]);
      writeFileSync(join(dir, `out.${format}`), e.files[0].bytes);
    }
    const py = readFileSync(join(dir, 'out.python'), 'utf8');
    expect(py).toContain('kernel_initializer=keras.initializers.VarianceScaling(scale=2, mode="fan_out", distribution="truncated_normal")');
    const res = runKeras(`import json, sys, subprocess, keras
${PY_OBJECTS}
d = ${JSON.stringify(dir)}
orig = objects(keras.models.load_model(d + "/objs.keras"))
p = subprocess.run([sys.executable, d + "/out.python", "--smoke", "--epochs", "1", "--out", d + "/py.keras"], capture_output=True, text=True)
if p.returncode: raise SystemExit(p.stderr[-2000:])
got = {
    "keras": objects(keras.models.load_model(d + "/out.keras")),
    "keras3": objects(keras.models.model_from_json(open(d + "/out.keras3").read())),
    "python": objects(keras.models.load_model(d + "/py.keras")),
}
print(json.dumps({"orig": orig, "got": got}))`, { timeoutMs: 600_000 });
    const { orig, got } = JSON.parse(res.trim().split('\n').pop()!) as { orig: Record<string, unknown>; got: Record<string, Record<string, unknown>> };
    expect(Object.keys(orig).length).toBeGreaterThan(15);
    expect(orig['conv.kernel_initializer']).toMatchObject({ class_name: 'VarianceScaling', config: { mode: 'fan_out', distribution: 'truncated_normal' } });
    for (const form of ['keras', 'keras3', 'python']) expect(got[form], form).toEqual(orig);
  }, 600_000);
});
