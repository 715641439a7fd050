import { defineLayer, ok } from './kind';
import { dataFormat, py, type Spec } from './params';
import { buildWith } from './tfjsClass';
import { boxMask, clip, coin, cropBounds, imageLayerClass, imageShape, pick } from './imageOps';
import { factorRange, valueRange } from './imageParams';

const erasingClass = imageLayerClass('RandomErasing', {
  draw(images, c, tf) {
    const first = c.dataFormat === 'channelsFirst';
    const [n, h, w] = first ? [images.shape[0], images.shape[2]!, images.shape[3]!] : images.shape;
    const [scale, range, fill] = [c.scale as number[], c.valueRange as number[], c.fillValue as number | number[] | null];
    const mix = tf.sqrt(tf.randomUniform([n, 2], scale[0], scale[1]));
    const x = cropBounds(tf, n, w, tf.squeeze(tf.slice(mix, [0, 0], [n, 1]), [1]));
    const y = cropBounds(tf, n, h, tf.squeeze(tf.slice(mix, [0, 1], [n, 1]), [1]));
    const values = fill === null ? tf.mul(tf.randomNormal(images.shape), range[1]) : tf.mul(tf.onesLike(images), typeof fill === 'number' ? fill : tf.tensor1d(fill));
    return { apply_erasing: coin(tf, n, c.factor as number[]), batch_masks: boxMask(tf, images.shape, first, x, y), fill_value: clip(tf, values, range[0], range[1]) };
  },
  transform: (images, t, _c, tf) => pick(tf, t.apply_erasing, tf.where(t.batch_masks, t.fill_value, images), images),
});

const fillValue: Spec<number | readonly number[] | null> = {
  type: 'ints',
  default: null,
  tfjs: 'fillValue',
  doc: 'What erased pixels become: None for Gaussian noise scaled by value_range high, a number, or one number per channel (3 channels, channels_last).',
  check: (v) =>
    v === null || (typeof v === 'number' && Number.isFinite(v)) || (Array.isArray(v) && v.length === 3 && v.every((x) => typeof x === 'number' && Number.isFinite(x)))
      ? null
      : `must be None, a number or a list of 3 numbers, got ${py(v)}`,
  toKeras: (v) => (Array.isArray(v) ? [...v] : v),
  fromKeras: (x) => (x === null || (typeof x === 'number' && Number.isFinite(x)) || (Array.isArray(x) && x.length === 3 && x.every(Number.isFinite)) ? (x as number | number[] | null) : undefined),
  toTfjs: (v) => (Array.isArray(v) ? [...v] : v),
  toPython: (v) => py(v),
};

/** layers.RandomErasing(factor, scale, fill_value, value_range): while training, fills a random box of some images; identity at inference. */
export const RandomErasing = defineLayer({
  kind: 'RandomErasing',
  category: 'preprocessing',
  doc: 'While training, with a probability drawn from factor, replaces a random box of each image (sides √scale of the image sides) by fill_value or noise; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    factor: factorRange({ default: 1, bounds: [0, 1], tfjs: 'factor', positional: true, doc: 'Erasing probability: per image, one is drawn uniformly from (lower, upper); a number f means (0, f).' }),
    scale: factorRange({ default: [0.02, 0.33], bounds: [0, 1], tfjs: 'scale', doc: 'Box size: per image and side, s is drawn uniformly from (lower, upper) and the side is √s of the image side; a number s means (0, s).' }),
    fill_value: fillValue,
    value_range: valueRange({ sorted: false }),
    data_format: dataFormat(),
  },
  infer([x], p) {
    const bad = imageShape('RandomErasing', x, p.data_format);
    if (bad) return bad;
    if (Array.isArray(p.fill_value) && x[x.length - 1] !== 3 && x[x.length - 1] !== null) return imageShape('RandomErasing', x, 'channels_last', [3])!;
    return ok([...x]);
  },
  weights: () => [],
  tfjs: buildWith(erasingClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 2, 7, 6]], params: { factor: 0.5, scale: [0.1, 0.5], fill_value: 0.5, value_range: [0, 1], data_format: 'channels_first' } }],
});
