/**
 * Graph image export, like Keras' plot_model: the current canvas as PNG or SVG, with the edge
 * shape labels on or off. Renders React Flow's viewport element with html-to-image, framed
 * around the nodes at their natural size (not the user's zoom or scroll).
 */
import { toBlob, toSvg } from 'html-to-image';
import { imageFrame, parseTranslate, unionRect, type Rect } from './imageFrame';
import { downloadBlob } from './download';
import { flow } from '../canvas/flowRef';

export type ImageFormat = 'png' | 'svg';

/** Classes of edge labels: React Flow's own label and the label layer custom edges portal into. */
const EDGE_LABEL_CLASSES = ['react-flow__edge-textwrapper', 'react-flow__edgelabel-renderer', 'lf-edge-label'];

const frame = () => new Promise((r) => requestAnimationFrame(r));

/**
 * The canvas renders only the nodes in view: fit the whole graph into view while drawing so
 * every node is in the DOM, then give the user back their zoom and scroll.
 */
async function withAllNodesRendered<T>(draw: () => Promise<T>): Promise<T> {
  const f = flow();
  const before = f?.getViewport();
  if (f) {
    await f.fitView({ padding: 0.05, duration: 0 });
    await frame();
    await frame();
  }
  try {
    return await draw();
  } finally {
    if (f && before) void f.setViewport(before);
  }
}

function nodeRects(viewport: HTMLElement): Rect[] {
  const rects: Rect[] = [];
  for (const el of viewport.querySelectorAll<HTMLElement>('.react-flow__node')) {
    const at = parseTranslate(el.style.transform);
    if (at) rects.push({ ...at, width: el.offsetWidth, height: el.offsetHeight });
  }
  return rects;
}

const SVG_PAINT = ['stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'fill', 'fill-opacity', 'opacity'];

/**
 * html-to-image copies an <svg> subtree as markup, without the CSS that paints it, so edges
 * would come out invisible: give their shapes inline paint while drawing. Returns the undo.
 */
function inlineSvgPaint(viewport: HTMLElement): () => void {
  const saved: [SVGElement, string | null][] = [];
  for (const el of viewport.querySelectorAll<SVGElement>('svg *')) {
    const cs = getComputedStyle(el);
    saved.push([el, el.getAttribute('style')]);
    for (const p of SVG_PAINT) el.style.setProperty(p, cs.getPropertyValue(p));
  }
  return () => {
    for (const [el, style] of saved) {
      if (style === null) el.removeAttribute('style');
      else el.setAttribute('style', style);
    }
  };
}

/** The page background of the current theme, so the image matches what the user sees. */
function background(viewport: HTMLElement): string {
  for (let el: HTMLElement | null = viewport; el; el = el.parentElement) {
    const c = getComputedStyle(el).backgroundColor;
    if (c && c !== 'transparent' && !/rgba\(.*,\s*0\)$/.test(c)) return c;
  }
  return '#ffffff';
}

/**
 * Render and download the graph. Returns false when there is nothing to draw (no canvas or no
 * nodes); throws only if the browser fails to render.
 */
export function exportGraphImage(format: ImageFormat, shapes: boolean, baseName: string): Promise<boolean> {
  return withAllNodesRendered(() => draw(format, shapes, baseName));
}

async function draw(format: ImageFormat, shapes: boolean, baseName: string): Promise<boolean> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  const bounds = viewport && unionRect(nodeRects(viewport));
  if (!viewport || !bounds) return false;
  const f = imageFrame(bounds);
  const options = {
    width: f.width,
    height: f.height,
    backgroundColor: background(viewport),
    pixelRatio: f.zoom < 1 ? 1 : 2,
    style: { width: `${f.width}px`, height: `${f.height}px`, transform: `translate(${f.x}px, ${f.y}px) scale(${f.zoom})` },
    filter: (n: HTMLElement) => shapes || !EDGE_LABEL_CLASSES.some((c) => n.classList?.contains(c)),
  };
  const restore = inlineSvgPaint(viewport);
  try {
    if (format === 'png') {
      const blob = await toBlob(viewport, options);
      if (!blob) throw new Error('the browser returned no PNG data');
      downloadBlob(blob, `${baseName}.png`);
    } else {
      const url = await toSvg(viewport, options);
      const svg = decodeURIComponent(url.slice(url.indexOf(',') + 1));
      downloadBlob(new Blob([svg], { type: 'image/svg+xml' }), `${baseName}.svg`);
    }
  } finally {
    restore();
  }
  return true;
}
