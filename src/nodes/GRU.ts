import { defineLayer, w } from './kind';
import { rnnFlops } from './flops';
import { bool } from './params';
import { cellParams, rnnFlags, rnnKind, unrollParam } from './rnn';

const STATES = ['h'] as const;

/** layers.GRU(units): gated recurrent unit over (batch, timesteps, features). */
export const GRU = defineLayer({
  ...rnnKind('GRU', STATES),
  doc: 'Gated Recurrent Unit over (batch, timesteps, features); return_state adds the final h.',
  params: {
    ...cellParams(true),
    ...rnnFlags,
    unroll: unrollParam,
    // tfjs 4.22's GRUCell throws on resetAfter=true: only Keras 2's reset_after=False builds there.
    reset_after: {
      ...bool(true, { tfjs: 'resetAfter', doc: 'Apply the reset gate after the matrix product (Keras 3 default; separate input and recurrent biases).' }),
      toTfjs: (v: boolean) => (v ? undefined : false),
    },
  },
  // Keras order; the 3 gates (z, r, h) are stacked on the last axis. reset_after keeps an
  // input bias and a recurrent bias, hence (2, 3*units).
  weights: ([x], p) => [
    w('kernel', [x.at(-1) as number, 3 * p.units]),
    w('recurrent_kernel', [p.units, 3 * p.units]),
    ...(p.use_bias ? [w('bias', p.reset_after ? [2, 3 * p.units] : [3 * p.units])] : []),
  ],
  flops: ([x], _, p) => rnnFlops(x, p.units, 3, p.use_bias ? (p.reset_after ? 6 : 3) * p.units : 0),
  tfjs: 'gru',
  examples: [
    { inputs: [[null, 10, 8]], params: { units: 16, reset_after: false } },
    { inputs: [[null, null, 3]], params: { units: 4, return_sequences: true, return_state: true, reset_after: false } },
    { inputs: [[null, 5, 6], [null, 5]], params: { units: 5, reset_after: false, use_bias: false } },
    { inputs: [[null, 10, 8]], params: { units: 16 }, tfjsUnsupported: true, note: 'Keras 3 default reset_after=True: 1,200 params; tfjs 4.22 cannot build it' },
    { inputs: [[null, 7, 2]], params: { units: 3, return_sequences: true }, tfjsUnsupported: true },
  ],
});
