import { baseConvParams, baseConvWeights, inferBaseConv } from './baseConv';
import { convFlops } from './flops';
import { defineLayer } from './kind';

/** layers.Conv3D(filters, kernel_size): convolution over volumes (batch, depth, rows, cols, channels). */
export const Conv3D = defineLayer({
  kind: 'Conv3D',
  category: 'convolution',
  doc: '3D convolution over volumes (batch, depth, rows, cols, channels).',
  inputs: { min: 1, max: 1 },
  params: baseConvParams(3),
  infer: ([x], p) => inferBaseConv('Conv3D', 3, x, p),
  weights: ([x], p) => baseConvWeights(3, x, p),
  flops: ([x], [y], p) => convFlops(3, x, y, p),
  tfjs: 'conv3d',
  examples: [
    { inputs: [[null, 16, 32, 32, 3]], params: { filters: 8, kernel_size: 3, activation: 'relu' } },
    { inputs: [[null, 10, 20, 20, 4]], params: { filters: 16, kernel_size: [3, 5, 5], strides: 2, padding: 'same' } },
    { inputs: [[null, 9, 9, 9, 2]], params: { filters: 4, kernel_size: 2, dilation_rate: 2, use_bias: false } },
    { inputs: [[null, 3, 8, 8, 8]], params: { filters: 2, kernel_size: 3, data_format: 'channels_first' } },
    { inputs: [[null, 8, 8, 8, 4]], params: { filters: 4, kernel_size: 3, groups: 2 }, tfjsUnsupported: true },
  ],
});
