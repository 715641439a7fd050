import { defineLayer } from './kind';
import { globalPoolParams, inferGlobalPool } from './globalPooling';

/** layers.GlobalMaxPooling2D(): Max over all rows and cols: (batch, rows, cols, channels) → (batch, channels). */
export const GlobalMaxPooling2D = defineLayer({
  kind: 'GlobalMaxPooling2D',
  category: 'pooling',
  doc: 'Max over all rows and cols: (batch, rows, cols, channels) → (batch, channels).',
  inputs: { min: 1, max: 1 },
  params: globalPoolParams(2),
  infer: ([x], p) => inferGlobalPool('GlobalMaxPooling2D', 2, x, p),
  weights: () => [],
  tfjs: 'globalMaxPooling2d',
  examples: [
    { inputs: [[null, 4, 4, 16]] },
    { inputs: [[null, null, null, 64]] },
    { inputs: [[null, 8, 5, 5]], params: { data_format: 'channels_first' } },
    { inputs: [[null, 4, 4, 16]], params: { keepdims: true }, tfjsUnsupported: true },
  ],
});
