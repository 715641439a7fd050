/**
 * One compiled model's forward/backward arithmetic: the total loss (weighted per-output losses
 * plus regularizers), the per-output losses and metrics, in one tensor the loop reads once.
 */
import type * as tfNs from '@tensorflow/tfjs';
import type { ResolvedCompile } from './compileSpec';
import { LOSSES } from './losses';
import { METRICS } from './metrics';

type Tf = typeof tfNs;
type T = tfNs.Tensor;

/** Names of the values in a stats vector, Keras style: loss, priority_loss, …, accuracy / department_accuracy. */
export function statNames(spec: ResolvedCompile): string[] {
  const multi = spec.outputs.length > 1;
  const names = ['loss'];
  if (multi) for (const o of spec.outputs) names.push(`${o.name}_loss`);
  for (const o of spec.outputs) for (const m of o.metrics) names.push(multi ? `${o.name}_${m}` : m);
  return names;
}

/**
 * Per-sample stats (batch, k) where column 0 is the weighted total loss: summing over the batch
 * and dividing by the count gives the mean of every stat. Regularizer losses are added by the
 * caller (they are per batch, not per sample).
 */
export function sampleStats(tf: Tf, spec: ResolvedCompile, targets: T[], outputs: T[]): { loss: T; stats: T } {
  const multi = spec.outputs.length > 1;
  const losses = spec.outputs.map((o, i) => LOSSES[o.loss].fn(tf, targets[i], outputs[i], o.fromLogits));
  const loss = losses.reduce((acc, l, i) => tf.add(acc, tf.mul(l, spec.outputs[i].weight)), tf.zerosLike(losses[0]));
  // Metrics (argMax, equal) have no gradient: they stay out of `loss`, which is all backprop sees.
  const cols: T[] = [loss];
  if (multi) cols.push(...losses);
  spec.outputs.forEach((o, i) => {
    for (const m of o.metrics) cols.push(METRICS[m].fn(tf, targets[i], outputs[i], o.loss, o.fromLogits));
  });
  return { loss, stats: tf.stack(cols, 1) };
}

/** Sum of the model's regularizer penalties (0 when none). */
export function regularization(tf: Tf, model: tfNs.LayersModel): T | null {
  const losses = (model as unknown as { calculateLosses?(): T[] }).calculateLosses?.() ?? [];
  return losses.length ? tf.addN(losses) : null;
}

/**
 * One forward/backward pass on two synthetic samples, weights untouched: throws when the
 * backend lacks a kernel this model's training needs (wasm's Conv2DBackpropFilter, say).
 */
export function probeStep(tf: Tf, model: tfNs.LayersModel, spec: ResolvedCompile, io: { inputs: { shape: (number | null)[]; ints: boolean }[] }): void {
  tf.tidy(() => {
    const xs = io.inputs.map((inp) => tf.zeros([2, ...inp.shape.slice(1).map((d) => d ?? 4)], inp.ints ? 'int32' : 'float32'));
    const vars = model.trainableWeights.map((w) => w.read() as tfNs.Variable);
    const { value, grads } = tf.variableGrads(() => {
      const outs = model.apply(xs, { training: true }) as T | T[];
      const ys = (Array.isArray(outs) ? outs : [outs]).map((y, i) => (LOSSES[spec.outputs[i].loss].target === 'class-index' ? tf.zeros(y.shape.slice(0, -1), 'int32') : tf.zerosLike(y)));
      return tf.mean(sampleStats(tf, spec, ys, Array.isArray(outs) ? outs : [outs]).loss) as tfNs.Scalar;
    }, vars);
    value.dataSync();
    Object.values(grads).forEach((g) => g.dataSync());
  });
}
