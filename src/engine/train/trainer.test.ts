/** The training loop on its own: no tensor leaks across epochs and predictions, early stopping, best weights. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ProjectBuilder } from '../build';
import { compile, readWeights, setWeights } from '../compile';
import { resolveCompile } from './compileSpec';
import { syntheticSplits } from './data/synthetic';
import { modelIO } from './modelIO';
import { predict } from './predict';
import { Trainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function setup(outputs: 'classifier' | 'regression') {
  const b = new ProjectBuilder('small');
  const x = b.input([6]);
  const h = b.layer('Dense', { units: 8, activation: 'relu' }).call(x);
  const y = b.layer('Dense', { units: outputs === 'classifier' ? 3 : 1 }, 'out').call(h);
  b.model('small', [x], [y]);
  const doc = b.build();
  const built = compile(doc, doc.main, tf);
  const model = built.model!;
  const io = modelIO(model);
  const loss = outputs === 'classifier' ? 'sparse_categorical_crossentropy' : 'mean_squared_error';
  const { spec } = resolveCompile({ optimizer: 'Adam', learningRate: 0.01, loss: { out: { name: loss, fromLogits: true, weight: 1 } }, metrics: ['accuracy'] }, io.outputs);
  const trainer = new Trainer({ tf, model, spec: spec!, readWeights: () => readWeights(built.layers), writeWeights: (w) => void setWeights(doc, built.layers, w, tf) });
  const data = syntheticSplits(io, spec!.outputs, { count: 256, seed: 3 });
  return { model, spec: spec!, trainer, data, layers: built.layers };
}

describe('Trainer', () => {
  it('keeps tf.memory().numTensors constant across epochs and repeated predictions', async () => {
    const { model, spec, trainer, data } = setup('classifier');
    const counts: number[] = [];
    await trainer.fit({ train: data.train }, { epochs: 4, batchSize: 32, validationSplit: 0.25, shuffle: true, patience: 0, restoreBest: false }, { onEpochEnd: () => void counts.push(tf.memory().numTensors) });
    expect(counts.length).toBe(4);
    expect(new Set(counts).size).toBe(1);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) await predict(tf, model, spec, data.test!.inputs, [0, 1, 2, 3]);
    await trainer.evaluate(data.test!);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('evaluates to the mean loss the batches report, and the model learns', async () => {
    const { trainer, data } = setup('classifier');
    const before = await trainer.evaluate(data.train);
    const r = await trainer.fit({ train: data.train }, { epochs: 30, batchSize: 32, validationSplit: 0, shuffle: true, patience: 0, restoreBest: false });
    const after = await trainer.evaluate(data.train);
    expect(r.status).toBe('completed');
    expect(after.loss).toBeLessThan(before.loss);
    expect(Object.keys(after)).toEqual(['loss', 'accuracy']);
  });

  it('shuffles in a new order every fit unless given a seed (Keras draws each run\'s order anew)', async () => {
    const start = setup('classifier').model.getWeights();
    const firstLoss = async (seed?: number) => {
      const { model, trainer, data } = setup('classifier');
      model.setWeights(start);
      const r = await trainer.fit({ train: data.train }, { epochs: 1, batchSize: 16, validationSplit: 0, shuffle: true, patience: 0, restoreBest: false, seed });
      return r.history[0].loss;
    };
    expect(await firstLoss(7)).toBe(await firstLoss(7));
    expect(await firstLoss()).not.toBe(await firstLoss());
  });

  it('stops early when the validation loss stops improving and restores the best weights', async () => {
    const { trainer, data, layers } = setup('regression');
    const epochs: { epoch: number; val: number; best: boolean }[] = [];
    let bestWeights = readWeights(layers);
    // Random targets: the validation loss soon stops improving.
    const r = await trainer.fit({ train: data.train }, { epochs: 200, batchSize: 16, validationSplit: 0.3, shuffle: true, patience: 3, restoreBest: true }, {
      onEpochEnd: (e) => {
        epochs.push({ epoch: e.epoch, val: e.logs.val_loss, best: e.best });
        if (e.best) bestWeights = readWeights(layers);
      },
    });
    expect(r.status).toBe('early-stopped');
    expect(r.epochsDone).toBeLessThan(200);
    const bestEpoch = epochs.filter((e) => e.best).at(-1)!;
    expect(r.epochsDone - bestEpoch.epoch).toBe(3);
    expect(Math.min(...epochs.map((e) => e.val))).toBe(bestEpoch.val);
    const now = readWeights(layers);
    for (const id of Object.keys(now)) now[id].forEach((t, i) => expect(Array.from(t.data)).toEqual(Array.from(bestWeights[id][i].data)));
  });
});
