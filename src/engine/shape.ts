/** A tensor shape as Keras prints it: batch dimension first, `null` for an unknown size. */
export type Dim = number | null;
export type Shape = readonly Dim[];

/** "(None, 28, 28, 1)" — the form Keras prints and every message uses. */
export function fmtShape(shape: Shape): string {
  const dims = shape.map((d) => (d === null ? 'None' : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Product of the known dims; null if any is unknown. */
export function numElements(dims: Shape): number | null {
  let n = 1;
  for (const d of dims) {
    if (d === null) return null;
    n *= d;
  }
  return n;
}
