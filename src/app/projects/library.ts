/**
 * The local projects library: every project the user has, kept in a key-value store
 * (IndexedDB in the browser). Each project is two records: `project:<id>` (document + the
 * model being viewed) and `meta:<id>` (name, last change) for the projects list.
 *
 * An autosave writes both records in one transaction with no read before it, so a save
 * started as the page is hidden is issued at once, before the page goes away.
 */
import { parseProject, type ModelId, type ProjectDoc } from '../../engine/doc';
import { fail, ok, type Result } from './problem';

/** The operations the library needs from a store (idb-keyval's, bound to one store). */
export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  getMany<T>(keys: string[]): Promise<(T | undefined)[]>;
  keys(): Promise<string[]>;
  /** Writes all entries atomically. */
  setMany(entries: [string, unknown][]): Promise<void>;
  delMany(keys: string[]): Promise<void>;
}

export interface ProjectMeta {
  id: string;
  name: string;
  updatedAt: number;
}

export interface StoredProject {
  doc: ProjectDoc;
  activeModel: ModelId;
  /** Undo / redo history, kept with the project so a reload can still undo. */
  history?: History;
  /** Which save this is (tabs compare it to tell a save over one they had not seen). */
  rev?: string;
}

export interface History {
  past: ProjectDoc[];
  future: ProjectDoc[];
}

/** Undo steps kept with a stored project (IndexedDB stores them sharing unchanged parts). */
export const STORED_HISTORY = 50;

const CURRENT = 'current';
const projectKey = (id: string) => `project:${id}`;
const metaKey = (id: string) => `meta:${id}`;

export class ProjectLibrary {
  constructor(
    private kv: KeyValue,
    private now: () => number = Date.now,
    private newId: () => string = () => crypto.randomUUID(),
  ) {}

  private write(id: string, rec: StoredProject): Promise<void> {
    const meta: ProjectMeta = { id, name: rec.doc.name, updatedAt: this.now() };
    return this.kv.setMany([
      [projectKey(id), rec],
      [metaKey(id), meta],
    ]);
  }

  /** Projects, most recently changed first. */
  async list(): Promise<ProjectMeta[]> {
    const keys = (await this.kv.keys()).filter((k) => String(k).startsWith('meta:'));
    const metas = (await this.kv.getMany<ProjectMeta>(keys)).filter((m): m is ProjectMeta => !!m);
    return metas.sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async create(doc: ProjectDoc, activeModel: ModelId = doc.main): Promise<ProjectMeta> {
    const id = this.newId();
    await this.write(id, { doc, activeModel });
    return { id, name: doc.name, updatedAt: this.now() };
  }

  /** Store the project's current state (the autosave). */
  save(id: string, doc: ProjectDoc, activeModel: ModelId, history?: History, rev?: string): Promise<void> {
    return this.write(id, { doc, activeModel, rev, ...(history ? { history: { past: history.past.slice(-STORED_HISTORY), future: history.future.slice(0, STORED_HISTORY) } } : {}) });
  }

  /**
   * Read a project back. What was stored is validated (and migrated) like a file, so a record
   * from an older build or a damaged store is refused with its reason, never half-loaded.
   */
  async open(id: string): Promise<Result<StoredProject>> {
    const rec = await this.kv.get<StoredProject>(projectKey(id));
    if (!rec) return fail('projects.library.missing', { id });
    const r = parseProject(rec.doc);
    if (!r.doc) return fail('projects.library.damaged', { detail: r.errors.slice(0, 3).join('; ') });
    // History entries are validated like the document; a damaged one is dropped, not loaded.
    const valid = (docs: unknown) => (Array.isArray(docs) ? docs.flatMap((d) => parseProject(d).doc ?? []) : []);
    const history = rec.history ? { past: valid(rec.history.past), future: valid(rec.history.future) } : undefined;
    return ok({ doc: r.doc, activeModel: r.doc.models[rec.activeModel] ? rec.activeModel : r.doc.main, rev: rec.rev, ...(history ? { history } : {}) });
  }

  async rename(id: string, name: string): Promise<void> {
    const rec = await this.kv.get<StoredProject>(projectKey(id));
    if (rec) await this.write(id, { ...rec, doc: { ...rec.doc, name } });
  }

  /** A copy under a new id and name; returns its meta, or undefined if `id` is gone. */
  async duplicate(id: string, name: string): Promise<ProjectMeta | undefined> {
    const rec = await this.kv.get<StoredProject>(projectKey(id));
    if (!rec) return undefined;
    return this.create({ ...rec.doc, name }, rec.activeModel);
  }

  async remove(id: string): Promise<void> {
    const current = await this.current();
    await this.kv.delMany([projectKey(id), metaKey(id), ...(current === id ? [CURRENT] : [])]);
  }

  /** The project that was open last (restored on reload). */
  current(): Promise<string | undefined> {
    return this.kv.get<string>(CURRENT);
  }

  setCurrent(id: string): Promise<void> {
    return this.kv.setMany([[CURRENT, id]]);
  }
}
