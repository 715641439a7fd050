import { deconvOutLength } from './convMath';
import { perSample, windowSize } from './flops';
import { activationAndBias, convWindow, dilationRate, filtersParam } from './convParams';
import { dilationClash, layoutOf } from './convShape';
import { defineLayer, fail, needKnown, needRank, ok, w } from './kind';
import { dataFormat, ints, tuple } from './params';
import { orNone } from './optional';
import { fmtShape } from '../engine/shape';

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
    output_padding: orNone(ints({ default: 0, length: 2, min: 0, doc: 'Extra rows/cols on one side of the output; each < its stride.' })),
    data_format: dataFormat(),
    dilation_rate: dilationRate(2, null),
    ...activationAndBias('kernel'),
  },
  infer([x], p) {
    const first = p.data_format === 'channels_first';
    const r = needRank('Conv2DTranspose', x, 4, layoutOf(2, first));
    if (r) return r;
    const [k, s, d] = [tuple(p.kernel_size, 2), tuple(p.strides, 2), tuple(p.dilation_rate, 2)];
    const clash = dilationClash('Conv2DTranspose', s, d);
    if (clash) return clash;
    const op = p.output_padding === null ? null : tuple(p.output_padding, 2);
    if (op && op.some((v, i) => v >= s[i]))
      return fail(`Conv2DTranspose output_padding ${fmtShape(op)} must be less than strides ${fmtShape(s)} in every dimension`, 'invalid-param', 'output_padding');
    const chAxis = first ? 1 : 3;
    const known = needKnown('Conv2DTranspose', x, chAxis, 'channel dimension');
    if (known) return known;
    const sp = first ? [x[2], x[3]] : [x[1], x[2]];
    const out = sp.map((len, i) => deconvOutLength(len, k[i], p.padding, s[i], d[i], op ? op[i] : null));
    return ok(first ? [x[0], p.filters, ...out] : [x[0], ...out, p.filters]);
  },
  // Keras and tfjs both store the kernel as (rows, cols, filters, in_channels).
  weights([x], p) {
    const ch = x[p.data_format === 'channels_first' ? 1 : 3] as number;
    return [w('kernel', [...tuple(p.kernel_size, 2), p.filters, ch]), ...(p.use_bias ? [w('bias', [p.filters])] : [])];
  },
  // Each input element is scattered through the kernel window into every filter.
  flops([x], [y], p) {
    const [inp, out] = [perSample(x), perSample(y)];
    return inp === null || out === null ? null : 2 * inp * windowSize(p.kernel_size, 2) * p.filters + (p.use_bias ? out : 0);
  },
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
