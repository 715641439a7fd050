/** A ViT-style image classifier for MNIST: 7×7 patches (Conv2D stride 7) → 16 tokens + positions → 2 encoder blocks → 10 classes. */
import { ProjectBuilder } from '../engine/build';
import type { ProjectDoc } from '../engine/doc';
import { encoderBlock, positionEmbedding } from './encoderBlock';

export function vitMnist(): ProjectDoc {
  const patch = 7;
  const patches = (28 / patch) ** 2;
  const dim = 32;
  const b = new ProjectBuilder('vit_mnist');
  const image = b.input([28, 28, 1], { name: 'image' });
  let x = b.layer('Conv2D', { filters: dim, kernel_size: patch, strides: patch }, 'patches').call(image);
  x = b.layer('Reshape', { target_shape: [patches, dim] }).call(x);
  x = positionEmbedding(b, x, patches, dim);
  for (let i = 0; i < 2; i++) x = encoderBlock(b, x, { dim, heads: 4, ff: 64, dropout: 0.1 });
  x = b.layer('GlobalAveragePooling1D').call(x);
  const digit = b.layer('Dense', { units: 10, activation: 'softmax' }, 'digit').call(x);
  b.model('vit_mnist', [image], [digit]);
  return b.build();
}
