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
/** Room above a graph shown from its top, in screen pixels. */
const TOP = 30;

export function fitGraph({ minZoom, maxZoom = 1.1, duration = 0 }: { minZoom: number; maxZoom?: number; duration?: number }) {
  const rf = flow();
  if (!rf) return;
  const nodes = rf.getNodes();
  if (!nodes.length) return void rf.setViewport({ x: 40, y: 40, zoom: 1 });
  const b = rf.getNodesBounds(nodes);
  const pane = document.querySelector('.lf-canvas')?.getBoundingClientRect();
  const width = pane?.width ?? 800;
  const height = pane?.height ?? 600;
  const place = (w: number): Viewport => {
    const fit = getViewportForBounds(b, w, height, 0.05, maxZoom, 0.12);
    return fit.zoom >= minZoom ? fit : { x: w / 2 - (b.x + b.width / 2) * minZoom, y: TOP - b.y * minZoom, zoom: minZoom };
  };
  const map: Rect = { x: width - MAP.margin - MAP.width, y: height - MAP.margin - MAP.height, width: MAP.width, height: MAP.height };
  const underMap = (v: Viewport) =>
    nodes.some((n) => {
      const x = n.position.x * v.zoom + v.x;
      const y = n.position.y * v.zoom + v.y;
      return x < map.x + map.width && map.x < x + (n.measured?.width ?? 0) * v.zoom && y < map.y + map.height && map.y < y + (n.measured?.height ?? 0) * v.zoom;
    });
  let view = place(width);
  if (useEditor.getState().minimap && underMap(view)) view = place(width - 2 * MAP.margin - MAP.width);
  void rf.setViewport(view, { duration });
}
