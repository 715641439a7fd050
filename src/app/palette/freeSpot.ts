/**
 * Where a kind added by double-click goes: the centre of the view if nothing is there, else the
 * nearest free spot on a grid around it, below first (a chain built by double-clicks reads top to
 * bottom, like plot_model), then beside, then above; inside the view when one is free there.
 */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
export interface Point {
  x: number;
  y: number;
}

/** A new node, about: its top-left is the spot minus `half` (see addLayer). */
export const NEW_NODE = { w: 210, h: 90 };
/** Grid steps: a node's width or height plus room for edge labels and handles. */
const STEP = { x: 240, y: 130 };
/** The least room kept between two nodes. */
const MARGIN = 8;

const CANDIDATES = (() => {
  const out: { i: number; j: number; cost: number }[] = [];
  for (let i = -3; i <= 3; i++) for (let j = -4; j <= 4; j++) out.push({ i, j, cost: 3.5 * Math.abs(i) + (j >= 0 ? j : 3 * -j) });
  return out.sort((a, b) => a.cost - b.cost || b.j - a.j);
})();

const apart = (a: Box, b: Box) => a.x + a.w + MARGIN <= b.x || b.x + b.w + MARGIN <= a.x || a.y + a.h + MARGIN <= b.y || b.y + b.h + MARGIN <= a.y;
const inside = (a: Box, v: Box) => a.x >= v.x && a.y >= v.y && a.x + a.w <= v.x + v.w && a.y + a.h <= v.y + v.h;

/**
 * The point to add the node at (the same point addLayer centres on). `nodes` are the boxes of the
 * nodes on the canvas, `view` the visible part of the graph, both in flow coordinates.
 */
export function freeSpot(nodes: readonly Box[], centre: Point, half: Point, view?: Box): Point {
  const spots = CANDIDATES.map(({ i, j }) => ({ x: centre.x + i * STEP.x, y: centre.y + j * STEP.y }));
  const box = (p: Point): Box => ({ x: p.x - half.x, y: p.y - half.y, ...NEW_NODE });
  const free = (p: Point) => nodes.every((n) => apart(box(p), n));
  return spots.find((p) => free(p) && (!view || inside(box(p), view))) ?? spots.find(free) ?? centre;
}
