import { defineLayer, ok } from './kind';
import { dataFormat, float } from './params';
import { buildWith } from './tfjsClass';
import { channelsLast, grayscale, imageLayerClass, imageShape, perImage, pick } from './imageOps';

const grayscaleClass = imageLayerClass('RandomGrayscale', {
  draw: (images, c, tf) => ({ should_apply: tf.less(tf.randomUniform(perImage(images)), c.factor as number) }),
  // Keras' where() broadcasts the one gray channel over all three.
  transform: (images, t, c, tf) => pick(tf, t.should_apply, channelsLast(tf, images, c.dataFormat, (x) => grayscale(tf, x)), images),
});

/** layers.RandomGrayscale(factor): while training, turns each image gray with probability factor; identity at inference. */
export const RandomGrayscale = defineLayer({
  kind: 'RandomGrayscale',
  category: 'preprocessing',
  doc: 'While training, turns each image to grayscale (0.2989 R + 0.587 G + 0.114 B in every channel) with probability factor; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    factor: float({ default: 0.5, min: 0, max: 1, tfjs: 'factor', positional: true, doc: 'The probability that an image is turned gray: 0 never, 1 always.' }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('RandomGrayscale', x, p.data_format, [1, 3]) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(grayscaleClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 3, 6, 5]], params: { factor: 1, data_format: 'channels_first' } }, { inputs: [[null, 4, 4, 1]] }],
});
