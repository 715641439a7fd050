import { activationAndBias, convWindow, dilationRate } from './convParams';
import { convGeometry, isFailure, withChannels } from './convShape';
import { depthwise1dClass, depthwise1dWeights } from './depthwise1d';
import { macFlops, windowSize } from './flops';
import { defineLayer, ok } from './kind';
import { dataFormat, int } from './params';
import { buildWith } from './tfjsClass';

/** layers.DepthwiseConv1D(kernel_size): one temporal filter (or depth_multiplier filters) per input channel. */
export const DepthwiseConv1D = defineLayer({
  kind: 'DepthwiseConv1D',
  category: 'convolution',
  doc: 'Depthwise 1D convolution: each channel of a sequence convolved on its own, depth_multiplier outputs each.',
  inputs: { min: 1, max: 1 },
  params: {
    ...convWindow(1),
    depth_multiplier: int({ default: 1, min: 1, tfjs: 'depthMultiplier', doc: 'Output channels per input channel.' }),
    data_format: dataFormat(),
    dilation_rate: dilationRate(1),
    ...activationAndBias('depthwise'),
  },
  infer([x], p) {
    const g = convGeometry('DepthwiseConv1D', 1, x, p, true);
    return isFailure(g) ? g : ok(withChannels(x[0], g, g.channels * p.depth_multiplier));
  },
  weights: ([x], p) => depthwise1dWeights(x, p),
  // Each output element: one kernel window of its own input channel.
  flops: (_, [y], p) => macFlops(y, windowSize(p.kernel_size, 1), p.use_bias),
  tfjs: buildWith(depthwise1dClass('DepthwiseConv1D')),
  examples: [
    { inputs: [[null, 10, 3]], params: { kernel_size: 3, activation: 'relu' } },
    { inputs: [[null, 11, 4]], params: { kernel_size: 4, strides: 2, padding: 'same', depth_multiplier: 3 } },
    { inputs: [[null, 12, 2]], params: { kernel_size: 3, strides: 2, dilation_rate: 2, use_bias: false } },
    { inputs: [[null, 3, 9]], params: { kernel_size: 2, depth_multiplier: 2, data_format: 'channels_first' } },
  ],
});
