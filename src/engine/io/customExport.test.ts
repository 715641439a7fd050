/**
 * Custom layers in Keras JSON (both forms), .keras and tfjs files, judged by the real things:
 * Keras 3 loads them with custom_objects built from the generated Python class (custom/python.ts)
 * and counts and predicts what tfjs predicts with the project's own class (custom/tfjsLayer.ts);
 * tfjs loads the legacy JSON and the tfjs export with that class registered. Imported back, a
 * class the project defines maps to its definition (also from a file Keras itself re-saved);
 * one it does not define is refused by name.
 */
import * as tf from '@tensorflow/tfjs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { ProjectBuilder } from '../build';
import { compile, readWeights } from '../compile';
import { CUSTOM_DENSE, type CustomLayerDef } from '../custom/definition';
import { customDefs, kindsFor } from '../custom/kind';
import { customClassPython } from '../custom/python';
import { customLayerClass, tfjsCustomRuntime } from '../custom/tfjsLayer';
import type { ProjectDoc } from '../doc';
import type { WeightSet } from '../weights';
import { kerasPython, runKeras } from '../../testing/python';
import { customRnn } from '../../templates/custom_rnn';
import { customDense } from '../../templates/custom_dense';
import { exportModel } from './exportFormats';
import { importFileSet, importModelValue } from './importModel';
import { readKerasFile } from './kerasFile';
import { kerasModelObject } from './kerasJson';
import { PY_PRELUDE, maxDiff, sampleInputs, tmp, weightsByName, writeJson, type Sample } from './fixtures/judge';

tf.setBackend('cpu');

/** Two inputs (one list argument, as the Python class takes them), a float param and a weight. */
const SCALED_SUM: CustomLayerDef = {
  className: 'ScaledSum',
  doc: '(a + b) · alpha · scale',
  inputs: { min: 2, max: 2 },
  params: [{ name: 'scale', type: 'float', default: 1.5 }],
  weights: [{ name: 'alpha', shape: ['input[-1]'], initializer: 'random_normal', trainable: true }],
  outputShape: ['input[:]'],
  call: 'const { tf } = ctx;\nconst [a, b] = inputs;\nreturn tf.mul(tf.mul(tf.add(a, b), ctx.weights.alpha), ctx.params.scale);',
  pythonCall: 'return (inputs[0] + inputs[1]) * self.alpha * self.scale',
};

function mixed(): ProjectDoc {
  const b = new ProjectBuilder('mixed_custom');
  b.defineCustom(CUSTOM_DENSE);
  b.defineCustom(SCALED_SUM);
  const x = b.input([6], { name: 'x' });
  const cd = b.layer('CustomDense', { units: 5 });
  const h = cd.call(b.layer('Dense', { units: 6, activation: 'tanh' }).call(x));
  const s = b.layer('ScaledSum', { scale: 0.5 }).call(h, cd.call(b.layer('Dense', { units: 6 }).call(x)));
  b.model('mixed_custom', [x], [b.layer('Dense', { units: 2 }).call(s)]);
  return b.build();
}

const CASES: Record<string, () => ProjectDoc> = { custom_dense: customDense, mixed_custom: mixed };
/** The seed's CustomRNN holds the functional classifier: Keras 3 forms only (tfjs cannot rebuild such a layer), input batch fixed at 16. */
const KERAS_CASES: Record<string, { build: () => ProjectDoc; forms: string[]; batch: number }> = {
  ...Object.fromEntries(Object.entries(CASES).map(([n, build]) => [n, { build, forms: ['keras3', 'legacy', 'keras', 'initial'], batch: 2 }])),
  custom_rnn: { build: customRnn, forms: ['keras3', 'keras', 'initial'], batch: 16 },
};
const TOTAL = (doc: ProjectDoc) => {
  const t = analyze(doc).models[doc.main].totals;
  return t.trainable + t.nonTrainable;
};

/** Predict with the project's own tfjs classes (what the worker runs). */
function predict(doc: ProjectDoc, inputs: Sample[], weights?: WeightSet): { outputs: number[][]; weights: WeightSet } {
  const built = compile(doc, doc.main, tf, { weights, kinds: kindsFor(doc, tfjsCustomRuntime) });
  if (!built.model) throw new Error(built.issues.map((i) => i.message).join('; '));
  const xs = inputs.map((s) => tf.tensor(s.data, s.shape, s.dtype));
  const ys = built.model.predict(xs.length === 1 ? xs[0] : xs);
  const outputs = (Array.isArray(ys) ? ys : [ys]).map((y) => Array.from(y.dataSync()));
  const w = weights ?? readWeights(built.layers);
  built.model.dispose();
  return { outputs, weights: w };
}

async function tfjsOutputs(model: tf.LayersModel, inputs: Sample[]): Promise<number[][]> {
  const xs = inputs.map((s) => tf.tensor(s.data, s.shape, s.dtype));
  const ys = model.predict(xs.length === 1 ? xs[0] : xs);
  return (Array.isArray(ys) ? ys : [ys]).map((y) => Array.from(y.dataSync()));
}

