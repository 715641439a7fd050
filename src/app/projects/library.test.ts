import { describe, expect, it } from 'vitest';
import { ProjectLibrary, type KeyValue } from './library';
import { mnistDoc } from './testDocs';

/** IndexedDB does not exist in Node: a Map that stores structured clones, as IndexedDB does. */
function memoryStore(): KeyValue & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  const get = async <T>(k: string) => (data.has(k) ? (structuredClone(data.get(k)) as T) : undefined);
  return {
    data,
    get,
    getMany: <T>(keys: string[]) => Promise.all(keys.map((k) => get<T>(k))),
    keys: async () => [...data.keys()],
    setMany: async (entries) => entries.forEach(([k, v]) => data.set(k, structuredClone(v))),
    delMany: async (keys) => keys.forEach((k) => data.delete(k)),
  };
}

function library() {
  let clock = 1000;
  let n = 0;
  const kv = memoryStore();
  return { kv, lib: new ProjectLibrary(kv, () => clock++, () => `p${++n}`) };
}

describe('projects library', () => {
  it('creates, saves and reopens a project with its active model', async () => {
    const { lib } = library();
    const doc = mnistDoc('first');
    const meta = await lib.create(doc);
    expect(meta).toMatchObject({ id: 'p1', name: 'first' });
    const edited = { ...doc, name: 'first, edited' };
    await lib.save(meta.id, edited, doc.main);
    expect(await lib.open(meta.id)).toEqual({ ok: true, value: { doc: edited, activeModel: doc.main } });
    expect((await lib.list()).map((m) => m.name)).toEqual(['first, edited']);
  });

  it('lists most recently changed first, renames, duplicates and deletes', async () => {
    const { lib } = library();
    const a = await lib.create(mnistDoc('a'));
    const b = await lib.create(mnistDoc('b'));
    expect((await lib.list()).map((m) => m.name)).toEqual(['b', 'a']);
    await lib.rename(a.id, 'a renamed');
    expect((await lib.list()).map((m) => m.name)).toEqual(['a renamed', 'b']);
    const opened = await lib.open(a.id);
    expect(opened.ok && opened.value.doc.name).toBe('a renamed');
    const c = await lib.duplicate(b.id, 'b (copy)');
    expect(c?.id).toBe('p3');
    const copy = await lib.open(c!.id);
    const orig = await lib.open(b.id);
    expect(copy.ok && orig.ok && copy.value.doc.models).toEqual(orig.ok && orig.value.doc.models);
    await lib.setCurrent(b.id);
    await lib.remove(b.id);
    expect(await lib.current()).toBeUndefined();
    expect((await lib.list()).map((m) => m.id).sort()).toEqual(['p1', 'p3']);
    expect(await lib.open(b.id)).toMatchObject({ ok: false, problem: { key: 'projects.library.missing' } });
    expect(await lib.duplicate(b.id, 'x')).toBeUndefined();
  });

  it('does not lose list entries when writes are issued together', async () => {
    const { lib } = library();
    const metas = await Promise.all([1, 2, 3, 4, 5].map((i) => lib.create(mnistDoc(`n${i}`))));
    await Promise.all(metas.map((m, i) => lib.save(m.id, mnistDoc(`saved${i}`), 'x')));
    expect((await lib.list()).map((m) => m.name).sort()).toEqual(['saved0', 'saved1', 'saved2', 'saved3', 'saved4']);
  });

  it('refuses a damaged record with its reason, and falls back to the main model', async () => {
    const { lib, kv } = library();
    const doc = mnistDoc();
    const meta = await lib.create(doc, 'gone');
    const reopened = await lib.open(meta.id);
    expect(reopened.ok && reopened.value.activeModel).toBe(doc.main);
    kv.data.set(`project:${meta.id}`, { doc: { ...doc, layers: 5 }, activeModel: doc.main });
    const r = await lib.open(meta.id);
    expect(r).toMatchObject({ ok: false, problem: { key: 'projects.library.damaged' } });
    if (!r.ok) expect(r.problem.vars?.detail).toMatch(/^layers:/);
  });
});
