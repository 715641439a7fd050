/** A small transformer text classifier: token ids → embedding + learned positions → encoder block → 2 classes. */
import { ProjectBuilder } from '../engine/build';
import type { ProjectDoc } from '../engine/doc';
import { encoderBlock, positionEmbedding } from './encoderBlock';

export function transformerClassifier(): ProjectDoc {
  const steps = 32;
  const dim = 32;
  const b = new ProjectBuilder('transformer_classifier');
  const tokens = b.input([steps], { name: 'tokens', dtype: 'int32' });
  let x = b.layer('Embedding', { input_dim: 2000, output_dim: dim }).call(tokens);
  x = positionEmbedding(b, x, steps, dim);
  x = encoderBlock(b, x, { dim, heads: 2, ff: 64, dropout: 0.1 });
  x = b.layer('GlobalAveragePooling1D').call(x);
  x = b.layer('Dropout', { rate: 0.1 }).call(x);
  const label = b.layer('Dense', { units: 2, activation: 'softmax' }, 'label').call(x);
  b.model('transformer_classifier', [tokens], [label]);
  return b.build();
}
