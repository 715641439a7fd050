import { defineLayer } from './kind';
import { poolingKind } from './pooling';

/** layers.AveragePooling1D(pool_size): Mean over windows of pool_size steps of a sequence (batch, steps, channels). */
export const AveragePooling1D = defineLayer({
  ...poolingKind('AveragePooling1D', 1),
  doc: 'Mean over windows of pool_size steps of a sequence (batch, steps, channels).',
  tfjs: 'averagePooling1d',
  examples: [
    { inputs: [[null, 100, 16]], params: { pool_size: 2 } },
    { inputs: [[null, 31, 8]], params: { pool_size: 3, padding: 'same' } },
    { inputs: [[null, 50, 8]], params: { pool_size: 5, strides: 2 } },
    { inputs: [[null, 8, 50]], params: { pool_size: 2, data_format: 'channels_first' }, tfjsUnsupported: true },
  ],
});
