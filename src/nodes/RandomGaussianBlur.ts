import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, ok, type Tf } from './kind';
import { dataFormat, ints, py, tuple } from './params';
import { buildWith } from './tfjsClass';
import { channelsLast, clip, coin, imageLayerClass, imageShape, pick } from './imageOps';
import { factorRange, valueRange } from './imageParams';

/** keras.ops.image.gaussian_blur's normalized 1-D kernel of `size` taps. */
export function kernel1d(tf: Tf, size: number, sigma: tfNs.Tensor) {
  const x = tf.sub(tf.range(0, size), (size - 1) / 2);
  const k = tf.exp(tf.mul(-0.5, tf.square(tf.div(x, sigma))));
  return tf.div(k, tf.sum(k));
}

const blurClass = imageLayerClass('RandomGaussianBlur', {
  draw(images, c, tf) {
    const s = c.sigma as number[];
    // One (sigma x, sigma y) pair for the whole batch, as Keras draws it.
    return { should_apply_blur: coin(tf, images.shape[0], c.factor as number[]), blur_factor: tf.add(tf.randomUniform([2], s[0], s[1]), 1e-6) };
  },
  transform(images, t, c, tf) {
    const [kw, kh] = c.kernelSize as number[]; // Keras: size[0] across columns, size[1] down rows
    const range = c.valueRange as number[];
    const blurred = channelsLast(tf, images, c.dataFormat, (x) => {
      const [sx, sy] = tf.split(t.blur_factor, 2);
      const k2 = tf.outerProduct(kernel1d(tf, kh, sy) as tfNs.Tensor1D, kernel1d(tf, kw, sx) as tfNs.Tensor1D);
      const filter = tf.tile(tf.reshape(k2, [kh, kw, 1, 1]), [1, 1, x.shape[3]!, 1]) as tfNs.Tensor4D;
      return tf.depthwiseConv2d(x as tfNs.Tensor4D, filter, 1, 'same');
    });
    // Keras clips every image to value_range in training, blurred or not.
    return clip(tf, pick(tf, t.should_apply_blur, blurred, images), range[0], range[1]);
  },
});

const sizes = ints({ default: 3, length: 2, min: 1, tfjs: 'kernelSize', doc: 'Size of the Gaussian kernel: an odd integer or (width, height) of odd integers.' });

/** layers.RandomGaussianBlur(factor, kernel_size, sigma, value_range): while training, blurs some images with a Gaussian of random width; identity at inference. */
export const RandomGaussianBlur = defineLayer({
  kind: 'RandomGaussianBlur',
  category: 'preprocessing',
  doc: 'While training, blurs each image with a Gaussian kernel (random sigma per direction) with a probability drawn from factor, and clips to value_range; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    factor: factorRange({ default: 1, bounds: [0, 1], tfjs: 'factor', positional: true, doc: 'Blur probability: per image, one is drawn uniformly from (lower, upper); a number f means (0, f).' }),
    kernel_size: { ...sizes, check: (v: number | readonly number[]) => sizes.check(v) ?? (tuple(v, 2).every((k) => k % 2 === 1) ? null : `must be odd, got ${py(v)}`) },
    sigma: factorRange({ default: 1, bounds: [0, 1], tfjs: 'sigma', doc: 'Standard deviation of the Gaussian, drawn per batch and direction uniformly from (lower, upper); a number s means (0, s).' }),
    value_range: valueRange({ sorted: false }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('RandomGaussianBlur', x, p.data_format) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(blurClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 2, 7, 6]], params: { kernel_size: [3, 5], sigma: [0.4, 0.9], value_range: [0, 1], data_format: 'channels_first' } }],
});
