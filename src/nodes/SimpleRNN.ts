import { defineLayer, w } from './kind';
import { rnnFlops } from './flops';
import { cellParams, rnnFlags, rnnKind, unrollParam } from './rnn';

const STATES = ['h'] as const;

/** layers.SimpleRNN(units): fully-connected RNN whose output is fed back as the next input. */
export const SimpleRNN = defineLayer({
  ...rnnKind('SimpleRNN', STATES),
  doc: 'Fully-connected RNN: h_t = activation(x_t·W + h_(t-1)·U + b) over (batch, timesteps, features).',
  params: { ...cellParams(false), ...rnnFlags, unroll: unrollParam },
  weights: ([x], p) => [
    w('kernel', [x.at(-1) as number, p.units]),
    w('recurrent_kernel', [p.units, p.units]),
    ...(p.use_bias ? [w('bias', [p.units])] : []),
  ],
  flops: ([x], _, p) => rnnFlops(x, p.units, 1, p.use_bias ? p.units : 0),
  tfjs: 'simpleRNN',
  examples: [
    { inputs: [[null, 10, 8]], params: { units: 16 } },
    { inputs: [[null, null, 3]], params: { units: 4, return_sequences: true, activation: 'relu' } },
    { inputs: [[null, 5, 2]], params: { units: 3, return_state: true, use_bias: false } },
    { inputs: [[null, 6, 4], [null, 7]], params: { units: 7, go_backwards: true } },
    { inputs: [[8, 6, 4]], params: { units: 5, stateful: true, return_sequences: true, return_state: true } },
  ],
});
