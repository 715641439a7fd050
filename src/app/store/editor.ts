/**
 * Editor UI state that is not the document and never enters undo history: the right panel's
 * tab, the selected edges, the clipboard, the help dialog, a transient status message.
 */
import { create } from 'zustand';
import type { EdgeId } from '../../engine/doc';
import type { Clip } from '../../engine/edit';

export type RightTab = 'inspector' | 'summary' | 'train' | 'export';

export interface EditorState {
  rightTab: RightTab;
  edgeSelection: EdgeId[];
  clipboard: Clip | null;
  helpOpen: boolean;
  /** A short message shown in the status bar (refused connection, make-model problem). */
  status: { text: string; kind: 'info' | 'error'; at: number } | null;
  /** The minimap is shown (it folds to a button; the choice persists). */
  minimap: boolean;
  setRightTab(t: RightTab): void;
  selectEdges(ids: EdgeId[]): void;
  setClipboard(c: Clip | null): void;
  setHelpOpen(open: boolean): void;
  say(text: string, kind?: 'info' | 'error'): void;
  setMinimap(open: boolean): void;
}

const MINIMAP_KEY = 'layerflow.minimap';
const minimapSaved = () => {
  try {
    return globalThis.localStorage?.getItem(MINIMAP_KEY) !== 'off';
  } catch {
    return true;
  }
};

export const useEditor = create<EditorState>()((set) => ({
  rightTab: 'inspector',
  edgeSelection: [],
  clipboard: null,
  helpOpen: false,
  status: null,
  minimap: minimapSaved(),
  setRightTab: (rightTab) => set({ rightTab }),
  selectEdges: (edgeSelection) => set({ edgeSelection }),
  setClipboard: (clipboard) => set({ clipboard }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  say: (text, kind = 'info') => set({ status: { text, kind, at: Date.now() } }),
  setMinimap: (minimap) => {
    set({ minimap });
    try {
      localStorage.setItem(MINIMAP_KEY, minimap ? 'on' : 'off');
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  },
}));
