/** "Several models from one layer graph": encoder (18,672) and autoencoder (28,241) share the encoder's calls. */
import { ProjectBuilder } from '../engine/build';
import type { ProjectDoc } from '../engine/doc';
import { decoderStack, encoderStack } from './encoderStack';

export function autoencoderShared(): ProjectDoc {
  const b = new ProjectBuilder('autoencoder_shared');
  const encoderInput = b.input([28, 28, 1], { name: 'img' });
  const encoderOutput = encoderStack(b, encoderInput, {
    conv: ['conv2d', 'conv2d_1', 'conv2d_2', 'conv2d_3'],
    pool: 'max_pooling2d',
    global: 'global_max_pooling2d',
  });
  b.model('encoder', [encoderInput], [encoderOutput]);
  const decoderOutput = decoderStack(b, encoderOutput, {
    reshape: 'reshape',
    deconv: ['conv2d_transpose', 'conv2d_transpose_1', 'conv2d_transpose_2', 'conv2d_transpose_3'],
    up: 'up_sampling2d',
  });
  b.model('autoencoder', [encoderInput], [decoderOutput]);
  return b.build();
}
