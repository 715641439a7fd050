import { convGeometry, isFailure, withChannels } from './convShape';
import { macFlops, windowSize } from './flops';
import { defineLayer, ok, w } from './kind';
import { activationAndBias, convWindow, dilationRate } from './convParams';
import { dataFormat, int, tuple } from './params';

/** layers.DepthwiseConv2D(kernel_size): one spatial filter (or depth_multiplier filters) per input channel. */
export const DepthwiseConv2D = defineLayer({
  kind: 'DepthwiseConv2D',
  category: 'convolution',
  doc: 'Depthwise 2D convolution: each input channel convolved on its own, depth_multiplier outputs each.',
  inputs: { min: 1, max: 1 },
  params: {
    ...convWindow(2),
    depth_multiplier: int({ default: 1, min: 1, tfjs: 'depthMultiplier', doc: 'Output channels per input channel.' }),
    data_format: dataFormat(),
    // tfjs 4.22 accepts dilationRate but ignores it in both the shape and the op.
    dilation_rate: dilationRate(2, null),
    ...activationAndBias('depthwise'),
  },
  infer([x], p) {
    const g = convGeometry('DepthwiseConv2D', 2, x, p, true);
    return isFailure(g) ? g : ok(withChannels(x[0], g, g.channels * p.depth_multiplier));
  },
  // Keras 3 names the depthwise weight "kernel" (tfjs: depthwise_kernel); same shape and order.
  weights([x], p) {
    const ch = x[p.data_format === 'channels_first' ? 1 : 3] as number;
    return [w('kernel', [...tuple(p.kernel_size, 2), ch, p.depth_multiplier]), ...(p.use_bias ? [w('bias', [ch * p.depth_multiplier])] : [])];
  },
  // Each output element: one kernel window of its own input channel.
  flops: (_, [y], p) => macFlops(y, windowSize(p.kernel_size, 2), p.use_bias),
  tfjs: 'depthwiseConv2d',
  examples: [
    { inputs: [[null, 32, 32, 3]], params: { kernel_size: 3, activation: 'relu' } },
    { inputs: [[null, 28, 28, 8]], params: { kernel_size: 5, strides: 2, padding: 'same', depth_multiplier: 3 } },
    { inputs: [[null, 16, 16, 4]], params: { kernel_size: [3, 1], use_bias: false } },
    { inputs: [[null, 3, 12, 12]], params: { kernel_size: 3, depth_multiplier: 2, data_format: 'channels_first' } },
    { inputs: [[null, 16, 16, 4]], params: { kernel_size: 3, dilation_rate: 2 }, tfjsUnsupported: true },
  ],
});
