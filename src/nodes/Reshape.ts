import { defineLayer, fail, ok } from './kind';
import { py, shape } from './params';
import { fmtShape, numElements } from '../engine/shape';

/** layers.Reshape(target_shape): same elements, new shape; one entry may be -1 (inferred). */
export const Reshape = defineLayer({
  kind: 'Reshape',
  category: 'reshaping',
  doc: 'Reshapes every axis but the batch to target_shape; one entry may be -1, inferred from the size.',
  inputs: { min: 1, max: 1 },
  params: {
    target_shape: shape({ default: [-1], allowMinusOne: true, minRank: 1, tfjs: 'targetShape', positional: true, doc: 'Shape without the batch dimension, e.g. (4, 4, 1); -1 once for "the rest".' }),
  },
  // keras/src/ops/operation_utils.py compute_reshape_output_shape.
  infer([x], p) {
    const target = p.target_shape as readonly number[];
    const size = numElements(x.slice(1));
    if (size === null) return ok([x[0], ...target.map((d) => (d === -1 ? null : d))]);
    const known = target.reduce((a, d) => (d === -1 ? a : a * d), 1);
    const unknownAt = target.indexOf(-1);
    if (unknownAt < 0) {
      if (known !== size) return fail(`Reshape target_shape ${py(target)} holds ${known} elements, but the input ${fmtShape(x)} holds ${size}`, 'shape-mismatch', 'target_shape');
      return ok([x[0], ...target]);
    }
    if (size % known) return fail(`Reshape cannot fit the ${size} elements of ${fmtShape(x)} into target_shape ${py(target)}: ${size} is not a multiple of ${known}`, 'shape-mismatch', 'target_shape');
    return ok([x[0], ...target.map((d) => (d === -1 ? size / known : d))]);
  },
  weights: () => [],
  tfjs(_p, config, tf) {
    const layer = tf.layers.reshape(config as unknown as Parameters<typeof tf.layers.reshape>[0]);
    // tfjs 4.22 leaves -1 as None whenever any dim is unknown, the batch dim included, so
    // Reshape((-1,)) before a Dense would not build. Its call() resolves -1 from the non-batch
    // dims as Keras does; give the symbolic shape that same (tfjs's own) arithmetic.
    const internals = layer as unknown as { targetShape: (number | null)[]; fixUnknownDimension(input: number[], target: (number | null)[]): number[] };
    const tfjsShape = layer.computeOutputShape.bind(layer);
    layer.computeOutputShape = (s) => {
      const [batch, ...rest] = s as (number | null)[];
      return rest.every((d) => d !== null) ? [batch, ...internals.fixUnknownDimension.call(layer, rest as number[], internals.targetShape)] : tfjsShape(s);
    };
    return layer;
  },
  examples: [
    { inputs: [[null, 16]], params: { target_shape: [4, 4, 1] } },
    { inputs: [[null, 28, 28]], params: { target_shape: [-1] } },
    { inputs: [[null, 8, 6]], params: { target_shape: [4, -1, 2] } },
    { inputs: [[null, null, 6]], params: { target_shape: [-1, 3] } },
    { inputs: [[null, 12]], params: { target_shape: [3, 4] } },
    { inputs: [[16, 2, 3, 4]], params: { target_shape: [-1, 4] } },
  ],
});
