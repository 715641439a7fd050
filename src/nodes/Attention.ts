import { defineLayer, w } from './kind';
import { bool, enumOf, float } from './params';
import { attentionClass, inferAttention } from './attentionScores';
import { buildWith } from './tfjsClass';
import { attentionFlops } from './flops';

/** layers.Attention()([query, value]): dot-product (Luong-style) attention. */
export const Attention = defineLayer({
  kind: 'Attention',
  category: 'attention',
  doc: 'Dot-product attention: softmax(query · keyᵀ) · value, on [query, value] or [query, value, key] of shape (batch, steps, dim).',
  inputs: { min: 2, max: 3, names: ['query', 'value', 'key'] },
  params: {
    use_scale: bool(false, { tfjs: 'useScale', doc: 'Learn a scalar that scales the attention scores.' }),
    score_mode: enumOf(['dot', 'concat'], 'dot', { tfjs: 'scoreMode', doc: '"dot": query · key; "concat": sum of tanh(query + key).' }),
    dropout: float({ default: 0, min: 0, max: 1, exclusiveMax: true, tfjs: 'dropout', doc: 'Dropout rate on the attention distribution while training.' }),
  },
  infer: (inputs) => inferAttention('Attention', inputs),
  weights: (_x, p) => [...(p.use_scale ? [w('scale', [])] : []), ...(p.score_mode === 'concat' ? [w('concat_score_weight', [])] : [])],
  // dot: a multiply-add per feature (+ the scale); concat: add, scale, sum per feature (+ the concat weight).
  flops: (inputs, _y, p) =>
    p.score_mode === 'dot' ? attentionFlops(inputs, 2, p.use_scale ? 1 : 0) : attentionFlops(inputs, p.use_scale ? 3 : 2, 1),
  tfjs: buildWith(attentionClass),
  examples: [
    { inputs: [[null, 5, 8], [null, 6, 8]] },
    { inputs: [[null, 5, 8], [null, 6, 3], [null, 6, 8]], params: { use_scale: true } },
    { inputs: [[null, 4, 6], [null, 7, 6]], params: { score_mode: 'concat', use_scale: true, dropout: 0.2 } },
  ],
});
