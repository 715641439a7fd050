/** Shared layers: one Embedding(1000, 128) encodes two variable-length int sequences (128,000 params). */
import { ProjectBuilder } from '../engine/build';
import type { ProjectDoc } from '../engine/doc';

export function sharedEmbedding(): ProjectDoc {
  const b = new ProjectBuilder('shared_embedding');
  const embedding = b.layer('Embedding', { input_dim: 1000, output_dim: 128 });
  const textA = b.input([null], { dtype: 'int32' });
  const textB = b.input([null], { dtype: 'int32' });
  const encodedA = embedding.call(textA);
  const encodedB = embedding.call(textB);
  b.model('shared_embedding', [textA, textB], [encodedA, encodedB]);
  return b.build();
}
