import { defineLayer } from './kind';
import { inferPool, poolParams } from './pooling';

/** layers.AveragePooling3D(pool_size): Mean over pool_size windows of a volume (batch, depth, rows, cols, channels). */
export const AveragePooling3D = defineLayer({
  kind: 'AveragePooling3D',
  category: 'pooling',
  doc: 'Mean over pool_size windows of a volume (batch, depth, rows, cols, channels).',
  inputs: { min: 1, max: 1 },
  params: poolParams(3),
  infer: ([x], p) => inferPool('AveragePooling3D', 3, x, p),
  weights: () => [],
  tfjs: 'averagePooling3d',
  examples: [
    { inputs: [[null, 16, 32, 32, 3]], params: { pool_size: 2 } },
    { inputs: [[null, 9, 9, 9, 4]], params: { pool_size: 3, padding: 'same' } },
    { inputs: [[null, 4, 8, 10, 12]], params: { pool_size: [2, 2, 3], strides: 1, data_format: 'channels_first' } },
  ],
});
