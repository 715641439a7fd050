/**
 * Models saved by Keras 3 itself — built in the test from Python: Sequential, conv + BN +
 * shared layer + multi-IO, a frozen nested model and a nested Sequential, LSTM states, GRU,
 * Bidirectional, TimeDistributed — import from the .keras file and from a converter-style
 * model.json with identical parameter totals and predictions. Then the round trip:
 * import → tfjs export → import gives the same document and weights, and the export loads with
 * tf.loadLayersModel and predicts what the project predicts.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { kerasPython, runKeras } from '../../testing/python';
import { importFileSet, type ImportResult } from './importModel';
import { readKerasFile } from './kerasFile';
import { exportTfjs } from './tfjsModel';
import { maxDiff, tfjsPredict, tmp, type Sample } from './fixtures/judge';

tf.setBackend('cpu');

const NAMES = ['mlp', 'conv_multi_io', 'nested_frozen', 'recurrent'];
const file = (path: string) => ({ name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(path)) });
const total = (r: ImportResult & { ok: true }) => {
  const t = analyze(r.doc).models[r.doc.main].totals;
  return t.trainable + t.nonTrainable;
};

describe.skipIf(!kerasPython)('models saved by Keras 3 import with equal totals and predictions', () => {
  let dir = '';
  beforeAll(() => {
    dir = tmp('ki');
    runKeras(`import sys; sys.argv = ['x', ${JSON.stringify(dir)}]; exec(open(${JSON.stringify(resolve('src/engine/io/fixtures/kerasModels.py'))}).read())`, { timeoutMs: 600_000 });
  }, 600_000);

  it.each(NAMES.flatMap((n) => [[n, '.keras'], [n, 'model.json']] as const))('%s from %s', async (name, form) => {
    const d = join(dir, name);
    const files = form === '.keras' ? [file(join(dir, `${name}.keras`))] : readdirSync(d).filter((f) => f === 'model.json' || f.endsWith('.bin')).map((f) => file(join(d, f)));
    const r = await importFileSet(files, (f) => readKerasFile(f.bytes, f.name));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(total(r)).toBe(JSON.parse(readFileSync(join(d, 'params.json'), 'utf8')));
    const inputs = JSON.parse(readFileSync(join(d, 'inputs.json'), 'utf8')) as Sample[];
    const expected = JSON.parse(readFileSync(join(d, 'expected.json'), 'utf8')) as number[][];
    const { outputs } = tfjsPredict(r.doc, r.doc.main, inputs, r.weights!);
    expect(maxDiff(outputs, expected)).toBeLessThan(1e-4);
    if (name === 'nested_frozen') {
      const inner = Object.values(r.doc.models).find((m) => m.name === 'inner')!;
      expect(analyze(r.doc).models[inner.id].totals.trainable).toBe(0);
    }

    // Round trip through the tfjs export.
    const exp = await exportTfjs(r.doc, r.doc.main, tf, r.weights!);
    expect(exp.issues).toEqual([]);
    const again = await importFileSet(exp.files);
    if (!again.ok) throw new Error(again.issues.map((i) => i.message).join('\n'));
    const strip = (doc: typeof r.doc) => ({ ...doc, name: '' });
    expect(strip(again.doc)).toEqual(strip(r.doc));
    for (const [id, ws] of Object.entries(r.weights!)) expect(again.weights![id].map((t) => Array.from(t.data))).toEqual(ws.map((t) => Array.from(t.data)));
    const byId = new Map(exp.files.map((f) => [f.name, f.bytes]));
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        ...JSON.parse(new TextDecoder().decode(byId.get('model.json'))),
        weightSpecs: JSON.parse(new TextDecoder().decode(byId.get('model.json'))).weightsManifest[0].weights,
        weightData: byId.get('group1-shard1of1.bin')!.slice().buffer,
      }),
    );
    const xs = inputs.map((s) => tf.tensor(s.data, s.shape, s.dtype));
    const ys = loaded.predict(xs.length === 1 ? xs[0] : xs);
    const got = (Array.isArray(ys) ? ys : [ys]).map((y) => Array.from(y.dataSync()));
    expect(maxDiff(got, outputs)).toBeLessThan(1e-6);
  });
});
