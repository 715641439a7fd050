import { activationAndBias, convWindow, dilationRate, filtersParam } from './convParams';
import { convTransposeFlops, convTransposeWeights, inferConvTranspose, outputPadding } from './convTranspose';
import { defineLayer } from './kind';
import { dataFormat } from './params';

/** layers.Conv2DTranspose(filters, kernel_size): the transpose of Conv2D, growing rows and cols. */
export const Conv2DTranspose = defineLayer({
  kind: 'Conv2DTranspose',
  category: 'convolution',
  doc: 'Transposed 2D convolution ("deconvolution"): grows rows and cols, e.g. in a decoder.',
  inputs: { min: 1, max: 1 },
  params: {
    filters: filtersParam(),
    ...convWindow(2),
    // tfjs 4.22 has no output padding, and accepts dilationRate but ignores it (shape and op).
    output_padding: outputPadding(2, null),
    data_format: dataFormat(),
    dilation_rate: dilationRate(2, null),
    ...activationAndBias('kernel'),
  },
  infer: ([x], p) => inferConvTranspose('Conv2DTranspose', 2, x, p),
  weights: ([x], p) => convTransposeWeights(2, x, p),
  flops: ([x], [y], p) => convTransposeFlops(2, x, y, p),
  tfjs: 'conv2dTranspose',
  examples: [
    { inputs: [[null, 4, 4, 1]], params: { filters: 16, kernel_size: 3, activation: 'relu' } },
    { inputs: [[null, 7, 7, 32]], params: { filters: 16, kernel_size: 4, strides: 2, padding: 'same' } },
    { inputs: [[null, 10, 10, 8]], params: { filters: 4, kernel_size: [2, 3], strides: 3, use_bias: false } },
    { inputs: [[null, 8, 5, 5]], params: { filters: 4, kernel_size: 3, strides: 2, data_format: 'channels_first' } },
    { inputs: [[null, 10, 10, 3]], params: { filters: 4, kernel_size: 3, strides: 2, output_padding: 1 }, tfjsUnsupported: true },
    { inputs: [[null, 10, 10, 3]], params: { filters: 4, kernel_size: 3, dilation_rate: 2 }, tfjsUnsupported: true },
  ],
});
