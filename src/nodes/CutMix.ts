import { defineLayer, ok } from './kind';
import { dataFormat } from './params';
import { buildWith } from './tfjsClass';
import { betaDraw, boxMask, cropBounds, imageLayerClass, imageShape, permutation, type ImageOp } from './imageOps';
import { factorRange } from './imageParams';

/** Keras' CutMix draw (a box per image, a permutation of the batch) and transform. */
export const cutMixOp: ImageOp = {
  draw(images, c, tf) {
    const first = c.dataFormat === 'channelsFirst';
    const [n, h, w] = first ? [images.shape[0], images.shape[2]!, images.shape[3]!] : images.shape;
    const [lo, hi] = c.factor as number[];
    // One alpha for the batch, then a Beta(alpha, alpha) weight per image; the box covers 1 - weight of it.
    const alpha = lo + (hi - lo) * Math.random() + 1e-6;
    const ratio = tf.sqrt(tf.sub(1, betaDraw(tf, n, alpha)));
    const x = cropBounds(tf, n, w, ratio);
    const y = cropBounds(tf, n, h, ratio);
    return { batch_masks: boxMask(tf, images.shape, first, x, y), permutation_order: permutation(tf, n) };
  },
  transform: (images, t, _c, tf) => tf.where(t.batch_masks, tf.gather(images, t.permutation_order), images),
};
const cutMixClass = imageLayerClass('CutMix', cutMixOp);

/**
 * layers.CutMix(factor): while training, pastes a random box of another image of the batch into
 * each image. Keras mixes labels too only when called on a {"images", "labels"} dict; a functional
 * model passes it the image tensor, so here (as there) only the images are mixed.
 */
export const CutMix = defineLayer({
  kind: 'CutMix',
  category: 'preprocessing',
  doc: 'While training, replaces a random box of each image by the same box of another image of the batch (box area 1 - w, w ~ Beta(alpha, alpha)); labels are not mixed in a model (Keras mixes them only for a dict input); identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    factor: factorRange({ default: 1, bounds: [0, 1], tfjs: 'factor', positional: true, doc: 'The Beta(alpha, alpha) of the box sizes: alpha is drawn per batch from (lower, upper); a number f means (0, f).' }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('CutMix', x, p.data_format) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(cutMixClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 2, 5, 6]], params: { factor: [0.3, 0.6], data_format: 'channels_first' } }],
});
