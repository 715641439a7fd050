/**
 * A model file past the 200 MB single-file cap: real Keras 3's VGG16 (weights=None) saved as
 * .keras (528 MB) and as legacy .h5 imports with count_params() totals, and every weight value
 * arrives: the float64 sum and absolute sum over all weights equal Keras'. The import time is
 * printed (the closing note reports it).
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { kerasPython } from '../../testing/python';
import { LIMITS } from './limits';
import { importPath, kerasFiles } from './fixtures/judge';

const PY = `
import json, sys, numpy as np, keras
d = sys.argv[1]
keras.utils.set_random_seed(0)
m = keras.applications.VGG16(weights=None)
m.save(f"{d}/vgg16.keras")
m.save(f"{d}/vgg16.h5")
ws = [np.asarray(w, dtype=np.float64) for w in m.weights]
json.dump({"params": m.count_params(), "sum": float(sum(w.sum() for w in ws)), "abs": float(sum(np.abs(w).sum() for w in ws))}, open(f"{d}/ref.json", "w"))
`;

describe.skipIf(!kerasPython)('VGG16 (528 MB) from real Keras 3', () => {
  let dir = '';
  let ref: { params: number; sum: number; abs: number };
  beforeAll(() => {
    ({ dir, ref } = kerasFiles<typeof ref>('vgg16', PY, 600_000));
  }, 600_000);

  it.each(['vgg16.keras', 'vgg16.h5'])('%s imports with every weight value', async (name) => {
    const r = await importPath(join(dir, name));
    expect(r.bytes).toBeGreaterThan(LIMITS.fileBytes);
    const t = analyze(r.doc).models[r.doc.main].totals;
    expect(t.trainable + t.nonTrainable).toBe(ref.params);
    let sum = 0;
    let abs = 0;
    for (const tensors of Object.values(r.weights!))
      for (const w of tensors)
        for (const v of w.data) {
          sum += v;
          abs += Math.abs(v);
        }
    expect(abs / ref.abs).toBeCloseTo(1, 9);
    expect(Math.abs(sum - ref.sum)).toBeLessThan(1e-6 * ref.abs);
  }, 300_000);
});
