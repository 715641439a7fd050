import { describe, expect, it } from 'vitest';
import { ProjectBuilder } from './build';
import { canConnect } from './connect';
import type { CallNode, ProjectDoc } from './doc';
import { TEMPLATES } from '../templates';

/**
 * input_layer (784) → dense (64) → dense_1 (64), output dense_1; plus unconnected nodes:
 * conv (Conv2D), sum (Add, fed by dense on input 0), d32 (Dense 32 on a 32-wide input).
 */
function fixture() {
  const b = new ProjectBuilder('t');
  const x = b.input([784]);
  const h = b.layer('Dense', { units: 64 }).call(x);
  const y = b.layer('Dense', { units: 64 }).call(h);
  const conv = b.layer('Conv2D', { filters: 4 });
  const add = b.layer('Add');
  b.model('m', [x], [y]);
  const doc = b.build();
  const m = doc.models[doc.main];
  const [inp, dense, dense1] = m.nodes.map((n) => n.id);
  const extra: CallNode[] = [
    { id: 'conv', call: { layer: conv.id }, x: 0, y: 0 },
    { id: 'sum', call: { layer: add.id }, x: 0, y: 0 },
  ];
  const withExtra: ProjectDoc = {
    ...doc,
    models: { [m.id]: { ...m, nodes: [...m.nodes, ...extra], edges: [...m.edges, { id: 'es', from: { node: dense, output: 0 }, to: { node: 'sum', input: 0 } }] } },
  };
  return { doc: withExtra, model: m.id, inp, dense, dense1 };
}

const reason = (r: ReturnType<typeof canConnect>) => (r.ok ? 'ok' : r.reason);

describe('canConnect', () => {
  const { doc, model, inp, dense, dense1 } = fixture();

  it('allows a connection that yields valid shapes', () => {
    expect(canConnect(doc, model, { node: dense1, output: 0 }, { node: 'sum', input: 1 })).toEqual({ ok: true });
  });

  it('refuses a self-loop', () => {
    expect(reason(canConnect(doc, model, { node: dense, output: 0 }, { node: dense, input: 0 }))).toBe('dense cannot feed itself');
  });

  it('refuses a cycle', () => {
    expect(reason(canConnect(doc, model, { node: dense1, output: 0 }, { node: dense, input: 0 }))).toBe(
      'Connecting dense_1 → dense would make a cycle: dense already feeds dense_1',
    );
  });

  it('refuses an input that is already fed', () => {
    expect(reason(canConnect(doc, model, { node: inp, output: 0 }, { node: dense1, input: 0 }))).toBe(
      'Input 0 of dense_1 is already fed by dense; remove that connection first',
    );
  });

  it('refuses more inputs than the kind takes, and an output that does not exist', () => {
    expect(reason(canConnect(doc, model, { node: inp, output: 0 }, { node: dense1, input: 1 }))).toBe('dense_1 takes one input; there is no input 1');
    expect(reason(canConnect(doc, model, { node: dense, output: 0 }, { node: inp, input: 0 }))).toBe('input_layer is an Input; nothing connects into it');
    expect(reason(canConnect(doc, model, { node: inp, output: 1 }, { node: 'conv', input: 0 }))).toBe('input_layer has 1 output; there is no output 1');
  });

  it('refuses with the shape error the target would get', () => {
    expect(reason(canConnect(doc, model, { node: inp, output: 0 }, { node: 'conv', input: 0 }))).toBe(
      'Conv2D needs a rank-4 input (batch, rows, cols, channels), got (None, 784)',
    );
    expect(reason(canConnect(doc, model, { node: inp, output: 0 }, { node: 'sum', input: 1 }))).toBe('Add needs inputs of one shape: got (None, 64) and (None, 784)');
  });

  it('refuses a shared layer on a shape its weights do not fit, and a nested model on an incompatible input', () => {
    const b = new ProjectBuilder('t');
    const shared = b.layer('Dense', { units: 8 });
    const p = b.input([784]);
    const q = b.input([32]);
    b.model('m', [p, q], [shared.call(p)]);
    const d = b.build();
    const m = d.models[d.main];
    const qNode = m.nodes.find((n) => 'layer' in n.call && d.layers[n.call.layer].name === 'input_layer_1')!.id;
    const second: ProjectDoc = { ...d, models: { [m.id]: { ...m, nodes: [...m.nodes, { id: 's2', call: { layer: shared.id }, x: 0, y: 0 }] } } };
    expect(reason(canConnect(second, m.id, { node: qNode, output: 0 }, { node: 's2', input: 0 }))).toBe(
      'dense is shared: its weights were built for input (None, 784), but this call would get (None, 32)',
    );

    const nested = TEMPLATES.autoencoder_nested.build();
    const auto = nested.models[nested.main];
    const img = auto.nodes[0].id;
    const decoderCall = auto.nodes.find((n) => 'model' in n.call && nested.models[n.call.model].name === 'decoder')!.id;
    const cut = { ...nested, models: { ...nested.models, [auto.id]: { ...auto, edges: auto.edges.filter((e) => e.to.node !== decoderCall) } } };
    expect(reason(canConnect(cut, auto.id, { node: img, output: 0 }, { node: decoderCall, input: 0 }))).toBe(
      'Input 0 of model "decoder" is incompatible: expected shape (None, 16), got (None, 28, 28, 1)',
    );
  });
});
