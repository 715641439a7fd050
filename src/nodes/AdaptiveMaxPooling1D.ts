import { adaptivePoolingKind } from './adaptivePooling';
import { defineLayer } from './kind';

/** layers.AdaptiveMaxPooling1D(output_size): Max over bins that divide the input into exactly output_size. */
export const AdaptiveMaxPooling1D = defineLayer({
  ...adaptivePoolingKind('AdaptiveMaxPooling1D', 1, 'max'),
  doc: 'Max over output_size bins of (batch, steps, channels), whatever the input size: bin i of length L covers [floor(i·L/n), ceil((i+1)·L/n)).',
  examples: [
    { inputs: [[null, 10, 3]] },
    { inputs: [[null, 7, 2]], params: { output_size: 5 } },
    { inputs: [[null, 3, 2]], params: { output_size: 5 } },
    { inputs: [[null, 3, 9]], params: { output_size: 4, data_format: 'channels_first' } },
    { inputs: [[null, null, 2]], params: { output_size: 3 } },
  ],
});
