import { defineLayer, fail, ok } from './kind';
import { int } from './params';
import { fmtShape } from '../engine/shape';

/** layers.concatenate([a, b, ...], axis=-1): joins inputs that match on every axis but `axis`. */
export const Concatenate = defineLayer({
  kind: 'Concatenate',
  category: 'merging',
  doc: 'Joins several inputs along `axis`; all other dimensions must match.',
  inputs: { min: 2, max: null },
  params: {
    axis: int({ default: -1, tfjs: 'axis', doc: 'Axis to concatenate along (-1: the last).' }),
  },
  infer(inputs, p) {
    const rank = inputs[0].length;
    const list = inputs.map(fmtShape).join(', ');
    if (inputs.some((s) => s.length !== rank)) return fail(`Concatenate needs inputs of one rank: got ${list}`);
    if (p.axis < -rank || p.axis >= rank || p.axis === 0 || p.axis === -rank)
      return fail(`Concatenate axis=${p.axis} is not a non-batch axis of rank-${rank} inputs ${list}`, 'invalid-param', 'axis');
    const axis = p.axis < 0 ? p.axis + rank : p.axis;
    // Keras: unknown (None) dims match anything; the output keeps the first input's dims.
    for (let d = 1; d < rank; d++) {
      if (d === axis) continue;
      const known = new Set(inputs.map((s) => s[d]).filter((v) => v !== null));
      if (known.size > 1) return fail(`Concatenate(axis=${p.axis}) needs inputs that match on every axis but ${p.axis}; axis ${d} differs: got ${list}`);
    }
    const sizes = inputs.map((s) => s[axis]);
    const out = [...inputs[0]];
    out[axis] = sizes.includes(null) ? null : (sizes as number[]).reduce((a, b) => a + b, 0);
    return ok(out);
  },
  weights: () => [],
  // tfjs 4.22's backend concatenate turns every negative axis into the last one at run time
  // (its symbolic shape is right), so axis=-2 would silently join the wrong axis.
  tfjs: (p, config, tf) =>
    p.axis < -1
      ? { unsupported: `tfjs 4.22 joins on the last axis for any negative axis, so Concatenate(axis=${p.axis}) would be wrong there; write the axis as a positive index` }
      : tf.layers.concatenate(config),
  examples: [
    { inputs: [[null, 128], [null, 32], [null, 12]] },
    { inputs: [[null, 3, 4], [null, 5, 4]], params: { axis: 1 } },
    { inputs: [[null, 8, 8, 16], [null, 8, 8, 32]], params: { axis: 3 } },
    { inputs: [[null, 6, 2], [null, null, 2]], params: { axis: 1 } },
    { inputs: [[null, 6, 2], [null, 3, 2]], params: { axis: -2 }, tfjsUnsupported: true },
  ],
});
