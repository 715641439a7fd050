import { defineLayer, ok } from './kind';
import { dataFormat } from './params';
import { buildWith } from './tfjsClass';
import { clip, imageLayerClass, imageShape, perImage, valueRangeTo, type ImageOp } from './imageOps';
import { factorRange, valueRange } from './imageParams';

/** Keras' Solarization transform (and draw); also a step of RandAugment and AugMix. */
export const solarizationOp: ImageOp = {
  draw(images, c, tf) {
    const [a, t] = [c.additionFactor as number[], c.thresholdFactor as number[]];
    // As Keras draws them: the lower end is not scaled by 255, the upper is.
    return { additions: tf.randomUniform(perImage(images), a[0], a[1] * 255), thresholds: tf.randomUniform(perImage(images), t[0], t[1] * 255) };
  },
  transform(images, t, c, tf) {
    const range = c.valueRange as number[];
    const x = clip(tf, tf.add(valueRangeTo(tf, images, range, [0, 255]), t.additions), 0, 255);
    return valueRangeTo(tf, tf.where(tf.less(x, tf.broadcastTo(t.thresholds, x.shape)), x, tf.sub(255, x)), [0, 255], range);
  },
};
const solarizationClass = imageLayerClass('Solarization', solarizationOp);

/** layers.Solarization(addition_factor, threshold_factor, value_range): while training, inverts pixels at or above a random threshold; identity at inference. */
export const Solarization = defineLayer({
  kind: 'Solarization',
  category: 'preprocessing',
  doc: 'While training, adds a random amount to each image (on a 0–255 scale), then inverts every pixel at or above a random threshold (255 - x); identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    addition_factor: factorRange({ default: 0, bounds: [0, 1], eachInBounds: true, tfjs: 'additionFactor', doc: 'The amount added before thresholding, per image drawn uniformly from (lower, upper·255); a number f means (0, f).' }),
    threshold_factor: factorRange({ default: 0, bounds: [0, 1], eachInBounds: true, tfjs: 'thresholdFactor', doc: 'The threshold at or above which pixels are inverted, per image drawn uniformly from (lower, upper·255); a number f means (0, f).' }),
    value_range: valueRange({ sorted: true }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('Solarization', x, p.data_format) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(solarizationClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 6, 6, 1]], params: { addition_factor: 0.2, threshold_factor: [0.4, 0.6], value_range: [0, 1] } }],
});
