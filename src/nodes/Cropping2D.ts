import { defineLayer, fail, needRank, ok } from './kind';
import { layoutOf } from './convShape';
import { expandPairs, pairs2d } from './pairs2d';
import { dataFormat } from './params';
import { fmtShape } from '../engine/shape';

/** layers.Cropping2D(cropping): drops rows and cols at the edges of an image. */
export const Cropping2D = defineLayer({
  kind: 'Cropping2D',
  category: 'reshaping',
  doc: 'Crops rows and columns off the top, bottom, left and right of an image.',
  inputs: { min: 1, max: 1 },
  params: {
    cropping: pairs2d({ default: 0, tfjs: 'cropping', positional: true, doc: 'int, (rows, cols), or ((top, bottom), (left, right)).' }),
    data_format: dataFormat(),
  },
  infer([x], p) {
    const first = p.data_format === 'channels_first';
    const r = needRank('Cropping2D', x, 4, layoutOf(2, first));
    if (r) return r;
    const [[t, b], [l, rt]] = expandPairs(p.cropping);
    const [h, w] = first ? [x[2], x[3]] : [x[1], x[2]];
    const out = [h === null ? null : h - t - b, w === null ? null : w - l - rt];
    // Keras: every cropping sum must be smaller than its spatial dim.
    if (out.some((v) => v !== null && v <= 0))
      return fail(`Cropping2D cropping ((${t}, ${b}), (${l}, ${rt})) leaves ${fmtShape(out)} of ${fmtShape(x)}; crop less than each spatial size`, 'negative-size', 'cropping');
    return ok(first ? [x[0], x[1], ...out] : [x[0], ...out, x[3]]);
  },
  weights: () => [],
  tfjs(_p, config, tf) {
    const layer = tf.layers.cropping2D(config as unknown as Parameters<typeof tf.layers.cropping2D>[0]);
    // tfjs 4.22 subtracts the cropping from an unknown size (null - 2 = -2); Keras keeps it None.
    // Its call() crops real tensors correctly, so only the symbolic shape needs the fix.
    const tfjsShape = layer.computeOutputShape.bind(layer);
    layer.computeOutputShape = (s) => (tfjsShape(s) as (number | null)[]).map((d, i) => ((s as (number | null)[])[i] === null ? null : d));
    return layer;
  },
  examples: [
    { inputs: [[null, 28, 28, 3]], params: { cropping: 2 } },
    { inputs: [[null, 32, 32, 3]], params: { cropping: [4, 0] } },
    { inputs: [[null, 20, 24, 8]], params: { cropping: [1, 2, 3, 4] } },
    { inputs: [[null, 3, 16, 16]], params: { cropping: [2, 3], data_format: 'channels_first' } },
    { inputs: [[null, 8, 8, 1]] },
    { inputs: [[null, null, null, 3]], params: { cropping: [1, 2] } },
  ],
});
