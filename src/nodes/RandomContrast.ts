import { defineLayer, ok } from './kind';
import type { ImageOp } from './imageOps';
import { dataFormat } from './params';
import { needImages } from './imageResize';
import { drawn, factorRange, factorSpec, perImage, randomImageClass, valueRange, type Factor } from './randomImage';
import { buildWith } from './tfjsClass';

/** Keras' RandomContrast draw and transform (tfjs config: factor as given, valueRange, dataFormat); also a step of RandomColorJitter and RandAugment. */
export const contrastOp: ImageOp = {
  draw(x, cfg, tf) {
    const [lo, hi] = factorRange(cfg.factor as Factor, 0);
    // Keras draws the contrast factor from [1 - lower, 1 + upper].
    return { k: tf.reshape(perImage(tf, x.shape[0], [1 - lo, 1 + hi]), [-1, 1, 1, 1]) };
  },
  transform(x, t, cfg, tf) {
  const [vmin, vmax] = cfg.valueRange as number[];
  const f = tf.cast(x, 'float32');
  const k = t.k;
  const mean = tf.mean(f, cfg.dataFormat === 'channelsFirst' ? [2, 3] : [1, 2], true);
  return tf.clipByValue(tf.add(tf.mul(tf.sub(f, mean), k), mean), vmin, vmax);
  },
};
const contrastClass = randomImageClass('RandomContrast', drawn(contrastOp));

/** layers.RandomContrast(factor): scales each image's deviation from its per-channel mean by a random factor while training; identity at inference. */
export const RandomContrast = defineLayer({
  kind: 'RandomContrast',
  category: 'preprocessing',
  doc: "While training, scales each image's distance from its per-channel mean by a random contrast factor, then clips to value_range; identity at inference.",
  inputs: { min: 1, max: 1 },
  params: {
    factor: factorSpec({ default: 0.1, min: -1, max: 1, positional: true, tfjs: 'factor', doc: 'The contrast change: f gives Keras\' range (0, f), a pair (lower, upper); the factor is drawn from [1 - lower, 1 + upper].' }),
    value_range: valueRange(),
    data_format: dataFormat(),
  },
  infer: ([x]) => needImages('RandomContrast', x) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(contrastClass),
  examples: [
    { inputs: [[null, 8, 8, 3]] },
    { inputs: [[null, 5, 6, 2]], params: { factor: [0.2, 0.5], value_range: [-1, 1] } },
    { inputs: [[null, 3, 4, 5]], params: { factor: 0.3, data_format: 'channels_first', value_range: [0, 1] } },
  ],
});
