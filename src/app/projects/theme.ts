/**
 * Light and dark themes: the choice is `data-theme` on <html> (styles key their colours off
 * it) and persists in localStorage; without a saved choice the system preference decides.
 */
import { useSyncExternalStore } from 'react';

export type Theme = 'light' | 'dark';
const STORAGE_KEY = 'layerflow.theme';

function initial(): Theme {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'light' || saved === 'dark') return saved;
    return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  } catch {
    return 'light';
  }
}

let theme: Theme | null = null;
const listeners = new Set<() => void>();

export function getTheme(): Theme {
  return (theme ??= initial());
}

/** Set `data-theme` on <html> from the current choice (call once before the first paint). */
export function applyTheme() {
  document.documentElement.dataset.theme = getTheme();
}

export function setTheme(next: Theme) {
  theme = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  applyTheme();
  listeners.forEach((l) => l());
}

export function useTheme(): Theme {
  return useSyncExternalStore((cb) => (listeners.add(cb), () => listeners.delete(cb)), getTheme);
}
