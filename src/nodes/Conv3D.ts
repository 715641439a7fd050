import { convGeometry, isFailure, withChannels } from './convShape';
import { defineLayer, fail, ok, w } from './kind';
import { activation, bool, dataFormat, initializer, int, ints, padding, tuple } from './params';

/** layers.Conv3D(filters, kernel_size): convolution over volumes (batch, depth, rows, cols, channels). */
export const Conv3D = defineLayer({
  kind: 'Conv3D',
  category: 'convolution',
  doc: '3D convolution over volumes (batch, depth, rows, cols, channels).',
  inputs: { min: 1, max: 1 },
  params: {
    filters: int({ default: 32, min: 1, tfjs: 'filters', positional: true, doc: 'Number of output channels.' }),
    kernel_size: ints({ default: 3, length: 3, min: 1, tfjs: 'kernelSize', positional: true }),
    strides: ints({ default: 1, length: 3, min: 1, tfjs: 'strides' }),
    padding: padding(),
    data_format: dataFormat(),
    dilation_rate: ints({ default: 1, length: 3, min: 1, tfjs: 'dilationRate' }),
    groups: int({ default: 1, min: 1 }),
    activation: activation('linear'),
    use_bias: bool(true, { tfjs: 'useBias' }),
    kernel_initializer: initializer('glorot_uniform', { tfjs: 'kernelInitializer' }),
    bias_initializer: initializer('zeros', { tfjs: 'biasInitializer' }),
  },
  infer([x], p) {
    const g = convGeometry('Conv3D', 3, x, p);
    if (isFailure(g)) return g;
    if (g.channels % p.groups || p.filters % p.groups)
      return fail(`Conv3D groups=${p.groups} must divide both input channels ${g.channels} and filters ${p.filters}`, 'invalid-param', 'groups');
    return ok(withChannels(x[0], g, p.filters));
  },
  weights([x], p) {
    const ch = x[p.data_format === 'channels_first' ? 1 : 4] as number;
    return [w('kernel', [...tuple(p.kernel_size, 3), ch / p.groups, p.filters]), ...(p.use_bias ? [w('bias', [p.filters])] : [])];
  },
  tfjs: 'conv3d',
  examples: [
    { inputs: [[null, 16, 32, 32, 3]], params: { filters: 8, kernel_size: 3, activation: 'relu' } },
    { inputs: [[null, 10, 20, 20, 4]], params: { filters: 16, kernel_size: [3, 5, 5], strides: 2, padding: 'same' } },
    { inputs: [[null, 9, 9, 9, 2]], params: { filters: 4, kernel_size: 2, dilation_rate: 2, use_bias: false } },
    { inputs: [[null, 3, 8, 8, 8]], params: { filters: 2, kernel_size: 3, data_format: 'channels_first' } },
    { inputs: [[null, 8, 8, 8, 4]], params: { filters: 4, kernel_size: 3, groups: 2 }, tfjsUnsupported: true },
  ],
});
