/** Shared shape rule of the elementwise merge layers (Add, Subtract, Multiply, Average, Maximum, Minimum). */
import { fail, ok, type Infer } from './kind';
import { fmtShape, type Shape } from '../engine/shape';

/** Keras broadcasts unknown (None) dims; known dims must be equal, and ranks must match. */
export function elementwiseMerge(kind: string, inputs: Shape[]): Infer {
  const [first, ...rest] = inputs;
  const out = [...first];
  for (const s of rest) {
    if (s.length !== out.length || s.some((d, i) => d !== null && out[i] !== null && d !== out[i]))
      return fail(`${kind} needs inputs of one shape: got ${inputs.map(fmtShape).join(' and ')}`);
    s.forEach((d, i) => { if (out[i] === null) out[i] = d; });
  }
  return ok(out);
}
