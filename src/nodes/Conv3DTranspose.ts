import { activationAndBias, convWindow, dilationRate, filtersParam } from './convParams';
import { convTransposeClass, convTransposeFlops, convTransposeWeights, inferConvTranspose, outputPadding } from './convTranspose';
import { defineLayer } from './kind';
import { dataFormat } from './params';
import { buildWith } from './tfjsClass';

/** layers.Conv3DTranspose(filters, kernel_size): the transpose of Conv3D, growing depth, rows and cols. */
export const Conv3DTranspose = defineLayer({
  kind: 'Conv3DTranspose',
  category: 'convolution',
  doc: 'Transposed 3D convolution ("deconvolution"): grows depth, rows and cols of a volume (batch, depth, rows, cols, channels).',
  inputs: { min: 1, max: 1 },
  params: {
    filters: filtersParam(),
    ...convWindow(3),
    data_format: dataFormat(),
    output_padding: outputPadding(3),
    dilation_rate: dilationRate(3),
    ...activationAndBias('kernel'),
  },
  infer: ([x], p) => inferConvTranspose('Conv3DTranspose', 3, x, p),
  weights: ([x], p) => convTransposeWeights(3, x, p),
  flops: ([x], [y], p) => convTransposeFlops(3, x, y, p),
  tfjs: buildWith(convTransposeClass('Conv3DTranspose', 3)),
  examples: [
    { inputs: [[null, 3, 3, 3, 2]], params: { filters: 3, kernel_size: 2, activation: 'relu' } },
    { inputs: [[null, 2, 3, 3, 2]], params: { filters: 2, kernel_size: [2, 3, 3], strides: 2, padding: 'same' } },
    { inputs: [[null, 2, 2, 3, 2]], params: { filters: 2, kernel_size: 3, strides: [2, 2, 1], output_padding: [1, 0, 0], use_bias: false } },
    { inputs: [[null, 3, 3, 3, 2]], params: { filters: 2, kernel_size: 2, dilation_rate: [2, 1, 1] } },
    { inputs: [[null, 2, 2, 3, 3]], params: { filters: 2, kernel_size: 2, strides: 2, data_format: 'channels_first' } },
  ],
});
