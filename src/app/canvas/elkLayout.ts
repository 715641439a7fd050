/**
 * The elk layout of a model (no React, no DOM): top to bottom like plot_model, reading like the
 * code — inputs left to right in declaration order, each node's inputs arriving in port order
 * (its handles, left to right), other nodes in the order they were made, few edge crossings.
 */
import type ELK from 'elkjs/lib/elk.bundled.js';
import type { ElkNode, ElkPort } from 'elkjs/lib/elk.bundled.js';
import type { ModelDef } from '../../engine/doc';

// elkjs (~1.6 MB) loads on the first layout, not with the editor.
let elk: Promise<InstanceType<typeof ELK>> | null = null;

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** How many input and output ports each node shows (at least those its edges use). */
export function portCounts(model: ModelDef): Map<string, { inputs: number; outputs: number }> {
  const counts = new Map(model.nodes.map((n) => [n.id, { inputs: 0, outputs: 1 }]));
  for (const e of model.edges) {
    const s = counts.get(e.from.node);
    const t = counts.get(e.to.node);
    if (s) s.outputs = Math.max(s.outputs, e.from.output + 1);
    if (t) t.inputs = Math.max(t.inputs, e.to.input + 1);
  }
  return counts;
}

const inPort = (node: string, i: number) => `${node}:in${i}`;
const outPort = (node: string, i: number) => `${node}:out${i}`;

export function elkGraph(model: ModelDef, sizeOf: (id: string) => { w: number; h: number }): ElkNode {
  const counts = portCounts(model);
  // The document keeps nodes in the order they were made (inputs: in declaration order).
  const inputsFirst = [...model.nodes].sort((a, b) => Number(counts.get(a.id)!.inputs > 0) - Number(counts.get(b.id)!.inputs > 0));
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      // Ties in crossing minimisation go to the document's order, not to chance.
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
      'elk.layered.crossingMinimization.forceNodeModelOrder': 'false',
    },
    children: inputsFirst.map((n) => {
      const { w, h } = sizeOf(n.id);
      const c = counts.get(n.id)!;
      // Ports in a fixed order, clockwise from the top left: inputs left to right on top, outputs right to left below.
      const ports: ElkPort[] = [
        ...Array.from({ length: c.inputs }, (_, i) => ({ id: inPort(n.id, i), width: 1, height: 1, layoutOptions: { 'elk.port.side': 'NORTH', 'elk.port.index': String(i) } })),
        ...Array.from({ length: c.outputs }, (_, i) => ({ id: outPort(n.id, i), width: 1, height: 1, layoutOptions: { 'elk.port.side': 'SOUTH', 'elk.port.index': String(c.inputs + c.outputs - 1 - i) } })),
      ];
      return { id: n.id, width: w, height: h, ports, layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' } };
    }),
    edges: model.edges.map((e) => ({ id: e.id, sources: [outPort(e.from.node, e.from.output)], targets: [inPort(e.to.node, e.to.input)] })),
  };
}

/** Node boxes of the elk layout, with long edges cleared (see clearLongEdges). */
export async function layoutBoxes(model: ModelDef, sizeOf: (id: string) => { w: number; h: number }): Promise<Map<string, Box>> {
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  const graph = await (await elk).layout(elkGraph(model, sizeOf));
  const boxes = new Map<string, Box>();
  for (const c of graph.children ?? []) boxes.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, w: c.width ?? 200, h: c.height ?? 80 });
  const counts = portCounts(model);
  const routed = new Map((graph.edges ?? []).map((e) => [e.id, e]));
  clearLongEdges(
    boxes,
    model.edges.map((e) => {
      const bends = routed.get(e.id)?.sections?.[0]?.bendPoints ?? [];
      const s = boxes.get(e.from.node);
      const right = !!s && bends.length > 0 && Math.max(...bends.map((b) => b.x)) > s.x + s.w;
      return { from: e.from.node, to: e.to.node, at: (e.to.input + 1) / (counts.get(e.to.node)!.inputs + 1), right };
    }),
  );
  return boxes;
}

const CLEAR = 36;

/** A long edge to clear: its ends, where on the target's top it lands (a fraction of the width), and on which side elk routed it. */
export interface LongEdge {
  from: string;
  to: string;
  /** Where the edge enters the target, as a fraction of its width (its input handle); the centre if not given. */
  at?: number;
  /** elk routed the edge right of the nodes between its ends: those move left of the line, not right. */
  right?: boolean;
}

/**
 * The canvas draws an edge as one curve from source to target, not along elk's bends, so a
 * long edge (a skip connection) would run straight through the nodes between its ends. Move
 * such nodes (and their neighbours on that side of the row) aside until the line clears them,
 * to the side elk did not route the edge on (so its inputs still arrive in port order).
 */
export function clearLongEdges(boxes: Map<string, Box>, edges: LongEdge[]) {
  for (const { from, to, at = 0.5, right = false } of edges) {
    const s = boxes.get(from);
    const t = boxes.get(to);
    if (!s || !t) continue;
    const sx = s.x + s.w / 2;
    const sy = s.y + s.h;
    const tx = t.x + t.w * at;
    const ty = t.y;
    if (ty - sy < 1) continue;
    for (const [id, n] of boxes) {
      if (id === from || id === to || n.y < sy || n.y + n.h > ty) continue;
      const lx = sx + ((tx - sx) * (n.y + n.h / 2 - sy)) / (ty - sy);
      if (lx < n.x - CLEAR || lx > n.x + n.w + CLEAR) continue;
      const shift = right ? lx - CLEAR - (n.x + n.w) : lx + CLEAR - n.x;
      const x0 = n.x;
      for (const m of boxes.values()) if (m !== s && m !== t && Math.abs(m.y - n.y) < n.h && (right ? m.x <= x0 : m.x >= x0)) m.x += shift;
    }
  }
}
