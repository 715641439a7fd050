/**
 * Fitting the view to the graph, never below a given zoom (opened templates and imports read at
 * once; a tall graph shows its top), and clear of the minimap (bottom-right) while it is shown:
 * if a node would sit under it, the graph fits in the width left of it.
 */
import { getViewportForBounds, type Rect, type Viewport } from '@xyflow/react';
import { useEditor } from '../store/editor';
import { flow } from './flowRef';

/** Node names are 12 px: at this zoom they read at ≥ 11 px. */
export const READABLE_ZOOM = 0.92;
/** The minimap's box (MiniMap.tsx: 200×150 and a border) and React Flow's panel margin, in screen pixels. */
const MAP = { width: 202, height: 152, margin: 15 };
/** Room left of and above a graph shown from its top left, in screen pixels. */
const EDGE = 30;

export function fitGraph({ minZoom, maxZoom = 1.1, duration = 0 }: { minZoom: number; maxZoom?: number; duration?: number }) {
  const rf = flow();
  if (!rf) return;
  const nodes = rf.getNodes();
  if (!nodes.length) return void rf.setViewport({ x: 40, y: 40, zoom: 1 });
  const b = rf.getNodesBounds(nodes);
  const pane = document.querySelector('.lf-canvas')?.getBoundingClientRect();
  const width = pane?.width ?? 800;
  const height = pane?.height ?? 600;
  /** The graph fitted into w × h from the top left; `whole` when it fits at minZoom or more (else its top shows, from the left edge if wider). */
  const place = (w: number, h: number): { view: Viewport; whole: boolean } => {
    const fit = getViewportForBounds(b, w, h, 0.05, maxZoom, 0.12);
    if (fit.zoom >= minZoom) return { view: fit, whole: true };
    const x = Math.max(w / 2 - (b.x + b.width / 2) * minZoom, EDGE - b.x * minZoom);
    return { view: { x, y: EDGE - b.y * minZoom, zoom: minZoom }, whole: false };
  };
  const map: Rect = { x: width - MAP.margin - MAP.width, y: height - MAP.margin - MAP.height, width: MAP.width, height: MAP.height };
  const underMap = (v: Viewport) =>
    nodes.some((n) => {
      const x = n.position.x * v.zoom + v.x;
      const y = n.position.y * v.zoom + v.y;
      return x < map.x + map.width && map.x < x + (n.measured?.width ?? 0) * v.zoom && y < map.y + map.height && map.y < y + (n.measured?.height ?? 0) * v.zoom;
    });
  // The whole pane; left of the minimap; above it. The first that shows the graph whole and clear of the minimap wins.
  const tries = [place(width, height), place(width - 2 * MAP.margin - MAP.width, height), place(width, height - 2 * MAP.margin - MAP.height)];
  const clear = useEditor.getState().minimap ? tries.filter((p) => !underMap(p.view)) : tries.slice(0, 1);
  const best = clear.find((p) => p.whole) ?? clear[0] ?? tries[0];
  void rf.setViewport(best.view, { duration });
}
