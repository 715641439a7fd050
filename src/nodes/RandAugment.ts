import { defineLayer, ok } from './kind';
import { dataFormat, enumOf, int } from './params';
import { buildWith } from './tfjsClass';
import { AFFINE_INTERPOLATIONS } from './affine';
import { imageLayerClass, imageShape, type ImageOp, type Transformation } from './imageOps';
import { factorRange } from './imageParams';
import { valueRange } from './randomImage';
import { augmentSteps, STEP_NAMES } from './augmentSteps';

/**
 * Keras' RandAugment: num_ops step indices drawn for the batch, then those steps in turn. Each
 * step's transformation is drawn once per call from the input batch, so a step picked twice
 * applies the same draw twice, as in Keras.
 */
export const randAugmentOp: ImageOp = {
  draw: (_images, c, tf) => ({ layer_idxes: tf.tensor1d(Array.from({ length: c.numOps as number }, () => Math.floor(Math.random() * STEP_NAMES.length)), 'int32') }),
  transform(images, t, c, tf) {
    const steps = augmentSteps(c);
    const draws = new Map<number, Transformation>();
    let x = images;
    for (const i of t.layer_idxes.dataSync()) {
      const s = steps[STEP_NAMES[i]];
      if (!draws.has(i)) draws.set(i, s.op.draw?.(images, s.cfg, tf) ?? {});
      x = s.op.transform(x, draws.get(i)!, s.cfg, tf);
    }
    return x;
  },
};
const randAugmentClass = imageLayerClass('RandAugment', randAugmentOp);

/** layers.RandAugment(value_range, num_ops, factor): while training, num_ops steps drawn from 11 image layers; identity at inference. */
export const RandAugment = defineLayer({
  kind: 'RandAugment',
  category: 'preprocessing',
  doc: 'While training, applies num_ops steps picked at random (for the whole batch) from shear, translation, rotation, brightness, colour degeneration, contrast, sharpness, posterization, solarization, auto-contrast and equalization, each of strength factor; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    value_range: valueRange(),
    num_ops: int({ default: 2, min: 0, tfjs: 'numOps', doc: 'How many steps to apply (a step may be picked more than once).' }),
    factor: factorRange({ default: 0.5, bounds: [0, 1], tfjs: 'factor', doc: 'The strength (lower, upper) every step gets as its factor (posterization keeps max(1, int(8·upper)) bits); a number f means (0, f).' }),
    interpolation: enumOf(AFFINE_INTERPOLATIONS, 'bilinear', { tfjs: 'interpolation', doc: 'How the geometric steps (shear, translation, rotation) read a point between pixels: "bilinear" or "nearest".' }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('RandAugment', x, p.data_format, [1, 3]) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(randAugmentClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 3, 6, 5]], params: { num_ops: 3, factor: [0.1, 0.4], value_range: [0, 1], interpolation: 'nearest', data_format: 'channels_first' } }],
});
