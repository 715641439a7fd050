import { defineLayer } from './kind';
import { inferPool, poolParams } from './pooling';

/** layers.AveragePooling1D(pool_size): Mean over windows of pool_size steps of a sequence (batch, steps, channels). */
export const AveragePooling1D = defineLayer({
  kind: 'AveragePooling1D',
  category: 'pooling',
  doc: 'Mean over windows of pool_size steps of a sequence (batch, steps, channels).',
  inputs: { min: 1, max: 1 },
  params: poolParams(1),
  infer: ([x], p) => inferPool('AveragePooling1D', 1, x, p),
  weights: () => [],
  tfjs: 'averagePooling1d',
  examples: [
    { inputs: [[null, 100, 16]], params: { pool_size: 2 } },
    { inputs: [[null, 31, 8]], params: { pool_size: 3, padding: 'same' } },
    { inputs: [[null, 50, 8]], params: { pool_size: 5, strides: 2 } },
    { inputs: [[null, 8, 50]], params: { pool_size: 2, data_format: 'channels_first' }, tfjsUnsupported: true },
  ],
});
