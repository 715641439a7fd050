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

/**
 * Show a message; info messages go away by themselves unless `stay`, errors stay until dismissed.
 * A message already on show is not shown twice.
 */
export function notify(problem: Problem, kind: Notice['kind'] = 'error', stay = kind === 'error') {
  const same = (n: Notice) => n.kind === kind && n.key === problem.key && JSON.stringify(n.vars) === JSON.stringify(problem.vars);
  if (useNotices.getState().notices.some(same)) return;
  const id = nextId++;
  useNotices.setState((s) => ({ notices: [...s.notices.slice(-3), { ...problem, id, kind }] }));
  if (!stay) setTimeout(() => useNotices.getState().dismiss(id), INFO_MS);
}
