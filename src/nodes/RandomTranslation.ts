import { defineLayer, ok } from './kind';
import type { ImageOp } from './imageOps';
import { dataFormat } from './params';
import { affineParams, affineTransform } from './affine';
import { needImages } from './imageResize';
import { drawn, factorRange, factorSpec, imageSize, perImage, randomImageClass, type Factor } from './randomImage';
import { buildWith } from './tfjsClass';

/** Keras' RandomTranslation draw (a shift per image) and transform; also a RandAugment step. */
export const translationOp: ImageOp = {
  draw(x, cfg, tf) {
    const [h, w] = imageSize(x, cfg.dataFormat === 'channelsFirst');
    const b = x.shape[0];
    return { dy: tf.mul(perImage(tf, b, factorRange(cfg.heightFactor as Factor)), h), dx: tf.mul(perImage(tf, b, factorRange(cfg.widthFactor as Factor)), w) };
  },
  transform(x, t, cfg, tf) {
  const first = cfg.dataFormat === 'channelsFirst';
  const b = x.shape[0];
  const [one, zero] = [tf.ones([b]), tf.zeros([b])];
  const transforms = tf.stack([one, zero, tf.neg(t.dx), zero, one, tf.neg(t.dy)], 1);
  return affineTransform(tf, x, transforms, { interpolation: cfg.interpolation as string, fillMode: cfg.fillMode as string, fillValue: cfg.fillValue as number, channelsFirst: first });
  },
};
const translationClass = randomImageClass('RandomTranslation', drawn(translationOp));

/** layers.RandomTranslation(height_factor, width_factor): shifts each image by a random fraction of its size while training; identity at inference. */
export const RandomTranslation = defineLayer({
  kind: 'RandomTranslation',
  category: 'preprocessing',
  doc: 'While training, shifts each image by a random fraction of its height and width, filling the uncovered part by fill_mode; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    height_factor: factorSpec({ default: 0.1, min: -1, max: 1, tfjs: 'heightFactor', positional: true, doc: 'The vertical shift as a fraction of the height: f for [-f, f] or a (lower, upper) pair (positive: down).' }),
    width_factor: factorSpec({ default: 0.1, min: -1, max: 1, tfjs: 'widthFactor', positional: true, doc: 'The horizontal shift as a fraction of the width: f for [-f, f] or a (lower, upper) pair (positive: right).' }),
    ...affineParams(),
    data_format: dataFormat(),
  },
  infer: ([x]) => needImages('RandomTranslation', x) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(translationClass),
  examples: [
    { inputs: [[null, 8, 8, 3]] },
    { inputs: [[null, 6, 7, 2]], params: { height_factor: [-0.3, 0.2], width_factor: 0.4, fill_mode: 'wrap', interpolation: 'nearest' } },
    { inputs: [[null, 2, 5, 6]], params: { height_factor: 0.5, width_factor: [0, 0.2], data_format: 'channels_first', fill_mode: 'constant' } },
  ],
});
