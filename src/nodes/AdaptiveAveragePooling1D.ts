import { adaptivePoolingKind } from './adaptivePooling';
import { defineLayer } from './kind';

/** layers.AdaptiveAveragePooling1D(output_size): Mean over bins that divide the input into exactly output_size. */
export const AdaptiveAveragePooling1D = defineLayer({
  ...adaptivePoolingKind('AdaptiveAveragePooling1D', 1, 'mean'),
  doc: 'Mean over output_size bins of (batch, steps, channels), whatever the input size: bin i of length L covers [floor(i·L/n), ceil((i+1)·L/n)).',
  examples: [
    { inputs: [[null, 10, 3]] },
    { inputs: [[null, 7, 2]], params: { output_size: 5 } },
    { inputs: [[null, 3, 2]], params: { output_size: 5 } },
    { inputs: [[null, 3, 9]], params: { output_size: 4, data_format: 'channels_first' } },
    { inputs: [[null, null, 2]], params: { output_size: 3 } },
  ],
});
