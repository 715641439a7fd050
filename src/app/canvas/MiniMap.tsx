/**
 * The minimap: every node of the model as a rect (category colour, red with an issue), the view
 * as a window in a mask; drag in it to pan, wheel to zoom. It looks and behaves like React Flow's
 * MiniMap, which keeps a component and a store subscription per node: on a 1,000-node graph those
 * cost more per drag frame than the drag itself. This one subscribes once and, per store update,
 * touches only the rects whose node object changed.
 */
import { useEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { Panel, useReactFlow, useStoreApi, type ReactFlowState } from '@xyflow/react';
import type { LayerFlowNode } from './adapter';
import { useEditor } from '../store/editor';
import { t, useLang } from '../i18n';

/** Smaller than React Flow's 200×150: at 1440×900 the ticket classifier then opens at a readable zoom clear of it (fit.ts). */
const WIDTH = 160;
const HEIGHT = 120;
/** Margin around the graph, in minimap pixels (as React Flow's offsetScale). */
const OFFSET = 5;
const SVG = 'http://www.w3.org/2000/svg';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The visible part of the flow, in flow coordinates. */
const viewOf = (s: Pick<ReactFlowState, 'transform' | 'width' | 'height'>): Box => ({ x: -s.transform[0] / s.transform[2], y: -s.transform[1] / s.transform[2], width: s.width / s.transform[2], height: s.height / s.transform[2] });

const rectClass = (n: LayerFlowNode) => `react-flow__minimap-node mm-${n.data.category}${n.data.issues.length ? ' bad' : ''}${n.selected ? ' selected' : ''}`;

/** The minimap, or (folded) the button that shows it again. */
export function MiniMap() {
  useLang();
  const open = useEditor((s) => s.minimap);
  if (open) return <MapView />;
  return (
    <Panel position="bottom-right">
      <button className="lf-minimap-show" onClick={() => useEditor.getState().setMinimap(true)} title={t('editor.minimap.show')} data-testid="minimap-toggle">
        {t('editor.minimap.show')}
      </button>
    </Panel>
  );
}

function MapView() {
  const store = useStoreApi<LayerFlowNode>();
  const flow = useReactFlow();
  const svg = useRef<SVGSVGElement>(null);
  const nodesG = useRef<SVGGElement>(null);
  const mask = useRef<SVGPathElement>(null);
  /** Flow units per minimap pixel, for panning. */
  const scale = useRef(1);

  useEffect(() => {
    const g = nodesG.current!;
    const rects = new Map<string, { rect: SVGRectElement; node: unknown; x: number; y: number }>();
    let frame = 0;
    const draw = () => {
      frame = 0;
      const s = store.getState();
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      const seen = new Set<string>();
      for (const [id, n] of s.nodeLookup) {
        const w = n.measured.width;
        const h = n.measured.height;
        if (n.hidden || !w || !h) continue;
        seen.add(id);
        const { x, y } = n.internals.positionAbsolute;
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x + w);
        y1 = Math.max(y1, y + h);
        const had = rects.get(id);
        const user = n.internals.userNode;
        if (had && had.node === user && had.x === x && had.y === y) continue;
        const rect = had?.rect ?? g.appendChild(document.createElementNS(SVG, 'rect'));
        rect.setAttribute('x', String(x));
        rect.setAttribute('y', String(y));
        rect.setAttribute('width', String(w));
        rect.setAttribute('height', String(h));
        rect.setAttribute('rx', '5');
        rect.setAttribute('class', rectClass(user));
        rects.set(id, { rect, node: user, x, y });
      }
      for (const [id, r] of rects) {
        if (seen.has(id)) continue;
        r.rect.remove();
        rects.delete(id);
      }
      // As React Flow's minimap: the graph and the view, centred, with a margin.
      const view = viewOf(s);
      const b = seen.size ? { x: Math.min(x0, view.x), y: Math.min(y0, view.y), x2: Math.max(x1, view.x + view.width), y2: Math.max(y1, view.y + view.height) } : { x: view.x, y: view.y, x2: view.x + view.width, y2: view.y + view.height };
      const k = Math.max((b.x2 - b.x) / WIDTH, (b.y2 - b.y) / HEIGHT) || 1;
      scale.current = k;
      const off = OFFSET * k;
      const vx = b.x - (k * WIDTH - (b.x2 - b.x)) / 2 - off;
      const vy = b.y - (k * HEIGHT - (b.y2 - b.y)) / 2 - off;
      const vw = k * WIDTH + 2 * off;
      const vh = k * HEIGHT + 2 * off;
      svg.current!.setAttribute('viewBox', `${vx} ${vy} ${vw} ${vh}`);
      mask.current!.setAttribute('d', `M${vx - off},${vy - off}h${vw + 2 * off}v${vh + 2 * off}h${-vw - 2 * off}z M${view.x},${view.y}h${view.width}v${view.height}h${-view.width}z`);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.nodes !== prev.nodes || s.transform !== prev.transform || s.width !== prev.width || s.height !== prev.height) schedule();
    });
    draw();
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store]);

  // Drag to pan (the view window follows the pointer), click to centre the view on that point,
  // wheel to zoom around the view's centre.
  const onPointerDown = (e: ReactPointerEvent<SVGSVGElement>) => {
    if (e.button !== 0) return;
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const start = { x: e.clientX, y: e.clientY };
    let last = start;
    let dragged = false;
    const move = (ev: PointerEvent) => {
      dragged ||= Math.hypot(ev.clientX - start.x, ev.clientY - start.y) > 3;
      const { x, y, zoom } = flow.getViewport();
      const k = scale.current * zoom;
      void flow.setViewport({ x: x - (ev.clientX - last.x) * k, y: y - (ev.clientY - last.y) * k, zoom });
      last = { x: ev.clientX, y: ev.clientY };
    };
    const up = (ev: PointerEvent) => {
      const toFlow = el.getScreenCTM()?.inverse();
      if (ev.type === 'pointerup' && !dragged && toFlow) {
        const p = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(toFlow);
        void flow.setCenter(p.x, p.y, { zoom: flow.getZoom() });
      }
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  };
  useEffect(() => {
    const el = svg.current!;
    const wheel = (e: WheelEvent) => {
      e.preventDefault();
      void flow.zoomTo(flow.getZoom() * Math.pow(2, -e.deltaY * (e.deltaMode === 1 ? 0.05 : 0.002)));
    };
    el.addEventListener('wheel', wheel, { passive: false });
    return () => el.removeEventListener('wheel', wheel);
  }, [flow]);

  return (
    <Panel position="bottom-right" className="react-flow__minimap lf-minimap" data-testid="rf__minimap">
      <svg ref={svg} width={WIDTH} height={HEIGHT} className="react-flow__minimap-svg" onPointerDown={onPointerDown}>
        <g ref={nodesG} />
        <path ref={mask} className="react-flow__minimap-mask" fillRule="evenodd" pointerEvents="none" />
      </svg>
      <button className="lf-minimap-hide" onClick={() => useEditor.getState().setMinimap(false)} title={t('editor.minimap.hide')} aria-label={t('editor.minimap.hide')} data-testid="minimap-toggle">
        ×
      </button>
    </Panel>
  );
}
