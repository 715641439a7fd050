import { describe, expect, it } from 'vitest';
import { freeSpot, NEW_NODE, type Box, type Point } from './freeSpot';

const half = { x: 100, y: 36 };
const placed = (p: Point, h = 107): Box => ({ x: p.x - half.x, y: p.y - half.y, w: NEW_NODE.w, h });
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('freeSpot', () => {
  const centre = { x: 500, y: 300 };

  it('takes the centre of an empty view', () => {
    expect(freeSpot([], centre, half)).toEqual(centre);
  });

  it('builds a chain downwards by repeated double-clicks, never overlapping', () => {
    const nodes: Box[] = [];
    const spots: Point[] = [];
    for (let k = 0; k < 4; k++) {
      const p = freeSpot(nodes, centre, half);
      for (const n of nodes) expect(overlaps(placed(p), n)).toBe(false);
      nodes.push(placed(p));
      spots.push(p);
    }
    expect(spots.map((p) => p.x)).toEqual([500, 500, 500, 500]);
    expect(spots.map((p) => p.y)).toEqual([300, 430, 560, 690]);
  });

  it('keeps to the view: beside a column that fills it top to bottom', () => {
    const view = { x: 100, y: 0, w: 800, h: 600 };
    const column = [0, 1, 2, 3, 4].map((k) => placed({ x: 500, y: 40 + k * 130 }));
    const p = freeSpot(column, centre, half, view);
    expect(Math.abs(p.x - 500)).toBe(240);
    expect(p.y).toBe(300);
    for (const n of column) expect(overlaps(placed(p), n)).toBe(false);
  });

  it('goes outside the view only when nothing inside is free', () => {
    const view = { x: 300, y: 200, w: 400, h: 200 };
    const p = freeSpot([placed(centre, 200)], centre, half, view);
    expect(overlaps(placed(p), placed(centre, 200))).toBe(false);
  });
});
