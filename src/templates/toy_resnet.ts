/**
 * The seed's toy ResNet (223,242 params), with the two lines the seed page lost restored:
 * block_2_output = add([x, block_1_output]) and block_3_output = add([x, block_2_output]).
 * Layer names are the seed session's (conv2d_8, ...), as its summary prints them.
 */
import { ProjectBuilder } from '../engine/build';
import type { ProjectDoc } from '../engine/doc';

export function toyResnet(): ProjectDoc {
  const b = new ProjectBuilder('toy_resnet');
  const conv = (name: string, filters: number, padding: 'valid' | 'same' = 'valid') =>
    b.layer('Conv2D', { filters, kernel_size: 3, activation: 'relu', padding }, name);
  const inputs = b.input([32, 32, 3], { name: 'img' });
  let x = conv('conv2d_8', 32).call(inputs);
  x = conv('conv2d_9', 64).call(x);
  const block1 = b.layer('MaxPooling2D', { pool_size: 3 }, 'max_pooling2d_2').call(x);

  x = conv('conv2d_10', 64, 'same').call(block1);
  x = conv('conv2d_11', 64, 'same').call(x);
  const block2 = b.layer('Add', {}, 'add').call(x, block1);

  x = conv('conv2d_12', 64, 'same').call(block2);
  x = conv('conv2d_13', 64, 'same').call(x);
  const block3 = b.layer('Add', {}, 'add_1').call(x, block2);

  x = conv('conv2d_14', 64).call(block3);
  x = b.layer('GlobalAveragePooling2D', {}, 'global_average_pooling2d').call(x);
  x = b.layer('Dense', { units: 256, activation: 'relu' }, 'dense_6').call(x);
  x = b.layer('Dropout', { rate: 0.5 }, 'dropout').call(x);
  const outputs = b.layer('Dense', { units: 10 }, 'dense_7').call(x);
  b.model('toy_resnet', [inputs], [outputs]);
  return b.build();
}
