import { defineLayer, ok } from './kind';
import { dataFormat } from './params';
import { buildWith } from './tfjsClass';
import { channelsLast, clip, hsvToRgb, imageLayerClass, imageShape, type ImageOp, rgbToHsv, valueRangeTo } from './imageOps';
import { factorRange, valueRange } from './imageParams';

/** Keras' RandomHue draw and transform (tfjs config: factor as a sorted pair, valueRange, dataFormat); also a RandomColorJitter step. */
export const hueOp: ImageOp = {
  draw(images, c, tf) {
    const n = images.shape[0];
    const sign = tf.where(tf.greater(tf.randomUniform([n]), 0.5), tf.fill([n], -1), tf.fill([n], 1));
    return { factor: tf.mul(tf.mul(sign, tf.randomUniform([n], (c.factor as number[])[0], (c.factor as number[])[1])), 0.5) };
  },
  transform(images, t, c, tf) {
    const range = c.valueRange as number[];
    const out = channelsLast(tf, valueRangeTo(tf, images, range, [0, 1]), c.dataFormat, (x) => {
      const [h, s, v] = tf.split(rgbToHsv(tf, x), 3, -1);
      let h2 = tf.add(h, tf.reshape(t.factor, [x.shape[0], 1, 1, 1]));
      h2 = tf.where(tf.greater(h2, 1), tf.sub(h2, 1), h2);
      h2 = tf.where(tf.less(h2, 0), tf.add(h2, 1), h2);
      return clip(tf, hsvToRgb(tf, tf.concat([h2, s, v], -1)), 0, 1);
    });
    return valueRangeTo(tf, out, [0, 1], range);
  },
};
const hueClass = imageLayerClass('RandomHue', hueOp);

/** layers.RandomHue(factor, value_range): while training, rotates each RGB image's hue by a random amount; identity at inference. */
export const RandomHue = defineLayer({
  kind: 'RandomHue',
  category: 'preprocessing',
  doc: 'While training, shifts the HSV hue of each RGB image by ±f/2 of the colour wheel, f random and the sign a coin toss; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    factor: factorRange({ default: 0.5, bounds: [0, 1], tfjs: 'factor', positional: true, doc: 'Per image f is drawn uniformly from (lower, upper) and the hue shifted by ±f/2 (1 is half the wheel); a number f means (0, f).' }),
    value_range: valueRange({ sorted: false }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('RandomHue', x, p.data_format, [3]) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(hueClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 3, 6, 5]], params: { factor: [0.2, 0.6], value_range: [0, 1], data_format: 'channels_first' } }],
});
