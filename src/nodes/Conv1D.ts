import { convGeometry, isFailure, withChannels } from './convShape';
import { defineLayer, fail, ok, w } from './kind';
import { activation, bool, enumOf, initializer, int, ints, tuple } from './params';
import { channelsLastOnly } from './optional';

const padding1d = enumOf(['valid', 'same', 'causal'] as const, 'valid', { tfjs: 'padding' });

/** layers.Conv1D(filters, kernel_size): temporal convolution over (batch, steps, channels). */
export const Conv1D = defineLayer({
  kind: 'Conv1D',
  category: 'convolution',
  doc: '1D convolution over sequences (batch, steps, channels).',
  inputs: { min: 1, max: 1 },
  params: {
    filters: int({ default: 32, min: 1, tfjs: 'filters', positional: true, doc: 'Number of output channels.' }),
    kernel_size: ints({ default: 3, length: 1, min: 1, tfjs: 'kernelSize', positional: true }),
    strides: ints({ default: 1, length: 1, min: 1, tfjs: 'strides' }),
    // tfjs 4.22 computes a "valid" shape for causal padding and throws when run: refuse it.
    padding: { ...padding1d, toTfjs: (v: string) => (v === 'causal' ? undefined : v) },
    // tfjs 4.22's Conv1D transposes a channels_first input but never its output: refuse it.
    data_format: channelsLastOnly(),
    dilation_rate: ints({ default: 1, length: 1, min: 1, tfjs: 'dilationRate' }),
    groups: int({ default: 1, min: 1 }),
    activation: activation('linear'),
    use_bias: bool(true, { tfjs: 'useBias' }),
    kernel_initializer: initializer('glorot_uniform', { tfjs: 'kernelInitializer' }),
    bias_initializer: initializer('zeros', { tfjs: 'biasInitializer' }),
  },
  infer([x], p) {
    const g = convGeometry('Conv1D', 1, x, p);
    if (isFailure(g)) return g;
    if (g.channels % p.groups || p.filters % p.groups)
      return fail(`Conv1D groups=${p.groups} must divide both input channels ${g.channels} and filters ${p.filters}`, 'invalid-param', 'groups');
    return ok(withChannels(x[0], g, p.filters));
  },
  weights([x], p) {
    const ch = x[p.data_format === 'channels_first' ? 1 : 2] as number;
    return [w('kernel', [...tuple(p.kernel_size, 1), ch / p.groups, p.filters]), ...(p.use_bias ? [w('bias', [p.filters])] : [])];
  },
  tfjs: 'conv1d',
  examples: [
    { inputs: [[null, 100, 64]], params: { filters: 32, kernel_size: 5, activation: 'relu' } },
    { inputs: [[null, 50, 8]], params: { filters: 16, kernel_size: 3, strides: 2, padding: 'same' } },
    { inputs: [[null, null, 16]], params: { filters: 8, kernel_size: 3, dilation_rate: 4, use_bias: false } },
    { inputs: [[null, 6, 20]], params: { filters: 4, kernel_size: 3, data_format: 'channels_first' }, tfjsUnsupported: true },
    { inputs: [[null, 20, 8]], params: { filters: 4, kernel_size: 3, padding: 'causal' }, tfjsUnsupported: true },
    { inputs: [[null, 20, 8]], params: { filters: 4, kernel_size: 3, groups: 4 }, tfjsUnsupported: true },
  ],
});
