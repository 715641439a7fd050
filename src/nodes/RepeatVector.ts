import { defineLayer, needRank, ok } from './kind';
import { int } from './params';

/** layers.RepeatVector(n): (batch, features) → (batch, n, features). */
export const RepeatVector = defineLayer({
  kind: 'RepeatVector',
  category: 'reshaping',
  doc: 'Repeats a vector n times: (batch, features) → (batch, n, features).',
  inputs: { min: 1, max: 1 },
  params: {
    n: int({ default: 2, min: 1, tfjs: 'n', positional: true, doc: 'How many times to repeat.' }),
  },
  infer: ([x], p) => needRank('RepeatVector', x, 2, '(batch, features)') ?? ok([x[0], p.n, x[1]]),
  weights: () => [],
  tfjs: 'repeatVector',
  examples: [
    { inputs: [[null, 64]], params: { n: 10 } },
    { inputs: [[null, 1]], params: { n: 3 } },
    { inputs: [[null, null]], params: { n: 5 } },
  ],
});
