/** The kind map of the open project: built-ins plus its custom layers, memoised on doc.custom. */
import { kindsFor } from '../../engine/custom/kind';
import type { ProjectDoc } from '../../engine/doc';
import type { KindMap } from '../../nodes';
import { useDocument } from './document';

let last: { custom: ProjectDoc['custom']; kinds: KindMap } | null = null;

export function kindsOf(doc: ProjectDoc): KindMap {
  if (!last || last.custom !== doc.custom) last = { custom: doc.custom, kinds: kindsFor(doc) };
  return last.kinds;
}

/** Re-renders only when the kind map changes (a custom layer edit), not on every document change. */
export const useKinds = (): KindMap => useDocument((s) => kindsOf(s.doc));
