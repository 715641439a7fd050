/**
 * The seed's custom-layer examples as templates: analysed with the project's custom kinds,
 * compiled with the approved runtime (as the worker does), trained, and checked against
 * real Keras running the exported class.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze';
import { compile } from '../engine/compile';
import { customDefs, kindsFor } from '../engine/custom/kind';
import { customClassPython } from '../engine/custom/python';
import { approvedRuntime } from '../engine/custom/tfjsLayer';
import { summary } from '../engine/summary';
import { parseProject } from '../engine/doc';
import { kerasPython, runKeras } from '../testing/python';
import { customDense } from './custom_dense';
import { CUSTOM_RNN, customRnn } from './custom_rnn';
import { mnistModel } from './mnist_model';

tf.setBackend('cpu');

const totalOf = (doc: ReturnType<typeof customDense>) => {
  const a = analyze(doc, kindsFor(doc));
  expect(a.issues.filter((i) => i.severity === 'error')).toEqual([]);
  const t = a.models[doc.main].totals;
  return t.trainable + t.nonTrainable;
};

describe('custom_dense template', () => {
  it('has the param count of Dense(10) on 4 inputs (50) and prints its summary', () => {
    const doc = customDense();
    expect(totalOf(doc)).toBe(4 * 10 + 10);
    expect(summary(doc, doc.main, undefined, kindsFor(doc))).toContain('(CustomDense)');
  });

  it('is refused by compile until its code is approved, then trains', async () => {
    const doc = customDense();
    const refused = compile(doc, doc.main, tf, { kinds: kindsFor(doc, approvedRuntime([])) });
    expect(refused.model).toBeNull();
    expect(refused.issues.map((i) => i.message).join('\n')).toContain('CustomDense runs custom code that is not approved');

    const { model, issues } = compile(doc, doc.main, tf, { kinds: kindsFor(doc, approvedRuntime(['CustomDense'])) });
    expect(issues).toEqual([]);
    model!.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
    const xs = tf.randomNormal([128, 4], 0, 1, 'float32', 3);
    const ys = tf.matMul(xs, tf.randomNormal([4, 10], 0, 1, 'float32', 4));
    const h = await model!.fit(xs, ys, { epochs: 15, batchSize: 32, verbose: 0 });
    const loss = h.history.loss as number[];
    expect(loss.at(-1)!).toBeLessThan(loss[0] / 3);
  });

  it('analysing a project never runs its custom code', () => {
    const doc = customDense();
    const hostile = { ...doc, custom: { CustomDense: { ...customDefs(doc).CustomDense, call: 'globalThis.__ran = true; return inputs;' } } };
    analyze(hostile, kindsFor(hostile));
    summary(hostile, hostile.main, undefined, kindsFor(hostile));
    compile(hostile, hostile.main, tf, { kinds: kindsFor(hostile) });
    expect((globalThis as Record<string, unknown>).__ran).toBeUndefined();
  });

  it('a plain project has only the built-in kinds', () => {
    const doc = mnistModel();
    expect(kindsFor(doc)).toBe(kindsFor(mnistModel()));
  });
});

describe('custom_rnn template (mixed styles, static batch size)', () => {
  it('counts the 2 projections and the held functional classifier after Conv1D(32, 3)', () => {
    const doc = customRnn();
    const a = analyze(doc, kindsFor(doc));
    const model = a.models[doc.main];
    const out = model.nodes[model.outputs[0].node].outputShapes[0];
    expect(out).toEqual([16, 1]);
    const classifier = Object.values(doc.models).find((m) => m.name === 'classifier')!;
    expect(a.models[classifier.id].totals.trainable).toBe(33);
    expect(totalOf(doc)).toBe(5 * 3 * 32 + 32 + (32 * 32 + 32) * 2 + 33);
  });

  it('runs call in tfjs through the held model, and trains the held model\'s weights too', async () => {
    const doc = customRnn();
    const { model, issues } = compile(doc, doc.main, tf, { kinds: kindsFor(doc, approvedRuntime(['CustomRNN'])) });
    expect(issues).toEqual([]);
    expect(model!.countParams()).toBe(totalOf(doc));
    const xs = tf.randomNormal([32, 10, 5], 0, 1, 'float32', 5);
    expect((model!.predict(xs.slice(0, 16)) as tf.Tensor).shape).toEqual([16, 1]);
    const ys = tf.randomNormal([32, 1], 0, 1, 'float32', 6);
    const classifierKernel = model!.layers.at(-1)!.trainableWeights.at(-2)!;
    const before = classifierKernel.read().dataSync().slice();
    model!.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
    await model!.fit(xs, ys, { epochs: 1, batchSize: 16, verbose: 0 });
    expect(classifierKernel.name).toMatch(/dense/);
    expect(classifierKernel.read().dataSync()).not.toEqual(before);
  });

  it.skipIf(!kerasPython)('matches real Keras running the exported class', () => {
    const script = [
      'import numpy as np, keras',
      'from keras import layers, ops',
      'features = keras.Input((None, 32))',
      'classifier = keras.Model(features, layers.Dense(1)(layers.GlobalAveragePooling1D()(features)))',
      customClassPython(CUSTOM_RNN),
      'inputs = keras.Input(batch_shape=(16, 10, 5))',
      'x = layers.Conv1D(32, 3)(inputs)',
      'outputs = CustomRNN()(x)',
      'model = keras.Model(inputs, outputs)',
      'print(model.count_params(), tuple(model.output.shape))',
    ].join('\n');
    const out = runKeras(script).trim();
    expect(out).toBe(`${totalOf(customRnn())} (16, 1)`);
  });
});

describe('custom layers round-trip', () => {
  it('a project file keeps the definition exactly', () => {
    const doc = customRnn();
    const parsed = parseProject(JSON.parse(JSON.stringify(doc)));
    expect(parsed.errors).toEqual([]);
    expect(parsed.doc!.custom).toEqual(doc.custom);
    expect(totalOf(parsed.doc!)).toBe(totalOf(doc));
  });

  it('tfjs model.json + weights reload with the registered class, same config and predictions', async () => {
    const doc = customDense();
    const { model } = compile(doc, doc.main, tf, { kinds: kindsFor(doc, approvedRuntime(['CustomDense'])) });
    let saved: tf.io.ModelArtifacts | undefined;
    await model!.save(tf.io.withSaveHandler(async (a) => ((saved = a), { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } })));
    const layerJson = JSON.stringify(saved!.modelTopology);
    expect(layerJson).toContain('"class_name":"CustomDense"');
    expect(layerJson).toContain('"units":10');
    const reloaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
    const x = tf.randomNormal([3, 4], 0, 1, 'float32', 9);
    const diff = tf.max(tf.abs(tf.sub(model!.predict(x) as tf.Tensor, reloaded.predict(x) as tf.Tensor))).dataSync()[0];
    expect(diff).toBeLessThan(1e-6);
    expect(reloaded.layers[1].getConfig()).toMatchObject({ units: 10 });
  });
});
