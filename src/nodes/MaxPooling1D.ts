import { defineLayer } from './kind';
import { poolingKind } from './pooling';

/** layers.MaxPooling1D(pool_size): Max over windows of pool_size steps of a sequence (batch, steps, channels). */
export const MaxPooling1D = defineLayer({
  ...poolingKind('MaxPooling1D', 1),
  doc: 'Max over windows of pool_size steps of a sequence (batch, steps, channels).',
  tfjs: 'maxPooling1d',
  examples: [
    { inputs: [[null, 100, 16]] },
    { inputs: [[null, 50, 8]], params: { pool_size: 3 } },
    { inputs: [[null, 50, 8]], params: { pool_size: 4, strides: 1, padding: 'same' } },
    { inputs: [[null, null, 8]], params: { pool_size: 2, strides: 3 } },
    { inputs: [[null, 8, 50]], params: { pool_size: 2, data_format: 'channels_first' }, tfjsUnsupported: true },
  ],
});
