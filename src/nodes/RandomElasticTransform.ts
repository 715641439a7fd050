import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, ok } from './kind';
import { dataFormat } from './params';
import { buildWith } from './tfjsClass';
import { affineParams, mapCoordinates } from './affine';
import { clip, coin, imageLayerClass, imageShape, pick, type ImageOp, type Transformation } from './imageOps';
import { factorRange, valueRange } from './imageParams';
import { kernel1d } from './RandomGaussianBlur';

const f32 = Math.fround;

/**
 * Keras' RandomElasticTransform draw: which images, one distortion factor for the batch, and the
 * standard normal displacement field. Keras (JAX) draws dx and dy from the same key, so one field
 * moves both axes alike; so does this. No draw (images returned as they are, not even clipped)
 * when factor or scale has upper bound 0.
 */
export const elasticOp: ImageOp = {
  draw(images, c, tf): Transformation {
    const [factor, scale] = [c.factor as number[], c.scale as number[]];
    if (factor[1] === 0 || scale[1] === 0) return {};
    const [n, h, w] = c.dataFormat === 'channelsFirst' ? [images.shape[0], images.shape[2]!, images.shape[3]!] : images.shape;
    return { apply_transform: coin(tf, n, factor), distortion_factor: tf.randomUniform([], scale[0], scale[1]), noise: tf.randomNormal([n, h, w]) };
  },
  transform(images, t, c, tf) {
    if (!t.apply_transform) return images;
    const first = c.dataFormat === 'channelsFirst';
    const x = first ? tf.transpose(images, [0, 2, 3, 1]) : images;
    const [, h, w] = x.shape;
    // get_elastic_transform_params and elastic_transform's kernel size, in float32 as Keras computes them.
    const d = t.distortion_factor.dataSync()[0];
    const alpha = f32(Math.max(h, w) * f32(0.1 * d));
    const sigma = f32(Math.min(h, w) * f32(0.05 * d));
    const k = Math.trunc(f32(6 * sigma)) | 1;
    const k1 = kernel1d(tf, k, tf.scalar(sigma)) as tfNs.Tensor1D;
    const filter = tf.reshape(tf.outerProduct(k1, k1), [k, k, 1, 1]) as tfNs.Tensor4D;
    const shift = tf.squeeze(tf.conv2d(tf.expandDims(tf.mul(t.noise, sigma), -1) as tfNs.Tensor4D, filter, 1, 'same'), [3]);
    const sx = tf.add(tf.reshape(tf.range(0, w, 1, 'float32'), [1, 1, w]), tf.mul(alpha, shift));
    const sy = tf.add(tf.reshape(tf.range(0, h, 1, 'float32'), [1, h, 1]), tf.mul(alpha, shift));
    const out = mapCoordinates(tf, x, sx, sy, { interpolation: c.interpolation as string, fillMode: c.fillMode as string, fillValue: c.fillValue as number });
    const range = c.valueRange as number[];
    return clip(tf, pick(tf, t.apply_transform, first ? tf.transpose(out, [0, 3, 1, 2]) : out, images), range[0], range[1]);
  },
};
const elasticClass = imageLayerClass('RandomElasticTransform', elasticOp);

/** layers.RandomElasticTransform(factor, scale): while training, displaces each image's pixels along a smooth random field; identity at inference. */
export const RandomElasticTransform = defineLayer({
  kind: 'RandomElasticTransform',
  category: 'preprocessing',
  doc: 'While training, moves the pixels of each image (with a probability drawn from factor) along a random displacement field smoothed by a Gaussian, of strength set by scale, then clips to value_range; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    factor: factorRange({ default: 1, bounds: [0, 1], tfjs: 'factor', positional: true, doc: 'The probability of distorting an image: drawn per image from (lower, upper); a number f means (0, f).' }),
    scale: factorRange({ default: 1, bounds: [0, 1], tfjs: 'scale', doc: 'The distortion strength d, drawn per batch from (lower, upper): displacements of 0.1·d·max(height, width) pixels, smoothed by a Gaussian of sigma 0.05·d·min(height, width).' }),
    ...affineParams(),
    value_range: valueRange({ sorted: false }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('RandomElasticTransform', x, p.data_format) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(elasticClass),
  examples: [{ inputs: [[null, 20, 20, 3]] }, { inputs: [[null, 2, 16, 12]], params: { factor: [0.3, 0.9], scale: 0.5, fill_mode: 'constant', interpolation: 'nearest', value_range: [0, 1], data_format: 'channels_first' } }],
});
