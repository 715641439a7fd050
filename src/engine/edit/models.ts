/** Model edits: new model, delete model, and "Make model" (a selection becomes a nested model). */
import type { CallNode, Edge, ModelId, NodeId, Port, ProjectDoc } from '../doc';
import type { Shape } from '../shape';
import { KINDS, type KindMap } from '../../nodes';
import { withDefaults } from '../../nodes/params';
import { idAllocator, nameAllocator } from './ids';
import { dropUnusedLayers } from './model';

/** A new, empty model; returns its id. */
export function addModel(doc: ProjectDoc, name?: string): { doc: ProjectDoc; modelId: ModelId } {
  const modelId = idAllocator(doc)('m');
  const modelName = nameAllocator(doc).like(name ?? 'model');
  return { doc: { ...doc, models: { ...doc.models, [modelId]: { id: modelId, name: modelName, nodes: [], edges: [], outputs: [] } } }, modelId };
}

/** Delete a model and every call of it in other models. The main model cannot go (doc unchanged). */
export function deleteModel(doc: ProjectDoc, modelId: ModelId): ProjectDoc {
  if (!doc.models[modelId] || modelId === doc.main) return doc;
  const models: ProjectDoc['models'] = {};
  for (const m of Object.values(doc.models)) {
    if (m.id === modelId) continue;
    const gone = new Set(m.nodes.filter((n) => 'model' in n.call && n.call.model === modelId).map((n) => n.id));
    models[m.id] = gone.size
      ? {
          ...m,
          nodes: m.nodes.filter((n) => !gone.has(n.id)),
          edges: m.edges.filter((e) => !gone.has(e.from.node) && !gone.has(e.to.node)),
          outputs: m.outputs.filter((o) => !gone.has(o.node)),
        }
      : m;
  }
  return dropUnusedLayers({ ...doc, models });
}

const portKey = (p: Port) => `${p.node}:${p.output}`;

/**
 * Turn the selected nodes of `modelId` into a new model called once in their place, as a
 * Keras user would by writing `sub = keras.Model(x, y)` and then `sub(x)`. Tensors entering
 * the selection become the new model's Inputs (shapes from the analysis: `edgeShape`), tensors
 * leaving it (or marked as outputs) become its outputs. The layers keep their ids, so weights
 * and parameter totals are unchanged. InputLayer nodes stay where they are: they feed the call.
 */
export function makeModel(
  doc: ProjectDoc,
  modelId: ModelId,
  selection: Iterable<NodeId>,
  edgeShape: (edgeId: string) => Shape | undefined,
  kinds: KindMap = KINDS,
): { doc: ProjectDoc; modelId: ModelId; nodeId: NodeId } | { doc: ProjectDoc; error: string } {
  const m = doc.models[modelId];
  if (!m) return { doc, error: 'no such model' };
  const isInput = (n: CallNode) => 'layer' in n.call && doc.layers[n.call.layer]?.kind === 'InputLayer';
  const chosen = new Set(m.nodes.filter((n) => !isInput(n)).map((n) => n.id));
  const inside = new Set([...selection].filter((id) => chosen.has(id)));
  if (!inside.size) return { doc, error: 'select at least one layer (Input nodes stay outside)' };

  const incoming = m.edges.filter((e) => inside.has(e.to.node) && !inside.has(e.from.node));
  const outgoing = m.edges.filter((e) => inside.has(e.from.node) && !inside.has(e.to.node));
  const markedOut = m.outputs.filter((o) => inside.has(o.node));

  // One Input per distinct tensor entering the selection, in the order the edges meet it.
  const sources: Port[] = [];
  const sourceIndex = new Map<string, number>();
  for (const e of incoming) {
    if (sourceIndex.has(portKey(e.from))) continue;
    const s = edgeShape(e.id);
    if (!s) return { doc, error: `the tensor entering ${e.to.node} has no known shape yet; fix the problems above it first` };
    sourceIndex.set(portKey(e.from), sources.length);
    sources.push(e.from);
  }
  const exits: Port[] = [];
  const exitIndex = new Map<string, number>();
  for (const p of [...outgoing.map((e) => e.from), ...markedOut]) {
    if (exitIndex.has(portKey(p))) continue;
    exitIndex.set(portKey(p), exits.length);
    exits.push(p);
  }
  if (!exits.length) return { doc, error: 'the selection has no output: nothing leaves it and none of its nodes is a model output' };

  const id = idAllocator(doc);
  const names = nameAllocator(doc);
  const newModel = id('m');
  const layers = { ...doc.layers };
  const inNodes: CallNode[] = [];
  const inEdges: Edge[] = [];
  const inNodeOf = new Map<string, NodeId>();
  const moved = m.nodes.filter((n) => inside.has(n.id));
  const minX = Math.min(...moved.map((n) => n.x));
  const minY = Math.min(...moved.map((n) => n.y));
  sources.forEach((src, i) => {
    const inShape = edgeShape(incoming.find((e) => portKey(e.from) === portKey(src))!.id)!;
    const layerId = id('l');
    layers[layerId] = {
      id: layerId,
      kind: 'InputLayer',
      name: names.layer('InputLayer'),
      params: withDefaults(kinds.InputLayer?.params ?? {}, { shape: inShape.slice(1) }),
      trainable: true,
    };
    const nodeId = id('n');
    inNodes.push({ id: nodeId, call: { layer: layerId }, x: minX + i * 240, y: minY - 120 });
    inNodeOf.set(portKey(src), nodeId);
  });
  for (const e of incoming) inEdges.push({ ...e, from: { node: inNodeOf.get(portKey(e.from))!, output: 0 } });

  const sub = {
    id: newModel,
    name: names.like('model'),
    nodes: [...inNodes, ...moved],
    edges: [...inEdges, ...m.edges.filter((e) => inside.has(e.from.node) && inside.has(e.to.node))],
    outputs: exits,
  };

  const callId = id('n');
  const cx = moved.reduce((a, n) => a + n.x, 0) / moved.length;
  const cy = moved.reduce((a, n) => a + n.y, 0) / moved.length;
  const outerEdges: Edge[] = [
    ...m.edges.filter((e) => !inside.has(e.from.node) && !inside.has(e.to.node)),
    ...sources.map((src, i) => ({ id: id('e'), from: src, to: { node: callId, input: i } })),
    ...outgoing.map((e) => ({ ...e, from: { node: callId, output: exitIndex.get(portKey(e.from))! } })),
  ];
  const outer = {
    ...m,
    nodes: [...m.nodes.filter((n) => !inside.has(n.id)), { id: callId, call: { model: newModel }, x: cx, y: cy }],
    edges: outerEdges,
    outputs: m.outputs.map((o) => (inside.has(o.node) ? { node: callId, output: exitIndex.get(portKey(o))! } : o)),
  };
  return { doc: { ...doc, layers, models: { ...doc.models, [modelId]: outer, [newModel]: sub } }, modelId: newModel, nodeId: callId };
}
