import { defineLayer, w } from './kind';
import { bool, float } from './params';
import { additiveAttentionClass, inferAttention } from './attentionScores';
import { buildWith } from './tfjsClass';
import { attentionFlops } from './flops';

/** layers.AdditiveAttention()([query, value]): Bahdanau-style attention. */
export const AdditiveAttention = defineLayer({
  kind: 'AdditiveAttention',
  category: 'attention',
  doc: 'Additive (Bahdanau-style) attention: softmax(Σ tanh(query + key)) · value, on [query, value] or [query, value, key].',
  inputs: { min: 2, max: 3, names: ['query', 'value', 'key'] },
  params: {
    use_scale: bool(true, { tfjs: 'useScale', doc: 'Learn a per-dimension scale applied inside the sum.' }),
    dropout: float({ default: 0, min: 0, max: 1, exclusiveMax: true, tfjs: 'dropout', doc: 'Dropout rate on the attention distribution while training.' }),
  },
  infer: (inputs) => inferAttention('AdditiveAttention', inputs),
  weights: ([q], p) => (p.use_scale ? [w('scale', [q[2] as number])] : []),
  // Per feature: query + key, the scale, the sum.
  flops: (inputs, _y, p) => attentionFlops(inputs, p.use_scale ? 3 : 2),
  tfjs: buildWith(additiveAttentionClass),
  examples: [
    { inputs: [[null, 5, 8], [null, 6, 8]] },
    { inputs: [[null, 5, 8], [null, 6, 3], [null, 6, 8]], params: { use_scale: false } },
  ],
});