describe('custom layers export: tfjs loads the legacy JSON and the tfjs export', () => {
  it.each(Object.keys(CASES))('%s', async (name) => {
    const doc = CASES[name]();
    for (const def of Object.values(customDefs(doc))) expect(typeof customLayerClass(def, tf)).toBe('function');
    const inputs = sampleInputs(doc, doc.main);
    const { outputs, weights } = predict(doc, inputs);

    const legacy = (await tf.models.modelFromJSON({ modelTopology: kerasModelObject(doc, doc.main, 'legacy') as tf.io.ModelJSON['modelTopology'] })) as tf.LayersModel;
    const byName = weightsByName(doc, weights);
    for (const l of legacy.layers) if (byName[l.name]) l.setWeights(byName[l.name].map((t) => tf.tensor(t.data, t.shape)));
    expect(legacy.countParams()).toBe(TOTAL(doc));
    expect(maxDiff(await tfjsOutputs(legacy, inputs), outputs)).toBeLessThan(1e-6);

    // The tfjs export is written on the main thread (declared layers, no custom code run).
    const exp = await exportModel(doc, doc.main, 'tfjs', tf, { weights });
    expect(exp.issues).toEqual([]);
    const files = new Map(exp.files.map((f) => [f.name, f.bytes]));
    const json = JSON.parse(new TextDecoder().decode(files.get('model.json')));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory({ ...json, weightSpecs: json.weightsManifest[0].weights, weightData: files.get('group1-shard1of1.bin')!.slice().buffer }));
    expect(maxDiff(await tfjsOutputs(loaded, inputs), outputs)).toBeLessThan(1e-6);
    // ...and imports back into a project that defines the classes, weights by manifest name.
    const back = await importFileSet(exp.files, undefined, customDefs(doc));
    if (!back.ok) throw new Error(back.issues.map((i) => i.message).join('; '));
    expect(TOTAL(back.doc)).toBe(TOTAL(doc));
    expect(maxDiff(predict(back.doc, inputs, back.weights!).outputs, outputs)).toBeLessThan(1e-6);
  });

  it('a custom layer holding a project model is refused for the tfjs and legacy forms, with the reason', async () => {
    const doc = customRnn();
    for (const format of ['tfjs', 'keras2'] as const) {
      const r = await exportModel(doc, doc.main, format, tf);
      expect(r.files).toEqual([]);
      expect(r.issues.map((i) => i.message).join('\n')).toMatch(/CustomRNN layer holding the model "classifier": tfjs cannot rebuild it.*export Keras 3 JSON or \.keras/);
    }
  });
});

describe('custom layers import back', () => {
  it('maps classes the project defines, refuses others by name (like safe_mode)', async () => {
    const doc = mixed();
    const defs = customDefs(doc);
    for (const form of ['keras3', 'legacy'] as const) {
      const file = () => JSON.parse(JSON.stringify(kerasModelObject(doc, doc.main, form)));
      const r = importModelValue(file(), 'm.json', null, defs);
      if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
      expect(Object.keys(r.doc.custom ?? {}).sort()).toEqual(['CustomDense', 'ScaledSum']);
      expect(Object.values(r.doc.layers).find((l) => l.kind === 'ScaledSum')!.params).toEqual({ scale: 0.5 });
      expect(TOTAL(r.doc)).toBe(TOTAL(doc));
      const none = importModelValue(file(), 'm.json');
      expect(none.ok).toBe(false);
      expect(none.issues[0].message).toMatch(/class "CustomDense", which Layerflow does not know/);
      // A registered_name with a package prefix maps too; a module outside Keras only when the project defines the class.
      const pkg = file();
      const entry = pkg.config.layers.find((l: { class_name: string }) => l.class_name === 'ScaledSum');
      Object.assign(entry, { module: 'my_layers', registered_name: 'MyPackage>ScaledSum' });
      expect(importModelValue(pkg, 'pkg.json', null, defs).ok).toBe(true);
      const refused = importModelValue(pkg, 'pkg.json', null, { CustomDense: defs.CustomDense });
      expect(refused.ok || refused.issues[0].code).toBe('unsafe');
    }
  });
});

