/** "Every model can be called like a layer": autoencoder (28,241) calls encoder (18,672) and decoder (9,569). */
import { ProjectBuilder } from '../engine/build';
import type { ProjectDoc } from '../engine/doc';
import { decoderStack, encoderStack } from './encoderStack';

export function autoencoderNested(): ProjectDoc {
  const b = new ProjectBuilder('autoencoder_nested');
  // Layer names continue the seed session's numbering (conv2d_4, ...), as its summaries print them.
  const encoderInput = b.input([28, 28, 1], { name: 'original_img' });
  const encoderOutput = encoderStack(b, encoderInput, {
    conv: ['conv2d_4', 'conv2d_5', 'conv2d_6', 'conv2d_7'],
    pool: 'max_pooling2d_1',
    global: 'global_max_pooling2d_1',
  });
  const encoder = b.model('encoder', [encoderInput], [encoderOutput]);

  const decoderInput = b.input([16], { name: 'encoded_img' });
  const decoderOutput = decoderStack(b, decoderInput, {
    reshape: 'reshape_1',
    deconv: ['conv2d_transpose_4', 'conv2d_transpose_5', 'conv2d_transpose_6', 'conv2d_transpose_7'],
    up: 'up_sampling2d_1',
  });
  const decoder = b.model('decoder', [decoderInput], [decoderOutput]);

  const autoencoderInput = b.input([28, 28, 1], { name: 'img' });
  const encoded = b.callModel(encoder, autoencoderInput);
  const decoded = b.callModel(decoder, encoded);
  b.model('autoencoder', [autoencoderInput], [decoded]);
  return b.build();
}
