/**
 * Shared parts of the recurrent kinds (SimpleRNN, LSTM, GRU, ConvLSTM2D): their common params,
 * the output list (sequence or last output, then the states with return_state), and the
 * initial-state inputs a call may take (keras: `lstm(x, initial_state=[h, c])`).
 */
import { fail, needKnown, needRank, ok, type Infer } from './kind';
import { activation, bool, DOCS, float, initializer, int } from './params';
import { fmtShape, type Shape } from '../engine/shape';

/** Params every Keras RNN layer has, in the order of its signature. */
export const rnnFlags = {
  dropout: float({ default: 0, min: 0, max: 1, tfjs: 'dropout', doc: 'Fraction of the input units to drop.' }),
  recurrent_dropout: float({ default: 0, min: 0, max: 1, tfjs: 'recurrentDropout', doc: 'Fraction of the recurrent state units to drop.' }),
  return_sequences: bool(false, { tfjs: 'returnSequences', doc: 'Return the whole output sequence, not only the last output.' }),
  return_state: bool(false, { tfjs: 'returnState', doc: 'Also return the final states as extra outputs.' }),
  go_backwards: bool(false, { tfjs: 'goBackwards', doc: 'Process the input sequence backwards.' }),
  stateful: bool(false, { tfjs: 'stateful', doc: 'Carry the last state of each batch over to the next batch (needs a fixed batch size).' }),
};

/** units + the cell params of SimpleRNN/LSTM/GRU (LSTM/GRU add recurrent_activation via `gated`). */
export function cellParams(gated: boolean) {
  return {
    units: int({ default: 32, min: 1, tfjs: 'units', positional: true, doc: 'Dimensionality of the output space (and of each state).' }),
    activation: activation('tanh'),
    ...(gated ? { recurrent_activation: activation('sigmoid', { tfjs: 'recurrentActivation', doc: DOCS.recurrent_activation }) } : {}),
    use_bias: bool(true, { tfjs: 'useBias', doc: DOCS.use_bias }),
    kernel_initializer: initializer('glorot_uniform', { tfjs: 'kernelInitializer', doc: DOCS.kernel_initializer }),
    recurrent_initializer: initializer('orthogonal', { tfjs: 'recurrentInitializer', doc: DOCS.recurrent_initializer }),
    bias_initializer: initializer('zeros', { tfjs: 'biasInitializer', doc: DOCS.bias_initializer }),
  };
}

export const unrollParam = bool(false, { tfjs: 'unroll', doc: 'Unroll the loop over timesteps (faster for short sequences, more memory).' });

export interface RnnFlags {
  return_sequences: boolean;
  return_state: boolean;
  stateful: boolean;
}

/** Ports of a recurrent kind: the sequence, then one input per initial state; return_state adds the states as outputs. */
export const recurrentPorts = (states: readonly string[]) => ({
  inputs: { min: 1, max: 1 + states.length, names: ['inputs', ...states.map((s) => `initial ${s}`)] },
  outputCount: (p: RnnFlags) => (p.return_state ? 1 + states.length : 1),
});

/**
 * Checks common to every recurrent call: the sequence rank and the state inputs. `stateShape`
 * is the shape each state has (batch first); a call passes either no initial state or all of them.
 */
export function checkRecurrentCall(kind: string, inputs: Shape[], rank: number, what: string, p: RnnFlags, states: readonly string[], stateShape: Shape): Infer | null {
  const x = inputs[0];
  const r = needRank(kind, x, rank, what);
  if (r) return r;
  if (p.stateful && x[0] === null)
    return fail(`${kind} with stateful=True needs a fixed batch size (keras.Input(batch_size=...)), got ${fmtShape(x)}`, 'shape-mismatch', 'stateful');
  const given = inputs.slice(1);
  if (given.length && given.length !== states.length)
    return fail(`${kind} takes initial_state as all of its ${states.length} state(s) (${states.join(', ')}) or none, got ${given.length}`, 'missing-input');
  for (let i = 0; i < given.length; i++) {
    const s = given[i];
    if (s.length !== stateShape.length || s.some((d, j) => j > 0 && d !== null && d !== stateShape[j]))
      return fail(`${kind} initial state ${states[i]} must have shape ${fmtShape(stateShape)}, got ${fmtShape(s)}`);
  }
  return null;
}

/** The outputs of a recurrent call: output (last step or the sequence), then the states with return_state. */
export function recurrentOutputs(x: Shape, p: RnnFlags, step: Shape, nStates: number): Infer {
  const out = p.return_sequences ? [x[0], x[1], ...step.slice(1)] : [...step];
  return ok(out, ...(p.return_state ? Array.from({ length: nStates }, () => [...step]) : []));
}

/** infer of SimpleRNN/LSTM/GRU: (batch, timesteps, features) → (batch, [timesteps,] units). */
function inferRnn(kind: string, inputs: Shape[], p: RnnFlags & { units: number }, states: readonly string[]): Infer {
  const x = inputs[0];
  const step: Shape = [x[0], p.units];
  return (
    checkRecurrentCall(kind, inputs, 3, '(batch, timesteps, features)', p, states, step) ??
    needKnown(kind, x, -1, 'feature dimension') ??
    recurrentOutputs(x, p, step, states.length)
  );
}

/** The parts of SimpleRNN/LSTM/GRU but their doc, params, weights, tfjs and examples. */
export const rnnKind = (kind: string, states: readonly string[]) => ({
  kind,
  category: 'recurrent' as const,
  ...recurrentPorts(states),
  infer: (inputs: Shape[], p: RnnFlags & { units: number }) => inferRnn(kind, inputs, p, states),
});
