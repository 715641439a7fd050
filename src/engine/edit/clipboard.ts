/**
 * Copy / paste / duplicate. A clip holds nodes, the edges among them and their layers; pasting
 * makes fresh layers (new ids, new names): a pasted copy does not share weights with the
 * original — "Call again" is the way to share.
 */
import type { CallNode, Edge, LayerDef, ModelId, NodeId, ProjectDoc } from '../doc';
import { idAllocator, nameAllocator } from './ids';
import { withModel, modelsCalling } from './model';

export interface Clip {
  nodes: CallNode[];
  edges: Edge[];
  layers: Record<string, LayerDef>;
}

export function copyNodes(doc: ProjectDoc, modelId: ModelId, ids: Iterable<NodeId>): Clip | null {
  const m = doc.models[modelId];
  const chosen = new Set(ids);
  const nodes = m?.nodes.filter((n) => chosen.has(n.id)) ?? [];
  if (!nodes.length) return null;
  const layers: Record<string, LayerDef> = {};
  for (const n of nodes) if ('layer' in n.call && doc.layers[n.call.layer]) layers[n.call.layer] = doc.layers[n.call.layer];
  return { nodes, edges: m.edges.filter((e) => chosen.has(e.from.node) && chosen.has(e.to.node)), layers };
}

/** Paste a clip into a model, shifted by `offset`; returns the new node ids (to select them). */
export function pasteClip(doc: ProjectDoc, modelId: ModelId, clip: Clip, offset = { x: 40, y: 40 }): { doc: ProjectDoc; nodeIds: NodeId[] } {
  if (!doc.models[modelId]) return { doc, nodeIds: [] };
  const id = idAllocator(doc);
  const names = nameAllocator(doc);
  const forbidden = modelsCalling(doc, modelId);
  const layers = { ...doc.layers };
  const layerMap = new Map<string, string>();
  for (const l of Object.values(clip.layers)) {
    const lid = id('l');
    layerMap.set(l.id, lid);
    layers[lid] = { ...l, id: lid, name: names.like(l.name.replace(/_\d+$/, '')) };
  }
  const nodeMap = new Map<NodeId, NodeId>();
  const nodes: CallNode[] = [];
  for (const n of clip.nodes) {
    if ('model' in n.call && (forbidden.has(n.call.model) || !doc.models[n.call.model])) continue;
    if ('layer' in n.call && !layerMap.has(n.call.layer)) continue;
    const nid = id('n');
    nodeMap.set(n.id, nid);
    nodes.push({ id: nid, call: 'layer' in n.call ? { layer: layerMap.get(n.call.layer)! } : { ...n.call }, x: n.x + offset.x, y: n.y + offset.y });
  }
  const edges = clip.edges
    .filter((e) => nodeMap.has(e.from.node) && nodeMap.has(e.to.node))
    .map((e) => ({ id: id('e'), from: { node: nodeMap.get(e.from.node)!, output: e.from.output }, to: { node: nodeMap.get(e.to.node)!, input: e.to.input } }));
  const used = new Set(nodes.flatMap((n) => ('layer' in n.call ? [n.call.layer] : [])));
  for (const lid of layerMap.values()) if (!used.has(lid)) delete layers[lid];
  const next = withModel({ ...doc, layers }, modelId, (m) => ({ ...m, nodes: [...m.nodes, ...nodes], edges: [...m.edges, ...edges] }));
  return { doc: next, nodeIds: nodes.map((n) => n.id) };
}

export function duplicateNodes(doc: ProjectDoc, modelId: ModelId, ids: Iterable<NodeId>, offset?: { x: number; y: number }) {
  const clip = copyNodes(doc, modelId, ids);
  return clip ? pasteClip(doc, modelId, clip, offset) : { doc, nodeIds: [] as NodeId[] };
}
