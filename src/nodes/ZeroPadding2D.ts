import { defineLayer, needRank, ok } from './kind';
import { layoutOf } from './convShape';
import { expandPairs, pairs2d } from './pairs2d';
import { dataFormat } from './params';

/** layers.ZeroPadding2D(padding): rows and cols of zeros around an image. */
export const ZeroPadding2D = defineLayer({
  kind: 'ZeroPadding2D',
  category: 'reshaping',
  doc: 'Adds rows and columns of zeros at the top, bottom, left and right of an image.',
  inputs: { min: 1, max: 1 },
  params: {
    padding: pairs2d({ default: 1, tfjs: 'padding', positional: true, doc: 'int, (rows, cols), or ((top, bottom), (left, right)).' }),
    data_format: dataFormat(),
  },
  infer([x], p) {
    const first = p.data_format === 'channels_first';
    const r = needRank('ZeroPadding2D', x, 4, layoutOf(2, first));
    if (r) return r;
    const [[t, b], [l, rt]] = expandPairs(p.padding);
    const [h, w] = first ? [x[2], x[3]] : [x[1], x[2]];
    const out = [h === null ? null : h + t + b, w === null ? null : w + l + rt];
    return ok(first ? [x[0], x[1], ...out] : [x[0], ...out, x[3]]);
  },
  weights: () => [],
  tfjs: 'zeroPadding2d',
  examples: [
    { inputs: [[null, 28, 28, 1]] },
    { inputs: [[null, 32, 32, 3]], params: { padding: [2, 3] } },
    { inputs: [[null, 10, 12, 8]], params: { padding: [1, 2, 3, 4] } },
    { inputs: [[null, 3, 16, 16]], params: { padding: 2, data_format: 'channels_first' } },
    { inputs: [[null, null, null, 4]], params: { padding: [0, 1, 2, 0] } },
  ],
});
