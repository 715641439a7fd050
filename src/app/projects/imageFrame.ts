/** The geometry of a graph image (pure): which part of the flow to draw, at what scale. */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Frame {
  /** Image size in CSS pixels. */
  width: number;
  height: number;
  /** Viewport transform that puts `bounds` inside the image with the padding around it. */
  x: number;
  y: number;
  zoom: number;
}

/** The rectangle around all rects (null when there are none). */
export function unionRect(rects: Rect[]): Rect | null {
  if (!rects.length) return null;
  const x0 = Math.min(...rects.map((r) => r.x));
  const y0 = Math.min(...rects.map((r) => r.y));
  const x1 = Math.max(...rects.map((r) => r.x + r.width));
  const y1 = Math.max(...rects.map((r) => r.y + r.height));
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * Draw the flow at its natural size (zoom 1), padded; a graph larger than `maxSide` pixels on
 * a side is scaled down to fit, so the image stays within what a canvas can hold.
 */
export function imageFrame(bounds: Rect, padding = 32, maxSide = 4096): Frame {
  const natural = Math.max(bounds.width, bounds.height) + 2 * padding;
  const zoom = natural > maxSide ? maxSide / natural : 1;
  return {
    width: Math.ceil((bounds.width + 2 * padding) * zoom),
    height: Math.ceil((bounds.height + 2 * padding) * zoom),
    x: (padding - bounds.x) * zoom,
    y: (padding - bounds.y) * zoom,
    zoom,
  };
}

/** Reads the flow position from a React Flow node's `transform: translate(Xpx, Ypx)`. */
export function parseTranslate(transform: string): { x: number; y: number } | null {
  const m = /translate\(\s*(-?[\d.e+-]+)px\s*,\s*(-?[\d.e+-]+)px\s*\)/.exec(transform);
  return m ? { x: Number(m[1]), y: Number(m[2]) } : null;
}
