/**
 * The one message catalogue. Every UI string goes through `t(key)`; each area keeps its own
 * messages file (messages/*.ts) with English and Simplified Chinese side by side. Keras names
 * (layer kinds, parameters) are not translated. The chosen language persists in localStorage.
 */
import { useSyncExternalStore } from 'react';
import { app } from './messages/app';
import { editor } from './messages/editor';
import { training } from './messages/training';
import { io } from './messages/io';
import { projects } from './messages/projects';
import { custom } from './messages/custom';
import { layers } from './messages/layers';
import { params } from './messages/params';

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

type Catalogue = { en: Record<string, string>; zh: Record<string, string> };
const parts: Catalogue[] = [app, editor, training, io, projects, custom, layers, params];
const catalogue: Catalogue = {
  en: Object.assign({}, ...parts.map((p) => p.en)),
  zh: Object.assign({}, ...parts.map((p) => p.zh)),
};

const STORAGE_KEY = 'layerflow.lang';
const initial = (): Lang => {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh') return saved;
    return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
  } catch {
    return 'en';
  }
};
let lang: Lang = typeof window === 'undefined' ? 'en' : initial();
const listeners = new Set<() => void>();

export function setLang(next: Lang) {
  lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  listeners.forEach((l) => l());
}
export const getLang = () => lang;

/** Translate `key`, filling {name} placeholders. A missing key shows itself, so gaps are visible. */
export function t(key: string, vars?: Record<string, string | number>): string {
  const text = catalogue[lang][key] ?? catalogue.en[key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : text;
}

/** Re-render on language change; returns the current language. */
export function useLang(): Lang {
  return useSyncExternalStore(
    (cb) => (listeners.add(cb), () => listeners.delete(cb)),
    () => lang,
  );
}

/** Keys present in one language but not the other (tested: the catalogues stay complete). */
export function missingKeys(): { en: string[]; zh: string[] } {
  return {
    en: Object.keys(catalogue.zh).filter((k) => !(k in catalogue.en)),
    zh: Object.keys(catalogue.en).filter((k) => !(k in catalogue.zh)),
  };
}
