import { activationAndBias, convWindow, dilationRate, filtersParam } from './convParams';
import { convTransposeClass, convTransposeFlops, convTransposeWeights, inferConvTranspose, outputPadding } from './convTranspose';
import { defineLayer } from './kind';
import { dataFormat } from './params';
import { buildWith } from './tfjsClass';

/** layers.Conv1DTranspose(filters, kernel_size): the transpose of Conv1D, growing the steps. */
export const Conv1DTranspose = defineLayer({
  kind: 'Conv1DTranspose',
  category: 'convolution',
  doc: 'Transposed 1D convolution ("deconvolution"): grows the steps of a sequence (batch, steps, channels).',
  inputs: { min: 1, max: 1 },
  params: {
    filters: filtersParam(),
    ...convWindow(1),
    output_padding: outputPadding(1),
    data_format: dataFormat(),
    dilation_rate: dilationRate(1),
    ...activationAndBias('kernel'),
  },
  infer: ([x], p) => inferConvTranspose('Conv1DTranspose', 1, x, p),
  weights: ([x], p) => convTransposeWeights(1, x, p),
  flops: ([x], [y], p) => convTransposeFlops(1, x, y, p),
  tfjs: buildWith(convTransposeClass('Conv1DTranspose', 1)),
  examples: [
    { inputs: [[null, 6, 3]], params: { filters: 4, kernel_size: 3, activation: 'relu' } },
    { inputs: [[null, 7, 4]], params: { filters: 3, kernel_size: 4, strides: 2, padding: 'same' } },
    { inputs: [[null, 5, 2]], params: { filters: 3, kernel_size: 3, strides: 3, output_padding: 2, use_bias: false } },
    { inputs: [[null, 6, 3]], params: { filters: 2, kernel_size: 3, strides: 2, padding: 'same', output_padding: 1 } },
    { inputs: [[null, 6, 3]], params: { filters: 2, kernel_size: 3, dilation_rate: 2, padding: 'same' } },
    { inputs: [[null, 2, 6]], params: { filters: 3, kernel_size: 2, strides: 2, data_format: 'channels_first' } },
  ],
});
