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
