/**
 * layers.RNN(cell) (this file is not RNN.ts: rnn.ts differs only in case): the recurrent loop around a SimpleRNNCell, LSTMCell or GRUCell, or a
 * StackedRNNCells of one such class. A cell is the step of the SimpleRNN / LSTM / GRU layers, so
 * its params, weights and tfjs cell are theirs; the params are the cell's options flattened
 * next to the RNN's own (units a tuple: one stacked cell per entry), and the Keras config, the
 * Python call and the tfjs layer are built back in the nested RNN(cell) form.
 */
import { defineLayer, fail, fillParams, genericPythonArgs, kerasParams, needKnown, w, type LayerKind, type Tf } from './kind';
import { rnnFlops } from './flops';
import { bool, enumOf, py, sameValue, type Activation, type Params, type Spec } from './params';
import { cellParams, checkRecurrentCall, recurrentOutputs, rnnFlags, unrollParam } from './rnn';
import { GRU } from './GRU';
import { LSTM } from './LSTM';
import { SimpleRNN } from './SimpleRNN';
import { fmtShape, type Shape } from '../engine/shape';

export const CELLS = ['SimpleRNNCell', 'LSTMCell', 'GRUCell'] as const;
type Cell = (typeof CELLS)[number];
/** The keras.layers classes this kind reads and writes as its cell. */
export const CELL_CLASSES = [...CELLS, 'StackedRNNCells'] as const;
/** The layer whose step each cell is. */
const LAYER: Record<Cell, LayerKind> = { SimpleRNNCell: SimpleRNN, LSTMCell: LSTM, GRUCell: GRU };
const FACTORY: Record<Cell, 'simpleRNNCell' | 'lstmCell' | 'gruCell'> = { SimpleRNNCell: 'simpleRNNCell', LSTMCell: 'lstmCell', GRUCell: 'gruCell' };
/** Options of the RNN layer itself; every other param belongs to the cell. */
const RNN_KEYS = ['return_sequences', 'return_state', 'go_backwards', 'stateful', 'unroll'];
const RNN_TFJS = ['returnSequences', 'returnState', 'goBackwards', 'stateful', 'unroll'];
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** units: an int (one cell) or a tuple (StackedRNNCells, one cell per entry, in order). */
const unitsSpec: Spec<number | readonly number[]> = {
  type: 'ints',
  default: 32,
  tfjs: 'units',
  positional: false,
  doc: 'Units of the cell; a tuple (64, 32) stacks one cell per entry (StackedRNNCells), the last one giving the output size.',
  check: (v) => (isInt(v) && v >= 1) || (Array.isArray(v) && v.length > 0 && v.every((u) => isInt(u) && u >= 1)) ? null : `must be an integer ≥ 1 or a non-empty tuple of them, got ${py(v)}`,
  toKeras: (v) => v,
  fromKeras: (x) => (isInt(x) || (Array.isArray(x) && x.every(isInt)) ? (x as number | number[]) : undefined),
  toTfjs: (v) => v,
  toPython: (v) => py(v),
};

const unitList = (u: number | readonly number[]) => (typeof u === 'number' ? [u] : [...u]);
const stacked = (p: { units: number | readonly number[] }) => typeof p.units !== 'number';
const nStates = (cell: string) => (cell === 'LSTMCell' ? 2 : 1);

/** The params of the cell's layer kind for the i-th stacked cell (its RNN options at their defaults). */
function cellLayerParams(p: Params, units: number): Params {
  const kind = LAYER[p.cell as Cell];
  const own = Object.fromEntries(Object.entries(p).filter(([k]) => k in kind.params && !RNN_KEYS.includes(k)));
  return fillParams(kind, { ...own, units });
}

/** A cell's Keras config fields: the layer kind's, minus the RNN options. */
function cellConfig(p: Params, units: number): Record<string, unknown> {
  const all = kerasParams(LAYER[p.cell as Cell], cellLayerParams(p, units));
  return Object.fromEntries(Object.entries(all).filter(([k]) => !RNN_KEYS.includes(k)));
}
/** The i-th cell's Keras object, named as Keras names cells it makes (lstm_cell, lstm_cell_1, …), so a weight's path does not depend on how many cells were made before. */
const kerasCell = (p: Params, units: number, i: number) => {
  const name = String(p.cell).replace(/RNN/, 'Rnn').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  return { module: 'keras.layers', class_name: p.cell, config: { name: i ? `${name}_${i}` : name, ...cellConfig(p, units) }, registered_name: null };
};

