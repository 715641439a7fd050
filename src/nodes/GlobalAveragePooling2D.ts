import { defineLayer } from './kind';
import { globalPoolParams, inferGlobalPool } from './globalPooling';

/** layers.GlobalAveragePooling2D(): Mean over all rows and cols: (batch, rows, cols, channels) → (batch, channels). */
export const GlobalAveragePooling2D = defineLayer({
  kind: 'GlobalAveragePooling2D',
  category: 'pooling',
  doc: 'Mean over all rows and cols: (batch, rows, cols, channels) → (batch, channels).',
  inputs: { min: 1, max: 1 },
  params: globalPoolParams(2),
  infer: ([x], p) => inferGlobalPool('GlobalAveragePooling2D', 2, x, p),
  weights: () => [],
  tfjs: 'globalAveragePooling2d',
  examples: [
    { inputs: [[null, 7, 7, 64]] },
    { inputs: [[null, null, null, 3]] },
    { inputs: [[null, 8, 5, 5]], params: { data_format: 'channels_first' } },
    { inputs: [[null, 8, 5, 5]], params: { data_format: 'channels_first', keepdims: true }, tfjsUnsupported: true },
  ],
});
