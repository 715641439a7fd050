import { defineLayer } from './kind';
import { poolingKind } from './pooling';

/** layers.AveragePooling2D(pool_size): Mean over pool_size windows of an image (batch, rows, cols, channels); strides default to pool_size. */
export const AveragePooling2D = defineLayer({
  ...poolingKind('AveragePooling2D', 2),
  doc: 'Mean over pool_size windows of an image (batch, rows, cols, channels); strides default to pool_size.',
  tfjs: 'averagePooling2d',
  examples: [
    { inputs: [[null, 32, 32, 3]], params: { pool_size: 2 } },
    { inputs: [[null, 15, 15, 8]], params: { pool_size: 3, strides: 2, padding: 'same' } },
    { inputs: [[null, 8, 20, 20]], params: { pool_size: [4, 2], data_format: 'channels_first' } },
    { inputs: [[null, 7, 9, 4]], params: { pool_size: [3, 2], strides: [1, 2] } },
  ],
});
