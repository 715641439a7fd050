/**
 * Bullets of the import/export issue that the other suites do not reach, judged by tfjs:
 * the tfjs export's training config (optimizer, losses, loss weights, metrics) and its way back;
 * the tf.keras 2 / tfjs numbering of nested-model calls (the built-in node counted everywhere);
 * Keras 3 call kwargs (a mask tensor is dropped with a warning, other tensors refused); an
 * explicit Bidirectional backward_layer (mirrored accepted, differing refused).
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { ProjectBuilder } from '../build';
import type { CompileConfig, ProjectDoc } from '../doc';
import { TEMPLATES } from '../../templates';
import { importModelValue } from './importModel';
import { kerasModelObject, legacyNestedRef } from './kerasJson';
import { exportTfjs } from './tfjsModel';
import { extraModels } from './fixtures/models';
import { validKeras3 } from './fixtures/valid';
import { fastInit, maxDiff, sampleInputs, tfjsPredict, setWeightsByName, weightsByName } from './fixtures/judge';

tf.setBackend('cpu');
type Json = Record<string, any>;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));
const total = (doc: ProjectDoc) => {
  const t = analyze(doc).models[doc.main].totals;
  return t.trainable + t.nonTrainable;
};

describe('tfjs export: training config', () => {
  it('carries optimizer, losses, loss weights and metrics; tf.loadLayersModel compiles with them; import restores them', async () => {
    const b = new ProjectBuilder('two_heads');
    const x = b.input([5], { name: 'x' });
    const h = b.layer('Dense', { units: 4, activation: 'relu' }).call(x);
    b.model('two_heads', [x], [b.layer('Dense', { units: 3 }, 'kind').call(h), b.layer('Dense', { units: 1 }, 'score').call(h)]);
    const compile: CompileConfig = {
      optimizer: 'RMSprop',
      learningRate: 0.002,
      loss: { kind: { name: 'sparse_categorical_crossentropy', fromLogits: true, weight: 1 }, score: { name: 'mean_squared_error', fromLogits: false, weight: 0.25 } },
      metrics: ['accuracy'],
    };
    const base = b.build();
    const doc: ProjectDoc = { ...base, models: { ...base.models, [base.main]: { ...base.models[base.main], compile } } };
    const exp = await exportTfjs(doc, doc.main, tf);
    expect(exp.issues).toEqual([]);
    const files = new Map(exp.files.map((f) => [f.name, f.bytes]));
    const json = JSON.parse(new TextDecoder().decode(files.get('model.json')));
    expect(json.trainingConfig).toMatchObject({
      loss: { kind: 'sparse_categorical_crossentropy', score: 'mean_squared_error' },
      metrics: ['accuracy'],
      optimizer_config: { class_name: 'RMSProp', config: { learningRate: 0.002 } },
    });
    expect(json.userDefinedMetadata.layerflow.compile).toEqual(compile); // loss weights and from_logits, which trainingConfig cannot hold

    const loaded = await tf.loadLayersModel(tf.io.fromMemory({ ...json, weightSpecs: json.weightsManifest[0].weights, weightData: files.get('group1-shard1of1.bin')!.slice().buffer }));
    expect(loaded.optimizer?.getClassName()).toBe('RMSProp');
    expect(loaded.loss).toEqual({ kind: 'sparseCategoricalCrossentropy', score: 'meanSquaredError' });

    const back = importModelValue(json, 'model.json', { bins: new Map(files) });
    expect(back.ok && back.doc.models[back.doc.main].compile).toEqual(compile);
    // Without Layerflow's metadata the trainingConfig alone is read: no loss weights or from_logits there.
    delete json.userDefinedMetadata;
    const plain = importModelValue(json, 'model.json', { bins: new Map(files) });
    expect(plain.ok && plain.doc.models[plain.doc.main].compile).toEqual({
      ...compile,
      loss: { kind: { ...compile.loss.kind, fromLogits: false }, score: { ...compile.loss.score, weight: 1 } },
    });
  });
});

/** The legacy export rewritten as tf.keras 2 and tfjs number nested calls: each once, call k as node k + 1. */
function countedForm(legacy: Json): Json {
  const out = clone(legacy);
  const fix = (m: Json) => {
    const nested = new Set<string>();
    for (const l of m.config.layers)
      if (l.class_name === 'Functional') {
        nested.add(l.name);
        l.inbound_nodes = l.inbound_nodes.filter((_: unknown, i: number) => i % 2 === 0);
        fix(l);
      }
    const ref = (r: [string, number, number]) => {
      if (nested.has(r[0])) r[1] = (r[1] - legacyNestedRef(0)) / 2 + 1;
    };
    for (const l of m.config.layers) for (const n of l.inbound_nodes) for (const r of n) ref(r);
    m.config.output_layers.forEach(ref);
  };
  fix(out);
  return out;
}

