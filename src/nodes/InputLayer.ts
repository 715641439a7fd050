import { defineLayer, ok } from './kind';
import { enumOf, int, py, shape } from './params';

/** keras.Input(shape=..., dtype=..., batch_size=...): the start of a model. */
export const InputLayer = defineLayer({
  kind: 'InputLayer',
  category: 'input',
  doc: 'Model input: a symbolic tensor of the given shape (batch dimension excluded).',
  inputs: { min: 0, max: 0 },
  params: {
    shape: shape({ default: [784], allowNone: true, minRank: 1, tfjs: 'inputShape', positional: true, doc: 'Shape without the batch dimension; None for variable length.' }),
    dtype: enumOf(['float32', 'int32', 'bool'] as const, 'float32', { tfjs: 'dtype', doc: 'Data type of the input: "float32", "int32" (e.g. token ids for Embedding) or "bool".' }),
    batch_size: int({ default: null, nullable: true, min: 1, tfjs: 'batchSize', doc: 'Static batch size (keras.Input(batch_shape=...)).' }),
  },
  infer: (_inputs, p) => ok([p.batch_size, ...p.shape]),
  weights: () => [],
  tfjs: 'inputLayer',
  // Keras 3 refuses shape and batch_shape together: the config carries batch_shape only.
  kerasConfig: (p) => ({ batch_shape: [p.batch_size, ...p.shape], dtype: p.dtype, sparse: false }),
  pythonArgs: (p) => {
    const args = [p.batch_size === null ? `shape=${py(p.shape)}` : `batch_shape=${py([p.batch_size, ...p.shape])}`];
    if (p.dtype !== 'float32') args.push(`dtype=${py(p.dtype)}`);
    return args;
  },
  examples: [
    { inputs: [], params: { shape: [784] } },
    { inputs: [], params: { shape: [28, 28, 1] } },
    { inputs: [], params: { shape: [null], dtype: 'int32' } },
    { inputs: [], params: { shape: [10, 5], batch_size: 16 } },
  ],
});
