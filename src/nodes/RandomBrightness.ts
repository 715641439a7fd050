import { defineLayer, ok } from './kind';
import type { ImageOp } from './imageOps';
import { dataFormat } from './params';
import { needImages } from './imageResize';
import { drawn, factorRange, factorSpec, perImage, randomImageClass, valueRange, type Factor } from './randomImage';
import { buildWith } from './tfjsClass';

/** Keras' RandomBrightness draw and transform (tfjs config: factor as given, valueRange); also a step of RandomColorJitter and RandAugment. */
export const brightnessOp: ImageOp = {
  draw(x, cfg, tf) {
    const [vmin, vmax] = cfg.valueRange as number[];
    return { delta: tf.reshape(tf.mul(perImage(tf, x.shape[0], factorRange(cfg.factor as Factor, -1)), vmax - vmin), [-1, 1, 1, 1]) };
  },
  transform(x, t, cfg, tf) {
    const [vmin, vmax] = cfg.valueRange as number[];
    return tf.clipByValue(tf.add(tf.cast(x, 'float32'), t.delta), vmin, vmax);
  },
};
const brightnessClass = randomImageClass('RandomBrightness', drawn(brightnessOp));

/** layers.RandomBrightness(factor): adds a random offset to every pixel of each image while training; identity at inference. */
export const RandomBrightness = defineLayer({
  kind: 'RandomBrightness',
  category: 'preprocessing',
  doc: 'While training, adds to each image a random offset (factor × the width of value_range), then clips to value_range; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    factor: factorSpec({ default: 0.1, min: -1, max: 1, positional: true, tfjs: 'factor', doc: 'The brightness change as a fraction of value_range: f for [-f, f] or a (lower, upper) pair.' }),
    value_range: valueRange(),
    data_format: dataFormat(),
  },
  infer: ([x]) => needImages('RandomBrightness', x) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(brightnessClass),
  examples: [
    { inputs: [[null, 8, 8, 3]] },
    { inputs: [[null, 5, 6, 2]], params: { factor: [-0.2, 0.5], value_range: [-1, 1] } },
  ],
});
