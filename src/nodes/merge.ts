/** What the elementwise merge layers share (Add, Subtract, Multiply, Average, Maximum, Minimum). */
import { fail, ok, type Infer } from './kind';
import { perSample } from './flops';
import { fmtShape, type Dim, type Shape } from '../engine/shape';

/**
 * Keras's rule (base_merge.py `_compute_elemwise_op_output_shape`), which tfjs shares: shapes
 * without the batch dim are aligned on the right; a dim of 1 broadcasts, an unknown (None) dim
 * makes the output dim unknown, other known dims must be equal. The batch dim is the known one.
 */
export function elementwiseMerge(kind: string, inputs: Shape[]): Infer {
  let out: Dim[] = inputs[0].slice(1);
  for (const s of inputs.slice(1)) {
    const [long, short] = out.length >= s.length - 1 ? [out, s.slice(1)] : [s.slice(1), out];
    const head = long.slice(0, long.length - short.length);
    const tail = short.map((j, k) => {
      const i = long[head.length + k];
      if (i === null || j === null) return null;
      if (i === 1) return j;
      if (j === 1 || i === j) return i;
      return undefined;
    });
    if (tail.includes(undefined)) return fail(`${kind} needs inputs of one shape: got ${inputs.map(fmtShape).join(' and ')}`);
    out = [...head, ...(tail as Dim[])];
  }
  const batches = new Set(inputs.map((s) => s[0]).filter((b) => b !== null));
  if (batches.size > 1) return fail(`${kind} cannot merge tensors with different batch sizes: got ${inputs.map(fmtShape).join(' and ')}`);
  return ok([batches.size ? [...batches][0] : null, ...out]);
}

/** The parts of an elementwise merge kind but its doc, tfjs and examples: no params, no weights. */
export const elementwiseKind = (kind: string) => ({
  kind,
  category: 'merging' as const,
  inputs: { min: 2, max: null },
  params: {},
  infer: (inputs: Shape[]) => elementwiseMerge(kind, inputs),
  weights: () => [],
  // One op per output element per input after the first (Average: plus the division).
  flops: (inputs: Shape[], [y]: Shape[]) => {
    const out = perSample(y);
    return out === null ? null : out * (inputs.length - (kind === 'Average' ? 0 : 1));
  },
});
