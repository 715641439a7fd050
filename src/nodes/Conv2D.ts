import { convOutLength } from './convMath';
import { defineLayer, fail, needKnown, needRank, ok, w } from './kind';
import { activation, bool, dataFormat, initializer, int, ints, padding, tuple } from './params';
import { fmtShape } from '../engine/shape';

/** layers.Conv2D(filters, kernel_size): 2D convolution over (batch, rows, cols, channels). */
export const Conv2D = defineLayer({
  kind: 'Conv2D',
  category: 'convolution',
  doc: '2D convolution over images (batch, rows, cols, channels).',
  inputs: { min: 1, max: 1 },
  params: {
    filters: int({ default: 32, min: 1, tfjs: 'filters', positional: true, doc: 'Number of output channels.' }),
    kernel_size: ints({ default: 3, length: 2, min: 1, tfjs: 'kernelSize', positional: true }),
    strides: ints({ default: 1, length: 2, min: 1, tfjs: 'strides' }),
    padding: padding(),
    data_format: dataFormat(),
    dilation_rate: ints({ default: 1, length: 2, min: 1, tfjs: 'dilationRate' }),
    groups: int({ default: 1, min: 1 }),
    activation: activation('linear'),
    use_bias: bool(true, { tfjs: 'useBias' }),
    kernel_initializer: initializer('glorot_uniform', { tfjs: 'kernelInitializer' }),
    bias_initializer: initializer('zeros', { tfjs: 'biasInitializer' }),
  },
  infer([x], p) {
    const r = needRank('Conv2D', x, 4, '(batch, rows, cols, channels)');
    if (r) return r;
    const first = p.data_format === 'channels_first';
    const [k, s, d] = [tuple(p.kernel_size, 2), tuple(p.strides, 2), tuple(p.dilation_rate, 2)];
    if (s.some((v) => v > 1) && d.some((v) => v > 1)) return fail(`Conv2D cannot combine strides ${fmtShape(s)} with dilation_rate ${fmtShape(d)}`, 'invalid-param', 'strides');
    const chAxis = first ? 1 : 3;
    const known = needKnown('Conv2D', x, chAxis, 'channel dimension');
    if (known) return known;
    if ((x[chAxis] as number) % p.groups || p.filters % p.groups)
      return fail(`Conv2D groups=${p.groups} must divide both input channels ${x[chAxis]} and filters ${p.filters}`, 'invalid-param', 'groups');
    const sp = first ? [x[2], x[3]] : [x[1], x[2]];
    const out = sp.map((len, i) => convOutLength(len, k[i], p.padding, s[i], d[i]));
    if (out.some((v) => v !== null && v <= 0))
      return fail(`Conv2D kernel ${fmtShape(k)} with padding "${p.padding}" shrinks ${fmtShape(x)} to ${fmtShape(out)}; the input is too small`, 'negative-size');
    return ok(first ? [x[0], p.filters, out[0], out[1]] : [x[0], out[0], out[1], p.filters]);
  },
  weights([x], p) {
    const k = tuple(p.kernel_size, 2);
    const ch = x[p.data_format === 'channels_first' ? 1 : 3] as number;
    return [w('kernel', [k[0], k[1], ch / p.groups, p.filters]), ...(p.use_bias ? [w('bias', [p.filters])] : [])];
  },
  tfjs: 'conv2d',
  examples: [
    { inputs: [[null, 28, 28, 1]], params: { filters: 16, kernel_size: 3, activation: 'relu' } },
    { inputs: [[null, 32, 32, 3]], params: { filters: 64, kernel_size: [3, 5], padding: 'same', strides: 2 } },
    { inputs: [[null, 9, 9, 64]], params: { filters: 8, kernel_size: 3, dilation_rate: 2, use_bias: false } },
    { inputs: [[null, 3, 16, 16]], params: { filters: 4, kernel_size: 3, data_format: 'channels_first' } },
    { inputs: [[null, 8, 8, 4]], params: { filters: 4, kernel_size: 3, groups: 2 }, tfjsUnsupported: true },
  ],
});
