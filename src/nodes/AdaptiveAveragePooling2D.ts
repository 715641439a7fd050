import { adaptivePoolingKind } from './adaptivePooling';
import { defineLayer } from './kind';

/** layers.AdaptiveAveragePooling2D(output_size): Mean over bins that divide the input into exactly output_size. */
export const AdaptiveAveragePooling2D = defineLayer({
  ...adaptivePoolingKind('AdaptiveAveragePooling2D', 2, 'mean'),
  doc: 'Mean over output_size bins of (batch, rows, cols, channels), whatever the input size: bin i of length L covers [floor(i·L/n), ceil((i+1)·L/n)).',
  examples: [
    { inputs: [[null, 8, 8, 3]] },
    { inputs: [[null, 7, 10, 2]], params: { output_size: [3, 4] } },
    { inputs: [[null, 2, 5, 2]], params: { output_size: [3, 2] } },
    { inputs: [[null, 3, 6, 5]], params: { output_size: 2, data_format: 'channels_first' } },
    { inputs: [[null, null, null, 2]], params: { output_size: 2 } },
  ],
});
