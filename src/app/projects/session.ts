/**
 * The projects session: which library project is open, autosave of the document store into
 * it, and what opens at start-up (a share link, `?template=NAME`, else the project open last).
 *
 * Everything that replaces the open project goes through `openProject` / `openAsNewProject`,
 * so the autosave never writes one project's document under another's id.
 */
import { createStore, delMany, get, getMany, keys, setMany } from 'idb-keyval';
import { create } from 'zustand';
import { emptyProject, type ModelId, type ProjectDoc } from '../../engine/doc';
import { TEMPLATES } from '../../templates';
import { t } from '../i18n';
import { useDocument } from '../store/document';
import { ProjectLibrary, type History, type KeyValue } from './library';
import { clearJournal, takeJournal, writeJournal } from './journal';
import { listen, tell, type TabMessage } from './tabs';
import { notify } from './notices';
import { decodeShareHash, isShareHash } from './shareLink';

const idb = createStore('layerflow', 'projects');
const kv: KeyValue = {
  get: (k) => get(k, idb),
  getMany: (ks) => getMany(ks, idb),
  keys: () => keys<string>(idb),
  setMany: (entries) => setMany(entries, idb),
  delMany: (ks) => delMany(ks, idb),
};
export const library = new ProjectLibrary(kv);

/** Autosave waits this long after the last edit (and saves at once when the page is hidden). */
export const SAVE_DELAY_MS = 300;

interface SessionState {
  /** Library id of the open project (null while a new one is being created or storage failed). */
  currentId: string | null;
  /** Start-up has finished: the restored (or linked) project is in the document store. */
  ready: boolean;
  /** Bumped whenever the library's list changes, so the projects dialog re-reads it. */
  revision: number;
}

export const useSession = create<SessionState>()(() => ({ currentId: null, ready: false, revision: 0 }));
const bump = () => useSession.setState((s) => ({ revision: s.revision + 1 }));

let timer: ReturnType<typeof setTimeout> | undefined;
/** What was last written (or loaded) for the current id: unchanged documents are not rewritten. */
let saved: { doc: ProjectDoc; activeModel: ModelId } | null = null;

function scheduleSave() {
  clearTimeout(timer);
  timer = setTimeout(() => void flush(), SAVE_DELAY_MS);
}

/**
 * The last write as the page goes away is synchronous: an IndexedDB write started in
 * `pagehide` may be dropped with the page (a reload right after an edit lost it). The open
 * project is journalled to localStorage (journal.ts, one key per project) when it has unsaved
 * changes; start-up prefers the journal, and every completed save clears it.
 */

/** What the library is known to hold for the current id (a write in flight does not count). */
let persisted: { doc: ProjectDoc; activeModel: ModelId } | null = null;
/** A journal write failed (quota): said once, until one succeeds again. */
let journalFailed = false;

function journal() {
  const id = useSession.getState().currentId;
  const { doc, activeModel } = useDocument.getState();
  if (!id) return;
  if (persisted?.doc === doc && persisted.activeModel === activeModel) return clearJournal(id);
  const error = writeJournal(id, { doc, activeModel });
  if (error && !journalFailed) notify({ key: 'projects.journal.failed', vars: { detail: error.message } });
  journalFailed = !!error;
}

/**
 * Writes run one after another, so `await flush()` means everything asked so far is written: a
 * project opened or deleted next never races a write still in flight for the one before.
 */
let writes: Promise<void> = Promise.resolve();

/** Write the current document now if it changed since the last write. */
export function flush(): Promise<void> {
  clearTimeout(timer);
  writes = writes.then(writeOpenProject);
  return writes;
}

async function writeOpenProject(): Promise<void> {
  const id = useSession.getState().currentId;
  const { doc, activeModel } = useDocument.getState();
  if (!id || (saved?.doc === doc && saved.activeModel === activeModel)) return;
  const entry = { doc, activeModel };
  saved = entry;
  try {
    const { past, future } = useDocument.getState();
    const base = known;
    const rev = crypto.randomUUID();
    await library.save(id, doc, activeModel, { past, future }, rev);
    tell('saved', id, { rev, base });
    bump();
    // Another project opened during the write keeps its own bookkeeping (see show).
    if (useSession.getState().currentId !== id) return;
    persisted = entry;
    known = rev;
    // The journal may hold edits newer than this write: it goes only once they are written.
    const now = useDocument.getState();
    if (now.doc === doc && now.activeModel === activeModel) clearJournal(id);
  } catch (e) {
    if (saved === entry) saved = null;
    notify({ key: 'projects.autosave.failed', vars: { detail: (e as Error).message } });
  }
}

