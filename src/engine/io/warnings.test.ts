/**
 * Import warnings name only what a user relies on. Real Keras 3 files: NASNetMobile
 * (keras.applications, weights=None, uncompiled; 193 BatchNormalization layers whose renorm
 * options are inert) imports from .keras and Keras JSON with no warning and totals equal to
 * count_params(); a compiled model's settings import without a warning.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { kerasPython, runKeras } from '../../testing/python';
import { importFileSet } from './importModel';
import { readKerasFile } from './kerasFile';
import { tmp } from './fixtures/judge';

const file = (path: string) => ({ name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });

describe.skipIf(!kerasPython)('real Keras 3 files import without noise', () => {
  let dir = '';
  let counts: Record<string, number> = {};
  beforeAll(() => {
    dir = tmp('warn');
    counts = JSON.parse(
      runKeras(
        `
import json, keras
d = ${JSON.stringify(dir)}
nas = keras.applications.NASNetMobile(weights=None)
nas.save(d + "/nasnet.keras")
open(d + "/nasnet.json", "w").write(nas.to_json())
x = keras.Input((8,))
small = keras.Model(x, keras.layers.Dense(2, activation="softmax")(keras.layers.Dense(4, activation="relu")(x)), name="small")
small.compile(optimizer=keras.optimizers.Adam(0.005), loss="sparse_categorical_crossentropy", metrics=["accuracy"])
small.save(d + "/small.keras")
print(json.dumps({"nasnet": nas.count_params(), "small": small.count_params()}))`,
        { timeoutMs: 600_000 },
      ).trim().split('\n').pop()!,
    );
  }, 600_000);

  it.each(['nasnet.keras', 'nasnet.json', 'small.keras'])('%s: no warnings, totals equal count_params()', async (name) => {
    const r = await importFileSet([file(join(dir, name))], (f) => readKerasFile(f.bytes, f.name));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.issues.map((i) => i.message)).toEqual([]);
    const t = analyze(r.doc).models[r.doc.main].totals;
    expect(t.trainable + t.nonTrainable).toBe(counts[name.split('.')[0]]);
    if (name === 'small.keras') {
      const c = r.doc.models[r.doc.main].compile!;
      expect(c).toMatchObject({ optimizer: 'Adam', metrics: ['accuracy'] });
      expect(c.learningRate).toBeCloseTo(0.005, 6);
    }
  }, 120_000);
});
