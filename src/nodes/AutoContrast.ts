import { defineLayer, ok } from './kind';
import { dataFormat } from './params';
import { buildWith } from './tfjsClass';
import { clip, imageLayerClass, imageShape, valueRangeTo, type ImageOp } from './imageOps';
import { valueRange } from './imageParams';

/** Keras' AutoContrast transform (and draw); also a step of RandAugment and AugMix. */
export const autoContrastOp: ImageOp = {
  // Keras' transform_images ignores `training`: the layer acts at inference too.
  atInference: true,
  transform(images, _t, c, tf) {
    const range = c.valueRange as number[];
    const x = valueRangeTo(tf, images, range, [0, 255]);
    // Axes 1 and 2 whatever data_format says, as Keras does; a flat channel gives NaN and keeps its input.
    const low = tf.min(x, [1, 2], true);
    const high = tf.max(x, [1, 2], true);
    const scale = tf.div(255, tf.sub(high, low));
    const y = tf.add(tf.mul(x, scale), tf.mul(tf.neg(low), scale));
    const out = valueRangeTo(tf, clip(tf, y, 0, 255), [0, 255], range);
    return tf.where(tf.isNaN(out), images, out);
  },
};
const autoContrastClass = imageLayerClass('AutoContrast', autoContrastOp);

/** layers.AutoContrast(value_range): stretches each image channel to the full value range, in training and at inference. */
export const AutoContrast = defineLayer({
  kind: 'AutoContrast',
  category: 'preprocessing',
  doc: 'Stretches each image channel linearly so its lowest value becomes value_range low and its highest value_range high (a flat channel is kept); acts in training and at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    value_range: valueRange({ sorted: true }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('AutoContrast', x, p.data_format) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(autoContrastClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 6, 5, 1]], params: { value_range: [0, 1] } }],
});
