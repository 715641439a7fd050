/**
 * The image layers Keras 3's RandAugment and AugMix build inside (keras/src/layers/preprocessing/
 * image_preprocessing/rand_augment.py, aug_mix.py), by their attribute names, each as its kind's
 * own op with the config Keras gives it: the composite's factor pair as every factor (the
 * posterization bit count max(1, int(8·upper))), its value_range, interpolation and data_format,
 * the other options at their defaults.
 */
import { fillParams, tfjsConfig, type LayerKind } from './kind';
import type { ImageOp } from './imageOps';
import { RandomShear, shearOp } from './RandomShear';
import { RandomTranslation, translationOp } from './RandomTranslation';
import { RandomRotation, rotationOp } from './RandomRotation';
import { brightnessOp, RandomBrightness } from './RandomBrightness';
import { degenerationOp, RandomColorDegeneration } from './RandomColorDegeneration';
import { contrastOp, RandomContrast } from './RandomContrast';
import { RandomSharpness, sharpnessOp } from './RandomSharpness';
import { posterizationOp, RandomPosterization } from './RandomPosterization';
import { Solarization, solarizationOp } from './Solarization';
import { AutoContrast, autoContrastOp } from './AutoContrast';
import { Equalization, equalizationOp } from './Equalization';

type Cfg = Record<string, unknown>;
export interface Step {
  name: string;
  op: ImageOp;
  cfg: Cfg;
}

/** The steps in Keras' order (RandAugment's _AUGMENT_LAYERS; AugMix picks from them by name). */
export const STEP_NAMES = [
  'random_shear',
  'random_translation',
  'random_rotation',
  'random_brightness',
  'random_color_degeneration',
  'random_contrast',
  'random_sharpness',
  'random_posterization',
  'solarization',
  'auto_contrast',
  'equalization',
] as const;

/** The steps for a composite's tfjs config (factor: the normalized pair; valueRange; interpolation; dataFormat). */
export function augmentSteps(c: Cfg): Record<(typeof STEP_NAMES)[number], Step> {
  const factor = c.factor as number[];
  const common = { data_format: c.dataFormat === 'channelsFirst' ? 'channels_first' : 'channels_last' };
  const ranged = { ...common, value_range: c.valueRange };
  const affine = { ...common, interpolation: c.interpolation };
  const step = (name: string, kind: LayerKind, op: ImageOp, params: Cfg): Step => ({ name, op, cfg: tfjsConfig(kind, fillParams(kind, params), name).config });
  return {
    random_shear: step('random_shear', RandomShear, shearOp, { x_factor: factor, y_factor: factor, ...affine }),
    random_translation: step('random_translation', RandomTranslation, translationOp, { height_factor: factor, width_factor: factor, ...affine }),
    random_rotation: step('random_rotation', RandomRotation, rotationOp, { factor, ...affine }),
    random_brightness: step('random_brightness', RandomBrightness, brightnessOp, { factor, ...ranged }),
    random_color_degeneration: step('random_color_degeneration', RandomColorDegeneration, degenerationOp, { factor, ...ranged }),
    random_contrast: step('random_contrast', RandomContrast, contrastOp, { factor, ...ranged }),
    random_sharpness: step('random_sharpness', RandomSharpness, sharpnessOp, { factor, ...ranged }),
    random_posterization: step('random_posterization', RandomPosterization, posterizationOp, { factor: Math.max(1, Math.trunc(8 * factor[1])), ...ranged }),
    solarization: step('solarization', Solarization, solarizationOp, { addition_factor: factor, threshold_factor: factor, ...ranged }),
    auto_contrast: step('auto_contrast', AutoContrast, autoContrastOp, ranged),
    equalization: step('equalization', Equalization, equalizationOp, ranged),
  };
}
