import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, ok } from './kind';
import { dataFormat, float } from './params';
import { buildWith } from './tfjsClass';
import { affineParams, mapCoordinates } from './affine';
import { coin, imageLayerClass, imageShape, pick, type ImageOp } from './imageOps';
import { factorRange } from './imageParams';

/**
 * Keras' compute_homography_matrix for one image: the 8 coefficients mapping the end points onto
 * the start points (solved by Gaussian elimination with partial pivoting, as jnp.linalg.solve's LU).
 */
export function homography(start: number[][], end: number[][]): number[] {
  const rows = [
    ...end.map(([ex, ey], i) => [ex, ey, 1, 0, 0, 0, -start[i][0] * ex, -start[i][0] * ey, start[i][0]]),
    ...end.map(([ex, ey], i) => [0, 0, 0, ex, ey, 1, -start[i][1] * ex, -start[i][1] * ey, start[i][1]]),
  ];
  for (let col = 0; col < 8; col++) {
    let best = col;
    for (let r = col + 1; r < 8; r++) if (Math.abs(rows[r][col]) > Math.abs(rows[best][col])) best = r;
    [rows[col], rows[best]] = [rows[best], rows[col]];
    for (let r = col + 1; r < 8; r++) {
      const k = rows[r][col] / rows[col][col];
      for (let j = col; j < 9; j++) rows[r][j] -= k * rows[col][j];
    }
  }
  const h = Array<number>(8).fill(0);
  for (let r = 7; r >= 0; r--) {
    let v = rows[r][8];
    for (let j = r + 1; j < 8; j++) v -= rows[r][j] * h[j];
    h[r] = v / rows[r][r];
  }
  return h;
}

/** Keras' RandomPerspective draw (which images, and corners moved by up to scale/2 of their coordinates) and transform. */
export const perspectiveOp: ImageOp = {
  draw(images, c, tf) {
    const first = c.dataFormat === 'channelsFirst';
    const [n, h, w] = first ? [images.shape[0], images.shape[2]!, images.shape[3]!] : images.shape;
    const scale = c.scale as number;
    const start = tf.tile(tf.tensor3d([[[0, 0], [w - 1, 0], [0, h - 1], [w - 1, h - 1]]]), [n, 1, 1]);
    const moved = tf.randomUniform([n, 4, 2], -0.5 * scale, 0.5 * scale);
    return { apply_perspective: coin(tf, n, c.factor as number[]), start_points: start, end_points: tf.add(start, tf.mul(start, moved)) };
  },
  transform(images, t, c, tf) {
    const first = c.dataFormat === 'channelsFirst';
    const x = first ? tf.transpose(images, [0, 2, 3, 1]) : images;
    const [n, h, w] = x.shape;
    const [start, end] = [t.start_points.arraySync() as number[][][], t.end_points.arraySync() as number[][][]];
    const coef = tf.split(tf.reshape(tf.tensor2d(start.map((s, i) => homography(s, end[i])), [n, 8]), [n, 8, 1, 1]), 8, 1).map((v) => tf.reshape(v, [n, 1, 1]));
    const cols = tf.reshape(tf.range(0, w, 1, 'float32'), [1, 1, w]);
    const rows = tf.reshape(tf.range(0, h, 1, 'float32'), [1, h, 1]);
    const line = (a: tfNs.Tensor, b: tfNs.Tensor, k: tfNs.Tensor | number) => tf.add(tf.add(tf.mul(a, cols), tf.mul(b, rows)), k);
    const denom = line(coef[6], coef[7], 1);
    const sx = tf.div(line(coef[0], coef[1], coef[2]), denom);
    const sy = tf.div(line(coef[3], coef[4], coef[5]), denom);
    const out = mapCoordinates(tf, x, sx, sy, { interpolation: c.interpolation as string, fillMode: 'constant', fillValue: c.fillValue as number });
    return pick(tf, t.apply_perspective, first ? tf.transpose(out, [0, 3, 1, 2]) : out, images);
  },
};
const perspectiveClass = imageLayerClass('RandomPerspective', perspectiveOp);

/** layers.RandomPerspective(factor, scale): while training, moves each image's corners at random and warps it to match; identity at inference. */
export const RandomPerspective = defineLayer({
  kind: 'RandomPerspective',
  category: 'preprocessing',
  doc: 'While training, warps each image (with a probability drawn from factor) by a perspective transform that moves its four corners by up to scale/2 of their coordinates; outside points get fill_value; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    factor: factorRange({ default: 1, bounds: [0, 1], tfjs: 'factor', positional: true, doc: 'The probability of warping an image: drawn per image from (lower, upper); a number f means (0, f).' }),
    scale: float({ default: 1, min: 0, max: 1, tfjs: 'scale', doc: 'How far the corners move: each coordinate by up to ±scale/2 of itself.' }),
    interpolation: affineParams().interpolation,
    fill_value: float({ default: 0, tfjs: 'fillValue', doc: 'The value points outside the image get.' }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('RandomPerspective', x, p.data_format) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(perspectiveClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 2, 5, 6]], params: { factor: [0.3, 0.9], scale: 0.4, interpolation: 'nearest', fill_value: 0.5, data_format: 'channels_first' } }],
});
