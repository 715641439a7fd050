/**
 * Metrics, by Keras name (allow-listed). "accuracy" means what Keras makes of it for the
 * output's loss: sparse categorical, categorical or binary accuracy. Binary accuracy on logits
 * thresholds at 0 (probability 0.5) rather than at 0.5 of the raw logit.
 */
import type * as tfNs from '@tensorflow/tfjs';
import type { LossName } from './losses';

type Tf = typeof tfNs;
type T = tfNs.Tensor;

export interface MetricDef {
  label: string;
  /** Per-sample value, shape (batch,). */
  fn(tf: Tf, yTrue: T, yPred: T, loss: LossName, fromLogits: boolean): T;
}

const flatMean = (tf: Tf, x: T) => (x.rank <= 1 ? x : tf.mean(x.reshape([x.shape[0], -1]), -1));

function accuracy(tf: Tf, yTrue: T, yPred: T, loss: LossName, fromLogits: boolean): T {
  const pred = tf.argMax(yPred, -1);
  if (loss === 'sparse_categorical_crossentropy') {
    const idx = yTrue.rank > 1 && yTrue.shape[yTrue.rank - 1] === 1 ? yTrue.squeeze([-1]) : yTrue;
    return flatMean(tf, tf.cast(tf.equal(tf.cast(idx, 'int32'), pred), 'float32'));
  }
  if (loss === 'categorical_crossentropy') return flatMean(tf, tf.cast(tf.equal(tf.argMax(yTrue, -1), pred), 'float32'));
  // binary (and regression losses, as Keras does): threshold the prediction
  const positive = tf.greater(yPred, fromLogits ? 0 : 0.5);
  return flatMean(tf, tf.cast(tf.equal(positive, tf.greater(tf.cast(yTrue, 'float32'), 0.5)), 'float32'));
}

export const METRICS = {
  accuracy: { label: 'accuracy', fn: accuracy },
  mae: { label: 'mae', fn: (tf, yTrue, yPred) => flatMean(tf, tf.abs(tf.sub(tf.cast(yTrue, 'float32'), yPred))) },
  mse: { label: 'mse', fn: (tf, yTrue, yPred) => flatMean(tf, tf.squaredDifference(tf.cast(yTrue, 'float32'), yPred)) },
} satisfies Record<string, MetricDef>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];
/** Keras spellings that mean an allow-listed metric. */
const ALIASES: Record<string, MetricName> = { acc: 'accuracy', mean_absolute_error: 'mae', mean_squared_error: 'mse' };

export function metricName(name: string): MetricName | undefined {
  if (Object.prototype.hasOwnProperty.call(METRICS, name)) return name as MetricName;
  return Object.prototype.hasOwnProperty.call(ALIASES, name) ? ALIASES[name] : undefined;
}
