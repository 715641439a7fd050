import { defineLayer } from './kind';
import { globalPoolingKind } from './globalPooling';

/** layers.GlobalAveragePooling1D(): Mean over all steps of a sequence: (batch, steps, channels) → (batch, channels). */
export const GlobalAveragePooling1D = defineLayer({
  ...globalPoolingKind('GlobalAveragePooling1D', 1),
  doc: 'Mean over all steps of a sequence: (batch, steps, channels) → (batch, channels).',
  tfjs: 'globalAveragePooling1d',
  examples: [
    { inputs: [[null, 100, 16]] },
    { inputs: [[null, null, 128]] },
    { inputs: [[null, 16, 100]], params: { data_format: 'channels_first' }, tfjsUnsupported: true },
    { inputs: [[null, 10, 8]], params: { keepdims: true }, tfjsUnsupported: true },
  ],
});
