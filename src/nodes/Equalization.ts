import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, ok, type Tf } from './kind';
import { dataFormat, int } from './params';
import { buildWith } from './tfjsClass';
import { clip, imageLayerClass, imageShape, type ImageOp } from './imageOps';
import { valueRange } from './imageParams';

/** Keras' _scale_values: x · scale + offset (scale and offset in double precision, then float32). */
function rescale(tf: Tf, x: tfNs.Tensor, from: readonly number[], to: readonly number[]) {
  const scale = (to[1] - to[0]) / (from[1] - from[0]);
  return tf.add(tf.mul(x, scale), to[0] - from[0] * scale);
}

/** Keras' _equalize_channel on one channel of the whole batch (one histogram over every image). */
function equalizeChannel(tf: Tf, channel: tfNs.Tensor, range: readonly number[], bins: number) {
  // Keras compares its sorted list with a tuple, so it always rescales, even for (0, 255).
  const x = rescale(tf, channel, range, [0, 255]);
  const index = (v: tfNs.Tensor) => tf.cast(v, 'int32');
  const binOf = tf.cast(clip(tf, index(tf.div(tf.mul(x, bins - 1), 255)), 0, bins - 1), 'int32');
  const hist = tf.bincount(tf.reshape(binOf, [-1]) as tfNs.Tensor1D, tf.tensor1d([], 'float32'), bins);
  const cdf = tf.cumsum(hist);
  const cdfMin = tf.min(tf.where(tf.greater(cdf, 0), cdf, tf.fill([bins], Infinity)));
  const span = tf.sub(tf.slice(cdf, [bins - 1], [1]), cdfMin);
  const denominator = tf.where(tf.equal(span, 0), tf.onesLike(span), span);
  const lut = clip(tf, tf.round(tf.div(tf.mul(tf.sub(cdf, cdfMin), 255), denominator)), 0, 255);
  const equalized = tf.gather(lut, index(clip(tf, tf.mul(tf.div(x, 255), bins - 1), 0, bins - 1)));
  const flat = tf.lessEqual(tf.sum(tf.cast(tf.greater(hist, 0), 'int32')), 1);
  return rescale(tf, tf.where(tf.broadcastTo(flat, x.shape), x, equalized), [0, 255], range);
}

/** Keras' Equalization transform (and draw); also a step of RandAugment and AugMix. */
export const equalizationOp: ImageOp = {
  transform(images, _t, c, tf) {
    const axis = c.dataFormat === 'channelsFirst' ? 1 : 3;
    const channels = tf.unstack(images, axis).map((ch) => equalizeChannel(tf, ch, c.valueRange as number[], c.bins as number));
    return tf.stack(channels, axis);
  },
};
const equalizationClass = imageLayerClass('Equalization', equalizationOp);

/**
 * layers.Equalization(value_range, bins): while training, equalizes each channel's histogram over the batch; identity at inference.
 * Keras 3.15 itself cannot build a model holding it (compute_output_spec returns its input tensor, which
 * map_graph reports as "part of a cycle"), so its Python export fails in Keras until that is fixed there.
 */
export const Equalization = defineLayer({
  kind: 'Equalization',
  category: 'preprocessing',
  doc: "While training, spreads each channel's values evenly over the range by histogram equalization (one histogram per channel over the whole batch); identity at inference.",
  inputs: { min: 1, max: 1 },
  params: {
    value_range: valueRange({ sorted: true }),
    bins: int({ default: 256, min: 1, tfjs: 'bins', doc: 'Number of histogram bins.' }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('Equalization', x, p.data_format) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(equalizationClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 2, 6, 5]], params: { bins: 16, value_range: [0, 1], data_format: 'channels_first' } }],
});
