/** Auto-layout with elkjs, top to bottom like plot_model; applied as one undo step. */
import type ELK from 'elkjs/lib/elk.bundled.js';
import { getViewportForBounds } from '@xyflow/react';
import { useDocument } from '../store/document';
import { moveNodes } from '../../engine/edit';
import { LAYOUT } from '../../engine/layout';
import type { ModelDef } from '../../engine/doc';
import { flow } from './flowRef';

// elkjs (~1.6 MB) loads on the first layout, not with the editor.
let elk: Promise<InstanceType<typeof ELK>> | null = null;

/** Lay out the active model; `undoable: false` rewrites positions without a history entry (opening a project). */
export async function autoLayout(undoable = true): Promise<void> {
  const s = useDocument.getState();
  const modelId = s.activeModel;
  const model = s.doc.models[modelId];
  if (!model.nodes.length) return;
  const rf = flow();
  elk ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  const graph = await (await elk).layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'DOWN',
      'elk.layered.spacing.nodeNodeBetweenLayers': '56',
      'elk.spacing.nodeNode': '40',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.semiInteractive': 'true',
    },
    children: model.nodes.map((n) => {
      const m = rf?.getNode(n.id)?.measured;
      return { id: n.id, width: m?.width ?? 200, height: m?.height ?? 80 };
    }),
    edges: model.edges.map((e) => ({ id: e.id, sources: [e.from.node], targets: [e.to.node] })),
  });
  const boxes = new Map<string, Box>();
  for (const c of graph.children ?? []) boxes.set(c.id, { x: c.x ?? 0, y: c.y ?? 0, w: c.width ?? 200, h: c.height ?? 80 });
  clearLongEdges(boxes, model.edges.map((e) => [e.from.node, e.to.node]));
  const pos = new Map<string, { x: number; y: number }>();
  for (const [id, b] of boxes) pos.set(id, { x: Math.round(b.x), y: Math.round(b.y) });
  const now = useDocument.getState();
  if (now.activeModel !== modelId) return;
  if (undoable) now.change((d) => moveNodes(d, modelId, pos));
  else useDocument.setState({ doc: moveNodes(now.doc, modelId, pos) });
  await new Promise((r) => requestAnimationFrame(r));
  reveal();
}

/**
 * Positions straight from the engine's quick layered layout (templates, imports): every node
 * on its grid. Those get the finer elk layout when opened; positions a user made never do.
 */
export function isGeneratedLayout(m: ModelDef): boolean {
  return m.nodes.length > 1 && m.nodes.every((n) => n.y % LAYOUT.rowGap === 0 && (2 * n.x) % LAYOUT.colGap === 0);
}

/** Fit the graph, but never so small it cannot be read: a tall graph shows its top (its inputs). */
export function reveal(minZoom = 0.7) {
  const rf = flow();
  if (!rf) return;
  const nodes = rf.getNodes();
  if (!nodes.length) return rf.setViewport({ x: 40, y: 40, zoom: 1 });
  const b = rf.getNodesBounds(nodes);
  const pane = document.querySelector('.lf-canvas')?.getBoundingClientRect();
  const width = pane?.width ?? 800;
  const fit = getViewportForBounds(b, width, pane?.height ?? 600, 0.05, 1.1, 0.12);
  if (fit.zoom >= minZoom) return rf.setViewport(fit);
  rf.setViewport({ x: width / 2 - (b.x + b.width / 2) * minZoom, y: 30 - b.y * minZoom, zoom: minZoom });
}

/** When a model is shown: a generated layout gets laid out by elk, then the view settles on it. */
export async function settleView(m: ModelDef): Promise<void> {
  if (isGeneratedLayout(m)) await autoLayout(false);
  else reveal();
  await new Promise((r) => requestAnimationFrame(r));
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const CLEAR = 36;

/**
 * The canvas draws an edge as one curve from source to target, not along elk's bends, so a
 * long edge (a skip connection) would run straight through the nodes between its ends. Move
 * such nodes (and their right-hand neighbours in the row) aside until the line clears them.
 */
export function clearLongEdges(boxes: Map<string, Box>, edges: [from: string, to: string][]) {
  for (const [from, to] of edges) {
    const s = boxes.get(from);
    const t = boxes.get(to);
    if (!s || !t) continue;
    const sx = s.x + s.w / 2;
    const sy = s.y + s.h;
    const tx = t.x + t.w / 2;
    const ty = t.y;
    if (ty - sy < 1) continue;
    for (const [id, n] of boxes) {
      if (id === from || id === to || n.y < sy || n.y + n.h > ty) continue;
      const lx = sx + ((tx - sx) * (n.y + n.h / 2 - sy)) / (ty - sy);
      if (lx < n.x - CLEAR || lx > n.x + n.w + CLEAR) continue;
      const shift = lx + CLEAR - n.x;
      for (const m of boxes.values()) if (m !== s && m !== t && Math.abs(m.y - n.y) < n.h && m.x >= n.x) m.x += shift;
    }
  }
}
