/**
 * The reload journal: the open project's unsaved edits, written synchronously to localStorage
 * as the page is hidden (an IndexedDB write started then may be dropped with the page). One key
 * per project, so a tab reloading one project never reads or clears another project's journal.
 */
import { parseProject, type ModelId, type ProjectDoc } from '../../engine/doc';

const PREFIX = 'layerflow.journal:';
const keyOf = (id: string) => `${PREFIX}${id}`;

export interface Journalled {
  doc: ProjectDoc;
  activeModel: ModelId;
}

/** Journal project `id`; returns the storage error (quota, private mode) instead of hiding it. */
export function writeJournal(id: string, entry: Journalled): Error | null {
  try {
    localStorage.setItem(keyOf(id), JSON.stringify(entry));
    return null;
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

export function clearJournal(id: string) {
  try {
    localStorage.removeItem(keyOf(id));
  } catch {
    /* storage unavailable: there is no journal to clear */
  }
}

/** Project `id`'s journal, if any; it is consumed. Other projects' journals stay. */
export function takeJournal(id: string): Journalled | null {
  let raw: string | null;
  try {
    raw = localStorage.getItem(keyOf(id));
  } catch {
    return null;
  }
  if (!raw) return null;
  clearJournal(id);
  try {
    const j = JSON.parse(raw) as { doc?: unknown; activeModel?: unknown };
    const parsed = parseProject(j.doc);
    if (!parsed.doc) return null;
    return { doc: parsed.doc, activeModel: typeof j.activeModel === 'string' ? j.activeModel : parsed.doc.main };
  } catch {
    return null;
  }
}
