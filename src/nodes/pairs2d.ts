/**
 * The `padding` of ZeroPadding2D/3D and `cropping` of Cropping2D/3D: an int, n symmetric
 * amounts (rows, cols), or n (before, after) pairs ((top, bottom), (left, right)). Param values
 * are flat (nested tuples are no ParamValue), so the last form is stored as [top, bottom, left,
 * right, …]; every target gets the nested form Keras writes.
 */
import { py, type Spec } from './params';

export type Pairs2d = number | readonly number[];

/** [[before, after], …] for each of the n spatial axes. */
export function expandPairsN(v: Pairs2d, n: number): [number, number][] {
  if (typeof v === 'number') return Array.from({ length: n }, () => [v, v]);
  if (v.length === n) return v.map((a) => [a, a]);
  return Array.from({ length: n }, (_, i) => [v[2 * i], v[2 * i + 1]]);
}

/** [[top, bottom], [left, right]]. */
export const expandPairs = (v: Pairs2d) => expandPairsN(v, 2) as [[number, number], [number, number]];

const isNat = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** The shortest form that means the same, as Keras's from_config would read it back. */
function compact(pairs: [number, number][]): Pairs2d {
  if (pairs.every(([a, b]) => a === b)) return pairs.every(([a]) => a === pairs[0][0]) ? pairs[0][0] : pairs.map(([a]) => a);
  return pairs.flat();
}

const NAMES = ['', '', '(rows, cols) or ((top, bottom), (left, right))', '(dim1, dim2, dim3) or ((before, after) × 3)'];

export function pairsNd(n: number, o: { default: Pairs2d; tfjs: string; positional?: boolean; doc?: string }): Spec<Pairs2d> {
  return {
    type: 'ints',
    default: o.default,
    tfjs: o.tfjs,
    positional: o.positional,
    doc: o.doc,
    min: 0,
    check(v) {
      if (isNat(v)) return null;
      if (Array.isArray(v) && (v.length === n || v.length === 2 * n) && v.every(isNat)) return null;
      return `must be an integer ≥ 0, ${NAMES[n]} of integers ≥ 0, got ${py(v)}`;
    },
    toKeras: (v) => expandPairsN(v, n),
    // Keras reads each axis as an int (both sides) or a (before, after) pair, mixed freely.
    fromKeras(x) {
      if (isNat(x)) return x;
      if (!Array.isArray(x) || x.length !== n) return undefined;
      const pairs = x.map((a) => (isNat(a) ? [a, a] : Array.isArray(a) && a.length === 2 && a.every(isNat) ? [a[0], a[1]] : null));
      return pairs.every((pr) => pr !== null) ? compact(pairs as [number, number][]) : undefined;
    },
    toTfjs: (v) => expandPairsN(v, n),
    toPython: (v) => (typeof v === 'number' || v.length === n ? py(v) : `(${expandPairsN(v, n).map(([a, b]) => `(${a}, ${b})`).join(', ')})`),
  };
}

export const pairs2d = (o: { default: Pairs2d; tfjs: string; positional?: boolean; doc?: string }) => pairsNd(2, o);