function pythonCell(p: Params, units: number): string {
  const kind = LAYER[p.cell as Cell];
  return `layers.${p.cell as string}(${genericPythonArgs(kind, cellLayerParams(p, units)).join(', ')})`;
}

/**
 * A Keras RNN config with its nested cell → the flat params this kind reads, or why it cannot be
 * read: stacked cells must share one class and every option but units.
 */
export function flattenRnnConfig(config: Readonly<Record<string, unknown>>): Record<string, unknown> | string {
  const { cell, ...rest } = config;
  const obj = cell as { class_name?: unknown; className?: unknown; config?: Record<string, unknown> } | null;
  const cls = obj?.class_name ?? obj?.className;
  const inner = (c: unknown) => {
    const o = c as { class_name?: unknown; className?: unknown; config?: Record<string, unknown> } | null;
    const name = o?.class_name ?? o?.className;
    if (typeof name !== 'string' || !(CELLS as readonly string[]).includes(name) || !o?.config || typeof o.config !== 'object')
      return `its cell is ${JSON.stringify(name ?? c)?.slice(0, 60)}; Layerflow reads RNN cells of class ${CELLS.join(', ')} (or a StackedRNNCells of them)`;
    const { name: _n, trainable: _t, dtype: _d, seed: _s, ...opts } = o.config;
    return { cell: name, ...opts } as Record<string, unknown>;
  };
  if (cls === 'StackedRNNCells') {
    const list = obj?.config?.cells;
    if (!Array.isArray(list) || list.length === 0) return 'its StackedRNNCells has no cells';
    const cells = list.map(inner);
    const bad = cells.find((c) => typeof c === 'string');
    if (bad) return bad;
    const read = cells as Record<string, unknown>[];
    const noUnits = read.map(({ units: _u, ...o }) => o);
    if (noUnits.some((c) => !sameValue(c, noUnits[0])))
      return 'its StackedRNNCells holds cells of different classes or options; Layerflow stacks cells of one class that differ only in units';
    return { ...rest, ...read[0], units: read.map((c) => c.units) };
  }
  const one = inner(cell);
  return typeof one === 'string' ? one : { ...rest, ...one };
}

/** The tfjs RNN layer: tfjs 4.22 has RNN, StackedRNNCells and the three cells. */
function buildRnn(p: Params, config: Record<string, unknown>, tf: Tf) {
  if (p.cell === 'GRUCell' && p.reset_after) return { unsupported: 'tfjs 4.22 has no support for GRUCell(reset_after=True), the Keras 3 default' };
  const base = Object.fromEntries(Object.entries(config).filter(([k]) => !RNN_TFJS.includes(k) && k !== 'name' && k !== 'cell' && k !== 'units'));
  const cells = unitList(p.units as number | number[]).map((units, i) => tf.layers[FACTORY[p.cell as Cell]]({ ...base, units, name: `${config.name as string}_cell${i}` } as never));
  const rnn = Object.fromEntries(RNN_TFJS.map((k) => [k, config[k]]));
  return tf.layers.rnn({ ...rnn, name: config.name as string, cell: stacked(p as never) ? cells : cells[0] } as never);
}

/** The cell options of cellParams(true) (LSTM / GRU, which have recurrent_activation), units aside. */
const { units: _units, ...cellOptions } = cellParams(true) as ReturnType<typeof cellParams> & { recurrent_activation: Spec<Activation> };

const STATE_PORTS = ['inputs', 'initial state 1', 'initial state 2'] as const;

