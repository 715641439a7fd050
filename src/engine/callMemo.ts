/**
 * Facts about one layer call depend only on (kind, params, input shapes). Documents are
 * immutable, so kind and params are cached by identity and the shapes by a string key:
 * a re-analysis after an edit recomputes only calls whose layer or inputs changed. A kind
 * whose facts depend on more (one holding a model, custom/kind.ts analysisKinds) is a new
 * object when that changes; changedKinds/kindChangedAt tell a pass which calls that touches.
 */
import type { KindMap } from '../nodes';
import type { LayerDef } from './doc';
import type { LayerKind } from '../nodes/kind';
import type { Params } from '../nodes/params';
import type { Shape } from './shape';

export function shapesKey(shapes: readonly (Shape | undefined)[]): string {
  let key = '';
  for (const s of shapes) {
    key += '|';
    if (!s) key += '-';
    else for (const d of s) key += d === null ? '?,' : `${d},`;
  }
  return key;
}
/** Wrap `compute` in a (kind, params, shapes) cache. */
export function callMemo<T>(compute: (kind: LayerKind, params: Params, shapes: Shape[]) => T) {
  const memo = new WeakMap<LayerKind, WeakMap<Params, Map<string, T>>>();
  return (kind: LayerKind, params: Params, shapes: Shape[]): T => {
    let byParams = memo.get(kind);
    if (!byParams) memo.set(kind, (byParams = new WeakMap()));
    let byShapes = byParams.get(params);
    if (!byShapes) byParams.set(params, (byShapes = new Map()));
    const key = shapesKey(shapes);
    if (!byShapes.has(key)) byShapes.set(key, compute(kind, params, shapes));
    return byShapes.get(key)!;
  };
}

const NO_KINDS = new Set<string>();
const kindDiff = new WeakMap<KindMap, WeakMap<KindMap, Set<string>>>();
/**
 * Kind names whose object differs between two kind maps. Maps differ when a custom definition
 * changes or a kind holding a model is rebound to that model's new state (analysisKinds).
 */
export function changedKinds(a: KindMap, b: KindMap): Set<string> {
  if (a === b) return NO_KINDS;
  let byB = kindDiff.get(a);
  if (!byB) kindDiff.set(a, (byB = new WeakMap()));
  let out = byB.get(b);
  if (!out) {
    out = new Set();
    for (const k in a) if (a[k] !== b[k]) out.add(k);
    for (const k in b) if (!(k in a)) out.add(k);
    byB.set(b, out);
  }
  return out;
}

/** Indexes of the calls (deps) of layers whose kind is in `changed`. */
export function kindChangedAt(deps: unknown[], changed: Set<string>): number[] {
  if (!changed.size) return [];
  const out: number[] = [];
  deps.forEach((d, i) => {
    if (d && typeof d === 'object' && 'kind' in d && changed.has((d as LayerDef).kind)) out.push(i);
  });
  return out;
}
