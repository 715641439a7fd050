import { activationAndBias, convWindow, dilationRate, filtersParam } from './convParams';
import { convGeometry, isFailure, withChannels } from './convShape';
import { depthwise1dClass, depthwise1dWeights } from './depthwise1d';
import { perSample, windowSize } from './flops';
import { defineLayer, ok } from './kind';
import { dataFormat, int } from './params';
import { buildWith } from './tfjsClass';

/** layers.SeparableConv1D(filters, kernel_size): a depthwise conv per channel, then a pointwise conv mixing channels. */
export const SeparableConv1D = defineLayer({
  kind: 'SeparableConv1D',
  category: 'convolution',
  doc: 'Depthwise separable 1D convolution: a per-channel temporal conv, then a pointwise conv across channels.',
  inputs: { min: 1, max: 1 },
  params: {
    filters: filtersParam(),
    ...convWindow(1),
    data_format: dataFormat(),
    dilation_rate: dilationRate(1),
    depth_multiplier: int({ default: 1, min: 1, tfjs: 'depthMultiplier', doc: 'Depthwise output channels per input channel.' }),
    ...activationAndBias('depthwise', 'pointwise'),
  },
  infer([x], p) {
    const g = convGeometry('SeparableConv1D', 1, x, p, true);
    return isFailure(g) ? g : ok(withChannels(x[0], g, p.filters));
  },
  weights: ([x], p) => depthwise1dWeights(x, p),
  // Depthwise: a kernel window per (output step, channel × multiplier); pointwise: from those to filters.
  flops([x], [y], p) {
    const [ch, out] = [x[p.data_format === 'channels_first' ? 1 : 2], perSample(y)];
    if (ch === null || out === null) return null;
    const mid = ch * p.depth_multiplier;
    return 2 * (out / p.filters) * mid * (windowSize(p.kernel_size, 1) + p.filters) + (p.use_bias ? out : 0);
  },
  tfjs: buildWith(depthwise1dClass('SeparableConv1D')),
  examples: [
    { inputs: [[null, 10, 3]], params: { filters: 4, kernel_size: 3, activation: 'relu' } },
    { inputs: [[null, 11, 4]], params: { filters: 6, kernel_size: 4, strides: 2, padding: 'same', depth_multiplier: 2 } },
    { inputs: [[null, 12, 2]], params: { filters: 3, kernel_size: 3, strides: 2, dilation_rate: 2, use_bias: false, pointwise_initializer: 'he_normal' } },
    { inputs: [[null, 3, 9]], params: { filters: 2, kernel_size: 2, data_format: 'channels_first' } },
  ],
});
