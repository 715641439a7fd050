import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOSSES, lossDef } from './losses';
import { metricName } from './metrics';
import { optimizerDef } from './optimizers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const values = (t: tf.Tensor) => Array.from(t.dataSync());

/** Equal to 1e-5 relative (absolute near 0). */
function expectClose(a: number[], b: number[]) {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(1e-5 * Math.max(1, Math.abs(b[i]))));
}

describe('losses', () => {
  it('sparse categorical cross-entropy from logits matches the Keras reference, where tfjs does not', () => {
    const logits = tf.tensor2d([[4, 2, 1], [0, 5, 1]]);
    const labels = tf.tensor1d([0, 1], 'int32');
    const ours = values(LOSSES.sparse_categorical_crossentropy.fn(tf, labels, logits, true));
    expect(ours[0]).toBeCloseTo(0.1698, 3);
    expect(ours[1]).toBeCloseTo(0.0247, 3);
    // (tfjs-layers' fromLogits path gives 1.0986 / 0.862 here: it clips the logits before the softmax.)
    const core = values(tf.losses.softmaxCrossEntropy(tf.oneHot(labels, 3), logits, undefined, 0, tf.Reduction.NONE));
    expect(core[0]).toBeCloseTo(ours[0], 4);
    expect(core[1]).toBeCloseTo(ours[1], 4);
  });

  it('categorical from logits equals sparse with one-hot labels; probabilities path equals logits path after softmax', () => {
    const logits = tf.tensor2d([[4, 2, 1], [0, 5, 1]]);
    const oneHot = tf.tensor2d([[1, 0, 0], [0, 1, 0]]);
    const a = values(LOSSES.categorical_crossentropy.fn(tf, oneHot, logits, true));
    const b = values(LOSSES.categorical_crossentropy.fn(tf, oneHot, tf.softmax(logits), false));
    expect(a[0]).toBeCloseTo(0.1698, 3);
    expect(b[0]).toBeCloseTo(a[0], 4);
    expect(b[1]).toBeCloseTo(a[1], 4);
  });

  it('categorical cross-entropy: value and gradient equal those of the plain composition (logits, probabilities, clipped, soft, rank 3)', () => {
    // The composition the written-out gradient replaces: autodiff through these ops is the reference.
    const composed = (t: tf.Tensor, p: tf.Tensor, fromLogits: boolean) => {
      const logP = fromLogits ? tf.logSoftmax(p, -1) : tf.log(tf.clipByValue(tf.div(p, tf.sum(p, -1, true)), 1e-7, 1 - 1e-7));
      const ce = tf.neg(tf.sum(tf.mul(t, logP), -1));
      return ce.rank <= 1 ? ce : tf.mean(ce.reshape([ce.shape[0], -1]), -1);
    };
    const logits = tf.randomNormal([6, 4, 5], 0, 3, 'float32', 7);
    const soft = tf.softmax(tf.randomNormal([6, 4, 5], 0, 1, 'float32', 8));
    // probabilities with entries the clip cuts (≈0 and ≈1 after normalising) and unnormalised rows
    const probs = tf.tensor2d([[1e-9, 0.5, 0.5], [0.999999999, 1e-10, 1e-10], [0.2, 0.3, 0.9], [0, 0.7, 0.3]]);
    const cases: [tf.Tensor, tf.Tensor, boolean][] = [
      [soft, logits, true],
      [tf.oneHot(tf.tensor1d([0, 1, 2, 1], 'int32'), 3).toFloat(), probs, false],
      [tf.tensor2d([[0.2, 0.8, 0], [1, 0, 0], [0, 0.5, 0.5], [0, 1, 0]]), probs, false],
      [soft, tf.softmax(logits), false],
    ];
    for (const [t, p, fromLogits] of cases) {
      const w = tf.randomUniform([p.shape[0]], 0.5, 2, 'float32', 9); // a non-uniform upstream gradient
      const loss = (fn: typeof composed) => (x: tf.Tensor) => tf.sum(tf.mul(fn(t, x, fromLogits), w));
      const ours = (t: tf.Tensor, x: tf.Tensor, logits: boolean) => LOSSES.categorical_crossentropy.fn(tf, t, x, logits);
      expectClose(values(ours(t, p, fromLogits)), values(composed(t, p, fromLogits)));
      expectClose(values(tf.grad(loss(ours))(p)), values(tf.grad(loss(composed))(p)));
    }
    // targets and predictions made inside the differentiated function (as in training): freed before the backward pass
    const labels = tf.tensor1d([2, 0, 1, 1], 'int32');
    const inside = (fn: (t: tf.Tensor, x: tf.Tensor) => tf.Tensor) => (x: tf.Tensor) => tf.sum(fn(tf.oneHot(labels, 3).toFloat(), tf.mul(x, 2)));
    expectClose(values(tf.grad(inside((t, x) => LOSSES.categorical_crossentropy.fn(tf, t, x, true)))(probs)), values(tf.grad(inside((t, x) => composed(t, x, true)))(probs)));
  });

  it('binary cross-entropy from logits is log(1 + e^-x) for positives, log(1 + e^x) for negatives, and stable', () => {
    const logits = tf.tensor2d([[2], [-1], [200]]);
    const z = tf.tensor2d([[1], [0], [0]]);
    const l = values(LOSSES.binary_crossentropy.fn(tf, z, logits, true));
    expect(l[0]).toBeCloseTo(Math.log1p(Math.exp(-2)), 5);
    expect(l[1]).toBeCloseTo(Math.log1p(Math.exp(-1)), 5);
    expect(l[2]).toBeCloseTo(200, 3);
    const p = values(LOSSES.binary_crossentropy.fn(tf, z, tf.sigmoid(logits), false));
    expect(p[0]).toBeCloseTo(l[0], 4);
    expect(p[1]).toBeCloseTo(l[1], 4);
  });

  it('names come from the allow-lists only', () => {
    expect(lossDef('toString')).toBeUndefined();
    expect(lossDef('constructor')).toBeUndefined();
    expect(optimizerDef('toString')).toBeUndefined();
    expect(optimizerDef('__proto__')).toBeUndefined();
    expect(metricName('hasOwnProperty')).toBeUndefined();
    expect(metricName('acc')).toBe('accuracy');
    expect(optimizerDef('RMSprop')?.defaultLr).toBe(0.001);
  });
});