export const RNN = defineLayer({
  kind: 'RNN',
  category: 'recurrent',
  doc: 'The recurrent loop around a cell: RNN(LSTMCell(64)) computes what LSTM(64) does; a units tuple stacks cells (StackedRNNCells), each feeding the next.',
  inputs: { min: 1, max: 3, names: STATE_PORTS },
  params: {
    cell: enumOf(CELLS, 'LSTMCell', { tfjs: 'cell', doc: 'The cell run at every timestep: SimpleRNNCell, LSTMCell or GRUCell.' }),
    units: unitsSpec,
    ...cellOptions,
    unit_forget_bias: LSTM.params.unit_forget_bias,
    reset_after: bool(true, { tfjs: 'resetAfter', doc: GRU.params.reset_after.doc }),
    dropout: rnnFlags.dropout,
    recurrent_dropout: rnnFlags.recurrent_dropout,
    return_sequences: rnnFlags.return_sequences,
    return_state: rnnFlags.return_state,
    go_backwards: rnnFlags.go_backwards,
    stateful: rnnFlags.stateful,
    unroll: unrollParam,
  },
  outputCount: (p) => (p.return_state ? 1 + nStates(p.cell) : 1),
  infer(inputs, p) {
    const x = inputs[0];
    const units = unitList(p.units);
    const states = p.cell === 'LSTMCell' ? ['h', 'c'] : ['h'];
    if (stacked(p) && p.return_state) return fail('RNN with stacked cells and return_state=True returns nested state lists in Keras; Layerflow does not model it', 'invalid-param', 'return_state');
    if (stacked(p) && inputs.length > 1) return fail('RNN with stacked cells takes no initial state here (Keras takes one list per cell)', 'missing-input');
    if (p.cell === 'SimpleRNNCell' && p.recurrent_activation !== 'sigmoid') return fail(`SimpleRNNCell has no recurrent_activation (got ${py(p.recurrent_activation)})`, 'invalid-param', 'recurrent_activation');
    const step: Shape = [x[0], units.at(-1)!];
    const bad = checkRecurrentCall('RNN', inputs, 3, '(batch, timesteps, features)', p, states, step) ?? needKnown('RNN', x, -1, 'feature dimension');
    if (bad) return bad;
    if (x.length !== 3) return fail(`RNN needs (batch, timesteps, features), got ${fmtShape(x)}`, 'rank');
    return recurrentOutputs(x, p, step, states.length);
  },
  // Keras order: each cell's kernel, recurrent_kernel, bias, cell after cell (each takes the previous cell's output).
  weights([x], p) {
    let inDim = x.at(-1) as number;
    return unitList(p.units).flatMap((u, i) => {
      const lp = cellLayerParams(p, u);
      const ws = LAYER[p.cell].weights([[null, null, inDim]], lp);
      inDim = u;
      return ws.map((v) => w(stacked(p) ? `cell_${i}/${v.name}` : v.name, v.shape, v.trainable));
    });
  },
  flops([x], _, p) {
    let inDim = x.at(-1);
    let total = 0;
    for (const u of unitList(p.units)) {
      const gates = p.cell === 'LSTMCell' ? 4 : p.cell === 'GRUCell' ? 3 : 1;
      const f = rnnFlops([x[0], x[1], inDim ?? null], u, gates, p.use_bias ? gates * u * (p.cell === 'GRUCell' && p.reset_after ? 2 : 1) : 0);
      if (f === null) return null;
      total += f;
      inDim = u;
    }
    return total;
  },
  tfjs: (p, config, tf) => buildRnn(p, config, tf),
  kerasConfigIn: flattenRnnConfig,
  kerasConfig(p) {
    const cells = unitList(p.units).map((u, i) => kerasCell(p, u, i));
    const cell = stacked(p) ? { module: 'keras.layers', class_name: 'StackedRNNCells', config: { cells }, registered_name: null } : cells[0];
    return { cell, ...Object.fromEntries(RNN_KEYS.map((k) => [k, p[k as keyof typeof p]])) };
  },
  pythonArgs(p) {
    const cells = unitList(p.units).map((u) => pythonCell(p, u));
    const cell = stacked(p) ? `layers.StackedRNNCells([${cells.join(', ')}])` : cells[0];
    const rnnDefaults = fillParams(LSTM, {});
    return [cell, ...RNN_KEYS.filter((k) => !sameValue(p[k as keyof typeof p], rnnDefaults[k])).map((k) => `${k}=${py(p[k as keyof typeof p])}`)];
  },
  examples: [
    { inputs: [[null, 10, 8]], params: { cell: 'LSTMCell', units: 6 } },
    { inputs: [[null, null, 3]], params: { cell: 'SimpleRNNCell', units: 4, return_sequences: true, activation: 'relu' } },
    { inputs: [[null, 5, 4]], params: { cell: 'GRUCell', units: 5, reset_after: false, return_state: true } },
    { inputs: [[null, 6, 3], [null, 4], [null, 4]], params: { cell: 'LSTMCell', units: 4, go_backwards: true, unit_forget_bias: false } },
    { inputs: [[null, 7, 3]], params: { cell: 'LSTMCell', units: [5, 3], return_sequences: true } },
    { inputs: [[null, 7, 2]], params: { cell: 'SimpleRNNCell', units: [4, 4, 2], use_bias: false } },
    { inputs: [[null, 7, 3]], params: { cell: 'GRUCell', units: 4 }, tfjsUnsupported: true, note: 'Keras 3 default reset_after=True' },
  ],
});
