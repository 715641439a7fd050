import { defineLayer, ok } from './kind';
import { dataFormat, float } from './params';
import { buildWith } from './tfjsClass';
import { betaDraw, imageLayerClass, imageShape, permutation, type ImageOp } from './imageOps';

/** Keras' MixUp draw (a permutation of the batch, a Beta(alpha, alpha) weight per image) and transform. */
export const mixUpOp: ImageOp = {
  draw: (images, c, tf) => ({ permutation_order: permutation(tf, images.shape[0]), mix_weight: betaDraw(tf, images.shape[0], c.alpha as number) }),
  transform(images, t, _c, tf) {
    const w = tf.reshape(t.mix_weight, [-1, 1, 1, 1]);
    return tf.add(tf.mul(w, images), tf.mul(tf.sub(1, w), tf.gather(images, t.permutation_order)));
  },
};
const mixUpClass = imageLayerClass('MixUp', mixUpOp);

/**
 * layers.MixUp(alpha): while training, blends each image with another image of the batch. Keras
 * mixes labels too only when called on a {"images", "labels"} dict; a functional model passes it
 * the image tensor, so here (as there) only the images are mixed.
 */
export const MixUp = defineLayer({
  kind: 'MixUp',
  category: 'preprocessing',
  doc: 'While training, replaces each image by w·image + (1 - w)·(another image of the batch), w ~ Beta(alpha, alpha) per image; labels are not mixed in a model (Keras mixes them only for a dict input); identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    alpha: float({ default: 0.2, min: 0, exclusiveMin: true, tfjs: 'alpha', doc: 'The Beta(alpha, alpha) distribution of the mix weight: small alpha keeps most images nearly whole, 1 is uniform.' }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('MixUp', x, p.data_format) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(mixUpClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 2, 5, 6]], params: { alpha: 1.5, data_format: 'channels_first' } }],
});
