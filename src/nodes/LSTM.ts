import { defineLayer, w } from './kind';
import { rnnFlops } from './flops';
import { bool } from './params';
import { cellParams, rnnFlags, rnnKind, unrollParam } from './rnn';

const STATES = ['h', 'c'] as const;

/** layers.LSTM(units): long short-term memory over (batch, timesteps, features). */
export const LSTM = defineLayer({
  ...rnnKind('LSTM', STATES),
  doc: 'Long Short-Term Memory layer over (batch, timesteps, features); return_state adds the final h and c.',
  params: {
    ...cellParams(true),
    unit_forget_bias: bool(true, { tfjs: 'unitForgetBias', doc: 'Add 1 to the forget gate bias at initialization.' }),
    ...rnnFlags,
    unroll: unrollParam,
  },
  // Keras order; the 4 gates (i, f, c, o) are stacked on the last axis.
  weights: ([x], p) => [
    w('kernel', [x.at(-1) as number, 4 * p.units]),
    w('recurrent_kernel', [p.units, 4 * p.units]),
    ...(p.use_bias ? [w('bias', [4 * p.units])] : []),
  ],
  flops: ([x], _, p) => rnnFlops(x, p.units, 4, p.use_bias ? 4 * p.units : 0),
  tfjs: 'lstm',
  examples: [
    { inputs: [[null, 10, 8]], params: { units: 24 } },
    { inputs: [[null, null, 16]], params: { units: 32, return_sequences: true } },
    { inputs: [[null, 20, 3]], params: { units: 8, return_sequences: true, return_state: true, use_bias: false } },
    { inputs: [[null, 5, 4], [null, 6], [null, 6]], params: { units: 6, recurrent_activation: 'hard_sigmoid' } },
    { inputs: [[4, 5, 4]], params: { units: 2, stateful: true, return_state: true, unit_forget_bias: false } },
  ],
});
