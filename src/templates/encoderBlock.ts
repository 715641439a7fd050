/**
 * The pieces the transformer templates share, built only from layer kinds: a learned position
 * embedding and a post-norm transformer encoder block (as in the Keras "Text classification
 * with Transformer" and ViT examples).
 */
import type { ProjectBuilder } from '../engine/build';

type Sym = ReturnType<ProjectBuilder['input']>;

/**
 * x·W + P for a (batch, steps, dim) sequence: EinsumDense("abc,cd->abd") with a bias on both the
 * step and feature axes — P is a learned (steps, dim) position embedding, added to every sample.
 */
export function positionEmbedding(b: ProjectBuilder, x: Sym, steps: number, dim: number): Sym {
  return b.layer('EinsumDense', { equation: 'abc,cd->abd', output_shape: [steps, dim], bias_axes: 'bd' }, 'position_embedding').call(x);
}

/** MultiHeadAttention(x, x) + x → LayerNorm → Dense(ff, relu) → Dense(dim) + x → LayerNorm. */
export function encoderBlock(b: ProjectBuilder, x: Sym, o: { dim: number; heads: number; ff: number; dropout: number }): Sym {
  let attn = b.layer('MultiHeadAttention', { num_heads: o.heads, key_dim: o.dim / o.heads }).call(x, x);
  attn = b.layer('Dropout', { rate: o.dropout }).call(attn);
  const h = b.layer('LayerNormalization', { epsilon: 1e-6 }).call(b.layer('Add').call(x, attn));
  let ff = b.layer('Dense', { units: o.ff, activation: 'relu' }).call(h);
  ff = b.layer('Dense', { units: o.dim }).call(ff);
  ff = b.layer('Dropout', { rate: o.dropout }).call(ff);
  return b.layer('LayerNormalization', { epsilon: 1e-6 }).call(b.layer('Add').call(h, ff));
}
