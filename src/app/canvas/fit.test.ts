import { describe, expect, it } from 'vitest';
import type { Rect, Viewport } from '@xyflow/react';
import { placeGraph, READABLE_ZOOM } from './fit';

const onScreen = (b: Rect, v: Viewport): Rect => ({ x: b.x * v.zoom + v.x, y: b.y * v.zoom + v.y, width: b.width * v.zoom, height: b.height * v.zoom });
const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const node = (col: number, row: number): Rect => ({ x: col * 240, y: row * 140, width: 210, height: 90 });

// The ticket classifier's shape: three columns, five rows, its last node in the bottom-right corner.
const ticket = [node(0, 0), node(1, 0), node(0, 1), node(1, 1), node(0, 2), node(1, 2), node(2, 2), node(1, 3), node(1, 4), node(2, 4)];
// The canvas at 1440×900: 868×716, the minimap (160×120) and the controls in its bottom corners.
const pane = { width: 868, height: 716 };
const minimap = { x: 868 - 15 - 162, y: 716 - 15 - 122, width: 162, height: 122 };
const controls = { x: 15, y: 716 - 15 - 78, width: 26, height: 78 };

describe('placeGraph', () => {
  it('with nothing over the pane, fits the graph centred', () => {
    const v = placeGraph({ boxes: ticket, ...pane, overlays: [], minZoom: READABLE_ZOOM, maxZoom: 1.1 });
    const zoom = Math.min(868 / (690 * 1.12), 716 / (650 * 1.12));
    expect(v.zoom).toBeCloseTo(zoom, 6);
    expect(v.x + 690 * v.zoom / 2).toBeCloseTo(868 / 2, 6);
  });

  it('a graph that fits whole with a node under the minimap: a smaller readable zoom, against the left edge, every node whole and clear', () => {
    const fitting = placeGraph({ boxes: ticket, ...pane, overlays: [], minZoom: READABLE_ZOOM, maxZoom: 1.1 });
    expect(ticket.some((b) => overlaps(onScreen(b, fitting), minimap))).toBe(true);
    const v = placeGraph({ boxes: ticket, ...pane, overlays: [minimap, controls], minZoom: READABLE_ZOOM, maxZoom: 1.1 });
    expect(v.zoom).toBeGreaterThanOrEqual(READABLE_ZOOM);
    expect(v.zoom).toBeLessThan(fitting.zoom);
    for (const b of ticket.map((b) => onScreen(b, v))) {
      expect(b.x).toBeGreaterThanOrEqual(0);
      expect(b.y).toBeGreaterThanOrEqual(0);
      expect(b.x + b.width).toBeLessThanOrEqual(868);
      expect(b.y + b.height).toBeLessThanOrEqual(716);
      expect(overlaps(b, minimap) || overlaps(b, controls)).toBe(false);
    }
  });

  it('a graph too tall to show whole where names read shows its top at the readable zoom, clear of the overlays above the fold', () => {
    const tall = Array.from({ length: 12 }, (_, i) => node(i % 2, i));
    const v = placeGraph({ boxes: tall, ...pane, overlays: [minimap, controls], minZoom: READABLE_ZOOM, maxZoom: 1.1 });
    expect(v.zoom).toBe(READABLE_ZOOM);
    expect(onScreen(tall[0], v).y).toBeGreaterThan(0);
    for (const b of tall.map((b) => onScreen(b, v)).filter((b) => b.y < 716)) expect(overlaps(b, minimap) || overlaps(b, controls)).toBe(false);
  });

  it('when no placement is clear, the fitting view', () => {
    const wide = [node(0, 0), node(1, 0), node(2, 0), node(3, 0)];
    const cover = { x: 0, y: 0, width: 868, height: 716 };
    const v = placeGraph({ boxes: wide, ...pane, overlays: [cover], minZoom: 0.05, maxZoom: 1.1 });
    expect(v).toEqual(placeGraph({ boxes: wide, ...pane, overlays: [], minZoom: 0.05, maxZoom: 1.1 }));
  });
});
