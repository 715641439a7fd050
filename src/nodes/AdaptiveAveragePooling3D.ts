import { adaptivePoolingKind } from './adaptivePooling';
import { defineLayer } from './kind';

/** layers.AdaptiveAveragePooling3D(output_size): Mean over bins that divide the input into exactly output_size. */
export const AdaptiveAveragePooling3D = defineLayer({
  ...adaptivePoolingKind('AdaptiveAveragePooling3D', 3, 'mean'),
  doc: 'Mean over output_size bins of (batch, depth, rows, cols, channels), whatever the input size: bin i of length L covers [floor(i·L/n), ceil((i+1)·L/n)).',
  examples: [
    { inputs: [[null, 4, 4, 4, 2]] },
    { inputs: [[null, 5, 7, 3, 2]], params: { output_size: [2, 3, 2] } },
    { inputs: [[null, 2, 3, 5, 4]], params: { output_size: [3, 2, 2], data_format: 'channels_first' } },
  ],
});
