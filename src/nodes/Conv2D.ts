import { baseConvParams, baseConvWeights, groupsCheck, groupsParam } from './baseConv';
import { groupedConv2DClass } from './groupedConv';
import { convFlops } from './flops';
import { convOutLength } from './convMath';
import { dilationClash, shrinkCheck } from './convShape';
import { defineLayer, needKnown, needRank, ok } from './kind';
import { tuple } from './params';
import { fmtShape } from '../engine/shape';

/** layers.Conv2D(filters, kernel_size): 2D convolution over (batch, rows, cols, channels). */
export const Conv2D = defineLayer({
  kind: 'Conv2D',
  category: 'convolution',
  doc: '2D convolution over images (batch, rows, cols, channels).',
  inputs: { min: 1, max: 1 },
  params: baseConvParams(2, { groups: groupsParam('groups') }),
  // Its own checks, not inferBaseConv's, to keep Conv2D's messages: the rank message names the
  // channels_last layout, the negative-size one omits dilation_rate, groups is checked first.
  infer([x], p) {
    const r = needRank('Conv2D', x, 4, '(batch, rows, cols, channels)');
    if (r) return r;
    const first = p.data_format === 'channels_first';
    const [k, s, d] = [tuple(p.kernel_size, 2), tuple(p.strides, 2), tuple(p.dilation_rate, 2)];
    const chAxis = first ? 1 : 3;
    const bad = dilationClash('Conv2D', s, d) ?? needKnown('Conv2D', x, chAxis, 'channel dimension') ?? groupsCheck('Conv2D', x[chAxis] as number, p);
    if (bad) return bad;
    const sp = first ? [x[2], x[3]] : [x[1], x[2]];
    const out = sp.map((len, i) => convOutLength(len, k[i], p.padding, s[i], d[i]));
    return shrinkCheck('Conv2D', `kernel ${fmtShape(k)} with padding "${p.padding}"`, x, out) ?? ok(first ? [x[0], p.filters, ...out] : [x[0], ...out, p.filters]);
  },
  weights: ([x], p) => baseConvWeights(2, x, p),
  flops: ([x], [y], p) => convFlops(2, x, y, p),
  tfjs: (p, { groups, ...config }, tf) => (p.groups === 1 ? tf.layers.conv2d(config as never) : new (groupedConv2DClass(tf))({ ...config, groups })),
  examples: [
    { inputs: [[null, 28, 28, 1]], params: { filters: 16, kernel_size: 3, activation: 'relu' } },
    { inputs: [[null, 32, 32, 3]], params: { filters: 64, kernel_size: [3, 5], padding: 'same', strides: 2 } },
    { inputs: [[null, 9, 9, 64]], params: { filters: 8, kernel_size: 3, dilation_rate: 2, use_bias: false } },
    { inputs: [[null, 3, 16, 16]], params: { filters: 4, kernel_size: 3, data_format: 'channels_first' } },
    { inputs: [[null, 8, 8, 4]], params: { filters: 6, kernel_size: 3, groups: 2 } },
    { inputs: [[null, 8, 8, 4]], params: { filters: 8, kernel_size: 3, groups: 4, padding: 'same', strides: 2, activation: 'relu' } },
    { inputs: [[null, 4, 7, 7]], params: { filters: 4, kernel_size: 3, groups: 2, data_format: 'channels_first' } },
  ],
});
