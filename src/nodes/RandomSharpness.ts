import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, ok } from './kind';
import { dataFormat } from './params';
import { buildWith } from './tfjsClass';
import { clip, imageLayerClass, imageShape, type ImageOp } from './imageOps';
import { factorRange, valueRange } from './imageParams';

/** Keras' RandomSharpness transform (and draw); also a step of RandAugment and AugMix. */
export const sharpnessOp: ImageOp = {
  draw: (images, c, tf) => ({ factor: tf.randomUniform([images.shape[0]], (c.factor as number[])[0], (c.factor as number[])[1]) }),
  transform(images, t, c, tf) {
    const range = c.valueRange as number[];
    // Keras swaps axes -3 and -1 for channels_first; the smoothing kernel is symmetric, so rows and cols may trade places.
    const first = c.dataFormat === 'channelsFirst';
    const x = first ? tf.transpose(images, [0, 3, 2, 1]) : images;
    const s = tf.reshape(tf.mul(t.factor, 2), [x.shape[0], 1, 1, 1]);
    const [a, b] = [1 / 13, 5 / 13];
    const kernel = tf.tile(tf.reshape(tf.tensor1d([a, a, a, a, b, a, a, a, a]), [3, 3, 1, 1]), [1, 1, x.shape[3]!, 1]) as tfNs.Tensor4D;
    const smoothed = tf.depthwiseConv2d(x as tfNs.Tensor4D, kernel, 1, 'same');
    const y = clip(tf, tf.add(x, tf.mul(tf.sub(1, s), tf.sub(smoothed, x))), range[0], range[1]);
    return first ? tf.transpose(y, [0, 3, 2, 1]) : y;
  },
};
const sharpnessClass = imageLayerClass('RandomSharpness', sharpnessOp);

/** layers.RandomSharpness(factor, value_range): while training, sharpens or blurs each image by a random amount; identity at inference. */
export const RandomSharpness = defineLayer({
  kind: 'RandomSharpness',
  category: 'preprocessing',
  doc: 'While training, blends each image with a 3×3 smoothed copy: x + (1 - 2f)·(smooth - x) for a random f (0.5 keeps it, 0 blurs, 1 sharpens); identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    factor: factorRange({ default: 0.5, bounds: [0, 1], tfjs: 'factor', positional: true, doc: 'Per image f is drawn uniformly from (lower, upper): 0 gives the smoothed image, 0.5 the original, 1 a sharpened one; a number f means (0, f).' }),
    value_range: valueRange({ sorted: true }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('RandomSharpness', x, p.data_format) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(sharpnessClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 2, 6, 5]], params: { factor: [0.1, 0.9], value_range: [0, 1], data_format: 'channels_first' } }],
});
