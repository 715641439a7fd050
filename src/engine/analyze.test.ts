import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { ProjectBuilder } from './build';
import type { Edge, LayerDef, ModelDef, ProjectDoc } from './doc';
import type { IssueCode } from './issues';
import { TEMPLATES } from '../templates';
import { KINDS } from '../nodes';
import { fillParams } from '../nodes/kind';

/** Input(784) → Dense(64) → Dense(10), as a starting point to break. */
function mlp() {
  const b = new ProjectBuilder('t');
  const x = b.input([784]);
  const h = b.layer('Dense', { units: 64 }).call(x);
  const y = b.layer('Dense', { units: 10 }).call(h);
  b.model('mlp', [x], [y]);
  return b.build();
}

const only = (doc: ProjectDoc) => Object.values(doc.models)[0];
const withModel = (doc: ProjectDoc, f: (m: ModelDef) => ModelDef): ProjectDoc => {
  const m = only(doc);
  return { ...doc, models: { ...doc.models, [m.id]: f(m) } };
};
const layerNamed = (doc: ProjectDoc, name: string) => Object.values(doc.layers).find((l) => l.name === name)!;
const withLayer = (doc: ProjectDoc, name: string, f: (l: LayerDef) => LayerDef): ProjectDoc => {
  const l = layerNamed(doc, name);
  return { ...doc, layers: { ...doc.layers, [l.id]: f(l) } };
};
const nodeOf = (doc: ProjectDoc, name: string) => only(doc).nodes.find((n) => 'layer' in n.call && n.call.layer === layerNamed(doc, name).id)!.id;
const codes = (doc: ProjectDoc) => analyze(doc).issues.map((i) => i.code);
const messages = (doc: ProjectDoc, code: IssueCode) => analyze(doc).issues.filter((i) => i.code === code).map((i) => i.message);

describe('analyze: a valid graph', () => {
  it('infers shapes, params, order and totals', () => {
    const doc = mlp();
    const a = analyze(doc);
    const m = a.models[only(doc).id];
    expect(a.issues).toEqual([]);
    expect(m.order.map((n) => doc.layers[(only(doc).nodes.find((x) => x.id === n)!.call as { layer: string }).layer].name)).toEqual(['input_layer', 'dense', 'dense_1']);
    const dense = m.nodes[nodeOf(doc, 'dense')];
    expect(dense.inputShapes).toEqual([[null, 784]]);
    expect(dense.outputShapes).toEqual([[null, 64]]);
    expect(dense.params).toEqual({ trainable: 50240, nonTrainable: 0 });
    expect(m.totals).toEqual({ trainable: 50240 + 650, nonTrainable: 0 });
    expect(Object.values(m.edges)).toEqual([[null, 784], [null, 64]]);
  });

  it('counts a non-trainable layer as non-trainable', () => {
    const doc = withLayer(mlp(), 'dense', (l) => ({ ...l, trainable: false }));
    expect(analyze(doc).models[only(doc).id].totals).toEqual({ trainable: 650, nonTrainable: 50240 });
  });

  it('shows one free input port on merge layers and fills sharedWith across models', () => {
    const doc = TEMPLATES.autoencoder_shared.build();
    const a = analyze(doc);
    const [enc, auto] = Object.values(doc.models);
    const conv = layerNamed(doc, 'conv2d').id;
    const encNode = enc.nodes.find((n) => 'layer' in n.call && n.call.layer === conv)!.id;
    const autoNode = auto.nodes.find((n) => 'layer' in n.call && n.call.layer === conv)!.id;
    expect(a.models[enc.id].nodes[encNode].sharedWith).toEqual([{ modelId: auto.id, nodeId: autoNode }]);
    const resnet = TEMPLATES.toy_resnet.build();
    const r = analyze(resnet);
    const add = Object.values(resnet.models)[0].nodes.find((n) => 'layer' in n.call && resnet.layers[n.call.layer].name === 'add')!;
    expect(r.models[resnet.main].nodes[add.id].inputPorts).toBe(3);
  });

  it('shows a nested model node with the nested totals and re-inferred outputs', () => {
    const b = new ProjectBuilder('t');
    const i = b.input([null, 8]);
    const o = b.layer('Dense', { units: 4 }).call(i);
    const inner = b.model('inner', [i], [o]);
    const x = b.input([5, 8]);
    const y = b.callModel(inner, x);
    b.model('outer', [x], [y]);
    const doc = b.build();
    const a = analyze(doc);
    const outer = a.models[doc.main];
    const call = doc.models[doc.main].nodes.find((n) => 'model' in n.call)!;
    expect(outer.nodes[call.id].outputShapes).toEqual([[null, 5, 4]]);
    expect(outer.nodes[call.id].params).toEqual({ trainable: 36, nonTrainable: 0 });
    expect(outer.totals).toEqual({ trainable: 36, nonTrainable: 0 });
  });
});

