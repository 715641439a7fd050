import { defineLayer, ok } from './kind';
import { dataFormat } from './params';
import { buildWith } from './tfjsClass';
import { imageLayerClass, imageShape, valueRangeTo, type ImageOp } from './imageOps';
import { factorRange, valueRange } from './imageParams';

/** Keras' RandomPosterization transform (and draw); also a step of RandAugment and AugMix. */
export const posterizationOp: ImageOp = {
  draw(images, c, tf) {
    const [lo, hi] = c.factor as number[];
    const n = images.shape[0];
    // Keras' randint: upper end excluded; a fixed count when lower == upper.
    const bits = lo === hi ? tf.fill([n], lo) : tf.floor(tf.randomUniform([n], lo, hi));
    return { shift_factor: tf.sub(8, bits) };
  },
  transform(images, t, c, tf) {
    const range = c.valueRange as number[];
    // uint8 (truncated), then (v >> shift) << shift, as whole numbers in float32.
    const v = tf.floor(valueRangeTo(tf, images, range, [0, 255]));
    const step = tf.reshape(tf.pow(2, t.shift_factor), [images.shape[0], 1, 1, 1]);
    return valueRangeTo(tf, tf.mul(tf.floor(tf.div(v, step)), step), [0, 255], range);
  },
};
const posterizationClass = imageLayerClass('RandomPosterization', posterizationOp);

/** layers.RandomPosterization(factor, value_range): while training, keeps only a random number of high bits of each 8-bit value; identity at inference. */
export const RandomPosterization = defineLayer({
  kind: 'RandomPosterization',
  category: 'preprocessing',
  doc: 'While training, reduces each image to a random number of bits per value (1–8, on a 0–255 scale), dropping the low bits; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    factor: factorRange({ default: [1, 8], bounds: [1, 8], integer: true, tfjs: 'factor', positional: true, doc: 'Bits kept per value: per image a whole number drawn from [lower, upper) (exactly lower when they are equal); a number n means (1, n).' }),
    value_range: valueRange({ sorted: true }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('RandomPosterization', x, p.data_format) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(posterizationClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 6, 6, 1]], params: { factor: 4, value_range: [0, 1] } }],
});
