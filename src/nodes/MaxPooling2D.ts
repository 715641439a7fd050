import { defineLayer } from './kind';
import { poolingKind } from './pooling';

/** layers.MaxPooling2D(pool_size): Max over pool_size windows of an image (batch, rows, cols, channels); strides default to pool_size. */
export const MaxPooling2D = defineLayer({
  ...poolingKind('MaxPooling2D', 2),
  doc: 'Max over pool_size windows of an image (batch, rows, cols, channels); strides default to pool_size.',
  tfjs: 'maxPooling2d',
  examples: [
    { inputs: [[null, 26, 26, 64]], params: { pool_size: 3 } },
    { inputs: [[null, 28, 28, 1]] },
    { inputs: [[null, 15, 17, 8]], params: { pool_size: [2, 3], strides: 1, padding: 'same' } },
    { inputs: [[null, 8, 32, 32]], params: { pool_size: 2, strides: [2, 1], data_format: 'channels_first' } },
    { inputs: [[null, null, null, 3]], params: { pool_size: 3, strides: 2 } },
  ],
});
