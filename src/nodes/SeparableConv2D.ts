import { convGeometry, isFailure, withChannels } from './convShape';
import { perSample, windowSize } from './flops';
import { defineLayer, ok, w } from './kind';
import { activationAndBias, convWindow, dilationRate, filtersParam } from './convParams';
import { int, tuple } from './params';
import { channelsLastOnly } from './optional';
import { fmtShape } from '../engine/shape';

/** layers.SeparableConv2D(filters, kernel_size): a depthwise conv per channel, then a 1×1 conv mixing channels. */
export const SeparableConv2D = defineLayer({
  kind: 'SeparableConv2D',
  category: 'convolution',
  doc: 'Depthwise separable 2D convolution: a per-channel spatial conv, then a 1×1 conv across channels.',
  inputs: { min: 1, max: 1 },
  params: {
    filters: filtersParam(),
    ...convWindow(2),
    // tfjs 4.22 adds the bias of a channels_first SeparableConv2D on the wrong axis (the op throws).
    data_format: channelsLastOnly(),
    dilation_rate: dilationRate(2),
    depth_multiplier: int({ default: 1, min: 1, tfjs: 'depthMultiplier', doc: 'Depthwise output channels per input channel.' }),
    ...activationAndBias('depthwise', 'pointwise'),
  },
  infer([x], p) {
    const g = convGeometry('SeparableConv2D', 2, x, p, true);
    return isFailure(g) ? g : ok(withChannels(x[0], g, p.filters));
  },
  weights([x], p) {
    const ch = x[p.data_format === 'channels_first' ? 1 : 3] as number;
    return [
      w('depthwise_kernel', [...tuple(p.kernel_size, 2), ch, p.depth_multiplier]),
      w('pointwise_kernel', [1, 1, ch * p.depth_multiplier, p.filters]),
      ...(p.use_bias ? [w('bias', [p.filters])] : []),
    ];
  },
  // Depthwise: a kernel window per (output position, channel × multiplier); pointwise: a 1×1 conv from those to filters.
  flops([x], [y], p) {
    const [ch, out] = [x[p.data_format === 'channels_first' ? 1 : 3], perSample(y)];
    if (ch === null || out === null) return null;
    const positions = out / p.filters;
    const mid = ch * p.depth_multiplier;
    return 2 * positions * mid * (windowSize(p.kernel_size, 2) + p.filters) + (p.use_bias ? out : 0);
  },
  tfjs(p, config, tf) {
    const [s, d] = [tuple(p.strides, 2), tuple(p.dilation_rate, 2)];
    // Keras allows both; tfjs-core's depthwise op throws "Either strides or dilations must be 1".
    if (s.some((v) => v > 1) && d.some((v) => v > 1))
      return { unsupported: `tfjs 4.22 cannot run SeparableConv2D with strides ${fmtShape(s)} and dilation_rate ${fmtShape(d)} together` };
    const layer = tf.layers.separableConv2d(config as unknown as Parameters<typeof tf.layers.separableConv2d>[0]);
    // tfjs 4.22 builds the pointwise initializer from depthwiseInitializer (a bug): set the one asked for.
    const init = tf.initializers[config.pointwiseInitializer as 'glorotUniform'];
    return Object.assign(layer, { pointwiseInitializer: init({}) });
  },
  examples: [
    { inputs: [[null, 32, 32, 3]], params: { filters: 16, kernel_size: 3, activation: 'relu' } },
    { inputs: [[null, 28, 28, 8]], params: { filters: 32, kernel_size: 5, strides: 2, padding: 'same', depth_multiplier: 2 } },
    { inputs: [[null, 16, 16, 4]], params: { filters: 8, kernel_size: 3, dilation_rate: 2, use_bias: false, pointwise_initializer: 'he_normal' } },
    { inputs: [[null, 12, 12, 3]], params: { filters: 6, kernel_size: [3, 1], padding: 'same' } },
    { inputs: [[null, 3, 12, 12]], params: { filters: 6, kernel_size: 3, data_format: 'channels_first' }, tfjsUnsupported: true },
    { inputs: [[null, 10, 10, 3]], params: { filters: 4, kernel_size: 3, strides: 2, dilation_rate: 2 }, tfjsUnsupported: true },
  ],
});
