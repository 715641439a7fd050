/**
 * The `padding` of ZeroPadding2D and `cropping` of Cropping2D: an int, (rows, cols) symmetric
 * amounts, or ((top, bottom), (left, right)). Param values are flat (nested tuples are no
 * ParamValue), so the last form is stored as [top, bottom, left, right]; every target gets
 * the nested form Keras writes.
 */
import { py, type Spec } from './params';

export type Pairs2d = number | readonly number[];

/** [[top, bottom], [left, right]]. */
export function expandPairs(v: Pairs2d): [[number, number], [number, number]] {
  if (typeof v === 'number') return [[v, v], [v, v]];
  if (v.length === 2) return [[v[0], v[0]], [v[1], v[1]]];
  return [[v[0], v[1]], [v[2], v[3]]];
}

const isNat = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;

/** The shortest form that means the same, as Keras's from_config would read it back. */
function compact(top: number, bottom: number, left: number, right: number): Pairs2d {
  if (top === bottom && left === right) return top === left ? top : [top, left];
  return [top, bottom, left, right];
}

export function pairs2d(o: { default: Pairs2d; tfjs: string; positional?: boolean; doc?: string }): Spec<Pairs2d> {
  return {
    type: 'ints',
    default: o.default,
    tfjs: o.tfjs,
    positional: o.positional,
    doc: o.doc,
    min: 0,
    check(v) {
      if (isNat(v)) return null;
      if (Array.isArray(v) && (v.length === 2 || v.length === 4) && v.every(isNat)) return null;
      return `must be an integer ≥ 0, (rows, cols) or ((top, bottom), (left, right)) of integers ≥ 0, got ${py(v)}`;
    },
    toKeras: (v) => expandPairs(v),
    fromKeras(x) {
      if (isNat(x)) return x;
      if (!Array.isArray(x) || x.length !== 2) return undefined;
      if (x.every(isNat)) return compact(x[0], x[0], x[1], x[1]);
      const [a, b] = x as unknown[];
      if (Array.isArray(a) && Array.isArray(b) && a.length === 2 && b.length === 2 && [...a, ...b].every(isNat)) return compact(a[0], a[1], b[0], b[1]);
      return undefined;
    },
    toTfjs: (v) => expandPairs(v),
    toPython: (v) => (typeof v === 'number' || v.length === 2 ? py(v) : `((${v[0]}, ${v[1]}), (${v[2]}, ${v[3]}))`),
  };
}
