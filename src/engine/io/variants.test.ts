/**
 * Real-world model.json variants, judged by tfjs itself: models are built with the tfjs layers
 * API and saved by tfjs (the JS form: Keras 2 nested-list inbound nodes, batch_input_shape, no
 * InputLayer in a Sequential), then rewritten as other producers write them — the Python
 * converter's wrapper without format keys and with an old `lr`, the old bare-list Sequential
 * config, layers listed out of order, prefixed weight names in shuffled order. Each imports with
 * the parameter total of its weightsManifest and predicts what tf.loadLayersModel predicts.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { importModelValue } from './importModel';
import { maxDiff, rng, tfjsPredict, type Sample } from './fixtures/judge';

tf.setBackend('cpu');
type Json = Record<string, any>;

async function saved(model: tf.LayersModel): Promise<{ json: Json; bin: Uint8Array }> {
  let art: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (a) => ((art = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
  const a = art as unknown as tf.io.ModelArtifacts;
  const data = Array.isArray(a.weightData) ? tf.io.concatenateArrayBuffers(a.weightData) : (a.weightData as ArrayBuffer);
  return { json: { format: 'layers-model', generatedBy: 'TensorFlow.js tfjs-layers v4.22.0', modelTopology: a.modelTopology, weightsManifest: [{ paths: ['w.bin'], weights: a.weightSpecs }] }, bin: new Uint8Array(data) };
}

function sequentialModel() {
  const m = tf.sequential({ name: 'seq' });
  m.add(tf.layers.dense({ inputShape: [6], units: 5, activation: 'hardSigmoid', name: 'd1' }));
  m.add(tf.layers.dense({ units: 2, activation: 'softmax', name: 'd2' }));
  return m;
}
function channelsFirstModel() {
  const x = tf.input({ shape: [2, 6, 6], name: 'img' });
  let y = tf.layers.conv2d({ filters: 3, kernelSize: 3, dataFormat: 'channelsFirst', activation: 'relu', name: 'conv' }).apply(x) as tf.SymbolicTensor;
  y = tf.layers.flatten({ name: 'flat' }).apply(y) as tf.SymbolicTensor;
  const a = tf.layers.dense({ units: 3, name: 'a' }).apply(y) as tf.SymbolicTensor;
  const b = tf.layers.dense({ units: 1, activation: 'sigmoid', name: 'b' }).apply(y) as tf.SymbolicTensor;
  return tf.model({ inputs: x, outputs: [a, b], name: 'cf' });
}

const variants: Record<string, (j: Json) => Json> = {
  'JS form as tfjs saves it': (j) => j,
  'converter wrapper, no format keys, old lr': (j) => ({
    modelTopology: { keras_version: '2.4.0', backend: 'tensorflow', model_config: j.modelTopology, training_config: { loss: 'mse', metrics: ['acc'], optimizer_config: { class_name: 'Adam', config: { lr: 0.01 } } } },
    weightsManifest: j.weightsManifest,
  }),
  'layers listed out of order, prefixed and shuffled weight names': (j) => {
    const out = JSON.parse(JSON.stringify(j));
    const c = out.modelTopology.config;
    if (Array.isArray(c.layers) && c.input_layers) c.layers.reverse();
    const ws = out.weightsManifest[0].weights as Json[];
    const bytes = ws.map((w) => w.shape.reduce((a: number, b: number) => a * b, 1) * 4);
    out.order = ws.map((_, i) => i).reverse();
    out.weightsManifest[0].weights = out.order.map((i: number) => ({ ...ws[i], name: `model_1/${ws[i].name}:0` }));
    out.bytes = bytes;
    return out;
  },
  'old bare-list Sequential config': (j) => {
    const out = JSON.parse(JSON.stringify(j));
    if (out.modelTopology.class_name === 'Sequential') out.modelTopology.config = out.modelTopology.config.layers;
    return out;
  },
};

/** Reorder the bin like the manifest when a variant shuffled it. */
function binFor(v: Json, bin: Uint8Array): Uint8Array {
  if (!v.order) return bin;
  const offsets: number[] = [];
  (v.bytes as number[]).reduce((at, n) => (offsets.push(at), at + n), 0);
  const parts = (v.order as number[]).map((i) => bin.subarray(offsets[i], offsets[i] + v.bytes[i]));
  const out = new Uint8Array(bin.length);
  let at = 0;
  for (const p of parts) out.set(p, (at += p.length) - p.length);
  return out;
}

describe.each([
  ['Sequential without InputLayer, hard_sigmoid', sequentialModel],
  ['channels_first conv, two outputs', channelsFirstModel],
] as const)('%s', (_name, build) => {
  it.each(Object.keys(variants))('%s', async (variant) => {
    const model = build();
    const { json, bin } = await saved(model);
    const r0 = rng(3);
    const inputs: Sample[] = model.inputs.map((i) => {
      const shape = [2, ...(i.shape.slice(1) as number[])];
      return { shape, dtype: 'float32', data: Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => r0() * 2 - 1) };
    });
    const xs = inputs.map((s) => tf.tensor(s.data, s.shape));
    const ys = model.predict(xs.length === 1 ? xs[0] : xs);
    const expected = (Array.isArray(ys) ? ys : [ys]).map((y) => Array.from(y.dataSync()));
    const v = variants[variant](json);
    const r = importModelValue(v, 'model.json', { bins: new Map([['w.bin', binFor(v, bin)]]) });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    const manifestTotal = (json.weightsManifest[0].weights as Json[]).reduce((a, w) => a + w.shape.reduce((x: number, y: number) => x * y, 1), 0);
    const t = analyze(r.doc).models[r.doc.main].totals;
    expect(t.trainable + t.nonTrainable).toBe(manifestTotal);
    expect(maxDiff(tfjsPredict(r.doc, r.doc.main, inputs, r.weights!).outputs, expected)).toBeLessThan(1e-6);
    if (variant.includes('old lr')) expect(r.doc.models[r.doc.main].compile).toMatchObject({ optimizer: 'Adam', learningRate: 0.01, metrics: ['accuracy'] });
  });
});

it("tfjs's gelu_new (the tanh approximation) is refused with the reason, not read as Keras' gelu", async () => {
  const { json } = await saved(sequentialModel());
  const r = importModelValue(JSON.parse(JSON.stringify(json).replace('"hard_sigmoid"', '"gelu_new"')), 'model.json');
  expect(r.ok).toBe(false);
  expect(r.issues[0].message).toMatch(/cannot read "gelu_new" \(gelu_new is the tanh approximation of gelu/);
});
