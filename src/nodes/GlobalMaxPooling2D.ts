import { defineLayer } from './kind';
import { globalPoolingKind, pool2d } from './globalPooling';

/** layers.GlobalMaxPooling2D(): Max over all rows and cols: (batch, rows, cols, channels) → (batch, channels). */
export const GlobalMaxPooling2D = defineLayer({
  ...globalPoolingKind('GlobalMaxPooling2D', 2),
  doc: 'Max over all rows and cols: (batch, rows, cols, channels) → (batch, channels).',
  tfjs: pool2d('GlobalMaxPooling2D', 'max', 'globalMaxPooling2d'),
  examples: [
    { inputs: [[null, 4, 4, 16]] },
    { inputs: [[null, null, null, 64]] },
    { inputs: [[null, 8, 5, 5]], params: { data_format: 'channels_first' } },
    { inputs: [[null, 4, 4, 16]], params: { keepdims: true } },
  ],
});
