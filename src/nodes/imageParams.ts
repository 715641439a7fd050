/**
 * Params of Keras 3's image augmentation layers (keras/src/layers/preprocessing/image_preprocessing):
 * a random factor range (a number or a (lower, upper) pair, normalized exactly as the layer's
 * `_set_factor` does, which is what its config stores), and the input's value_range.
 */
import { py, type Spec } from './params';

export type Range = number | readonly number[];
const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * The (lower, upper) pair Keras draws from: a pair is sorted; a number f gives
 * (max(-|f|, bounds lower), |f|) — (0, f) for bounds (0, 1), (-f, f) for (-1, 1), (1, f) for (1, 8).
 */
export function rangePair(v: Range, bounds: readonly [number, number]): [number, number] {
  if (typeof v === 'number') return [Math.max(-Math.abs(v), bounds[0]), Math.abs(v)];
  return v[0] <= v[1] ? [v[0], v[1]] : [v[1], v[0]];
}

/**
 * A factor range as Keras validates it: a number within `bounds`, or a pair whose first entry is
 * ≤ the upper bound and second ≥ the lower one (Keras checks the pair as given, before sorting);
 * `eachInBounds`: both entries within bounds (Solarization); `integer`: whole numbers (bit counts).
 */
export function factorRange(o: { default: Range; bounds: readonly [number, number]; tfjs: string; doc: string; positional?: boolean; eachInBounds?: boolean; integer?: boolean }): Spec<Range> {
  const [lo, hi] = o.bounds;
  const num = (x: unknown): x is number => finite(x) && (!o.integer || Number.isInteger(x));
  const what = `${o.integer ? 'an integer' : 'a number'} in [${lo}, ${hi}] or a pair (lower, upper)${o.eachInBounds ? ' of such numbers' : ` with lower ≤ ${hi} and upper ≥ ${lo}`}`;
  return {
    type: 'ints',
    default: o.default,
    tfjs: o.tfjs,
    positional: o.positional,
    doc: o.doc,
    check(v) {
      if (num(v)) return v >= lo && v <= hi ? null : `must be ${what}, got ${py(v)}`;
      if (!Array.isArray(v) || v.length !== 2 || !v.every(num)) return `must be ${what}, got ${py(v)}`;
      const ok = o.eachInBounds ? v.every((x) => x >= lo && x <= hi) : v[0] <= hi && v[1] >= lo;
      return ok ? null : `must be ${what}, got ${py(v)}`;
    },
    toKeras: (v) => rangePair(v, o.bounds),
    fromKeras: (x) => (num(x) || (Array.isArray(x) && x.length === 2 && x.every(num)) ? (x as Range) : undefined),
    toTfjs: (v) => rangePair(v, o.bounds),
    toPython: (v) => py(v),
  };
}

export const VALUE_RANGE_DOC = 'The range of the input values, (low, high): (0, 255) for 8-bit pixels, (0, 1) after Rescaling(1/255).';

/** value_range: a pair of numbers. Most layers sort it (their config stores it sorted); some keep it as given. */
export function valueRange(o: { sorted: boolean }): Spec<readonly number[]> {
  const norm = (v: readonly number[]) => (o.sorted && v[0] > v[1] ? [v[1], v[0]] : [...v]);
  return {
    type: 'ints',
    default: [0, 255],
    tfjs: 'valueRange',
    doc: VALUE_RANGE_DOC,
    check: (v) => (Array.isArray(v) && v.length === 2 && v.every(finite) ? null : `must be a pair of numbers (low, high), got ${py(v)}`),
    toKeras: norm,
    fromKeras: (x) => (Array.isArray(x) && x.length === 2 && x.every(finite) ? x : undefined),
    toTfjs: norm,
    toPython: (v) => py(v),
  };
}
