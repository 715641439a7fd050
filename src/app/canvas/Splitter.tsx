/** A drag handle that resizes the right panel (the summary is wide); the width persists. */
import { useEffect, useRef, type PointerEvent } from 'react';

const KEY = 'layerflow.rightWidth';
const MIN = 300;
const MAX = 900;

const apply = (w: number) => document.documentElement.style.setProperty('--right-width', `${w}px`);

export function Splitter() {
  const start = useRef<{ x: number; w: number } | null>(null);
  useEffect(() => {
    const saved = Number(localStorage.getItem(KEY));
    if (saved >= MIN && saved <= MAX) apply(saved);
  }, []);
  const width = () => Number.parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--right-width')) || 360;
  const down = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    // From the width shown (the Summary tab may have widened the panel); from now on the user's width holds.
    const shown = e.currentTarget.parentElement?.getBoundingClientRect().width ?? width();
    document.documentElement.dataset.rightSized = 'true';
    document.documentElement.style.removeProperty('--summary-width');
    apply(shown);
    start.current = { x: e.clientX, w: shown };
  };
  const move = (e: PointerEvent<HTMLDivElement>) => {
    if (!start.current) return;
    apply(Math.min(MAX, Math.max(MIN, start.current.w + start.current.x - e.clientX)));
  };
  const up = () => {
    if (!start.current) return;
    start.current = null;
    try {
      localStorage.setItem(KEY, String(Math.round(width())));
    } catch {
      /* private mode: the width lasts for this page only */
    }
  };
  return <div className="lf-splitter" role="separator" aria-orientation="vertical" onPointerDown={down} onPointerMove={move} onPointerUp={up} data-testid="right-splitter" />;
}
