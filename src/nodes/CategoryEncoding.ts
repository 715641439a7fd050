import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, fail, type Tf } from './kind';
import { int } from './params';
import { encodedShape, encodedTfShape, encodeModeParam, encodeTf, ENCODE_MODES, sparseParam, type EncodeMode } from './encodeCategorical';
import { buildWith, ownConfig, single, singleShape, tfjsClass } from './tfjsClass';
import { fmtShape } from '../engine/shape';

const categoryEncodingClass = tfjsClass((tf: Tf) => {
  class CategoryEncoding extends tf.layers.Layer {
    static className = 'CategoryEncoding';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
      return encodedTfShape(singleShape(s), this.cfg.outputMode as EncodeMode, this.cfg.numTokens as number);
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      return encodeTf(tf, single(inputs), this.cfg.outputMode as EncodeMode, this.cfg.numTokens as number);
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return CategoryEncoding;
});

/** layers.CategoryEncoding(num_tokens, output_mode): integer ids in [0, num_tokens) as one-hot, multi-hot or count vectors. */
export const CategoryEncoding = defineLayer({
  kind: 'CategoryEncoding',
  category: 'preprocessing',
  doc: 'Encodes integer ids in [0, num_tokens) as one-hot rows, or per sample as a multi-hot or count vector of num_tokens values.',
  inputs: { min: 1, max: 1 },
  params: {
    num_tokens: int({ default: 10, min: 1, tfjs: 'numTokens', positional: true, doc: 'How many different ids there are: inputs must lie in [0, num_tokens).' }),
    output_mode: encodeModeParam(ENCODE_MODES, 'multi_hot'),
    sparse: sparseParam,
  },
  infer([x], p) {
    // Keras' declared shape for multi_hot/count on rank 3+ (input[:-1] + depth) is not what it computes (it reduces axis 1).
    if (p.output_mode !== 'one_hot' && x.length !== 2)
      return fail(`CategoryEncoding with output_mode="${p.output_mode}" needs a rank-2 input (batch, ids), got ${fmtShape(x)}`, 'rank');
    return encodedShape('CategoryEncoding', x, p.output_mode as EncodeMode, p.num_tokens);
  },
  weights: () => [],
  tfjs: buildWith(categoryEncodingClass),
  examples: [
    { inputs: [[null, 5]], params: { num_tokens: 6 } },
    { inputs: [[null, 4]], params: { num_tokens: 5, output_mode: 'count' } },
    { inputs: [[null, 1]], params: { num_tokens: 4, output_mode: 'one_hot' } },
    { inputs: [[null, 3]], params: { num_tokens: 4, output_mode: 'one_hot' } },
    { inputs: [[null, 2, 3]], params: { num_tokens: 7, output_mode: 'one_hot' } },
  ],
});
