import { defineLayer } from './kind';
import { poolingKind } from './pooling';

/** layers.AveragePooling3D(pool_size): Mean over pool_size windows of a volume (batch, depth, rows, cols, channels). */
export const AveragePooling3D = defineLayer({
  ...poolingKind('AveragePooling3D', 3),
  doc: 'Mean over pool_size windows of a volume (batch, depth, rows, cols, channels).',
  tfjs: 'averagePooling3d',
  examples: [
    { inputs: [[null, 16, 32, 32, 3]], params: { pool_size: 2 } },
    { inputs: [[null, 9, 9, 9, 4]], params: { pool_size: 3, padding: 'same' } },
    { inputs: [[null, 4, 8, 10, 12]], params: { pool_size: [2, 2, 3], strides: 1, data_format: 'channels_first' } },
  ],
});