describe('nested models in the tf.keras 2 / tfjs numbering (built-in node counted everywhere)', () => {
  const cases: [string, () => ProjectDoc][] = [
    ['autoencoder_nested', TEMPLATES.autoencoder_nested.build],
    ['ensemble', TEMPLATES.ensemble.build],
    ['nested_frozen (shared inner model)', extraModels.nested_frozen],
    ['nested_deep (two levels, each called twice)', extraModels.nested_deep],
  ];
  it.each(cases)('%s: tfjs loads it, Layerflow imports it with equal totals and predictions', async (_name, build) => {
    const doc = fastInit(build());
    const inputs = sampleInputs(doc, doc.main);
    const { outputs, weights } = tfjsPredict(doc, doc.main, inputs);
    const counted = countedForm(kerasModelObject(doc, doc.main, 'legacy'));
    const model = (await tf.models.modelFromJSON({ modelTopology: counted })) as tf.LayersModel;
    const byName = weightsByName(doc, weights);
    setWeightsByName(model, byName);
    const ys = model.predict(inputs.map((s) => tf.tensor(s.data, s.shape, s.dtype)));
    expect(maxDiff((Array.isArray(ys) ? ys : [ys]).map((y) => Array.from(y.dataSync())), outputs)).toBeLessThan(1e-6);

    const r = importModelValue(counted, 'counted.json');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    expect(Object.keys(r.doc.models).length).toBe(Object.keys(doc.models).length);
    expect(total(r.doc)).toBe(total(doc));
    const byNameBack = Object.fromEntries(Object.values(r.doc.layers).map((l) => [l.id, byName[l.name]?.map((t) => ({ shape: t.shape, data: Float32Array.from(t.data) })) ?? []]));
    expect(maxDiff(tfjsPredict(r.doc, r.doc.main, inputs, byNameBack).outputs, outputs)).toBeLessThan(1e-6);
  });
});

describe('Keras 3 call kwargs and explicit backward layers', () => {
  const tensorOf = (layer: string) => ({ class_name: '__keras_tensor__', config: { shape: [null, 8], dtype: 'float32', keras_history: [layer, 0, 0] } });
  const dense1 = (m: Json) => m.config.layers.find((l: Json) => l.name === 'dense_1');

  it('a mask tensor in kwargs is dropped with a warning; another tensor kwarg is refused', () => {
    const masked = clone(validKeras3()) as Json;
    dense1(masked).inbound_nodes[0].kwargs = { mask: tensorOf('a') };
    const r = importModelValue(masked, 'masked.json');
    expect(r.ok).toBe(true);
    expect(r.issues.some((i) => i.severity === 'warning' && /the mask tensor is not modelled and was dropped/.test(i.message))).toBe(true);
    const other = clone(validKeras3()) as Json;
    dense1(other).inbound_nodes[0].kwargs = { context: tensorOf('a') };
    const refused = importModelValue(other, 'other.json');
    expect(refused.ok).toBe(false);
    expect(refused.issues[0].message).toMatch(/keyword argument "context" carries a tensor/);
  });

  it('Bidirectional with an explicit backward_layer: the mirrored layer imports, a different one is refused', () => {
    const doc = extraModels.wrappers();
    const file = kerasModelObject(doc, doc.main, 'keras3') as Json;
    const bi = file.config.layers.find((l: Json) => l.class_name === 'Bidirectional');
    const forward = bi.config.layer;
    bi.config.backward_layer = { ...clone(forward), config: { ...clone(forward.config), name: 'backward_lstm', go_backwards: true } };
    const r = importModelValue(clone(file), 'bi.json');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    expect(total(r.doc)).toBe(total(doc));
    bi.config.backward_layer.config.units = forward.config.units + 1;
    const refused = importModelValue(file, 'bi.json');
    expect(refused.ok).toBe(false);
    expect(refused.issues[0].message).toMatch(/backward_layer that differs from its forward layer/);
  });
});
