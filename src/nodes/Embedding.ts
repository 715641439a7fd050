import { defineLayer, fail, ok, w } from './kind';
import { bool, initializer, int } from './params';

/** layers.Embedding(input_dim, output_dim): integer ids → dense vectors; appends output_dim. */
export const Embedding = defineLayer({
  kind: 'Embedding',
  category: 'core',
  doc: 'Turns integer ids in [0, input_dim) into dense vectors of output_dim: (batch, n) → (batch, n, output_dim).',
  inputs: { min: 1, max: 1 },
  params: {
    input_dim: int({ default: 1000, min: 1, tfjs: 'inputDim', positional: true, doc: 'Vocabulary size: largest id + 1.' }),
    output_dim: int({ default: 64, min: 1, tfjs: 'outputDim', positional: true, doc: 'Length of each embedding vector.' }),
    // Keras's "uniform" default is RandomUniform(-0.05, 0.05), as is tfjs's randomUniform.
    embeddings_initializer: initializer('random_uniform', { tfjs: 'embeddingsInitializer', doc: 'Initializer for the embeddings matrix.' }),
    mask_zero: bool(false, { tfjs: 'maskZero', doc: 'Treat id 0 as padding: emit a mask that later layers (RNNs) skip.' }),
  },
  infer([x], p) {
    if (x.length < 1) return fail('Embedding needs an input with a batch dimension, got ()', 'rank');
    return ok([...x, p.output_dim]);
  },
  weights: (_inputs, p) => [w('embeddings', [p.input_dim, p.output_dim])],
  // A table lookup: no arithmetic.
  flops: () => 0,
  tfjs: 'embedding',
  examples: [
    { inputs: [[null, null]], params: { input_dim: 1000, output_dim: 128 } },
    { inputs: [[null, 100]], params: { input_dim: 10000, output_dim: 64, mask_zero: true } },
    { inputs: [[null, 5, 3]], params: { input_dim: 50, output_dim: 8 } },
    { inputs: [[32, 12]], params: { input_dim: 20, output_dim: 4, embeddings_initializer: 'glorot_uniform' } },
  ],
});
