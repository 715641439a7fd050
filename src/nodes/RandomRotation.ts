import { defineLayer, ok } from './kind';
import type { ImageOp } from './imageOps';
import { dataFormat } from './params';
import { affineParams, affineTransform, rotationTransforms } from './affine';
import { needImages } from './imageResize';
import { drawn, factorRange, factorSpec, imageSize, perImage, randomImageClass, type Factor } from './randomImage';
import { buildWith } from './tfjsClass';

/** Keras' RandomRotation draw (an angle per image) and transform; also a RandAugment step. */
export const rotationOp: ImageOp = {
  draw(x, cfg, tf) {
    const [lo, hi] = factorRange(cfg.factor as Factor, -1);
    return { angle: tf.mul(perImage(tf, x.shape[0], [lo * 360, hi * 360]), Math.PI / 180) };
  },
  transform(x, t, cfg, tf) {
    const first = cfg.dataFormat === 'channelsFirst';
    const [h, w] = imageSize(x, first);
    return affineTransform(tf, x, rotationTransforms(tf, t.angle, h, w), { interpolation: cfg.interpolation as string, fillMode: cfg.fillMode as string, fillValue: cfg.fillValue as number, channelsFirst: first });
  },
};
const rotationClass = randomImageClass('RandomRotation', drawn(rotationOp));

/** layers.RandomRotation(factor): rotates each image by a random fraction of a full turn while training; identity at inference. */
export const RandomRotation = defineLayer({
  kind: 'RandomRotation',
  category: 'preprocessing',
  doc: 'While training, rotates each image about its center by a random angle drawn from factor × 360° (factor 0.1: up to ±36°); identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    factor: factorSpec({ default: 0.1, positional: true, min: -1, max: 1, tfjs: 'factor', doc: 'The rotation as a fraction of a full turn: f for [-f, f] or a (lower, upper) pair, e.g. 0.1 for up to ±36°.' }),
    ...affineParams(),
    data_format: dataFormat(),
  },
  infer: ([x]) => needImages('RandomRotation', x) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(rotationClass),
  examples: [
    { inputs: [[null, 8, 8, 3]] },
    { inputs: [[null, 6, 5, 2]], params: { factor: [-0.2, 0.3], fill_mode: 'constant', fill_value: 0.5, interpolation: 'nearest' } },
    { inputs: [[null, 2, 5, 7]], params: { factor: 0.5, fill_mode: 'wrap', data_format: 'channels_first' } },
  ],
});
