/**
 * The local projects library: every project the user has, kept in a key-value store
 * (IndexedDB in the browser). Each project is stored whole (document + the model being viewed)
 * under its own key; a small index lists them for the projects dialog.
 *
 * Writes are queued so an autosave and a rename never interleave their read-modify-write of
 * the index.
 */
import { parseProject, type ModelId, type ProjectDoc } from '../../engine/doc';
import { fail, ok, type Result } from './problem';

/** The few operations the library needs from a store (idb-keyval's get/set/del). */
export interface KeyValue {
  get<T>(key: string): Promise<T | undefined>;
  set(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
}

export interface ProjectMeta {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
}

export interface StoredProject {
  doc: ProjectDoc;
  activeModel: ModelId;
}

const INDEX = 'index';
const CURRENT = 'current';
const projectKey = (id: string) => `project:${id}`;

export class ProjectLibrary {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private kv: KeyValue,
    private now: () => number = Date.now,
    private newId: () => string = () => crypto.randomUUID(),
  ) {}

  /** Run `fn` after every earlier operation; a failure rejects this call only. */
  private run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async index(): Promise<ProjectMeta[]> {
    return (await this.kv.get<ProjectMeta[]>(INDEX)) ?? [];
  }

  /** Projects, most recently changed first. */
  list(): Promise<ProjectMeta[]> {
    return this.run(async () => [...(await this.index())].sort((a, b) => b.updatedAt - a.updatedAt));
  }

  create(doc: ProjectDoc, activeModel: ModelId = doc.main): Promise<ProjectMeta> {
    return this.run(async () => {
      const t = this.now();
      const meta = { id: this.newId(), name: doc.name, createdAt: t, updatedAt: t };
      await this.kv.set(projectKey(meta.id), { doc, activeModel } satisfies StoredProject);
      await this.kv.set(INDEX, [...(await this.index()), meta]);
      return meta;
    });
  }

  /** Store the project's current state (the autosave). A project missing from the index is added back. */
  save(id: string, doc: ProjectDoc, activeModel: ModelId): Promise<void> {
    return this.run(async () => {
      const t = this.now();
      await this.kv.set(projectKey(id), { doc, activeModel } satisfies StoredProject);
      const index = await this.index();
      const old = index.find((m) => m.id === id);
      const meta = { id, name: doc.name, createdAt: old?.createdAt ?? t, updatedAt: t };
      await this.kv.set(INDEX, old ? index.map((m) => (m.id === id ? meta : m)) : [...index, meta]);
    });
  }

  /**
   * Read a project back. What was stored is validated (and migrated) like a file, so a record
   * from an older build or a damaged store is refused with its reason, never half-loaded.
   */
  open(id: string): Promise<Result<StoredProject>> {
    return this.run(async () => {
      const rec = await this.kv.get<StoredProject>(projectKey(id));
      if (!rec) return fail<StoredProject>('projects.library.missing', { id });
      const r = parseProject(rec.doc);
      if (!r.doc) return fail<StoredProject>('projects.library.damaged', { detail: r.errors.slice(0, 3).join('; ') });
      return ok({ doc: r.doc, activeModel: r.doc.models[rec.activeModel] ? rec.activeModel : r.doc.main });
    });
  }

  rename(id: string, name: string): Promise<void> {
    return this.run(async () => {
      const rec = await this.kv.get<StoredProject>(projectKey(id));
      if (rec) await this.kv.set(projectKey(id), { ...rec, doc: { ...rec.doc, name } });
      await this.kv.set(INDEX, (await this.index()).map((m) => (m.id === id ? { ...m, name, updatedAt: this.now() } : m)));
    });
  }

  /** A copy under a new id and name; returns its meta, or undefined if `id` is gone. */
  duplicate(id: string, name: string): Promise<ProjectMeta | undefined> {
    return this.run(async () => {
      const rec = await this.kv.get<StoredProject>(projectKey(id));
      if (!rec) return undefined;
      const t = this.now();
      const meta = { id: this.newId(), name, createdAt: t, updatedAt: t };
      await this.kv.set(projectKey(meta.id), { ...rec, doc: { ...rec.doc, name } });
      await this.kv.set(INDEX, [...(await this.index()), meta]);
      return meta;
    });
  }

  remove(id: string): Promise<void> {
    return this.run(async () => {
      await this.kv.del(projectKey(id));
      await this.kv.set(INDEX, (await this.index()).filter((m) => m.id !== id));
      if ((await this.kv.get<string>(CURRENT)) === id) await this.kv.del(CURRENT);
    });
  }

  /** The project that was open last (restored on reload). */
  current(): Promise<string | undefined> {
    return this.run(() => this.kv.get<string>(CURRENT));
  }

  setCurrent(id: string): Promise<void> {
    return this.run(() => this.kv.set(CURRENT, id));
  }
}
