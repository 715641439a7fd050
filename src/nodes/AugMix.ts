import { defineLayer, ok } from './kind';
import { bool, dataFormat, enumOf, float, int } from './params';
import { buildWith } from './tfjsClass';
import { AFFINE_INTERPOLATIONS } from './affine';
import { betaDraw, clip, imageLayerClass, imageShape, type ImageOp } from './imageOps';
import { factorRange } from './imageParams';
import { valueRange } from './randomImage';
import { augmentSteps, STEP_NAMES } from './augmentSteps';

/** The steps AugMix picks from: Keras' AUGMENT_LAYERS_ALL, or AUGMENT_LAYERS without all_ops (no colour steps). */
const ALL = STEP_NAMES.map((_, i) => i);
const GEOMETRIC_AND_TONE = ['random_shear', 'random_translation', 'random_rotation', 'random_posterization', 'solarization', 'auto_contrast', 'equalization'].map((n) => STEP_NAMES.indexOf(n as never));

/**
 * Keras' AugMix draw: Dirichlet(alpha) weights of the chains, a Beta(alpha, alpha) weight of the
 * original, and per chain chain_depth picks among the steps and "none" (step indices, -1 for none).
 */
export const augMixOp: ImageOp = {
  draw(_images, c, tf) {
    const choices = c.allOps ? ALL : GEOMETRIC_AND_TONE;
    const pick = () => {
      const i = Math.floor(Math.random() * (choices.length + 1));
      return i === choices.length ? -1 : choices[i];
    };
    const chains = Array.from({ length: c.numChains as number }, () => Array.from({ length: c.chainDepth as number }, pick));
    const gamma = tf.randomGamma([c.numChains as number], c.alpha as number);
    return {
      chain_mixing_weights: tf.div(gamma, tf.sum(gamma)),
      weight_sample: tf.reshape(betaDraw(tf, 1, c.alpha as number), []),
      chain_steps: tf.tensor2d(chains.flat(), [chains.length, c.chainDepth as number], 'int32'),
    };
  },
  /** Each chain's steps on a copy (each step with a draw of its own), mixed by the chain weights, then with the original; clipped to value_range. */
  transform(images, t, c, tf) {
    const steps = augmentSteps(c);
    const weights = t.chain_mixing_weights.dataSync();
    let aug = tf.zerosLike(images);
    (t.chain_steps.arraySync() as number[][]).forEach((chain, k) => {
      let x = images;
      for (const i of chain.filter((j) => j >= 0)) {
        const s = steps[STEP_NAMES[i]];
        x = s.op.transform(x, s.op.draw?.(images, s.cfg, tf) ?? {}, s.cfg, tf);
      }
      aug = tf.add(aug, tf.mul(x, weights[k]));
    });
    const w = t.weight_sample;
    const range = c.valueRange as number[];
    return clip(tf, tf.add(tf.mul(w, images), tf.mul(tf.sub(1, w), aug)), range[0], range[1]);
  },
};
const augMixClass = imageLayerClass('AugMix', augMixOp);

/** layers.AugMix: while training, mixes each batch with num_chains chains of random augmentation steps; identity at inference. */
export const AugMix = defineLayer({
  kind: 'AugMix',
  category: 'preprocessing',
  doc: 'While training, runs num_chains chains of up to chain_depth random steps (shear, translation, rotation, posterization, solarization, auto-contrast, equalization; with all_ops also brightness, colour, contrast, sharpness), mixes them with Dirichlet weights and the result with the input, then clips to value_range; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    value_range: valueRange(),
    num_chains: int({ default: 3, min: 1, tfjs: 'numChains', doc: 'How many augmentation chains are mixed.' }),
    chain_depth: int({ default: 3, min: 0, tfjs: 'chainDepth', doc: 'Steps per chain; each pick may also be "none", so a chain has up to this many.' }),
    factor: factorRange({ default: 0.3, bounds: [0, 1], tfjs: 'factor', doc: 'The strength (lower, upper) every step gets as its factor (posterization keeps max(1, int(8·upper)) bits); a number f means (0, f).' }),
    alpha: float({ default: 1, min: 0, exclusiveMin: true, tfjs: 'alpha', doc: 'The Dirichlet(alpha) of the chain weights and the Beta(alpha, alpha) of the weight of the original image.' }),
    all_ops: bool(true, { tfjs: 'allOps', doc: 'Also use the colour steps (brightness, colour degeneration, contrast, sharpness).' }),
    interpolation: enumOf(AFFINE_INTERPOLATIONS, 'bilinear', { tfjs: 'interpolation', doc: 'How the geometric steps (shear, translation, rotation) read a point between pixels: "bilinear" or "nearest".' }),
    data_format: dataFormat(),
  },
  infer: ([x], p) => imageShape('AugMix', x, p.data_format, [1, 3]) ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(augMixClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 1, 6, 5]], params: { num_chains: 2, chain_depth: 2, factor: [0.1, 0.4], alpha: 0.5, all_ops: false, value_range: [0, 1], data_format: 'channels_first' } }],
});