/** The revision of the open project's last save this tab knows of (its own, loaded, or told). */
let known: string | null = null;

function show(id: string | null, doc: ProjectDoc, activeModel?: ModelId, history?: History, rev?: string) {
  known = rev ?? null;
  useDocument.getState().load(doc, activeModel, history);
  saved = id ? { doc, activeModel: useDocument.getState().activeModel } : null;
  persisted = saved;
  useSession.setState({ currentId: id });
  if (id) tell('opened', id);
  // The canvas settles its view (layout of generated positions, fit) on every load().
}

/** Open `doc` as a new library project (template, file, share link, new, duplicate). */
export async function openAsNewProject(doc: ProjectDoc, activeModel?: ModelId): Promise<void> {
  await flush();
  show(null, doc, activeModel);
  try {
    const meta = await library.create(doc, useDocument.getState().activeModel);
    await library.setCurrent(meta.id);
    useSession.setState({ currentId: meta.id });
    saved = { doc, activeModel: useDocument.getState().activeModel };
    persisted = saved;
    tell('opened', meta.id);
    // Edits made while the record was being created are saved now.
    scheduleSave();
    bump();
  } catch (e) {
    notify({ key: 'projects.storage.failed', vars: { detail: (e as Error).message } });
  }
}

export async function openProject(id: string): Promise<void> {
  if (id === useSession.getState().currentId) return;
  await flush();
  const r = await library.open(id);
  if (!r.ok) return notify(r.problem);
  show(id, r.value.doc, r.value.activeModel, r.value.history, r.value.rev);
  await library.setCurrent(id);
  bump();
}

export const newProject = () => openAsNewProject(emptyProject(t('projects.untitled')));

export async function renameProject(id: string, name: string): Promise<void> {
  const clean = name.trim();
  if (!clean) return;
  // The open project's name is part of its document: an edit like any other (undoable, autosaved).
  if (id === useSession.getState().currentId) useDocument.getState().change((d) => ({ ...d, name: clean }));
  else await library.rename(id, clean);
  bump();
}

export async function duplicateProject(id: string, name: string): Promise<void> {
  if (id === useSession.getState().currentId) await flush();
  await library.duplicate(id, t('projects.copyName', { name }));
  bump();
}

/** Delete a project; deleting the open one opens the most recent other (or a new empty one). */
export async function deleteProject(id: string): Promise<void> {
  const isOpen = id === useSession.getState().currentId;
  if (isOpen) {
    clearTimeout(timer);
    useSession.setState({ currentId: null });
    await writes; // a write in flight would bring the deleted record back
  }
  await library.remove(id);
  bump();
  if (!isOpen) return;
  const next = (await library.list())[0];
  if (next) {
    const r = await library.open(next.id);
    if (r.ok) {
      show(next.id, r.value.doc, r.value.activeModel, r.value.history, r.value.rev);
      await library.setCurrent(next.id);
      return;
    }
  }
  await openAsNewProject(emptyProject(t('projects.untitled')));
}

function dropFromUrl(what: 'hash' | 'template') {
  const url = new URL(location.href);
  if (what === 'hash') url.hash = '';
  else url.searchParams.delete('template');
  history.replaceState(history.state, '', url.pathname + url.search + url.hash);
}

/** Open a share link from the location hash; true when it opened. */
async function openShareHash(): Promise<boolean> {
  const hash = location.hash;
  if (!isShareHash(hash)) return false;
  dropFromUrl('hash');
  const r = decodeShareHash(hash);
  if (!r.ok) {
    notify(r.problem);
    return false;
  }
  await openAsNewProject(r.value);
  notify({ key: 'projects.share.opened', vars: { name: r.value.name } }, 'info');
  return true;
}

async function openTemplateParam(): Promise<boolean> {
  const name = new URLSearchParams(location.search).get('template');
  if (name === null) return false;
  dropFromUrl('template');
  const tpl = TEMPLATES[name];
  if (!tpl) {
    notify({ key: 'projects.template.unknown', vars: { name, names: Object.keys(TEMPLATES).join(', ') } });
    return false;
  }
  await openAsNewProject(tpl.build());
  return true;
}

async function restoreLast(): Promise<boolean> {
  const id = await library.current();
  if (!id) return false;
  const journalled = takeJournal(id);
  const r = await library.open(id);
  if (journalled) {
    // The journal is newer than the stored copy: the stored copy becomes one undo step back.
    const h = r.ok ? r.value.history : undefined;
    show(id, journalled.doc, journalled.activeModel, r.ok ? { past: [...(h?.past ?? []), r.value.doc], future: [] } : undefined, r.ok ? r.value.rev : undefined);
    saved = persisted = null; // write it now
    scheduleSave();
    return true;
  }
  if (!r.ok) {
    notify(r.problem);
    return false;
  }
  show(id, r.value.doc, r.value.activeModel, r.value.history, r.value.rev);
  return true;
}

