import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, ok, type Tf } from './kind';
import { dataFormat, float, ints } from './params';
import { buildWith } from './tfjsClass';
import { channelsLast, clip, imageLayerClass, imageShape, valueRangeTo } from './imageOps';
import { valueRange } from './imageParams';

/** Indices 0..n-1 of an axis of `size` extended symmetrically (numpy pad mode "symmetric": d c b a | a b c d | d c b a). */
const symmetric = (n: number, size: number) =>
  Array.from({ length: n }, (_, i) => {
    const j = i % (2 * size);
    return j < size ? j : 2 * size - 1 - j;
  });

/** Keras' _clahe on channels-last images on a 0–255 scale: a clipped, equalized histogram per tile, bilinearly blended between tiles. */
function clahe(tf: Tf, x: tfNs.Tensor, clipLimit: number, [gh, gw]: number[]): tfNs.Tensor {
  const [b, h, w, c] = x.shape;
  const [th, tw] = [Math.ceil(h / gh), Math.ceil(w / gw)];
  const [hp, wp] = [th * gh, tw * gw];
  const padded = hp === h && wp === w ? x : tf.gather(tf.gather(x, symmetric(hp, h), 1), symmetric(wp, w), 2);
  // Per tile and channel, a 256-bin histogram of the values truncated to integers.
  const tiles = tf.reshape(tf.transpose(tf.reshape(padded, [b, gh, th, gw, tw, c]), [0, 1, 3, 5, 2, 4]), [b * gh * gw * c, th * tw]);
  const ints = tf.clipByValue(tf.cast(tiles, 'int32'), 0, 255);
  // One 1-D bincount over row·256 + value (tfjs 4.22's 2-D denseBincount gives a malformed shape).
  const rows = ints.shape[0];
  const keyed = tf.cast(tf.reshape(tf.add(ints, tf.reshape(tf.mul(tf.range(0, rows), 256), [rows, 1])), [-1]), 'int32') as tfNs.Tensor1D;
  let hists: tfNs.Tensor = tf.reshape(tf.bincount(keyed, tf.ones(keyed.shape, 'float32') as tfNs.Tensor1D, rows * 256), [rows, 256]);
  if (clipLimit > 0) {
    const clipped = tf.clipByValue(hists, 0, Math.fround((clipLimit * th * tw) / 256));
    hists = tf.add(clipped, tf.div(tf.sum(tf.sub(hists, clipped), -1, true), 256));
  }
  const cdf = tf.cumsum(hists, 1); // tfjs' cumsum takes no negative axis
  const cdfMin = tf.min(cdf, -1, true);
  const den = tf.sub(th * tw, cdfMin);
  const norm = clip(tf, tf.div(tf.mul(tf.sub(cdf, cdfMin), 255), tf.where(tf.equal(den, 0), tf.onesLike(den), den)), 0, 255);
  // Tile maps with a border of copies, (b, gh + 2, gw + 2, c, 256), flattened for lookups.
  let maps = tf.reshape(norm, [b, gh, gw, c, 256]);
  const edge = (m: tfNs.Tensor, axis: number, at: number) => tf.gather(m, [at], axis);
  maps = tf.concat([edge(maps, 1, 0), maps, edge(maps, 1, gh - 1)], 1);
  maps = tf.concat([edge(maps, 2, 0), maps, edge(maps, 2, gw - 1)], 2);
  const flat = tf.reshape(maps, [-1]);
  const axis = (n: number, tile: number, grid: number) => {
    const g = tf.add(tf.div(tf.sub(tf.range(0, n, 1, 'float32'), tile / 2), tile), 1);
    const i0 = tf.floor(g);
    const at = (i: tfNs.Tensor) => tf.cast(tf.clipByValue(i, 0, grid + 1), 'int32');
    return { i0: at(i0), i1: at(tf.add(i0, 1)), wt: tf.sub(g, i0) };
  };
  const [ys, xs] = [axis(hp, th, gh), axis(wp, tw, gw)];
  const [sx, sy] = [256 * c, 256 * c * (gw + 2)];
  const pixels = tf.cast(clip(tf, padded, 0, 255), 'int32');
  // Indices stay int32 (a float32 index would lose exactness past 2^24).
  const int = (v: number) => tf.scalar(v, 'int32');
  const base = tf.add(tf.add(tf.reshape(tf.mul(tf.range(0, b, 1, 'int32'), int(sy * (gh + 2))), [b, 1, 1, 1]), tf.reshape(tf.mul(tf.range(0, c, 1, 'int32'), int(256)), [1, 1, 1, c])), pixels);
  const row = (i: tfNs.Tensor) => tf.reshape(tf.mul(i, int(sy)), [1, hp, 1, 1]);
  const col = (i: tfNs.Tensor) => tf.reshape(tf.mul(i, int(sx)), [1, 1, wp, 1]);
  const read = (y: tfNs.Tensor, x2: tfNs.Tensor) => tf.gather(flat, tf.add(tf.add(base, row(y)), col(x2)));
  const wx = tf.reshape(xs.wt, [1, 1, wp, 1]);
  const wy = tf.reshape(ys.wt, [1, hp, 1, 1]);
  const top = tf.add(tf.mul(read(ys.i0, xs.i0), tf.sub(1, wx)), tf.mul(read(ys.i0, xs.i1), wx));
  const bottom = tf.add(tf.mul(read(ys.i1, xs.i0), tf.sub(1, wx)), tf.mul(read(ys.i1, xs.i1), wx));
  return tf.slice(tf.add(tf.mul(top, tf.sub(1, wy)), tf.mul(bottom, wy)), [0, 0, 0, 0], [b, h, w, c]);
}

const claheClass = imageLayerClass('ContrastLimitedAdaptiveHistogramEqualization', {
  // Keras' transform_images ignores `training`: the layer acts at inference too.
  atInference: true,
  transform(images, _t, c, tf) {
    const range = c.valueRange as number[];
    return channelsLast(tf, images, c.dataFormat, (x) => valueRangeTo(tf, clahe(tf, valueRangeTo(tf, x, range, [0, 255]), c.clipLimit as number, c.tileGridSize as number[]), [0, 255], range));
  },
});

/** layers.ContrastLimitedAdaptiveHistogramEqualization: CLAHE, in training and at inference alike. */
export const ContrastLimitedAdaptiveHistogramEqualization = defineLayer({
  kind: 'ContrastLimitedAdaptiveHistogramEqualization',
  category: 'preprocessing',
  doc: 'Contrast-limited adaptive histogram equalization (CLAHE): equalizes each tile of a grid with a clipped histogram and blends neighbouring tiles bilinearly; acts in training and at inference, as in Keras.',
  inputs: { min: 1, max: 1 },
  params: {
    value_range: valueRange({ sorted: false }),
    clip_limit: float({ default: 4, tfjs: 'clipLimit', doc: 'Histogram bins are clipped at clip_limit × (tile pixels) / 256 and the excess spread evenly; 0 or less: no clipping.' }),
    tile_grid_size: ints({ default: [8, 8], length: 2, min: 1, scalar: false, tfjs: 'tileGridSize', doc: 'The grid of tiles, (rows, cols); the image is padded symmetrically to a multiple of it.' }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('ContrastLimitedAdaptiveHistogramEqualization', x, p.data_format) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(claheClass),
  examples: [{ inputs: [[null, 16, 16, 3]] }, { inputs: [[null, 1, 13, 10]], params: { tile_grid_size: [3, 4], clip_limit: 2, value_range: [0, 1], data_format: 'channels_first' } }],
});
