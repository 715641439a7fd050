import { defineLayer } from './kind';
import { globalAveragePooling3dClass, globalPoolingKind } from './globalPooling';
import { buildWith } from './tfjsClass';

/** layers.GlobalAveragePooling3D(): Mean over depth, rows and cols: (batch, depth, rows, cols, channels) → (batch, channels). */
export const GlobalAveragePooling3D = defineLayer({
  ...globalPoolingKind('GlobalAveragePooling3D', 3),
  doc: 'Mean over depth, rows and cols: (batch, depth, rows, cols, channels) → (batch, channels).',
  tfjs: buildWith(globalAveragePooling3dClass),
  examples: [
    { inputs: [[null, 4, 5, 6, 3]] },
    { inputs: [[null, 3, 4, 4, 4]], params: { data_format: 'channels_first' } },
    { inputs: [[null, 4, 5, 6, 3]], params: { keepdims: true } },
  ],
});
