import { defineLayer, fail, ok } from './kind';
import { dataFormat, py } from './params';
import { orNone } from './optional';
import { affineParams, affineTransform } from './affine';
import { needImages } from './imageResize';
import { factorRange, factorSpec, imageSize, perImage, randomImageClass, type Factor } from './randomImage';
import { buildWith } from './tfjsClass';

const zoomClass = randomImageClass('RandomZoom', (tf, x, cfg) => {
  const first = cfg.dataFormat === 'channelsFirst';
  const [h, w] = imageSize(x, first);
  const b = x.shape[0];
  const [hl, hh] = factorRange(cfg.heightFactor as Factor);
  const zy = perImage(tf, b, [1 + hl, 1 + hh]);
  // No width_factor: the same zoom on both axes (aspect ratio kept).
  const zx = cfg.widthFactor === null || cfg.widthFactor === undefined ? zy : perImage(tf, b, factorRange(cfg.widthFactor as Factor).map((f) => 1 + f) as [number, number]);
  const zero = tf.zeros([b]);
  const transforms = tf.stack([zx, zero, tf.mul((w - 1) / 2, tf.sub(1, zx)), zero, zy, tf.mul((h - 1) / 2, tf.sub(1, zy))], 1);
  return affineTransform(tf, x, transforms, { interpolation: cfg.interpolation as string, fillMode: cfg.fillMode as string, fillValue: cfg.fillValue as number, channelsFirst: first });
});

/** layers.RandomZoom(height_factor): zooms each image in or out by a random amount while training; identity at inference. */
export const RandomZoom = defineLayer({
  kind: 'RandomZoom',
  category: 'preprocessing',
  doc: 'While training, zooms each image about its center by a random amount (positive factors zoom out, negative zoom in); identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    height_factor: factorSpec({ default: 0.1, positional: true, min: -1, max: 1, tfjs: 'heightFactor', doc: 'The vertical zoom as a fraction: f for [-f, f] or a (lower, upper) pair; the image is scaled by 1 + factor (positive: zoom out).' }),
    width_factor: orNone(factorSpec({ default: 0.1, min: -1, max: 1, tfjs: 'widthFactor', doc: 'The horizontal zoom, as height_factor; None: the same zoom as vertically, keeping the aspect ratio.' })),
    ...affineParams(),
    data_format: dataFormat(),
  },
  infer([x], p) {
    const bad = needImages('RandomZoom', x);
    if (bad) return bad;
    // Keras refuses -1 (a zero scale) but takes any other factor in (-1, 1].
    for (const key of ['height_factor', 'width_factor'] as const) {
      const v = p[key];
      if (v !== null && factorRange(v)[0] <= -1) return fail(`RandomZoom ${key} must be in (-1, 1], got ${py(v)}`, 'invalid-param', key);
    }
    return ok([...x]);
  },
  weights: () => [],
  tfjs: buildWith(zoomClass),
  examples: [
    { inputs: [[null, 8, 8, 3]] },
    { inputs: [[null, 6, 7, 2]], params: { height_factor: [-0.3, 0.2], width_factor: 0.4, fill_mode: 'constant', interpolation: 'nearest' } },
    { inputs: [[null, 2, 5, 6]], params: { height_factor: 0.5, data_format: 'channels_first', fill_mode: 'nearest' } },
  ],
});
