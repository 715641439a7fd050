import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOSSES, lossDef } from './losses';
import { metricName } from './metrics';
import { optimizerDef } from './optimizers';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const values = (t: tf.Tensor) => Array.from(t.dataSync());

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
