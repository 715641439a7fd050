/**
 * Fine-tuning with real tfjs: a model starts from given (imported) weights, some layers frozen
 * (trainable = False); after fit the frozen layers' weights are bit-identical — a frozen
 * BatchNormalization's moving statistics included, as Keras 3 runs it in inference mode — and
 * the trainable ones changed.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProjectBuilder } from '../build';
import { compile, readWeights, setWeights } from '../compile';
import { setTrainable } from '../edit/layers';
import type { WeightSet } from '../weights';
import { resolveCompile } from './compileSpec';
import { syntheticSplits } from './data/synthetic';
import { modelIO } from './modelIO';
import { Trainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function project() {
  const b = new ProjectBuilder('finetune');
  const x = b.input([8, 8, 1]);
  let h = b.layer('Conv2D', { filters: 4, kernel_size: 3, activation: 'relu' }, 'base_conv').call(x);
  h = b.layer('BatchNormalization', {}, 'base_bn').call(h);
  h = b.layer('Flatten', {}, 'flatten').call(h);
  h = b.layer('Dense', { units: 8, activation: 'relu' }, 'head_dense').call(h);
  h = b.layer('BatchNormalization', {}, 'head_bn').call(h);
  const y = b.layer('Dense', { units: 3 }, 'out').call(h);
  b.model('finetune', [x], [y]);
  return b.build();
}

describe('fine-tuning keeps frozen weights', () => {
  it('frozen layers (a BatchNormalization too) are bit-identical after fit; trainable ones change', async () => {
    let doc = project();
    const id = (name: string) => Object.values(doc.layers).find((l) => l.name === name)!.id;
    // The "imported" weights: a first model's weights, given to the fine-tuned one.
    const pre = compile(doc, doc.main, tf);
    const imported: WeightSet = readWeights(pre.layers);
    for (const name of ['base_conv', 'base_bn']) doc = setTrainable(doc, id(name), false);

    const built = compile(doc, doc.main, tf, { weights: imported });
    expect(built.issues).toEqual([]);
    const model = built.model!;
    expect(readWeights(built.layers)).toEqual(imported);
    const io = modelIO(model);
    const { spec } = resolveCompile({ optimizer: 'Adam', learningRate: 0.05, loss: { out: { name: 'sparse_categorical_crossentropy', fromLogits: true, weight: 1 } }, metrics: [] }, io.outputs);
    const trainer = new Trainer({ tf, model, spec: spec!, readWeights: () => readWeights(built.layers), writeWeights: (w) => void setWeights(doc, built.layers, w, tf) });
    const data = syntheticSplits(io, spec!.outputs, { count: 96, seed: 5 });
    const r = await trainer.fit({ train: data.train }, { epochs: 3, batchSize: 16, validationSplit: 0, shuffle: true, patience: 0, restoreBest: false });
    expect(r.status).toBe('completed');

    const after = readWeights(built.layers);
    const same = (name: string) => after[id(name)].every((t, i) => t.data.every((v, j) => Object.is(v, imported[id(name)][i].data[j])));
    expect(same('base_conv')).toBe(true);
    // gamma, beta, moving_mean, moving_variance: all four untouched.
    expect(after[id('base_bn')].length).toBe(4);
    expect(same('base_bn')).toBe(true);
    expect(same('head_dense')).toBe(false);
    expect(same('out')).toBe(false);
    // An unfrozen BatchNormalization learns gamma/beta and updates its moving statistics.
    for (let i = 0; i < 4; i++) expect(Array.from(after[id('head_bn')][i].data)).not.toEqual(Array.from(imported[id('head_bn')][i].data));
    trainer.dispose();
  });
});
