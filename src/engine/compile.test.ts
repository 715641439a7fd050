import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { ProjectBuilder } from './build';
import { compile, readWeights } from './compile';
import type { ProjectDoc } from './doc';
import { TEMPLATES } from '../templates';
import { SEED_TOTALS } from '../templates/seedTotals';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const idOf = (doc: ProjectDoc, name: string) => Object.values(doc.models).find((m) => m.name === name)!.id;

/** A batch of 2 for each input: small ints for int inputs (embeddings), ones otherwise. */
function batch(model: tf.LayersModel): tf.Tensor[] {
  return model.inputs.map((i) => {
    const shape = i.shape.map((d, k) => (k === 0 ? 2 : (d ?? 5)));
    return i.dtype === 'int32' ? tf.fill(shape, 3, 'int32') : tf.ones(shape);
  });
}

describe.each(Object.entries(SEED_TOTALS))('compile %s', (name, totals) => {
  it.each(Object.entries(totals))('%s: tfjs counts the same params and predicts', (model, total) => {
    const doc = TEMPLATES[name].build();
    const r = compile(doc, idOf(doc, model), tf);
    expect(r.issues).toEqual([]);
    expect(r.model!.name).toBe(model);
    expect(r.model!.countParams()).toBe(total);
    expect(analyze(doc).models[idOf(doc, model)].totals.trainable).toBe(total);
    const ys = [r.model!.predict(batch(r.model!))].flat() as tf.Tensor[];
    const a = analyze(doc).models[idOf(doc, model)];
    ys.forEach((y, i) => {
      const want = a.nodes[a.outputs[i].node].outputShapes[a.outputs[i].output];
      expect(y.shape.slice(1)).toEqual(want.slice(1).map((d) => d ?? 5));
    });
  });
});

describe('compile: one tfjs object per layer and per nested model', () => {
  it('reuses one layer for both calls of a shared layer', () => {
    const doc = TEMPLATES.shared_embedding.build();
    const r = compile(doc, doc.main, tf);
    expect(r.layers.size).toBe(1);
    expect(r.model!.layers.filter((l) => l.getClassName() === 'Embedding')).toHaveLength(1);
    expect(r.model!.countParams()).toBe(128000);
  });

  it('calls one tfjs model per nested model', () => {
    const doc = TEMPLATES.autoencoder_nested.build();
    const r = compile(doc, doc.main, tf);
    expect(r.model!.layers.map((l) => l.name)).toEqual(['img', 'encoder', 'decoder']);
    // Every non-Input layer of encoder and decoder, once; Inputs are tf.input tensors.
    expect(r.layers.size).toBe(Object.values(doc.layers).filter((l) => l.kind !== 'InputLayer').length);
  });
});

describe('compile: weights', () => {
  it('reads weights out and sets them into a fresh build, giving the same predictions', () => {
    const doc = TEMPLATES.mnist_model.build();
    const first = compile(doc, doc.main, tf);
    const x = tf.randomNormal([3, 784]);
    const y1 = (first.model!.predict(x) as tf.Tensor).arraySync();
    const weights = readWeights(first.layers);
    const dense = Object.values(doc.layers).find((l) => l.name === 'dense')!;
    expect(weights[dense.id].map((t) => t.shape)).toEqual([[784, 64], [64]]);
    const second = compile(doc, doc.main, tf, { weights });
    expect(second.issues).toEqual([]);
    expect((second.model!.predict(x) as tf.Tensor).arraySync()).toEqual(y1);
  });

  it('refuses mis-shaped weights with a weights issue', () => {
    const doc = TEMPLATES.mnist_model.build();
    const dense = Object.values(doc.layers).find((l) => l.name === 'dense')!;
    const bad = { [dense.id]: [{ shape: [10, 64], data: new Float32Array(640) }, { shape: [64], data: new Float32Array(64) }] };
    const r = compile(doc, doc.main, tf, { weights: bad });
    expect(r.model).toBeNull();
    expect(r.issues.map((i) => [i.code, i.message])).toEqual([['weights', 'dense: weight kernel has shape (784, 64), the weight set gives (10, 64)']]);
  });
});

describe('compile: refusals', () => {
  it('returns the analysis errors and no model for an invalid graph', () => {
    const b = new ProjectBuilder('t');
    const x = b.input([32]);
    const y = b.input([64]);
    b.model('m', [x, y], [b.layer('Add').call(x, y)]);
    const doc = b.build();
    const r = compile(doc, doc.main, tf);
    expect(r.model).toBeNull();
    expect(r.issues.map((i) => i.code)).toEqual(['shape-mismatch']);
  });

  it('says so when tfjs 4.22 lacks an option (Conv3D groups)', () => {
    const b = new ProjectBuilder('t');
    const x = b.input([8, 8, 8, 4]);
    b.model('m', [x], [b.layer('Conv3D', { filters: 4, kernel_size: 3, groups: 2 }).call(x)]);
    const doc = b.build();
    const r = compile(doc, doc.main, tf);
    expect(r.model).toBeNull();
    expect(r.issues.map((i) => i.code)).toEqual(['unsupported-tfjs']);
    expect(r.issues[0].message).toMatch(/^conv3d: tfjs 4\.22 .*groups=2/);
  });
});
