/**
 * Document + analysis → React Flow nodes and edges. Objects are cached per id and reused while
 * nothing they show changed. A drag does not touch the document until it ends: `withDrag`
 * lays the dragged positions over the last node array, so a drag frame costs one array copy.
 */
import type { Edge as RfEdge, Node as RfNode } from '@xyflow/react';
import type { ModelAnalysis, Analysis } from '../../engine/analysisTypes';
import type { ModelDef, ProjectDoc } from '../../engine/doc';
import { fmtShape } from '../../engine/shape';
import { callCost } from '../../engine/cost';
import type { DiffEntry } from '../../engine/diff';
import type { KindMap } from '../../nodes';
import { highlightedNodes, nodeView, sameView, type NodeView } from './nodeView';

export type LayerFlowNode = RfNode<NodeView & Record<string, unknown>, 'call'>;
export interface EdgeView extends Record<string, unknown> {
  label: string;
  bad: boolean;
}
export type LayerFlowEdge = RfEdge<EdgeView, 'shape'>;
export type XY = { x: number; y: number };

export const sourceHandle = (output: number) => `o${output}`;
export const targetHandle = (input: number) => `i${input}`;
export const handleIndex = (h: string | null | undefined) => (h ? Number(h.slice(1)) : 0);

export class FlowAdapter {
  private nodes = new Map<string, LayerFlowNode>();
  private edges = new Map<string, LayerFlowEdge>();
  private sizes = new Map<string, { width: number; height: number }>();
  /** What each node's view was computed from: while these are the same objects, the view is too. */
  private inputs = new Map<string, readonly unknown[]>();
  private lastNodes: LayerFlowNode[] = [];
  private lastEdges: LayerFlowEdge[] = [];
  /** Index of each node id in lastNodes. */
  private index = new Map<string, number>();
  private modelId = '';

  /** Sizes React Flow measured; rebuilt node objects carry them (a controlled flow owns `measured`). */
  setSize(id: string, size: { width: number; height: number }): boolean {
    const old = this.sizes.get(id);
    if (old && old.width === size.width && old.height === size.height) return false;
    this.sizes.set(id, size);
    return true;
  }

  flowNodes(doc: ProjectDoc, kinds: KindMap, model: ModelDef, analysis: Analysis, selection: readonly string[], diff?: ReadonlyMap<string, DiffEntry>): LayerFlowNode[] {
    if (model.id !== this.modelId) {
      this.nodes.clear();
      this.edges.clear();
      this.inputs.clear();
      this.modelId = model.id;
    }
    const ma: ModelAnalysis | undefined = analysis.models[model.id];
    const selected = new Set(selection);
    const lit = highlightedNodes(analysis, model.id, selection);
    const out: LayerFlowNode[] = [];
    const seen = new Set<string>();
    for (const n of model.nodes) {
      seen.add(n.id);
      const prev = this.nodes.get(n.id);
      const info = ma?.nodes[n.id];
      const target = 'layer' in n.call ? doc.layers[n.call.layer] : doc.models[n.call.model];
      const entry = diff?.get(n.id) ?? null;
      const deps = [n.call, target, info, lit.has(n.id), model.outputs, kinds, 'model' in n.call ? doc.layers : null, entry];
      const before = this.inputs.get(n.id);
      const unchanged = !!prev && !!before && before.every((d, i) => d === deps[i]);
      const view = unchanged ? prev.data : nodeView(doc, kinds, model, n, info, lit.has(n.id), callCost(doc, analysis, kinds, model.id, n), entry);
      this.inputs.set(n.id, deps);
      const isSel = selected.has(n.id);
      const size = this.sizes.get(n.id);
      if (prev && prev.measured === size && prev.position.x === n.x && prev.position.y === n.y && !!prev.selected === isSel && sameView(prev.data, view)) {
        out.push(prev);
        continue;
      }
      const node: LayerFlowNode = {
        id: n.id,
        type: 'call',
        position: prev && prev.position.x === n.x && prev.position.y === n.y ? prev.position : { x: n.x, y: n.y },
        data: (prev && sameView(prev.data, view) ? prev.data : view) as LayerFlowNode['data'],
        selected: isSel,
        measured: size,
      };
      this.nodes.set(n.id, node);
      out.push(node);
    }
    for (const id of this.nodes.keys()) {
      if (seen.has(id)) continue;
      this.nodes.delete(id);
      this.inputs.delete(id);
    }
    if (sameItems(this.lastNodes, out)) return this.lastNodes;
    this.index = new Map(out.map((n, i) => [n.id, i]));
    return (this.lastNodes = out);
  }

  /** `nodes` (the last flowNodes result) with nodes being dragged at their live positions. */
  withDrag(nodes: LayerFlowNode[], dragged: ReadonlyMap<string, XY>): LayerFlowNode[] {
    if (!dragged.size || nodes !== this.lastNodes) return nodes;
    const out = nodes.slice();
    for (const [id, position] of dragged) {
      const i = this.index.get(id);
      // `dragging` keeps the node rendered while it is off screen, as React Flow's own changes do.
      if (i !== undefined) out[i] = { ...out[i], position, dragging: true };
    }
    return out;
  }

  flowEdges(model: ModelDef, analysis: Analysis, edgeSelection: readonly string[]): LayerFlowEdge[] {
    const ma = analysis.models[model.id];
    const badEdges = new Set([...(ma?.issues ?? []), ...analysis.issues].filter((i) => i.edgeId && (!i.modelId || i.modelId === model.id)).map((i) => i.edgeId));
    const sel = new Set(edgeSelection);
    const out: LayerFlowEdge[] = [];
    const seen = new Set<string>();
    for (const e of model.edges) {
      seen.add(e.id);
      const shape = ma?.edges[e.id];
      const label = shape ? fmtShape(shape) : '?';
      const bad = badEdges.has(e.id);
      const prev = this.edges.get(e.id);
      if (
        prev && prev.source === e.from.node && prev.target === e.to.node && prev.sourceHandle === sourceHandle(e.from.output) &&
        prev.targetHandle === targetHandle(e.to.input) && prev.data?.label === label && prev.data?.bad === bad && !!prev.selected === sel.has(e.id)
      ) {
        out.push(prev);
        continue;
      }
      const edge: LayerFlowEdge = {
        id: e.id,
        type: 'shape',
        source: e.from.node,
        target: e.to.node,
        sourceHandle: sourceHandle(e.from.output),
        targetHandle: targetHandle(e.to.input),
        data: { label, bad },
        selected: sel.has(e.id),
      };
      this.edges.set(e.id, edge);
      out.push(edge);
    }
    for (const id of this.edges.keys()) if (!seen.has(id)) this.edges.delete(id);
    // The same array while no edge changed: React Flow rebuilds its connection lookup per new array.
    return (this.lastEdges = sameItems(this.lastEdges, out) ? this.lastEdges : out);
  }
}

const sameItems = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
