import { defineLayer, ok } from './kind';
import type { ImageOp } from './imageOps';
import { dataFormat } from './params';
import { affineParams, affineTransform } from './affine';
import { needImages } from './imageResize';
import { drawn, factorRange, factorSpec, perImage, randomImageClass, type Factor } from './randomImage';
import { buildWith } from './tfjsClass';

/** Keras' RandomShear draw (shears per image) and transform; also a RandAugment step. */
export const shearOp: ImageOp = {
  draw(x, cfg, tf) {
    const b = x.shape[0];
    // Keras flips the sign of both shears of an image with probability 1/2, and shears about the origin.
    const sign = tf.where(tf.greater(tf.randomUniform([b]), 0.5), tf.fill([b], -1), tf.ones([b]));
    return { sx: tf.mul(perImage(tf, b, factorRange(cfg.xFactor as Factor, 0)), sign), sy: tf.mul(perImage(tf, b, factorRange(cfg.yFactor as Factor, 0)), sign) };
  },
  transform(x, t, cfg, tf) {
  const b = x.shape[0];
  const [one, zero] = [tf.ones([b]), tf.zeros([b])];
  return affineTransform(tf, x, tf.stack([one, t.sx, zero, t.sy, one, zero], 1), {
    interpolation: cfg.interpolation as string,
    fillMode: cfg.fillMode as string,
    fillValue: cfg.fillValue as number,
    channelsFirst: cfg.dataFormat === 'channelsFirst',
  });
  },
};
const shearClass = randomImageClass('RandomShear', drawn(shearOp));

/** layers.RandomShear(x_factor, y_factor): shears each image by a random amount while training; identity at inference. */
export const RandomShear = defineLayer({
  kind: 'RandomShear',
  category: 'preprocessing',
  doc: 'While training, shears each image along x and/or y by random amounts (with a random sign per image); identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    x_factor: factorSpec({ default: 0, min: 0, max: 1, tfjs: 'xFactor', doc: 'The horizontal shear: f for [0, f] or a (lower, upper) pair in [0, 1]; each image gets a random sign.' }),
    y_factor: factorSpec({ default: 0, min: 0, max: 1, tfjs: 'yFactor', doc: 'The vertical shear: f for [0, f] or a (lower, upper) pair in [0, 1]; each image gets a random sign.' }),
    ...affineParams(),
    data_format: dataFormat(),
  },
  infer: ([x]) => needImages('RandomShear', x) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(shearClass),
  examples: [
    { inputs: [[null, 8, 8, 3]], params: { x_factor: 0.2 } },
    { inputs: [[null, 6, 7, 2]], params: { x_factor: [0.1, 0.3], y_factor: 0.2, fill_mode: 'constant', interpolation: 'nearest' } },
  ],
});
