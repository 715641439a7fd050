/** Node edits: add a layer call, call a layer again (shared), call a model (nested), move, delete. */
import type { Call, CallNode, ModelId, NodeId, ProjectDoc } from '../doc';
import { KINDS, type KindMap } from '../../nodes';
import { withDefaults } from '../../nodes/params';
import { idAllocator, nameAllocator } from './ids';
import { dropUnusedLayers, modelsCalling, withModel } from './model';

export interface Added {
  doc: ProjectDoc;
  nodeId: NodeId;
}

/** A new layer of `kind` with default params (and a Keras default name), called once at (x, y). */
export function addLayerNode(doc: ProjectDoc, modelId: ModelId, kind: string, at: { x: number; y: number }, kinds: KindMap = KINDS): Added {
  const k = kinds[kind];
  if (!k || !doc.models[modelId]) return { doc, nodeId: '' };
  const id = idAllocator(doc);
  const layerId = id('l');
  const nodeId = id('n');
  const layer = { id: layerId, kind, name: nameAllocator(doc).layer(kind), params: withDefaults(k.params), trainable: true };
  const withLayer = { ...doc, layers: { ...doc.layers, [layerId]: layer } };
  return { doc: withModel(withLayer, modelId, (m) => ({ ...m, nodes: [...m.nodes, { id: nodeId, call: { layer: layerId }, x: at.x, y: at.y }] })), nodeId };
}

/** Whether model `inner` may be called inside `outer` (no model may call itself, even through others). */
export const canNest = (doc: ProjectDoc, outer: ModelId, inner: ModelId) => !!doc.models[inner] && !modelsCalling(doc, outer).has(inner);

/** A call of model `inner` inside `outer` (a nested model node). Refused (doc unchanged) when it would recurse. */
export function addModelNode(doc: ProjectDoc, outer: ModelId, inner: ModelId, at: { x: number; y: number }): Added {
  if (!doc.models[outer] || !canNest(doc, outer, inner)) return { doc, nodeId: '' };
  const nodeId = idAllocator(doc)('n');
  return { doc: withModel(doc, outer, (m) => ({ ...m, nodes: [...m.nodes, { id: nodeId, call: { model: inner }, x: at.x, y: at.y }] })), nodeId };
}

/** "Call again": a second call of the same layer (same weights) — Keras shared layers. */
export function callAgain(doc: ProjectDoc, modelId: ModelId, nodeId: NodeId, offset = { x: 260, y: 0 }): Added {
  const node = doc.models[modelId]?.nodes.find((n) => n.id === nodeId);
  if (!node) return { doc, nodeId: '' };
  const newId = idAllocator(doc)('n');
  const call: Call = { ...node.call };
  return {
    doc: withModel(doc, modelId, (m) => ({ ...m, nodes: [...m.nodes, { id: newId, call, x: node.x + offset.x, y: node.y + offset.y }] })),
    nodeId: newId,
  };
}

/** Move nodes to new positions. Only positions change: edges, outputs and layers keep their identity. */
export function moveNodes(doc: ProjectDoc, modelId: ModelId, positions: ReadonlyMap<NodeId, { x: number; y: number }>): ProjectDoc {
  if (!positions.size) return doc;
  return withModel(doc, modelId, (m) => {
    let changed = false;
    const nodes = m.nodes.map((n): CallNode => {
      const p = positions.get(n.id);
      if (!p || (p.x === n.x && p.y === n.y)) return n;
      changed = true;
      return { ...n, x: p.x, y: p.y };
    });
    return changed ? { ...m, nodes } : m;
  });
}

/** Delete nodes with their edges and output marks; layers no longer called anywhere go too. */
export function deleteNodes(doc: ProjectDoc, modelId: ModelId, ids: Iterable<NodeId>): ProjectDoc {
  const gone = new Set(ids);
  const m = doc.models[modelId];
  if (!m || !m.nodes.some((n) => gone.has(n.id))) return doc;
  const next = withModel(doc, modelId, (mm) => ({
    ...mm,
    nodes: mm.nodes.filter((n) => !gone.has(n.id)),
    edges: mm.edges.filter((e) => !gone.has(e.from.node) && !gone.has(e.to.node)),
    outputs: mm.outputs.filter((o) => !gone.has(o.node)),
  }));
  return dropUnusedLayers(next);
}