describe.skipIf(!kerasPython)('Keras 3 loads custom layers with custom_objects', () => {
  const verdicts: Record<string, Record<string, [number, number] | string>> = {};
  const expected: Record<string, { outputs: number[][]; weights: WeightSet; inputs: Sample[] }> = {};
  let root = '';
  let classifier = '';
  beforeAll(async () => {
    root = tmp('kc');
    const classes = new Map<string, string>();
    for (const [name, { build, batch }] of Object.entries(KERAS_CASES)) {
      const doc = build();
      for (const def of Object.values(customDefs(doc))) classes.set(def.className, customClassPython(def));
      const held = Object.values(doc.models).find((m) => m.name === 'classifier');
      if (held) classifier = JSON.stringify(kerasModelObject(doc, held.id, 'keras3'));
      const dir = join(root, name);
      mkdirSync(dir);
      const inputs = sampleInputs(doc, doc.main, batch);
      const { outputs, weights } = predict(doc, inputs);
      expected[name] = { outputs, weights, inputs };
      writeJson(dir, 'keras3.json', kerasModelObject(doc, doc.main, 'keras3'));
      if (!held) writeJson(dir, 'legacy.json', kerasModelObject(doc, doc.main, 'legacy'));
      writeJson(dir, 'weights.json', weightsByName(doc, weights));
      writeJson(dir, 'inputs.json', inputs);
      writeJson(dir, 'expected.json', outputs);
      const keras = await exportModel(doc, doc.main, 'keras', tf, { weights });
      expect(keras.issues).toEqual([]);
      writeFileSync(join(dir, 'model.keras'), keras.files[0].bytes);
      // Without trained weights the .keras file carries initial weights drawn on the main thread.
      const initial = await exportModel(doc, doc.main, 'keras', tf);
      expect(initial.issues).toEqual([]);
      writeFileSync(join(dir, 'initial.keras'), initial.files[0].bytes);
    }
    const out = runKeras(
      `${PY_PRELUDE}
import os, traceback
from keras import layers, ops
${[...classes.values()].join('\n\n')}
custom_objects = {${[...classes.keys()].map((c) => `${JSON.stringify(c)}: ${c}`).join(', ')}}
# CustomRNN holds the classifier model, which its class takes from the script (as the seed's does): build it first.
classifier = keras.models.model_from_json(${JSON.stringify(classifier)})
root = ${JSON.stringify(root)}
res = {}
for name in sorted(os.listdir(root)):
    d = os.path.join(root, name); r = res[name] = {}
    xs = inputs_of(d + '/inputs.json'); exp = json.load(open(d + '/expected.json'))
    for form in ['keras3', 'legacy', 'keras', 'initial']:
        if form == 'legacy' and not os.path.exists(d + '/legacy.json'):
            continue
        try:
            if form in ('keras', 'initial'):
                m = keras.models.load_model(d + '/' + ('model' if form == 'keras' else 'initial') + '.keras', custom_objects=custom_objects)
            else:
                m = keras.models.model_from_json(open(d + '/' + form + '.json').read(), custom_objects=custom_objects)
                set_by_name(m, d + '/weights.json')
            r[form] = [m.count_params(), diff(m, xs, exp) if form != 'initial' else 0.0]
            if form == 'keras':
                m.save(d + '/resaved.keras')
        except Exception as e:
            r[form] = traceback.format_exc()[-800:]
print(json.dumps(res))`,
      { timeoutMs: 600_000 },
    );
    Object.assign(verdicts, JSON.parse(out.trim().split('\n').pop()!));
  }, 900_000);

  it.each(Object.keys(KERAS_CASES))('%s: Keras JSON, legacy JSON and .keras load with equal params and predictions', (name) => {
    const total = TOTAL(KERAS_CASES[name].build());
    expect(Object.keys(verdicts[name]).sort()).toEqual([...KERAS_CASES[name].forms].sort());
    for (const form of KERAS_CASES[name].forms) {
      const v = verdicts[name][form];
      expect(typeof v === 'string' ? v : '', `${name} ${form}`).toBe('');
      const [count, diff] = v as [number, number];
      expect(count, `${name} ${form} count_params`).toBe(total);
      expect(diff, `${name} ${form} max abs diff`).toBeLessThan(1e-5);
    }
  });

  it.each(Object.keys(CASES))('%s: the .keras file Keras re-saved imports into a project that defines the classes', async (name) => {
    const doc = CASES[name]();
    const bytes = new Uint8Array(readFileSync(join(root, name, 'resaved.keras')));
    const files = [{ name: 'resaved.keras', bytes }];
    const r = await importFileSet(files, (f, c) => readKerasFile(f.bytes, f.name, c), customDefs(doc));
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
    expect(TOTAL(r.doc)).toBe(TOTAL(doc));
    const { outputs } = predict(r.doc, expected[name].inputs, r.weights!);
    expect(maxDiff(outputs, expected[name].outputs)).toBeLessThan(1e-5);
    const refused = await importFileSet(files, (f, c) => readKerasFile(f.bytes, f.name, c));
    expect(refused.ok).toBe(false);
    expect(refused.issues[0].message).toMatch(/CustomDense/);
  });

  it('custom_rnn re-saved by Keras is refused on import: the file does not describe the model its layer holds', async () => {
    const doc = customRnn();
    const bytes = new Uint8Array(readFileSync(join(root, 'custom_rnn', 'resaved.keras')));
    const r = await importFileSet([{ name: 'resaved.keras', bytes }], (f, c) => readKerasFile(f.bytes, f.name, c), customDefs(doc));
    expect(r.ok).toBe(false);
    expect(r.issues[0].message).toMatch(/CustomRNN, which holds the model "classifier"/);
  });
});
