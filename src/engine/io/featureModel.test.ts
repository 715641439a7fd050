/**
 * Feature extraction (the seed's VGG19 section) on imported models: "outputs: all layers" makes
 * a model over the same layers with one output per call output (LSTM states included), which
 * tfjs builds and runs with the imported weights; its outputs have the analysed shapes, and the
 * ones that are the source model's outputs predict what the source model predicts.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze';
import { compile } from '../compile';
import type { ProjectDoc } from '../doc';
import { TEMPLATES } from '../../templates';
import { addFeatureModel, allOutputs } from './featureModel';
import { importModelValue } from './importModel';
import { kerasModelObject } from './kerasJson';
import { extraModels } from './fixtures/models';
import { fastInit, maxDiff, sampleInputs, tfjsPredict } from './fixtures/judge';

tf.setBackend('cpu');

const sources: [string, () => ProjectDoc][] = [['toy_resnet', TEMPLATES.toy_resnet.build], ['rnn_states', extraModels.rnn_states]];

describe('feature extraction: outputs of all layers', () => {
  it.each(sources)('%s (imported from its Keras 3 JSON)', (_name, build) => {
    const original = fastInit(build());
    const imported = importModelValue(JSON.parse(JSON.stringify(kerasModelObject(original, original.main, 'keras3'))), 'model.json');
    if (!imported.ok) throw new Error(imported.issues.map((i) => i.message).join('; '));
    const doc = imported.doc;
    const inputs = sampleInputs(doc, doc.main);
    const { outputs, weights } = tfjsPredict(doc, doc.main, inputs);

    const ports = allOutputs(doc, doc.main);
    const calls = new Set(ports.map((p) => p.node));
    expect(calls.size).toBe(analyze(doc).models[doc.main].order.length); // every call, inputs included
    const f = addFeatureModel(doc, doc.main, ports);
    const a = analyze(f.doc);
    expect(a.models[f.modelId].issues.filter((i) => i.severity === 'error')).toEqual([]);
    const built = compile(f.doc, f.modelId, tf, { weights });
    if (!built.model) throw new Error(built.issues.map((i) => i.message).join('; '));
    const xs = inputs.map((s) => tf.tensor(s.data, s.shape, s.dtype));
    const ys = built.model.predict(xs.length === 1 ? xs[0] : xs) as tf.Tensor[];
    expect(ys.length).toBe(ports.length);
    const featureNodes = f.doc.models[f.modelId].outputs;
    ys.forEach((y, i) => {
      const want = a.models[f.modelId].nodes[featureNodes[i].node].outputShapes[featureNodes[i].output];
      expect(y.shape.slice(1)).toEqual(want.slice(1));
    });
    // The source model's outputs are among the features, with the same values.
    const src = doc.models[doc.main].outputs.map((p) => ports.findIndex((q) => q.node === p.node && q.output === p.output));
    expect(src.every((i) => i >= 0)).toBe(true);
    expect(maxDiff(src.map((i) => Array.from(ys[i].dataSync())), outputs)).toBeLessThan(1e-6);
    built.model.dispose();
  });
});
