/**
 * Keyboard shortcuts as data: the same table drives the key handler and the help dialog.
 * `mod` is Ctrl (or ⌘ on a Mac). Keys typed into a form field are left to the field.
 */
import * as act from '../store/actions';
import { useDocument } from '../store/document';
import { useEditor } from '../store/editor';
import { autoLayout } from '../canvas/autoLayout';

export interface Shortcut {
  /** As shown in the help dialog. */
  keys: string;
  /** Message key of the description. */
  label: string;
  match(e: KeyboardEvent, mod: boolean): boolean;
  run(): void;
}

const key = (e: KeyboardEvent) => e.key.toLowerCase();

export const SHORTCUTS: Shortcut[] = [
  { keys: 'Ctrl+Z', label: 'editor.key.undo', match: (e, m) => m && !e.shiftKey && key(e) === 'z', run: () => useDocument.getState().undo() },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', label: 'editor.key.redo', match: (e, m) => m && ((e.shiftKey && key(e) === 'z') || key(e) === 'y'), run: () => useDocument.getState().redo() },
  { keys: 'Ctrl+C', label: 'editor.key.copy', match: (e, m) => m && key(e) === 'c', run: act.copySelection },
  { keys: 'Ctrl+V', label: 'editor.key.paste', match: (e, m) => m && key(e) === 'v', run: act.paste },
  { keys: 'Ctrl+D', label: 'editor.key.duplicate', match: (e, m) => m && key(e) === 'd', run: act.duplicateSelection },
  { keys: 'Ctrl+A', label: 'editor.key.selectAll', match: (e, m) => m && key(e) === 'a', run: act.selectAll },
  { keys: 'Delete / Backspace', label: 'editor.key.delete', match: (e, m) => !m && (e.key === 'Delete' || e.key === 'Backspace'), run: act.deleteSelection },
  { keys: 'Ctrl+G', label: 'editor.key.makeModel', match: (e, m) => m && key(e) === 'g', run: act.makeModelFromSelection },
  { keys: 'R', label: 'editor.key.callAgain', match: (e, m) => !m && key(e) === 'r', run: () => { const s = useDocument.getState().selection; if (s.length === 1) act.callAgain(s[0]); } },
  { keys: 'O', label: 'editor.key.markOutput', match: (e, m) => !m && key(e) === 'o', run: () => { for (const n of useDocument.getState().selection) act.toggleOutput({ node: n, output: 0 }); } },
  { keys: 'F', label: 'editor.key.fitView', match: (e, m) => !m && key(e) === 'f', run: act.fitView },
  { keys: 'L', label: 'editor.key.layout', match: (e, m) => !m && key(e) === 'l', run: () => void autoLayout() },
  { keys: 'Esc', label: 'editor.key.deselect', match: (e) => e.key === 'Escape', run: () => { useDocument.getState().select([]); useEditor.getState().selectEdges([]); useEditor.getState().setHelpOpen(false); } },
  { keys: '?', label: 'editor.key.help', match: (e) => e.key === '?', run: () => useEditor.getState().setHelpOpen(!useEditor.getState().helpOpen) },
];

function inField(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || !!el.closest?.('.cm-editor');
}

/** Install the handler on window; returns the uninstaller. */
export function installShortcuts(): () => void {
  const onKey = (e: KeyboardEvent) => {
    if (inField(e.target)) return;
    const mod = e.ctrlKey || e.metaKey;
    const hit = SHORTCUTS.find((s) => s.match(e, mod));
    if (!hit) return;
    e.preventDefault();
    hit.run();
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
