import { baseConvParams, baseConvWeights, inferBaseConv } from './baseConv';
import { convFlops } from './flops';
import { defineLayer } from './kind';
import { enumOf } from './params';
import { channelsLastOnly } from './optional';

const padding1d = enumOf(['valid', 'same', 'causal'] as const, 'valid', {
  tfjs: 'padding',
  doc: '"valid" (no padding), "same" (pad evenly so that with strides 1 the output keeps the input length) or "causal" (pad on the left only, so output[t] never sees input[t + 1:]).',
});

/** layers.Conv1D(filters, kernel_size): temporal convolution over (batch, steps, channels). */
export const Conv1D = defineLayer({
  kind: 'Conv1D',
  category: 'convolution',
  doc: '1D convolution over sequences (batch, steps, channels).',
  inputs: { min: 1, max: 1 },
  params: baseConvParams(1, {
    // tfjs 4.22 computes a "valid" shape for causal padding and throws when run: refuse it.
    padding: { ...padding1d, toTfjs: (v: string) => (v === 'causal' ? undefined : v) },
    // tfjs 4.22's Conv1D transposes a channels_first input but never its output: refuse it.
    data_format: channelsLastOnly(),
  }),
  infer: ([x], p) => inferBaseConv('Conv1D', 1, x, p),
  weights: ([x], p) => baseConvWeights(1, x, p),
  flops: ([x], [y], p) => convFlops(1, x, y, p),
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
