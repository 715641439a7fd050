/**
 * TimeDistributed wraps any single-input kind, so it reads the full kind map — lazily, inside
 * functions only: index.ts imports this module, and this module imports index.ts. Import
 * TimeDistributed through the map (`KINDS.TimeDistributed`) rather than from this file.
 */
import { defineLayer, fail, ok, outputCount } from './kind';
import { KINDS } from './index';
import { buildInner, inner, wrappedLayer } from './wrapped';
import { fmtShape } from '../engine/shape';
import { snakeCase } from '../engine/names';

const kinds = () => KINDS;
/** Kinds that take one input: everything but InputLayer and the merges. */
const wrappable = () => Object.values(KINDS).filter((k) => k.category !== 'input' && k.category !== 'ops' && k.inputs.min <= 1 && (k.inputs.max ?? 1) >= 1).map((k) => k.kind);

/** layers.TimeDistributed(layer): applies the layer to every time slice x[:, t] of the input. */
export const TimeDistributed = defineLayer({
  kind: 'TimeDistributed',
  category: 'wrapper',
  doc: 'Applies the wrapped layer to every temporal slice of a (batch, time, ...) input, with one set of weights.',
  inputs: { min: 1, max: 1 },
  params: {
    layer: wrappedLayer(wrappable, { kind: 'Dense', params: { units: 32 } }, kinds, 'The layer applied at every timestep.'),
  },
  infer([x], p) {
    if (x.length < 3) return fail(`TimeDistributed needs an input of rank ≥ 3 (batch, time, ...), got ${fmtShape(x)}`, 'rank');
    const { kind, params } = inner(p.layer, kinds);
    if (outputCount(kind, params) !== 1) return fail(`TimeDistributed cannot wrap ${kind.kind} with several outputs (return_state=True)`, 'invalid-param', 'layer');
    const r = kind.infer([[x[0], ...x.slice(2)]], params);
    if (!r.ok) return { ...r, message: `TimeDistributed(${kind.kind}) on each ${fmtShape([x[0], ...x.slice(2)])} slice: ${r.message}` };
    const y = r.shapes[0];
    return ok([y[0], x[1], ...y.slice(1)]);
  },
  weights([x], p) {
    const { kind, params } = inner(p.layer, kinds);
    return kind.weights([[x[0], ...x.slice(2)]], params);
  },
  tfjs(p, config, tf) {
    const layer = buildInner(p.layer, `${config.name}_${snakeCase(p.layer.kind)}`, tf, kinds);
    if ('unsupported' in layer) return layer;
    return tf.layers.timeDistributed({ ...config, layer: layer as never });
  },
  examples: [
    { inputs: [[null, 10, 8]], params: { layer: { kind: 'Dense', params: { units: 4, activation: 'relu' } } } },
    { inputs: [[null, 5, 8, 8, 3]], params: { layer: { kind: 'Conv2D', params: { filters: 4, kernel_size: 3 } } } },
    { inputs: [[null, null, 6, 4]], params: { layer: { kind: 'LSTM', params: { units: 3 } } } },
    { inputs: [[null, 4, 3, 7]], params: { layer: { kind: 'BatchNormalization', params: {} } } },
    { inputs: [[null, 4, 6, 5]], params: { layer: { kind: 'GRU', params: { units: 2 } } }, tfjsUnsupported: true },
  ],
});
