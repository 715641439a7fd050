/**
 * Inference: predictions for chosen samples (as probabilities when the output gives logits)
 * and confusion matrices over a labelled set.
 */
import type * as tfNs from '@tensorflow/tfjs';
import type { ResolvedCompile, ResolvedOutput } from './compileSpec';
import { gatherRows, type Column, type Dataset } from './data/dataset';

type Tf = typeof tfNs;
type T = tfNs.Tensor;

export interface Prediction {
  name: string;
  /** Per-sample shape. */
  shape: number[];
  /** Probabilities when the loss reads logits (softmax / sigmoid applied), else the raw outputs. */
  values: Float32Array;
}

/** Whether this output's predictions are class scores (a confusion matrix makes sense). */
export const isClassifier = (o: ResolvedOutput) => o.loss === 'sparse_categorical_crossentropy' || o.loss === 'categorical_crossentropy';

function toProbabilities(tf: Tf, o: ResolvedOutput, y: T): T {
  if (!o.fromLogits) return y;
  return o.loss === 'binary_crossentropy' ? tf.sigmoid(y) : tf.softmax(y, -1);
}

/** Run the model on samples `rows` of `inputs` (all samples when omitted). */
export async function predict(tf: Tf, model: tfNs.LayersModel, spec: ResolvedCompile, inputs: Record<string, Column>, rows: ArrayLike<number>): Promise<Prediction[]> {
  const outs = tf.tidy(() => {
    const xs = model.inputNames.map((k) => tf.tensor(gatherRows(inputs[k], rows, 0, rows.length), [rows.length, ...inputs[k].shape], inputs[k].dtype));
    const ys = model.apply(xs, { training: false }) as T | T[];
    return (Array.isArray(ys) ? ys : [ys]).map((y, i) => toProbabilities(tf, spec.outputs[i], y));
  });
  const result: Prediction[] = [];
  for (let i = 0; i < outs.length; i++) result.push({ name: spec.outputs[i].name, shape: outs[i].shape.slice(1), values: (await outs[i].data()) as Float32Array });
  tf.dispose(outs);
  return result;
}

/** counts[true][predicted] for every classifier output. */
export async function confusion(tf: Tf, model: tfNs.LayersModel, spec: ResolvedCompile, d: Dataset, batchSize = 512): Promise<Record<string, number[][]>> {
  const heads = spec.outputs.map((o, i) => ({ o, i })).filter(({ o }) => isClassifier(o));
  const result: Record<string, number[][]> = {};
  if (!heads.length) return result;
  const all = Array.from({ length: d.count }, (_, i) => i);
  for (let start = 0; start < d.count; start += batchSize) {
    const rows = all.slice(start, start + batchSize);
    const preds = await predict(tf, model, spec, d.inputs, rows);
    for (const { o, i } of heads) {
      const k = preds[i].shape.at(-1)!;
      const m = (result[o.name] ??= Array.from({ length: k }, () => new Array<number>(k).fill(0)));
      const truth = gatherRows(d.targets[o.name], rows, 0, rows.length);
      for (let r = 0; r < rows.length; r++) {
        const p = argMax(preds[i].values, r * k, k);
        const t = o.loss === 'categorical_crossentropy' ? argMax(truth, r * k, k) : truth[r];
        if (t >= 0 && t < k) m[t][p]++;
      }
    }
  }
  return result;
}

function argMax(a: ArrayLike<number>, offset: number, n: number): number {
  let best = 0;
  for (let j = 1; j < n; j++) if (a[offset + j] > a[offset + best]) best = j;
  return best;
}
