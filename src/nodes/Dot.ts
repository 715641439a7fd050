import { defineLayer, fail, ok } from './kind';
import { bool, ints, tuple } from './params';
import { fmtShape } from '../engine/shape';

/** layers.Dot(axes=1)([a, b]): dot product of two samples along the given axes (batch_dot). */
export const Dot = defineLayer({
  kind: 'Dot',
  category: 'merging',
  doc: 'Dot product of two inputs along `axes` (one per input), sample by sample; normalize=True gives cosine similarity.',
  inputs: { min: 2, max: 2, names: ['a', 'b'] },
  params: {
    axes: {
      ...ints({ default: 1, length: 2, tfjs: 'axes', doc: 'Axis to contract: one int for both inputs, or (axis of a, axis of b).' }),
      // Keras keeps the int form (axes=1), and an int < 0 means something else than a tuple of it.
      toKeras: (v: number | readonly number[]) => (typeof v === 'number' ? v : [...v]),
      toTfjs: (v: number | readonly number[]) => (typeof v === 'number' ? v : [...v]),
    },
    normalize: bool(false, { tfjs: 'normalize', doc: 'L2-normalize both inputs along the axes first (cosine similarity).' }),
  },
  infer([a, b], p) {
    const given = tuple(p.axes, 2);
    // Keras: an int axis < 0 counts from the end of each input; a tuple is used as given.
    const axes = given.map((ax, i) => (ax < 0 ? ax + [a, b][i].length : ax));
    for (const [i, s] of [a, b].entries()) {
      if (axes[i] < 0 || axes[i] >= s.length) return fail(`Dot axes=${fmtShape(given)} has no axis ${given[i]} in input ${i} ${fmtShape(s)}`, 'invalid-param', 'axes');
      if (axes[i] === 0) return fail(`Dot cannot contract the batch axis (axes=${fmtShape(given)})`, 'invalid-param', 'axes');
    }
    if (a[axes[0]] !== b[axes[1]])
      return fail(`Dot needs equal sizes on the contracted axes: ${a[axes[0]] ?? 'None'} (axis ${axes[0]} of ${fmtShape(a)}) != ${b[axes[1]] ?? 'None'} (axis ${axes[1]} of ${fmtShape(b)})`);
    const out = [...a.filter((_, i) => i !== axes[0]), ...b.filter((_, i) => i !== axes[1] && i !== 0)];
    return ok(out.length === 1 ? [...out, 1] : out);
  },
  weights: () => [],
  tfjs: 'dot',
  // Keras requires axes: always write it, as the seed's style does (Dot(axes=1)).
  pythonArgs: (p) => [`axes=${typeof p.axes === 'number' ? p.axes : `(${p.axes.join(', ')})`}`, ...(p.normalize ? ['normalize=True'] : [])],
  examples: [
    { inputs: [[null, 3], [null, 3]], params: { axes: 1 } },
    { inputs: [[null, 3, 4], [null, 5, 3]], params: { axes: [1, 2] } },
    { inputs: [[null, 3, 4], [null, 5, 4]], params: { axes: -1, normalize: true } },
    { inputs: [[null, 7], [null, 7, 2]], params: { axes: 1 } },
    { inputs: [[null, 10, 16], [null, 12, 16]], params: { axes: 2 } },
  ],
});