/**
 * Another tab opened or saved a project: the tab that has it open too is told; a save made
 * there is loaded here when this tab has nothing unsaved, and when it has, this tab's version
 * is kept as a copy — neither tab's edits are lost.
 */
async function fromOtherTab(m: TabMessage) {
  const id = useSession.getState().currentId;
  if (!id || m.id !== id) return;
  const name = useDocument.getState().doc.name;
  // Told until dismissed: the first tab is usually in the background when the second opens, and a
  // message that left after 4 s was gone before its reader came back.
  if (m.type === 'opened') {
    tell('here', id);
    return notify({ key: 'projects.tabs.alsoOpen', vars: { name } }, 'info', true);
  }
  if (m.type === 'here') return notify({ key: 'projects.tabs.alsoOpen', vars: { name } }, 'info', true);
  // They saved over a save of ours they had not seen (their write was in flight): ours goes on as a copy.
  const mine = persisted;
  if (m.base !== known && mine) await keepCopy(mine.doc, mine.activeModel);
  known = m.rev ?? null;
  const { doc, activeModel } = useDocument.getState();
  // A layout made on open (positions only) is no edit: the other tab's save is loaded over it.
  const unsaved = !(persisted && persisted.activeModel === activeModel && onlyMoved(persisted.doc, doc));
  if (!unsaved) {
    const r = await library.open(id);
    if (r.ok && useSession.getState().currentId === id && useDocument.getState().doc === doc) show(id, r.value.doc, r.value.activeModel, r.value.history, r.value.rev);
    return;
  }
  clearTimeout(timer);
  await writes;
  // Our write was in flight and landed after theirs: the other tab keeps its version (it sees our base).
  if (persisted?.doc === doc) return;
  // Edits not yet written: this tab's version goes on as a copy of its own.
  useSession.setState({ currentId: null });
  const copy = await keepCopy(doc, activeModel);
  useDocument.setState({ doc: copy.doc });
  await library.setCurrent(copy.id);
  saved = persisted = { doc: copy.doc, activeModel };
  known = null;
  useSession.setState({ currentId: copy.id });
}

/** The two documents differ at most in where nodes stand. */
function onlyMoved(a: ProjectDoc, b: ProjectDoc): boolean {
  if (a === b) return true;
  const unplaced = (d: ProjectDoc) =>
    JSON.stringify({ ...d, models: Object.fromEntries(Object.entries(d.models).map(([k, m]) => [k, { ...m, nodes: m.nodes.map((n) => ({ ...n, x: 0, y: 0 })) }])) });
  return unplaced(a) === unplaced(b);
}

/** Keep a version of the open project as a project of its own, and say so. */
async function keepCopy(doc: ProjectDoc, activeModel: ModelId): Promise<{ id: string; doc: ProjectDoc }> {
  const copy = { ...doc, name: t('projects.tabs.copyName', { name: doc.name }) };
  const meta = await library.create(copy, activeModel);
  bump();
  notify({ key: 'projects.tabs.conflict', vars: { name: doc.name, copy: copy.name } });
  return { id: meta.id, doc: copy };
}

let started = false;

/** Start once: open what the URL or the library says, then autosave every change. */
export async function startSession(): Promise<void> {
  if (started) return;
  started = true;
  try {
    if (!(await openShareHash()) && !(await openTemplateParam()) && !(await restoreLast())) {
      // First visit: the editor's blank project becomes the first library project.
      const { doc, activeModel } = useDocument.getState();
      const blank = Object.keys(doc.layers).length === 0;
      await openAsNewProject(blank ? emptyProject(t('projects.untitled')) : doc, blank ? undefined : activeModel);
    }
  } catch (e) {
    notify({ key: 'projects.storage.failed', vars: { detail: (e as Error).message } });
  }
  useDocument.subscribe((s, prev) => {
    if (s.doc !== prev.doc || s.activeModel !== prev.activeModel) scheduleSave();
  });
  addEventListener('pagehide', () => {
    journal();
    void flush();
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'hidden') return;
    journal();
    void flush();
  });
  listen((m) => void fromOtherTab(m));
  // A share link pasted into the address bar of an open tab changes only the hash.
  addEventListener('hashchange', () => void openShareHash());
  useSession.setState({ ready: true });
  document.documentElement.dataset.projectsReady = 'true';
}
