/**
 * Editor commands: each one is a document transform from src/engine/edit applied as ONE undo
 * step, plus the selection that follows it. Palette, canvas, inspector and shortcuts share them.
 */
import type { ModelId, NodeId, Port } from '../../engine/doc';
import type { ParamValue } from '../../nodes/params';
import * as edit from '../../engine/edit';
import { useDocument } from './document';
import { useEditor } from './editor';
import { analysisOf } from './analysis';
import { kindsOf } from './kinds';
import { panToShow, viewCentre } from '../canvas/flowRef';
import { fitGraph } from '../canvas/fit';
import { t } from '../i18n';

const doc = () => useDocument.getState();

/** Nodes are placed by their top-left corner; centre them on the point. */
export const NODE_HALF = { x: 100, y: 36 };
const centred = (p: { x: number; y: number }) => ({ x: Math.round(p.x - NODE_HALF.x), y: Math.round(p.y - NODE_HALF.y) });

type Box = { x: number; y: number };
/**
 * Where a pasted or duplicated group goes: to the right of where it came from, one group width
 * (plus a gap) at a time, until it overlaps no node of the model — so copies never hide the
 * originals or their handles, and repeated pastes line up instead of stacking.
 */
function besideFree(group: readonly Box[], all: readonly Box[]): Box {
  const w = 2 * NODE_HALF.x, h = 2 * NODE_HALF.y, gap = 40;
  if (!group.length) return { x: w + gap, y: 0 };
  const xs = group.map((n) => n.x);
  const step = Math.max(...xs) - Math.min(...xs) + w + gap;
  const hits = (dx: number) => group.some((g) => all.some((n) => Math.abs(g.x + dx - n.x) < w + gap / 2 && Math.abs(g.y - n.y) < h + gap / 2));
  let dx = step;
  for (let i = 0; i < 50 && hits(dx); i++) dx += step;
  return { x: dx, y: 0 };
}

export function addLayer(kind: string, at?: { x: number; y: number }) {
  const s = doc();
  let nodeId = '';
  s.change((d) => {
    const r = edit.addLayerNode(d, s.activeModel, kind, centred(at ?? viewCentre()), kindsOf(d));
    nodeId = r.nodeId;
    return r.doc;
  });
  if (nodeId) doc().select([nodeId]);
}

export function addModelCall(inner: ModelId, at?: { x: number; y: number }) {
  const s = doc();
  if (!edit.canNest(s.doc, s.activeModel, inner)) {
    useEditor.getState().say(t('editor.status.recursive', { model: s.doc.models[inner]?.name ?? inner }), 'error');
    return;
  }
  let nodeId = '';
  s.change((d) => {
    const r = edit.addModelNode(d, s.activeModel, inner, centred(at ?? viewCentre()));
    nodeId = r.nodeId;
    return r.doc;
  });
  if (nodeId) doc().select([nodeId]);
}

export function connectPorts(from: Port, to: { node: NodeId; input: number }) {
  const s = doc();
  s.change((d) => edit.connect(d, s.activeModel, from, to).doc);
}

export function deleteSelection() {
  const s = doc();
  const edges = useEditor.getState().edgeSelection;
  if (!s.selection.length && !edges.length) return;
  s.change((d) => edit.deleteNodes(edit.disconnect(d, s.activeModel, edges, kindsOf(d)), s.activeModel, s.selection));
  useEditor.getState().selectEdges([]);
  doc().select([]);
}

export function selectAll() {
  const s = doc();
  s.select(s.doc.models[s.activeModel].nodes.map((n) => n.id));
}

export function copySelection() {
  const s = doc();
  const clip = edit.copyNodes(s.doc, s.activeModel, s.selection);
  if (clip) useEditor.getState().setClipboard(clip);
}

export function paste() {
  const clip = useEditor.getState().clipboard;
  if (!clip) return;
  const s = doc();
  let ids: NodeId[] = [];
  s.change((d) => {
    const r = edit.pasteClip(d, s.activeModel, clip, besideFree(clip.nodes, d.models[s.activeModel].nodes));
    ids = r.nodeIds;
    return r.doc;
  });
  doc().select(ids);
  panToShow(ids);
}

export function duplicateSelection() {
  const s = doc();
  let ids: NodeId[] = [];
  s.change((d) => {
    const nodes = d.models[s.activeModel].nodes;
    const chosen = new Set(s.selection);
    const r = edit.duplicateNodes(d, s.activeModel, s.selection, besideFree(nodes.filter((n) => chosen.has(n.id)), nodes));
    ids = r.nodeIds;
    return r.doc;
  });
  if (ids.length) doc().select(ids);
  panToShow(ids);
}

export function callAgain(nodeId: NodeId) {
  const s = doc();
  let id = '';
  s.change((d) => {
    const r = edit.callAgain(d, s.activeModel, nodeId);
    id = r.nodeId;
    return r.doc;
  });
  if (id) doc().select([id]);
}

export function toggleOutput(port: Port) {
  const s = doc();
  s.change((d) => edit.toggleOutput(d, s.activeModel, port));
}

export function makeModelFromSelection() {
  const s = doc();
  const ma = analysisOf(s.doc).models[s.activeModel];
  const r = edit.makeModel(s.doc, s.activeModel, s.selection, (id) => ma?.edges[id], kindsOf(s.doc));
  if ('error' in r) {
    useEditor.getState().say(t('editor.status.makeModelFailed', { reason: r.error }), 'error');
    return;
  }
  s.change(() => r.doc);
  doc().select([r.nodeId]);
}

export function setParam(layerId: string, key: string, value: ParamValue) {
  doc().change((d) => edit.setParam(d, layerId, key, value));
}
export function setTrainable(layerId: string, v: boolean) {
  doc().change((d) => edit.setTrainable(d, layerId, v));
}
export function renameLayer(layerId: string, name: string) {
  doc().change((d) => edit.renameLayer(d, layerId, name));
}
export function renameModel(modelId: ModelId, name: string) {
  doc().change((d) => edit.renameModel(d, modelId, name));
}

export function newModel() {
  let id = '';
  doc().change((d) => {
    const r = edit.addModel(d);
    id = r.modelId;
    return r.doc;
  });
  if (id) doc().setActiveModel(id);
}

export function deleteModel(modelId: ModelId) {
  const s = doc();
  s.change((d) => edit.deleteModel(d, modelId));
  if (!doc().doc.models[s.activeModel]) doc().setActiveModel(doc().doc.main);
}

export function openModel(modelId: ModelId) {
  doc().setActiveModel(modelId);
}

/** The whole graph in view, clear of the minimap. */
export function fitView() {
  fitGraph({ minZoom: 0.05, duration: 200 });
}
