/** The React Flow instance of the canvas, for commands outside it (add at view centre, fit view). */
import type { ReactFlowInstance } from '@xyflow/react';

let instance: ReactFlowInstance | null = null;
let pane: HTMLElement | null = null;

export function setFlow(i: ReactFlowInstance | null, el: HTMLElement | null) {
  instance = i;
  pane = el;
}
export const flow = () => instance;

/** Flow coordinates of the centre of the visible canvas. */
export function viewCentre(): { x: number; y: number } {
  if (!instance || !pane) return { x: 0, y: 0 };
  const r = pane.getBoundingClientRect();
  return instance.screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 });
}

/** Room kept between revealed nodes and the edge of the canvas, in screen pixels. */
const REVEAL_MARGIN = 24;

/**
 * Pan the view, at the same zoom and by the least distance, so the given nodes are on screen —
 * a paste or duplicate can land beside the graph, past the edge of the view. Waits two frames so
 * React Flow has measured new nodes.
 */
export function panToShow(ids: readonly string[]) {
  if (!ids.length) return;
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      if (!instance || !pane) return;
      const b = instance.getNodesBounds([...ids]);
      const { x, y, zoom } = instance.getViewport();
      const { width, height } = pane.getBoundingClientRect();
      const shift = (lo: number, hi: number, size: number) =>
        lo < REVEAL_MARGIN ? REVEAL_MARGIN - lo : hi > size - REVEAL_MARGIN ? Math.max(size - REVEAL_MARGIN - hi, REVEAL_MARGIN - lo) : 0;
      const dx = shift(b.x * zoom + x, (b.x + b.width) * zoom + x, width);
      const dy = shift(b.y * zoom + y, (b.y + b.height) * zoom + y, height);
      if (dx || dy) void instance.setViewport({ x: x + dx, y: y + dy, zoom }, { duration: 150 });
    }),
  );
}
