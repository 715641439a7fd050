/**
 * Messages the projects area shows the user (a broken file, a refused link, a saved file).
 * Kept as message keys + values so they re-translate when the language changes.
 */
import { create } from 'zustand';
import type { Problem } from './problem';

export interface Notice extends Problem {
  id: number;
  kind: 'error' | 'info';
}

interface NoticeState {
  notices: Notice[];
  dismiss(id: number): void;
}

let nextId = 1;
const INFO_MS = 4000;

export const useNotices = create<NoticeState>()((set) => ({
  notices: [],
  dismiss: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
}));

/** Show a message; info messages go away by themselves, errors stay until dismissed. */
export function notify(problem: Problem, kind: Notice['kind'] = 'error') {
  const id = nextId++;
  useNotices.setState((s) => ({ notices: [...s.notices.slice(-3), { ...problem, id, kind }] }));
  if (kind === 'info') setTimeout(() => useNotices.getState().dismiss(id), INFO_MS);
}
