/** Fresh ids and names for edits: ids never collide with the document's, names follow Keras. */
import type { ProjectDoc } from '../doc';
import { defaultLayerName, uniqueName } from '../names';

/** `prefix<n>` for the first n ≥ 1 not in `taken`. */
export function freshId(prefix: string, taken: ReadonlySet<string> | { has(k: string): boolean }): string {
  for (let i = 1; ; i++) if (!taken.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

/** Every node and edge id of the project (ids are unique project-wide so nodes can move between models). */
export function takenIds(doc: ProjectDoc): Set<string> {
  const out = new Set<string>([...Object.keys(doc.layers), ...Object.keys(doc.models)]);
  for (const m of Object.values(doc.models)) {
    for (const n of m.nodes) out.add(n.id);
    for (const e of m.edges) out.add(e.id);
  }
  return out;
}

/** Layer and model names in use: Keras names must be unique across the project. */
export function takenNames(doc: ProjectDoc): Set<string> {
  return new Set([...Object.values(doc.layers).map((l) => l.name), ...Object.values(doc.models).map((m) => m.name)]);
}

/** A fresh id allocator over one document; each call reserves the id it returns. */
export function idAllocator(doc: ProjectDoc) {
  const taken = takenIds(doc);
  return (prefix: string) => {
    const id = freshId(prefix, taken);
    taken.add(id);
    return id;
  };
}

export function nameAllocator(doc: ProjectDoc) {
  const taken = takenNames(doc);
  return {
    layer(kind: string) {
      const n = defaultLayerName(kind, taken);
      taken.add(n);
      return n;
    },
    like(base: string) {
      const n = uniqueName(base, taken);
      taken.add(n);
      return n;
    },
  };
}
