import { defineLayer } from './kind';
import { globalPoolingKind } from './globalPooling';

/** layers.GlobalMaxPooling1D(): Max over all steps of a sequence: (batch, steps, channels) → (batch, channels). */
export const GlobalMaxPooling1D = defineLayer({
  ...globalPoolingKind('GlobalMaxPooling1D', 1),
  doc: 'Max over all steps of a sequence: (batch, steps, channels) → (batch, channels).',
  tfjs: 'globalMaxPooling1d',
  examples: [
    { inputs: [[null, 100, 16]] },
    { inputs: [[null, null, 64]] },
    { inputs: [[null, 16, 100]], params: { data_format: 'channels_first' }, tfjsUnsupported: true },
    { inputs: [[null, 10, 8]], params: { keepdims: true }, tfjsUnsupported: true },
  ],
});
