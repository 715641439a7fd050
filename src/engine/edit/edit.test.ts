import { describe, expect, it } from 'vitest';
import { ProjectBuilder } from '../build';
import { emptyProject, type ProjectDoc } from '../doc';
import {
  addLayerNode, addModel, addModelNode, callAgain, connect, copyNodes, deleteModel, deleteNodes, disconnect,
  duplicateNodes, makeModel, moveNodes, pasteClip, renameLayer, setParam, toggleOutput, canNest, nameProblem,
} from './index';

function mnist() {
  const b = new ProjectBuilder('p');
  const x0 = b.input([784]);
  const x1 = b.layer('Dense', { units: 64, activation: 'relu' }).call(x0);
  const x2 = b.layer('Dense', { units: 64, activation: 'relu' }).call(x1);
  const y = b.layer('Dense', { units: 10 }).call(x2);
  b.model('mnist_model', [x0], [y]);
  return b.build();
}
const model = (d: ProjectDoc) => d.models[d.main];
const nodeOf = (d: ProjectDoc, layerName: string) =>
  model(d).nodes.find((n) => 'layer' in n.call && d.layers[n.call.layer].name === layerName)!;

describe('edit transforms', () => {
  it('adds a layer with default params and a Keras default name, without touching the original', () => {
    const d0 = emptyProject();
    const a = addLayerNode(d0, 'm1', 'Dense', { x: 5, y: 6 });
    const b = addLayerNode(a.doc, 'm1', 'Dense', { x: 0, y: 0 });
    expect(d0.models.m1.nodes).toHaveLength(0);
    const names = Object.values(b.doc.layers).map((l) => l.name);
    expect(names).toEqual(['dense', 'dense_1']);
    expect(Object.values(b.doc.layers)[0].params.units).toBe(32);
    expect(b.doc.models.m1.nodes.map((n) => n.id)).toEqual([a.nodeId, b.nodeId]);
    expect(addLayerNode(d0, 'm1', 'NoSuchKind', { x: 0, y: 0 }).doc).toBe(d0);
  });

  it('connect leaves an input that is already fed; disconnect closes up merge ports only', () => {
    let d = emptyProject();
    const ids: string[] = [];
    for (const k of ['InputLayer', 'InputLayer', 'InputLayer', 'Add']) {
      const r = addLayerNode(d, 'm1', k, { x: 0, y: 0 });
      d = r.doc;
      ids.push(r.nodeId);
    }
    const [a, b, c, add] = ids;
    d = connect(d, 'm1', { node: a, output: 0 }, { node: add, input: 0 }).doc;
    d = connect(d, 'm1', { node: b, output: 0 }, { node: add, input: 1 }).doc;
    const e2 = connect(d, 'm1', { node: c, output: 0 }, { node: add, input: 2 });
    d = e2.doc;
    const refused = connect(d, 'm1', { node: c, output: 0 }, { node: add, input: 1 });
    expect(refused).toEqual({ doc: d, edgeId: '' });
    const first = d.models.m1.edges.find((e) => e.to.input === 0)!;
    const after = disconnect(d, 'm1', [first.id]);
    expect(after.models.m1.edges.map((e) => [e.from.node, e.to.input])).toEqual([[b, 0], [c, 1]]);
    expect(connect(d, 'm1', { node: a, output: 0 }, { node: a, input: 0 }).doc).toBe(d);
  });

  it('moves only positions: edges, outputs and layers keep their identity', () => {
    const d = mnist();
    const n = model(d).nodes[1];
    const moved = moveNodes(d, d.main, new Map([[n.id, { x: 300, y: 400 }]]));
    expect(model(moved).nodes[1]).toMatchObject({ x: 300, y: 400 });
    expect(model(moved).edges).toBe(model(d).edges);
    expect(model(moved).outputs).toBe(model(d).outputs);
    expect(moved.layers).toBe(d.layers);
    expect(moveNodes(d, d.main, new Map([[n.id, { x: n.x, y: n.y }]]))).toBe(d);
  });

  it('deletes nodes with their edges, outputs and now-unused layers; a shared layer stays while called', () => {
    let d = mnist();
    const dense = nodeOf(d, 'dense_2');
    const again = callAgain(d, d.main, dense.id);
    d = again.doc;
    expect(model(d).nodes.find((n) => n.id === again.nodeId)!.call).toEqual(dense.call);
    const one = deleteNodes(d, d.main, [dense.id]);
    expect(model(one).outputs).toEqual([]);
    expect(Object.values(one.layers).some((l) => l.name === 'dense_2')).toBe(true);
    const both = deleteNodes(one, one.main, [again.nodeId]);
    expect(Object.values(both.layers).some((l) => l.name === 'dense_2')).toBe(false);
    expect(model(both).edges.every((e) => e.to.node !== dense.id)).toBe(true);
  });

  it('sets params, renames with Keras uniqueness, toggles outputs', () => {
    const d = mnist();
    const lid = Object.values(d.layers).find((l) => l.name === 'dense')!.id;
    expect(setParam(d, lid, 'units', 128).layers[lid].params.units).toBe(128);
    expect(setParam(d, lid, 'units', 64)).toBe(d);
    expect(renameLayer(d, lid, 'dense_1')).toBe(d);
    expect(nameProblem(d, 'dense_1')).toMatch(/already used/);
    expect(nameProblem(d, '1abc')).toMatch(/not a valid name/);
    expect(renameLayer(d, lid, 'hidden').layers[lid].name).toBe('hidden');
    const n = nodeOf(d, 'dense');
    const marked = toggleOutput(d, d.main, { node: n.id, output: 0 });
    expect(model(marked).outputs).toHaveLength(2);
    expect(model(toggleOutput(marked, d.main, { node: n.id, output: 0 })).outputs).toHaveLength(1);
  });

  it('nests models but never recursively', () => {
    let d = mnist();
    const r = addModel(d, 'encoder');
    d = r.doc;
    const nested = addModelNode(d, r.modelId, d.main, { x: 0, y: 0 });
    expect(nested.nodeId).not.toBe('');
    expect(canNest(nested.doc, d.main, r.modelId)).toBe(false);
    expect(addModelNode(nested.doc, d.main, r.modelId, { x: 0, y: 0 }).doc).toBe(nested.doc);
    expect(addModelNode(d, d.main, d.main, { x: 0, y: 0 }).doc).toBe(d);
    const gone = deleteModel(nested.doc, r.modelId);
    expect(gone.models[r.modelId]).toBeUndefined();
    expect(deleteModel(d, d.main)).toBe(d);
  });

  it('make model: the selection becomes a nested model over the same layers, wired in its place', () => {
    const d = mnist();
    const a = nodeOf(d, 'dense');
    const b = nodeOf(d, 'dense_1');
    const shapes: Record<string, (number | null)[]> = {};
    for (const e of model(d).edges) shapes[e.id] = [null, e.from.node === model(d).nodes[0].id ? 784 : 64];
    const r = makeModel(d, d.main, [a.id, b.id, model(d).nodes[0].id], (id) => shapes[id]);
    if ('error' in r) throw new Error(r.error);
    const outer = r.doc.models[d.main];
    const sub = r.doc.models[r.modelId];
    // The Input stays outside; the two Dense calls move in, fed by a new Input of the entering shape.
    expect(outer.nodes.map((n) => n.call)).toEqual([model(d).nodes[0].call, nodeOf(d, 'dense_2').call, { model: r.modelId }]);
    expect(sub.nodes.slice(1).map((n) => n.call)).toEqual([a.call, b.call]);
    const subInput = r.doc.layers[(sub.nodes[0].call as { layer: string }).layer];
    expect(subInput).toMatchObject({ kind: 'InputLayer', params: { shape: [784] } });
    expect(sub.outputs).toEqual([{ node: b.id, output: 0 }]);
    expect(outer.edges.map((e) => [e.from.node, e.to.node])).toEqual([
      [model(d).nodes[0].id, r.nodeId],
      [r.nodeId, nodeOf(d, 'dense_2').id],
    ]);
    for (const l of Object.values(d.layers)) expect(r.doc.layers[l.id]).toBe(l);
    expect('error' in makeModel(d, d.main, [model(d).nodes[0].id], () => undefined)).toBe(true);
  });

  it('paste makes fresh layers and keeps inner edges; duplicate shifts the copy', () => {
    const d = mnist();
    const ids = [nodeOf(d, 'dense').id, nodeOf(d, 'dense_1').id];
    const clip = copyNodes(d, d.main, ids)!;
    const p = pasteClip(d, d.main, clip);
    expect(p.nodeIds).toHaveLength(2);
    const pasted = model(p.doc).nodes.filter((n) => p.nodeIds.includes(n.id));
    const names = pasted.map((n) => p.doc.layers[(n.call as { layer: string }).layer].name);
    expect(names).toEqual(['dense_3', 'dense_4']);
    expect(model(p.doc).edges.filter((e) => p.nodeIds.includes(e.to.node))).toHaveLength(1);
    const dup = duplicateNodes(d, d.main, [ids[0]]);
    const copy = model(dup.doc).nodes.find((n) => n.id === dup.nodeIds[0])!;
    expect(copy.x - nodeOf(d, 'dense').x).toBe(40);
  });
});
