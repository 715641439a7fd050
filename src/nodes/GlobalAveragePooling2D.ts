import { defineLayer } from './kind';
import { globalPoolingKind, pool2d } from './globalPooling';

/** layers.GlobalAveragePooling2D(): Mean over all rows and cols: (batch, rows, cols, channels) → (batch, channels). */
export const GlobalAveragePooling2D = defineLayer({
  ...globalPoolingKind('GlobalAveragePooling2D', 2),
  doc: 'Mean over all rows and cols: (batch, rows, cols, channels) → (batch, channels).',
  tfjs: pool2d('GlobalAveragePooling2D', 'mean', 'globalAveragePooling2d'),
  examples: [
    { inputs: [[null, 7, 7, 64]] },
    { inputs: [[null, null, null, 3]] },
    { inputs: [[null, 8, 5, 5]], params: { data_format: 'channels_first' } },
    { inputs: [[null, 8, 5, 5]], params: { data_format: 'channels_first', keepdims: true } },
  ],
});
