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
  const { loss, columns } = sampleLosses(tf, spec, targets, outputs);
  return { loss, stats: tf.stack([loss, ...columns, ...metricColumns(tf, spec, targets, outputs)], 1) };
}

/** The weighted total loss per sample and, with several outputs, each output's loss (the stats' loss columns after the first). */
export function sampleLosses(tf: Tf, spec: ResolvedCompile, targets: T[], outputs: T[]): { loss: T; columns: T[] } {
  const losses = spec.outputs.map((o, i) => LOSSES[o.loss].fn(tf, targets[i], outputs[i], o.fromLogits));
  const weighted = losses.map((l, i) => (spec.outputs[i].weight === 1 ? l : tf.mul(l, spec.outputs[i].weight)));
  const loss = weighted.length === 1 ? weighted[0] : tf.addN(weighted);
  return { loss, columns: spec.outputs.length > 1 ? losses : [] };
}

/** The metrics per sample, one column each (no gradient: the training step computes them off the tape). */
export function metricColumns(tf: Tf, spec: ResolvedCompile, targets: T[], outputs: T[]): T[] {
  return spec.outputs.flatMap((o, i) => o.metrics.map((m) => METRICS[m].fn(tf, targets[i], outputs[i], o.loss, o.fromLogits)));
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
