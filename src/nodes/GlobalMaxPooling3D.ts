import { defineLayer } from './kind';
import { globalMaxPooling3dClass, globalPoolingKind } from './globalPooling';
import { buildWith } from './tfjsClass';

/** layers.GlobalMaxPooling3D(): Maximum over depth, rows and cols: (batch, depth, rows, cols, channels) → (batch, channels). */
export const GlobalMaxPooling3D = defineLayer({
  ...globalPoolingKind('GlobalMaxPooling3D', 3),
  doc: 'Maximum over depth, rows and cols: (batch, depth, rows, cols, channels) → (batch, channels).',
  tfjs: buildWith(globalMaxPooling3dClass),
  examples: [
    { inputs: [[null, 4, 5, 6, 3]] },
    { inputs: [[null, 3, 4, 4, 4]], params: { data_format: 'channels_first' } },
    { inputs: [[null, 4, 5, 6, 3]], params: { keepdims: true } },
  ],
});
