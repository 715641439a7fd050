/**
 * A compiled custom layer that holds a project model owns its copy of that model: disposing one
 * compiled model leaves another compile of the same document (same kinds map) working, and
 * frees the held model's variables with it.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { compile } from '../compile';
import { customRnn } from '../../templates/custom_rnn';
import { kindsFor } from './kind';
import { approvedRuntime } from './tfjsLayer';
import { exportModel } from '../io/exportFormats';

describe('compiling a layer that holds a model', () => {
  it('twice with the same kinds: disposing the first leaves the second whole', () => {
    const doc = customRnn();
    const kinds = kindsFor(doc, approvedRuntime(['CustomRNN']));
    const first = compile(doc, doc.main, tf, { kinds });
    const second = compile(doc, doc.main, tf, { kinds });
    expect(first.issues).toEqual([]);
    expect(second.issues).toEqual([]);
    const held = (m: tf.LayersModel) => m.layers.at(-1)!.trainableWeights.at(-2)!;
    // Separate variables: the two models do not train each other's classifier.
    expect(held(first.model!).read()).not.toBe(held(second.model!).read());
    first.model!.dispose();
    const xs = tf.ones([16, 10, 5]);
    const y = second.model!.predict(xs) as tf.Tensor;
    expect(y.shape).toEqual([16, 1]);
    expect(Number.isFinite(y.dataSync()[0])).toBe(true);
    tf.dispose([xs, y]);
    second.model!.dispose();
  });

  it('disposing the compiled model frees the held model\'s variables too', () => {
    const doc = customRnn();
    const kinds = kindsFor(doc, approvedRuntime(['CustomRNN']));
    compile(doc, doc.main, tf, { kinds }).model!.dispose(); // warm-up: classes registered, backend started
    const before = tf.memory().numTensors;
    const { model } = compile(doc, doc.main, tf, { kinds });
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    model!.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('exporting a layer that holds a model', () => {
  it('leaves no tensor behind: repeated .keras exports keep tf.memory() flat', async () => {
    const doc = customRnn();
    const first = await exportModel(doc, doc.main, 'keras', tf); // warm-up: classes registered, backend started
    expect(first.issues).toEqual([]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) expect((await exportModel(doc, doc.main, 'keras', tf)).files).toHaveLength(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
