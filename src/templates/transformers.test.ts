/**
 * The transformer templates in tfjs and in real Keras 3: the text classifier learns on synthetic
 * data (loss falls, no tensor leak); both export to .keras with their weights, and Keras loads the
 * file and predicts what tfjs predicts (MultiHeadAttention and EinsumDense weights land where
 * Keras keeps them); the .keras file and the tfjs model.json import back to the same totals.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../engine/analyze';
import { compile, readWeights, setWeights } from '../engine/compile';
import { resolveCompile } from '../engine/train/compileSpec';
import { syntheticSplits } from '../engine/train/data/synthetic';
import { modelIO } from '../engine/train/modelIO';
import { Trainer } from '../engine/train/trainer';
import { registerSegmentSumKernels } from '../engine/train/segmentSum';
import { writeKerasFile } from '../engine/io/kerasFile';
import { exportTfjs } from '../engine/io/tfjsModel';
import { importFileSet } from '../engine/io/importModel';
import { readKerasFile } from '../engine/io/kerasFile';
import { maxDiff, sampleInputs, tfjsPredict, tmp } from '../engine/io/fixtures/judge';
import { kerasPython, runKeras } from '../testing/python';
import { TEMPLATES } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
  // The app's linear-time Embedding gradient (tfjs cpu loops once per vocabulary entry), as the worker registers it.
  registerSegmentSumKernels(tf);
});

describe('transformer text classifier', () => {
  it('learns on synthetic data: the training loss falls over 4 epochs, tensors do not leak', async () => {
    const doc = TEMPLATES.transformer_classifier.build();
    const built = compile(doc, doc.main, tf);
    if (!built.model) throw new Error(built.issues.map((i) => i.message).join('; '));
    const io = modelIO(built.model);
    const { spec } = resolveCompile({ optimizer: 'Adam', learningRate: 0.003, loss: { label: { name: 'sparse_categorical_crossentropy', fromLogits: false, weight: 1 } }, metrics: ['accuracy'] }, io.outputs);
    const trainer = new Trainer({ tf, model: built.model, spec: spec!, readWeights: () => readWeights(built.layers), writeWeights: (w) => void setWeights(doc, built.layers, w, tf) });
    const data = syntheticSplits(io, spec!.outputs, { count: 128, seed: 5 });
    const losses: number[] = [];
    const tensors: number[] = [];
    await trainer.fit({ train: data.train }, { epochs: 4, batchSize: 16, validationSplit: 0, shuffle: true, patience: 0, restoreBest: false }, {
      onEpochEnd: (e) => {
        losses.push(e.logs.loss);
        tensors.push(tf.memory().numTensors);
      },
    });
    expect(losses.length).toBe(4);
    expect(losses[3]).toBeLessThan(losses[0] * 0.8);
    expect(new Set(tensors.slice(1)).size).toBe(1);
  }, 240_000);
});

describe.skipIf(!kerasPython)('transformer templates in real Keras 3 (skipped without .venv Keras)', () => {
  it.each(['transformer_classifier', 'vit_mnist'])('%s: the exported .keras predicts in Keras what tfjs predicts; .keras and model.json import back', async (name) => {
    const doc = TEMPLATES[name].build();
    const inputs = sampleInputs(doc, doc.main, 2, 7);
    const { outputs, weights } = tfjsPredict(doc, doc.main, inputs);
    const file = await writeKerasFile(doc, doc.main, weights);
    if (!file.bytes) throw new Error(file.issues.map((i) => i.message).join('; '));
    const dir = tmp('tf');
    writeFileSync(join(dir, 'm.keras'), file.bytes);
    writeFileSync(join(dir, 'in.json'), JSON.stringify(inputs));
    const out = runKeras(
      `
import json, numpy as np, keras
m = keras.saving.load_model(${JSON.stringify(join(dir, 'm.keras'))})
xs = [np.array(s["data"], dtype=s["dtype"]).reshape(s["shape"]) for s in json.load(open(${JSON.stringify(join(dir, 'in.json'))}))]
y = m.predict(xs[0] if len(xs) == 1 else xs, verbose=0)
print(json.dumps({"params": m.count_params(), "y": np.asarray(y).reshape(-1).tolist()}))`,
      { timeoutMs: 240_000 },
    );
    const got = JSON.parse(out.trim().split('\n').at(-1)!) as { params: number; y: number[] };
    const totals = analyze(doc).models[doc.main].totals;
    expect(got.params).toBe(totals.trainable + totals.nonTrainable);
    expect(maxDiff([got.y], outputs)).toBeLessThan(1e-4);

    const fromKeras = await importFileSet([{ name: 'm.keras', bytes: new Uint8Array(readFileSync(join(dir, 'm.keras'))) }], (f) => readKerasFile(f.bytes, f.name));
    if (!fromKeras.ok) throw new Error(fromKeras.issues.map((i) => i.message).join('\n'));
    expect(maxDiff(tfjsPredict(fromKeras.doc, fromKeras.doc.main, inputs, fromKeras.weights!).outputs, outputs)).toBeLessThan(1e-5);
    const exp = await exportTfjs(doc, doc.main, tf, weights);
    expect(exp.issues).toEqual([]);
    const fromTfjs = await importFileSet(exp.files);
    if (!fromTfjs.ok) throw new Error(fromTfjs.issues.map((i) => i.message).join('\n'));
    const t = analyze(fromTfjs.doc).models[fromTfjs.doc.main].totals;
    expect(t.trainable + t.nonTrainable).toBe(totals.trainable + totals.nonTrainable);
    expect(maxDiff(tfjsPredict(fromTfjs.doc, fromTfjs.doc.main, inputs, fromTfjs.weights!).outputs, outputs)).toBeLessThan(1e-5);
  }, 300_000);
});
