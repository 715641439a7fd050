/**
 * The losses the app offers, by Keras name (an allow-list: a name not in this map is refused,
 * never looked up in tfjs). Each returns one value per sample, shape (batch,).
 *
 * from_logits is computed here rather than by tfjs: tfjs 4.22's sparse cross-entropy with
 * fromLogits clips the logits before the softmax, so logits [[4,2,1],[0,5,1]] with labels [0,1]
 * give 1.0986/0.862 instead of 0.170/0.0247. We use log-softmax (and the stable sigmoid form).
 */
import type * as tfNs from '@tensorflow/tfjs';

type Tf = typeof tfNs;
type T = tfNs.Tensor;

/** What the targets of an output look like for a loss (drives synthetic data and data checks). */
export type TargetKind = 'class-index' | 'one-hot' | 'binary' | 'real';

export interface LossDef {
  label: string;
  target: TargetKind;
  /** Whether from_logits means anything for this loss. */
  logits: boolean;
  /** Per-sample loss: yTrue as the dataset gives it, yPred as the model outputs it. */
  fn(tf: Tf, yTrue: T, yPred: T, fromLogits: boolean): T;
}

const EPS = 1e-7;

/** Mean over every axis but the batch axis: (batch, ...) → (batch,). */
function perSample(tf: Tf, x: T): T {
  if (x.rank <= 1) return x;
  return tf.mean(x.reshape([x.shape[0], -1]), -1);
}

/** Cross-entropy of one-hot (or soft) targets against logits or probabilities, over the last axis. */
function categorical(tf: Tf, oneHot: T, yPred: T, fromLogits: boolean): T {
  return perSample(tf, crossEntropy(tf, oneHot, yPred, fromLogits));
}

/** log of the probabilities as Keras takes them: normalised to sum 1, clipped to [ε, 1−ε]. */
const logSoftmaxOrClipped = (tf: Tf, yPred: T, fromLogits: boolean) =>
  fromLogits ? tf.logSoftmax(yPred, -1) : tf.log(tf.clipByValue(tf.div(yPred, tf.sum(yPred, -1, true)), EPS, 1 - EPS));

/**
 * −Σ t·log p over the last axis, with its gradient written out instead of taped: the composed
 * ops cost ~40 kernels per training step (clones of saved tensors included), this ~8. Same value
 * and, to rounding, the same gradient as the composition (losses.test.ts):
 * - logits z: (softmax(z)·Σt − t)·dy;
 * - probabilities p, S = Σp, m = [ε ≤ p/S ≤ 1−ε] (the clip's pass-through): (−t·m/p + Σ(t·m)/S)·dy.
 * Targets get no gradient.
 */
function crossEntropy(tf: Tf, t: T, yPred: T, fromLogits: boolean): T {
  const f = tf.customGrad((x, save) => {
    // Saved, not closed over: the forward pass's tensors are freed before the backward pass runs.
    (save as tfNs.GradSaveFunc)([x as T, t]);
    return {
      value: tf.neg(tf.sum(tf.mul(t, logSoftmaxOrClipped(tf, x as T, fromLogits)), -1)),
      gradFunc: (dy, [z, y]) => {
        const up = tf.expandDims(dy, -1);
        if (fromLogits) return tf.mul(tf.sub(tf.mul(tf.softmax(z), tf.sum(y, -1, true)), y), up);
        const total = tf.sum(z, -1, true);
        const r = tf.div(z, total);
        const ym = tf.where(tf.logicalAnd(tf.greaterEqual(r, EPS), tf.lessEqual(r, 1 - EPS)), y, tf.zerosLike(y));
        return tf.mul(tf.sub(tf.div(tf.sum(ym, -1, true), total), tf.divNoNan(ym, z)), up);
      },
    };
  });
  return f(yPred);
}

/** Class indices (batch,) or (batch, 1) → one-hot over the last axis of yPred. */
function oneHotOf(tf: Tf, labels: T, depth: number): T {
  const idx = labels.rank > 1 && labels.shape[labels.rank - 1] === 1 ? labels.squeeze([-1]) : labels;
  return tf.oneHot(tf.cast(idx, 'int32'), depth).toFloat();
}

function binary(tf: Tf, yTrue: T, yPred: T, fromLogits: boolean): T {
  const z = tf.cast(yTrue, 'float32');
  if (fromLogits) {
    // max(x, 0) - x*z + log(1 + exp(-|x|)): stable for large |x|.
    const x = yPred;
    const ce = tf.add(tf.sub(tf.relu(x), tf.mul(x, z)), tf.log1p(tf.exp(tf.neg(tf.abs(x)))));
    return perSample(tf, ce);
  }
  const p = tf.clipByValue(yPred, EPS, 1 - EPS);
  const ce = tf.neg(tf.add(tf.mul(z, tf.log(p)), tf.mul(tf.sub(1, z), tf.log(tf.sub(1, p)))));
  return perSample(tf, ce);
}

export const LOSSES = {
  sparse_categorical_crossentropy: {
    label: 'SparseCategoricalCrossentropy',
    target: 'class-index',
    logits: true,
    fn: (tf, yTrue, yPred, fromLogits) => categorical(tf, oneHotOf(tf, yTrue, yPred.shape[yPred.rank - 1]!), yPred, fromLogits),
  },
  categorical_crossentropy: {
    label: 'CategoricalCrossentropy',
    target: 'one-hot',
    logits: true,
    fn: (tf, yTrue, yPred, fromLogits) => categorical(tf, tf.cast(yTrue, 'float32'), yPred, fromLogits),
  },
  binary_crossentropy: { label: 'BinaryCrossentropy', target: 'binary', logits: true, fn: binary },
  mean_squared_error: {
    label: 'MeanSquaredError',
    target: 'real',
    logits: false,
    fn: (tf, yTrue, yPred) => perSample(tf, tf.squaredDifference(tf.cast(yTrue, 'float32'), yPred)),
  },
  mean_absolute_error: {
    label: 'MeanAbsoluteError',
    target: 'real',
    logits: false,
    fn: (tf, yTrue, yPred) => perSample(tf, tf.abs(tf.sub(tf.cast(yTrue, 'float32'), yPred))),
  },
  huber: {
    label: 'Huber',
    target: 'real',
    logits: false,
    fn: (tf, yTrue, yPred) => {
      const err = tf.abs(tf.sub(tf.cast(yTrue, 'float32'), yPred));
      const quad = tf.minimum(err, 1);
      return perSample(tf, tf.add(tf.mul(0.5, tf.square(quad)), tf.sub(err, quad)));
    },
  },
} satisfies Record<string, LossDef>;

export type LossName = keyof typeof LOSSES;
export const LOSS_NAMES = Object.keys(LOSSES) as LossName[];

/** The loss of an allow-listed name, or undefined (never a prototype property: 'toString' is not a loss). */
export function lossDef(name: string): LossDef | undefined {
  return Object.prototype.hasOwnProperty.call(LOSSES, name) ? (LOSSES as Record<string, LossDef>)[name] : undefined;
}
