import { defineLayer, ok } from './kind';
import { dataFormat } from './params';
import { buildWith } from './tfjsClass';
import { coin, imageLayerClass, imageShape, pick } from './imageOps';
import { factorRange, valueRange } from './imageParams';

const invertClass = imageLayerClass('RandomInvert', {
  draw: (images, c, tf) => ({ apply_inversion: coin(tf, images.shape[0], c.factor as number[]) }),
  // Keras inverts as value_range[1] - x (not low + high - x).
  transform: (images, t, c, tf) => pick(tf, t.apply_inversion, tf.sub((c.valueRange as number[])[1], images), images),
});

/** layers.RandomInvert(factor, value_range): while training, inverts some images (high - x); identity at inference. */
export const RandomInvert = defineLayer({
  kind: 'RandomInvert',
  category: 'preprocessing',
  doc: 'While training, replaces each image by value_range[1] - image with a probability drawn from factor; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    factor: factorRange({ default: 1, bounds: [0, 1], tfjs: 'factor', positional: true, doc: 'Inversion probability: per image, one is drawn uniformly from (lower, upper); a number f means (0, f).' }),
    value_range: valueRange({ sorted: false }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('RandomInvert', x, p.data_format) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(invertClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 6, 6, 1]], params: { factor: [0.2, 0.8], value_range: [0, 1] } }],
});
