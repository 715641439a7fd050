/**
 * The document store: the project being edited, with undo/redo over the document only
 * (never zoom, scroll or selection). Edits are data transforms `(doc) => doc`.
 *
 * `change(fn)` is one undo step. A gesture is one `change` at its end: a drag keeps its live
 * positions in the canvas until the pointer is released, a field applies on commit.
 */
import { create } from 'zustand';
import type { ModelId, NodeId, ProjectDoc } from '../../engine/doc';
import { emptyProject } from '../../engine/doc';

const HISTORY_LIMIT = 200;

export interface DocumentState {
  doc: ProjectDoc;
  past: ProjectDoc[];
  future: ProjectDoc[];
  activeModel: ModelId;
  selection: NodeId[];
  /** Counts load() calls: the canvas settles its view once per project opened. */
  loads: number;

  change(fn: (doc: ProjectDoc) => ProjectDoc): void;
  undo(): void;
  redo(): void;
  /** Replace the project (open, new, template): history starts afresh, or as it was stored with the project. */
  load(doc: ProjectDoc, activeModel?: ModelId, history?: { past: ProjectDoc[]; future: ProjectDoc[] }): void;
  setActiveModel(id: ModelId): void;
  select(ids: NodeId[]): void;
}

const pushPast = (past: ProjectDoc[], doc: ProjectDoc) => [...past.slice(-(HISTORY_LIMIT - 1)), doc];

export const useDocument = create<DocumentState>()((set, get) => ({
  doc: emptyProject(),
  past: [],
  future: [],
  activeModel: 'm1',
  selection: [],
  loads: 0,

  change(fn) {
    const { doc } = get();
    const next = fn(doc);
    if (next === doc) return;
    set({ doc: next, past: pushPast(get().past, doc), future: [] });
  },
  undo() {
    const { past, doc, future } = get();
    const prev = past.at(-1);
    if (!prev) return;
    set({ doc: prev, past: past.slice(0, -1), future: [doc, ...future], ...keepValidView(prev, get()) });
  },
  redo() {
    const { past, doc, future } = get();
    const next = future[0];
    if (!next) return;
    set({ doc: next, past: pushPast(past, doc), future: future.slice(1), ...keepValidView(next, get()) });
  },
  load(doc, activeModel, history) {
    set({ doc, past: history?.past ?? [], future: history?.future ?? [], activeModel: activeModel ?? doc.main, selection: [], loads: get().loads + 1 });
  },
  setActiveModel(id) {
    set({ activeModel: id, selection: [] });
  },
  select(ids) {
    set({ selection: ids });
  },
}));

/** After undo/redo the active model may be gone and selected nodes may not exist. */
function keepValidView(doc: ProjectDoc, s: DocumentState): Partial<DocumentState> {
  const activeModel = doc.models[s.activeModel] ? s.activeModel : doc.main;
  const nodes = new Set(doc.models[activeModel].nodes.map((n) => n.id));
  return { activeModel, selection: s.selection.filter((id) => nodes.has(id)) };
}
