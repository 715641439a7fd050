/**
 * Facts about one layer call depend only on (kind, params, input shapes). Documents are
 * immutable, so kind and params are cached by identity and the shapes by a string key:
 * a re-analysis after an edit recomputes only calls whose layer or inputs changed.
 */
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
