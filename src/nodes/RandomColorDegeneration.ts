import { defineLayer, ok } from './kind';
import { dataFormat } from './params';
import { buildWith } from './tfjsClass';
import { channelsLast, clip, grayscale, imageLayerClass, imageShape, perImage, type ImageOp } from './imageOps';
import { factorRange, valueRange } from './imageParams';

/** Keras' RandomColorDegeneration transform (and draw); also a step of RandAugment and AugMix. */
export const degenerationOp: ImageOp = {
  draw: (images, c, tf) => ({ factor: tf.randomUniform(perImage(images), (c.factor as number[])[0], (c.factor as number[])[1]) }),
  transform(images, t, c, tf) {
    const range = c.valueRange as number[];
    const gray = channelsLast(tf, images, c.dataFormat, (x) => tf.broadcastTo(grayscale(tf, x), x.shape));
    return clip(tf, tf.add(images, tf.mul(t.factor, tf.sub(gray, images))), range[0], range[1]);
  },
};
const degenerationClass = imageLayerClass('RandomColorDegeneration', degenerationOp);

/** layers.RandomColorDegeneration(factor, value_range): while training, blends each image toward its grayscale version by a random amount; identity at inference. */
export const RandomColorDegeneration = defineLayer({
  kind: 'RandomColorDegeneration',
  category: 'preprocessing',
  doc: 'While training, moves each RGB image toward its grayscale version by a random amount f (x + f·(gray - x), clipped to value_range); identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    factor: factorRange({ default: 0.5, bounds: [-1, 1], tfjs: 'factor', positional: true, doc: 'The blend amount: per image drawn uniformly from (lower, upper); a number f means (-f, f); 1 is fully gray.' }),
    value_range: valueRange({ sorted: true }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('RandomColorDegeneration', x, p.data_format, [3]) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(degenerationClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 3, 6, 5]], params: { factor: [0.2, 0.9], value_range: [0, 1], data_format: 'channels_first' } }],
});