describe('analyze: every issue code it owns', () => {
  it('cycle', () => {
    const doc = mlp();
    const d1 = nodeOf(doc, 'dense');
    const d2 = nodeOf(doc, 'dense_1');
    const cyc = withModel(doc, (m) => ({ ...m, edges: [...m.edges.filter((e) => e.to.node !== d1), { id: 'back', from: { node: d2, output: 0 }, to: { node: d1, input: 0 } }] }));
    const a = analyze(cyc);
    expect(messages(cyc, 'cycle')).toEqual(['Model "mlp" has a cycle: dense → dense_1 → dense']);
    expect(a.models[only(cyc).id].order).not.toContain(d1);
  });

  it('disconnected: a node that leads to no output, and an output not computable from the inputs', () => {
    const b = new ProjectBuilder('t');
    const x = b.input([4]);
    const y = b.layer('Dense', { units: 2 }).call(x);
    b.layer('Dense', { units: 3 }, 'stray').call(x);
    b.model('m', [x], [y]);
    // The builder keeps only what feeds the outputs; add the stray call by hand.
    let doc = b.build();
    const stray = layerNamed(doc, 'stray');
    const inputNode = only(doc).nodes[0].id;
    doc = withModel(doc, (m) => ({ ...m, nodes: [...m.nodes, { id: 's', call: { layer: stray.id }, x: 0, y: 0 }], edges: [...m.edges, { id: 'es', from: { node: inputNode, output: 0 }, to: { node: 's', input: 0 } }] }));
    const warn = analyze(doc).issues.filter((i) => i.code === 'disconnected');
    expect(warn.map((i) => [i.severity, i.message])).toEqual([['warning', 'stray does not lead to any output of model "m", so it is not part of the model']]);
    // Nor of its totals, as in Keras (and as the compiled tfjs model counts): the stray's params show on its node only.
    const a = analyze(doc);
    expect(a.models[doc.main].totals).toEqual(analyze(b.build()).models[doc.main].totals);
    expect(a.layers[stray.id].params!.trainable).toBeGreaterThan(0);

    const cut = mlp();
    const d1 = nodeOf(cut, 'dense');
    const broken = withModel(cut, (m) => ({ ...m, edges: m.edges.filter((e) => e.to.node !== d1) }));
    expect(messages(broken, 'disconnected')).toContain('Graph disconnected: output 0 (dense_1) of model "mlp" cannot be computed from its inputs');
  });

  it('missing-input', () => {
    const doc = mlp();
    const d1 = nodeOf(doc, 'dense');
    const broken = withModel(doc, (m) => ({ ...m, edges: m.edges.filter((e) => e.to.node !== d1) }));
    expect(messages(broken, 'missing-input')).toEqual(['dense has nothing connected to input 0']);
    expect(analyze(broken).models[only(broken).id].nodes[d1].outputShapes).toEqual([]);
  });

  it('too-many-inputs: a second input on Dense, two edges into one port', () => {
    const doc = mlp();
    const [inp, d1, d2] = only(doc).nodes.map((n) => n.id);
    const extra: Edge = { id: 'x', from: { node: inp, output: 0 }, to: { node: d2, input: 1 } };
    expect(messages(withModel(doc, (m) => ({ ...m, edges: [...m.edges, extra] })), 'too-many-inputs')).toEqual(['dense_1 takes at most 1 input, got 2 connected']);
    const twice: Edge = { id: 'y', from: { node: inp, output: 0 }, to: { node: d1, input: 0 } };
    expect(messages(withModel(doc, (m) => ({ ...m, edges: [...m.edges, twice] })), 'too-many-inputs')).toEqual([
      'Input 0 of dense has 2 connections (from input_layer, input_layer); it takes one',
    ]);
  });

  it('duplicate-name', () => {
    const doc = withLayer(mlp(), 'dense_1', (l) => ({ ...l, name: 'dense' }));
    expect(messages(doc, 'duplicate-name')).toEqual(['Model "mlp" uses two layers named "dense" (this one is a Dense); names must be unique within a model']);
  });

  it('shape-mismatch: a merge of unequal shapes, and a shared layer called on an incompatible shape', () => {
    const b = new ProjectBuilder('t');
    const x = b.input([32]);
    const y = b.input([64]);
    const s = b.layer('Add').call(x, y);
    b.model('m', [x, y], [s]);
    expect(messages(b.build(), 'shape-mismatch')).toEqual(['Add needs inputs of one shape: got (None, 32) and (None, 64)']);

    const c = new ProjectBuilder('t');
    const shared = c.layer('Dense', { units: 8 });
    const p = c.input([784]);
    const q = c.input([32]);
    c.model('m', [p, q], [shared.call(p), shared.call(q)]);
    const doc = c.build();
    expect(messages(doc, 'shape-mismatch')).toEqual(['dense is shared: its weights were built for input (None, 784), but this call gets (None, 32)']);
    // Built by its first call: params from (None, 784).
    expect(analyze(doc).models[doc.main].totals.trainable).toBe(784 * 8 + 8);
  });

  it('rank', () => {
    const doc = withLayer(mlp(), 'dense', (l) => ({ ...l, kind: 'Conv2D', params: fillParams(KINDS.Conv2D, { filters: 4 }) }));
    expect(codes(doc)).toContain('rank');
    expect(messages(doc, 'rank')).toEqual(['Conv2D needs a rank-4 input (batch, rows, cols, channels), got (None, 784)']);
  });

  it('negative-size', () => {
    const b = new ProjectBuilder('t');
    const x = b.input([2, 2, 1]);
    const y = b.layer('Conv2D', { filters: 4, kernel_size: 3 }).call(x);
    b.model('m', [x], [y]);
    expect(messages(b.build(), 'negative-size')).toEqual(['Conv2D kernel (3, 3) with padding "valid" shrinks (None, 2, 2, 1) to (0, 0); the input is too small']);
  });

  it('invalid-param', () => {
    const doc = withLayer(mlp(), 'dense', (l) => ({ ...l, params: { ...l.params, units: 0 } }));
    const a = analyze(doc);
    const i = a.issues.find((x) => x.code === 'invalid-param')!;
    expect(i.message).toBe('dense: Dense: units must be ≥ 1, got 0');
    expect(i.param).toBe('units');
  });

  it('unknown-kind', () => {
    const doc = withLayer(mlp(), 'dense', (l) => ({ ...l, kind: 'Frobnicate' }));
    expect(messages(doc, 'unknown-kind')).toEqual(['dense: unknown layer kind "Frobnicate"']);
    expect(codes(doc)).not.toContain('too-many-inputs');
  });

  it('no-inputs and no-outputs', () => {
    const doc = withModel(mlp(), (m) => ({ ...m, outputs: [] }));
    expect(messages(doc, 'no-outputs')).toEqual(['Model "mlp" has no outputs; mark at least one node as an output']);
    const b = new ProjectBuilder('t');
    const x = b.input([4]);
    b.model('m', [x], [x]);
    const noIn = withModel(b.build(), (m) => ({ ...m, nodes: [], outputs: [] }));
    expect(messages(noIn, 'no-inputs')).toEqual(['Model "m" has no Input; add an Input node']);
  });

  it('recursive-model: a model calling itself, and two models calling each other', () => {
    const doc = mlp();
    const m = only(doc);
    const self = withModel(doc, (mm) => ({ ...mm, nodes: [...mm.nodes, { id: 'r', call: { model: m.id }, x: 0, y: 0 }] }));
    expect(messages(self, 'recursive-model')).toEqual(['Model "mlp" cannot call model "mlp": a model cannot call itself']);

    const b = new ProjectBuilder('t');
    const x = b.input([4]);
    const a1 = b.model('a', [x], [b.layer('Dense', { units: 4 }).call(x)]);
    const y = b.input([4]);
    const a2 = b.model('b', [y], [b.callModel(a1, y)]);
    const pair = b.build();
    const callB = { id: 'cb', call: { model: a2 }, x: 0, y: 0 };
    const looped: ProjectDoc = { ...pair, models: { ...pair.models, [a1]: { ...pair.models[a1], nodes: [...pair.models[a1].nodes, callB] } } };
    expect(messages(looped, 'recursive-model').sort()).toEqual(['Model "a" cannot call model "b": "b" calls "a" back', 'Model "b" cannot call model "a": "a" calls "b" back']);
  });

  it('dangling-ref: a node naming a missing layer, an edge to a missing node, an output port that does not exist', () => {
    const doc = mlp();
    const d2 = nodeOf(doc, 'dense_1');
    const ghost = withModel(doc, (m) => ({ ...m, nodes: m.nodes.map((n) => (n.id === d2 ? { ...n, call: { layer: 'nope' } } : n)) }));
    expect(messages(ghost, 'dangling-ref')).toEqual(['This node calls layer "nope", which is not in the project']);
    const edge = withModel(doc, (m) => ({ ...m, edges: [...m.edges, { id: 'z', from: { node: 'gone', output: 0 }, to: { node: d2, input: 1 } }] }));
    expect(messages(edge, 'dangling-ref')).toEqual(['An edge connects missing node "gone" to dense_1']);
    const port = withModel(doc, (m) => ({ ...m, edges: m.edges.map((e) => (e.to.node === d2 ? { ...e, from: { ...e.from, output: 2 } } : e)) }));
    expect(messages(port, 'dangling-ref')).toEqual(['dense_1 takes output 2 of dense, which has 1 output']);
  });

  it('never throws on nonsense', () => {
    const doc = mlp();
    const junk = withLayer(doc, 'dense', (l) => ({ ...l, params: { units: 'many' as unknown as number } }));
    expect(() => analyze(junk)).not.toThrow();
    expect(codes(junk)).toContain('invalid-param');
  });
});

describe('analyze: memoisation', () => {
  it('returns the same objects for an unchanged document and re-infers only what an edit changes', () => {
    const doc = mlp();
    const a = analyze(doc);
    const b = analyze(doc);
    expect(b.models[doc.main]).toBe(a.models[doc.main]);
    const edited = withLayer(doc, 'dense_1', (l) => ({ ...l, params: { ...l.params, units: 11 } }));
    const c = analyze(edited);
    const d1 = nodeOf(doc, 'dense');
    const d2 = nodeOf(doc, 'dense_1');
    expect(c.models[doc.main].nodes[d1]).toBe(a.models[doc.main].nodes[d1]);
    expect(c.models[doc.main].nodes[d2].outputShapes).toEqual([[null, 11]]);
    expect(c.models[doc.main].totals.trainable).toBe(50240 + 64 * 11 + 11);
  });
});
