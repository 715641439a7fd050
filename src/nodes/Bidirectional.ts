import { defineLayer, fail, ok, outputCount, w, type LayerKind } from './kind';
import { enumOf, py, type WrappedLayer } from './params';
import { GRU } from './GRU';
import { LSTM } from './LSTM';
import { SimpleRNN } from './SimpleRNN';
import { buildInner, inner, wrappedLayer } from './wrapped';
import type { Shape } from '../engine/shape';
import { snakeCase } from '../engine/names';

const RNNS: Readonly<Record<string, LayerKind>> = { SimpleRNN, LSTM, GRU };
const kinds = () => RNNS;
const nStates = (v: WrappedLayer) => (v.kind === 'LSTM' ? 2 : 1);

/** merge_mode: Keras None (keep both directions as two outputs) is the option "None". */
const MODES = ['concat', 'sum', 'mul', 'ave', 'None'] as const;
const mergeMode = {
  ...enumOf(MODES, 'concat', { tfjs: 'mergeMode', doc: 'How the forward and backward outputs combine; None returns both.' }),
  toKeras: (v: (typeof MODES)[number]) => (v === 'None' ? null : v),
  fromKeras: (x: unknown) => (x === null ? 'None' : (MODES as readonly unknown[]).includes(x) && x !== 'None' ? (x as (typeof MODES)[number]) : undefined),
  toTfjs: (v: (typeof MODES)[number]) => (v === 'None' ? null : v),
  toPython: (v: (typeof MODES)[number]) => (v === 'None' ? 'None' : py(v)),
};

/** layers.Bidirectional(layers.LSTM(64)): runs a copy of the RNN backwards too and merges both. */
export const Bidirectional = defineLayer({
  kind: 'Bidirectional',
  category: 'wrapper',
  doc: 'Runs the wrapped RNN forwards and a copy backwards over the sequence, then merges both outputs.',
  // Initial states: the forward RNN's, then the backward RNN's (LSTM: 4, SimpleRNN/GRU: 2).
  inputs: { min: 1, max: 5, names: ['inputs', 'initial state 1', 'initial state 2', 'initial state 3', 'initial state 4'] },
  params: {
    layer: wrappedLayer(() => Object.keys(RNNS), { kind: 'LSTM', params: { units: 32 } }, kinds, 'The recurrent layer to run in both directions.'),
    merge_mode: mergeMode,
  },
  outputCount(p) {
    const { kind, params } = inner(p.layer, kinds);
    const states = outputCount(kind, params) - 1;
    return (p.merge_mode === 'None' ? 2 : 1) + 2 * states;
  },
  infer(inputs, p) {
    const { kind, params } = inner(p.layer, kinds);
    const n = nStates(p.layer);
    const [x, ...states] = inputs;
    if (states.length && states.length !== 2 * n)
      return fail(`Bidirectional(${kind.kind}) takes initial states for both directions (${2 * n}) or none, got ${states.length}`, 'missing-input');
    const fwd = kind.infer([x, ...states.slice(0, n)], params);
    if (!fwd.ok) return { ...fwd, message: `Bidirectional: ${fwd.message}` };
    const bwd = kind.infer([x, ...states.slice(n)], params);
    if (!bwd.ok) return { ...bwd, message: `Bidirectional (backward): ${bwd.message}` };
    const [y, ...finals] = fwd.shapes;
    const merged: Shape[] =
      p.merge_mode === 'None' ? [y, [...y]] : p.merge_mode === 'concat' ? [[...y.slice(0, -1), y.at(-1) === null ? null : 2 * (y.at(-1) as number)]] : [y];
    return ok(...merged, ...finals, ...bwd.shapes.slice(1));
  },
  // Keras order: the forward layer's weights, then the backward layer's.
  weights(inputs, p) {
    const { kind, params } = inner(p.layer, kinds);
    const ws = kind.weights(inputs.slice(0, 1), params);
    const name = snakeCase(kind.kind);
    return ['forward', 'backward'].flatMap((dir) => ws.map((v) => w(`${dir}_${name}/${v.name}`, v.shape, v.trainable)));
  },
  tfjs(p, config, tf) {
    const layer = buildInner(p.layer, `${config.name}_${snakeCase(p.layer.kind)}`, tf, kinds);
    if ('unsupported' in layer) return layer;
    return tf.layers.bidirectional({ ...config, layer: layer as never });
  },
  examples: [
    { inputs: [[null, 10, 8]], params: { layer: { kind: 'LSTM', params: { units: 16, return_sequences: true } } } },
    { inputs: [[null, 10, 8]], params: { layer: { kind: 'GRU', params: { units: 6, reset_after: false } }, merge_mode: 'sum' } },
    { inputs: [[null, null, 4]], params: { layer: { kind: 'SimpleRNN', params: { units: 5, return_state: true } }, merge_mode: 'ave' } },
    { inputs: [[null, 7, 3]], params: { layer: { kind: 'LSTM', params: { units: 4, return_state: true, return_sequences: true } }, merge_mode: 'mul' } },
    { inputs: [[null, 7, 3]], params: { layer: { kind: 'LSTM', params: { units: 4 } }, merge_mode: 'None' } },
    { inputs: [[null, 7, 3]], params: { layer: { kind: 'GRU', params: { units: 4 } } }, tfjsUnsupported: true, note: 'GRU reset_after=True' },
    { inputs: [[null, 7, 3], [null, 4], [null, 4], [null, 4], [null, 4]], params: { layer: { kind: 'LSTM', params: { units: 4 } } } },
  ],
});
