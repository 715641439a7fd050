import { defineLayer, fail, ok } from './kind';
import { int } from './params';
import { fmtShape } from '../engine/shape';

/** layers.Softmax(axis=-1): exp(x) / sum(exp(x)) along an axis. */
export const Softmax = defineLayer({
  kind: 'Softmax',
  category: 'activation',
  doc: 'Softmax along axis: the values along it become positive and sum to 1.',
  inputs: { min: 1, max: 1 },
  params: {
    // tfjs's default axis is 1, Keras's -1: the field is always written.
    axis: int({ default: -1, tfjs: 'axis', doc: 'Axis to normalize; -1 is the last.' }),
  },
  infer([x], p) {
    if (p.axis < -x.length || p.axis >= x.length)
      return fail(`Softmax axis ${p.axis} is out of range for the rank-${x.length} input ${fmtShape(x)}: use -${x.length}..${x.length - 1}`, 'invalid-param', 'axis');
    return ok(x);
  },
  weights: () => [],
  // tfjs 4.22's softmax op runs on the last axis only (its layer builds for any axis, then throws).
  tfjs: (p, config, tf) =>
    p.axis === -1 ? tf.layers.softmax(config as { axis: number }) : { unsupported: `tfjs 4.22 computes Softmax on the last axis only; write axis=-1 instead of axis=${p.axis}` },
  examples: [
    { inputs: [[null, 10]] },
    { inputs: [[null, 8, 8, 5]], params: { axis: -1 } },
    { inputs: [[null, null, 12]], params: { axis: -1 } },
    { inputs: [[null, 4, 6]], params: { axis: 1 }, tfjsUnsupported: true },
    { inputs: [[null, 4, 6]], params: { axis: 2 }, tfjsUnsupported: true },
  ],
});
