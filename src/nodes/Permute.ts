import { defineLayer, fail, needRank, ok } from './kind';
import { py, shape } from './params';

const base = shape({ default: [2, 1], minRank: 1, tfjs: 'dims', positional: true, doc: 'Permutation of the axes after the batch, 1-indexed: (2, 1) swaps them.' });

/** A permutation of 1..n, or a message naming the value. */
const checkPermutation = (v: readonly (number | null)[]) =>
  [...v].sort((a, b) => (a as number) - (b as number)).every((d, i) => d === i + 1) ? null : `must hold each of 1..${v.length} once, got ${py(v)}`;

/** layers.Permute(dims): reorders the non-batch axes, e.g. (2, 1) swaps steps and features. */
export const Permute = defineLayer({
  kind: 'Permute',
  category: 'reshaping',
  doc: 'Reorders the axes after the batch: Permute((2, 1)) turns (batch, 10, 64) into (batch, 64, 10).',
  inputs: { min: 1, max: 1 },
  params: {
    dims: { ...base, check: (v: unknown) => base.check(v) ?? checkPermutation(v as readonly number[]) },
  },
  infer([x], p) {
    const bad = checkPermutation(p.dims);
    if (bad) return fail(`Permute dims ${bad}`, 'invalid-param', 'dims');
    return needRank('Permute', x, p.dims.length + 1, `for dims ${py(p.dims)}`) ?? ok([x[0], ...p.dims.map((d) => x[d as number])]);
  },
  weights: () => [],
  tfjs: 'permute',
  examples: [
    { inputs: [[null, 10, 64]] },
    { inputs: [[null, 3, 32, 32]], params: { dims: [2, 3, 1] } },
    { inputs: [[null, 5, null, 7]], params: { dims: [3, 1, 2] } },
    { inputs: [[null, 6]], params: { dims: [1] } },
  ],
});
