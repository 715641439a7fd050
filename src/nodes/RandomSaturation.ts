import { defineLayer, ok } from './kind';
import { dataFormat } from './params';
import { buildWith } from './tfjsClass';
import { channelsLast, clip, hsvToRgb, imageLayerClass, imageShape, type ImageOp, rgbToHsv } from './imageOps';
import { factorRange, valueRange } from './imageParams';

/** Keras' RandomSaturation draw and transform (tfjs config: factor as a sorted pair, valueRange, dataFormat); also a RandomColorJitter step. */
export const saturationOp: ImageOp = {
  draw(images, c, tf) {
    const f = tf.randomUniform([images.shape[0]], (c.factor as number[])[0], (c.factor as number[])[1]);
    return { factor: tf.div(f, tf.add(tf.sub(1, f), 1e-7)) }; // Keras: f / (1 - f + epsilon)
  },
  transform(images, t, c, tf) {
    const range = c.valueRange as number[];
    return channelsLast(tf, images, c.dataFormat, (x) => {
      const [h, s, v] = tf.split(rgbToHsv(tf, x), 3, -1);
      // Keras clips the saturation to value_range (not to [0, 1]).
      const s2 = clip(tf, tf.mul(s, tf.reshape(t.factor, [x.shape[0], 1, 1, 1])), range[0], range[1]);
      return hsvToRgb(tf, tf.concat([h, s2, v], -1));
    });
  },
};
const saturationClass = imageLayerClass('RandomSaturation', saturationOp);

/** layers.RandomSaturation(factor, value_range): while training, scales each RGB image's saturation by a random factor; identity at inference. */
export const RandomSaturation = defineLayer({
  kind: 'RandomSaturation',
  category: 'preprocessing',
  doc: 'While training, multiplies the HSV saturation of each RGB image by f / (1 - f) for a random f (0.5 keeps it, 0 makes it gray, near 1 saturates fully); identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    factor: factorRange({ default: 0.5, bounds: [-1, 1], tfjs: 'factor', positional: true, doc: 'Per image f is drawn uniformly from (lower, upper) and saturation multiplied by f / (1 - f); a number f means (-f, f).' }),
    value_range: valueRange({ sorted: true }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('RandomSaturation', x, p.data_format, [3]) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(saturationClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 3, 6, 5]], params: { factor: [0.3, 0.8], data_format: 'channels_first' } }],
});
