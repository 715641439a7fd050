import { defineLayer } from './kind';
import { poolingKind } from './pooling';

/** layers.MaxPooling3D(pool_size): Max over pool_size windows of a volume (batch, depth, rows, cols, channels). */
export const MaxPooling3D = defineLayer({
  ...poolingKind('MaxPooling3D', 3),
  doc: 'Max over pool_size windows of a volume (batch, depth, rows, cols, channels).',
  tfjs: 'maxPooling3d',
  examples: [
    { inputs: [[null, 16, 32, 32, 3]] },
    { inputs: [[null, 9, 9, 9, 4]], params: { pool_size: 3, strides: 2, padding: 'same' } },
    { inputs: [[null, 4, 8, 10, 12]], params: { pool_size: [1, 2, 3], data_format: 'channels_first' } },
    { inputs: [[null, 10, 10, 10, 2]], params: { pool_size: 2, strides: [1, 2, 3] } },
  ],
});
