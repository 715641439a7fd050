/**
 * Fitting the view to the graph, never below a given zoom (opened templates and imports read at
 * once; a tall graph shows its top), with no node under the canvas's overlays (the minimap or its
 * button bottom-right, the zoom controls bottom-left): the largest zoom at which some placement
 * keeps every node on screen clear of them wins.
 */
import type { Rect, Viewport } from '@xyflow/react';
import { flow } from './flowRef';

/** Node names are 12 px: at this zoom they read at ≥ 11 px. */
export const READABLE_ZOOM = 0.92;
/** Room around a graph placed against the pane's edge, in screen pixels. */
const EDGE = 24;
/** Room around a fitted graph, as a fraction of its size (React Flow's fitView padding). */
const PADDING = 0.12;
/** Least room between a node and an overlay, in screen pixels (a node's output badge hangs below its box). */
const GAP = 8;
/** Each smaller zoom tried is this much of the last. */
const STEP = 0.97;

export interface Placement {
  /** Node boxes in flow coordinates. */
  boxes: Rect[];
  /** The pane's size in screen pixels. */
  width: number;
  height: number;
  /** Boxes drawn over the pane (minimap, controls), in screen pixels from its top left. */
  overlays: Rect[];
  minZoom: number;
  maxZoom: number;
}

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * The view for `boxes`: whole (centred, or against the left edge, or against the top) at the
 * largest zoom from the fitting one down to minZoom where no node sits under an overlay; a graph
 * too big to show whole at minZoom shows its top at minZoom. When nothing is clear, the fitting view.
 */
export function placeGraph({ boxes, width, height, overlays, minZoom, maxZoom }: Placement): Viewport {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const bw = Math.max(...boxes.map((b) => b.x + b.width)) - x0;
  const bh = Math.max(...boxes.map((b) => b.y + b.height)) - y0;
  const fitZoom = Math.min(maxZoom, width / (bw * (1 + PADDING)), height / (bh * (1 + PADDING)));
  const pane = { x: 0, y: 0, width, height };
  const around = overlays.map((o) => ({ x: o.x - GAP, y: o.y - GAP, width: o.width + 2 * GAP, height: o.height + 2 * GAP }));
  /** Every node inside the pane's width, and no node on screen under an overlay. */
  const clear = (v: Viewport) =>
    boxes.every((b) => {
      const s = { x: b.x * v.zoom + v.x, y: b.y * v.zoom + v.y, width: b.width * v.zoom, height: b.height * v.zoom };
      if (s.x < 0 || s.x + s.width > width) return false;
      return !overlaps(s, pane) || !around.some((o) => overlaps(s, o));
    });
  const at = (zoom: number, left: number, top: number): Viewport => ({ x: left - x0 * zoom, y: top - y0 * zoom, zoom });
  const centreX = (zoom: number) => Math.max(EDGE, (width - bw * zoom) / 2);
  const centreY = (zoom: number) => (height - bh * zoom) / 2;
  const fitting = at(fitZoom, centreX(fitZoom), centreY(fitZoom));
  if (fitZoom < minZoom) {
    // Too big to show whole where names read: its top, centred if it is narrower than the pane.
    const tries = [at(minZoom, centreX(minZoom), EDGE), at(minZoom, EDGE, EDGE)];
    return tries.find(clear) ?? tries[0];
  }
  for (let zoom = fitZoom; ; zoom = Math.max(minZoom, zoom * STEP)) {
    const tries = [at(zoom, centreX(zoom), centreY(zoom)), at(zoom, EDGE, centreY(zoom)), at(zoom, centreX(zoom), EDGE), at(zoom, EDGE, EDGE)];
    const found = tries.find(clear);
    if (found) return found;
    if (zoom === minZoom) return fitting;
  }
}

export function fitGraph({ minZoom, maxZoom = 1.1, duration = 0 }: { minZoom: number; maxZoom?: number; duration?: number }) {
  const rf = flow();
  if (!rf) return;
  const nodes = rf.getNodes();
  if (!nodes.length) return void rf.setViewport({ x: 40, y: 40, zoom: 1 });
  const el = document.querySelector('.lf-canvas');
  const pane = el?.getBoundingClientRect() ?? { left: 0, top: 0, width: 800, height: 600 };
  // React Flow panels (minimap or its button, controls) are drawn over the graph.
  const overlays = [...(el?.querySelectorAll('.react-flow__panel') ?? [])].map((p) => {
    const r = p.getBoundingClientRect();
    return { x: r.left - pane.left, y: r.top - pane.top, width: r.width, height: r.height };
  });
  const boxes = nodes.map((n) => ({ x: n.position.x, y: n.position.y, width: n.measured?.width ?? 0, height: n.measured?.height ?? 0 }));
  void rf.setViewport(placeGraph({ boxes, width: pane.width, height: pane.height, overlays, minZoom, maxZoom }), { duration });
}
