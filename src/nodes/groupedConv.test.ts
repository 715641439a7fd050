/**
 * Conv2D(groups > 1), which tfjs 4.22 lacks, through our tfjs class: every grouped example of
 * Conv2D (grouped convolutions with several channels per group, strides, "same" padding,
 * activation, channels_first) computes what real Keras 3 computes with the same weights; the
 * tfjs export says Conv2D with its groups and loads back in tfjs and in Layerflow.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { KINDS } from './index';
import { buildTfjs, fillParams, kerasParams } from './kind';
import { kerasPython, runKeras } from '../testing/python';
import { ProjectBuilder } from '../engine/build';
import { exportTfjs } from '../engine/io/tfjsModel';
import { importModelValue } from '../engine/io/importModel';
import { maxDiff, sampleInputs, tfjsPredict } from '../engine/io/fixtures/judge';

tf.setBackend('cpu');

const k = KINDS.Conv2D;
const cases = k.examples
  .filter((ex) => (ex.params?.groups ?? 1) !== 1)
  .map((ex, i) => {
    const p = fillParams(k, ex.params);
    const shape = ex.inputs[0].map((d) => d ?? 2);
    const n = (s: number[]) => s.reduce((a, b) => a * b, 1);
    const x = Array.from({ length: n(shape) }, (_, j) => Math.sin(j * 0.37 + i));
    const weights = k.weights(ex.inputs, p).map((w, j) => ({ shape: w.shape, data: Array.from({ length: n(w.shape) }, (_, m) => Math.cos(m * 0.23 + j + i) * 0.5) }));
    return { p, shape, x, weights, config: kerasParams(k, p) };
  });

describe.skipIf(!kerasPython)('Conv2D with groups, judged by real Keras 3', () => {
  it('has grouped examples, including several channels per group and one', () => {
    expect(cases.map((c) => c.shape.at(c.p.data_format === 'channels_first' ? 1 : -1)! / (c.p.groups as number))).toEqual(expect.arrayContaining([1, 2]));
  });

  it.each(cases.map((c, i) => [JSON.stringify(c.config).slice(0, 120), i] as const))('%s', (_name, i) => {
    const c = cases[i];
    const out = runKeras(`
import os, json
os.environ["KERAS_BACKEND"] = "numpy"
import numpy as np, keras
c = json.loads(${JSON.stringify(JSON.stringify(c))})
layer = keras.layers.Conv2D.from_config(c["config"])
x = np.array(c["x"], "float32").reshape(c["shape"])
layer(x)
layer.set_weights([np.array(w["data"], "float32").reshape(w["shape"]) for w in c["weights"]])
print(json.dumps(np.asarray(layer(x)).reshape(-1).tolist()))`);
    const want = JSON.parse(out.trim().split('\n').at(-1)!) as number[];
    const layer = buildTfjs(k, c.p, `grouped${i}`, tf) as tf.layers.Layer;
    const x = tf.tensor(c.x, c.shape);
    layer.apply(x);
    layer.setWeights(c.weights.map((w) => tf.tensor(w.data, w.shape)));
    const got = (layer.apply(x) as tf.Tensor).dataSync();
    expect(got.length).toBe(want.length);
    expect(Math.max(...want.map((v, j) => Math.abs(v - got[j])))).toBeLessThan(1e-4);
    expect(want.some((v) => Math.abs(v) > 0.1)).toBe(true);
  });
});

describe('Conv2D with groups in a tfjs model.json', () => {
  it('exports as Conv2D with groups, which tf.loadLayersModel and the importer read back', async () => {
    const b = new ProjectBuilder('grouped');
    const x = b.input([6, 6, 4], { name: 'x' });
    const h = b.layer('Conv2D', { filters: 8, kernel_size: 3, groups: 4 }, 'depthwise').call(x);
    b.model('grouped', [x], [b.layer('Conv2D', { filters: 4, kernel_size: 1, groups: 2 }, 'pointwise').call(h)]);
    const doc = b.build();
    const xs = sampleInputs(doc, doc.main);
    const { outputs, weights } = tfjsPredict(doc, doc.main, xs);
    const exp = await exportTfjs(doc, doc.main, tf, weights);
    expect(exp.issues).toEqual([]);
    const files = new Map(exp.files.map((f) => [f.name, f.bytes]));
    const json = JSON.parse(new TextDecoder().decode(files.get('model.json')));
    const convs = json.modelTopology.config.layers.filter((l: { class_name: string }) => l.class_name === 'Conv2D');
    expect(convs.map((l: { config: { groups: number } }) => l.config.groups)).toEqual([4, 2]);
    const loaded = await tf.loadLayersModel(tf.io.fromMemory({ ...json, weightSpecs: json.weightsManifest[0].weights, weightData: files.get('group1-shard1of1.bin')!.slice().buffer }));
    const y = loaded.predict(tf.tensor(xs[0].data, xs[0].shape)) as tf.Tensor;
    expect(maxDiff([Array.from(y.dataSync())], outputs)).toBeLessThan(1e-5);
    const back = importModelValue(json, 'model.json', { bins: new Map(files) });
    if (!back.ok) throw new Error(back.issues.map((i) => i.message).join('; '));
    expect(Object.values(back.doc.layers).filter((l) => l.kind === 'Conv2D').map((l) => l.params.groups)).toEqual([4, 2]);
    expect(maxDiff(tfjsPredict(back.doc, back.doc.main, xs, back.weights!).outputs, outputs)).toBeLessThan(1e-5);
  });
});
