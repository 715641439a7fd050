import { defineLayer, fail, ok } from './kind';
import { dataFormat, type Spec } from './params';
import { fmtShape } from '../engine/shape';
import { orNone } from './optional';
import { buildWith } from './tfjsClass';
import { imageLayerClass, imageShape, type ImageOp } from './imageOps';
import { valueRange, type Factor } from './randomImage';
import { brightnessOp, RandomBrightness } from './RandomBrightness';
import { contrastOp, RandomContrast } from './RandomContrast';
import { RandomSaturation, saturationOp } from './RandomSaturation';
import { hueOp, RandomHue } from './RandomHue';

type Cfg = Record<string, unknown>;

/**
 * Keras builds its four sub-layers with their own defaults: data_format channels_last whatever
 * the jitter's data_format says, the jitter's value_range, each factor normalized by the sub-layer.
 */
const jitterOp: ImageOp = {
  transform(images, _t, c, tf) {
    const valueRange = c.valueRange as number[];
    const sub = (factor: unknown): Cfg => ({ factor, valueRange, dataFormat: 'channelsLast' });
    const step = (x: typeof images, op: ImageOp, cfg: Cfg) => op.transform(x, op.draw?.(x, cfg, tf) ?? {}, cfg, tf);
    let x = images;
    // RandomBrightness sorts its value_range (the others use it as given; the spec keeps it low ≤ high).
    if (c.brightnessFactor != null) x = step(x, brightnessOp, sub(c.brightnessFactor));
    if (c.contrastFactor != null) x = step(x, contrastOp, sub(c.contrastFactor));
    if (c.saturationFactor != null) x = step(x, saturationOp, sub(RandomSaturation.params.factor.toTfjs(c.saturationFactor)));
    if (c.hueFactor != null) x = step(x, hueOp, sub(RandomHue.params.factor.toTfjs(c.hueFactor)));
    return x;
  },
};
const jitterClass = imageLayerClass('RandomColorJitter', jitterOp);

/** A sub-layer's factor as the jitter stores it: as given (or None), checked as the sub-layer checks it. */
const subFactor = (spec: Spec<Factor>, tfjs: string, doc: string) => orNone<Factor>({ ...spec, positional: false, tfjs, doc, toKeras: (v) => v, toTfjs: (v) => v });

/** layers.RandomColorJitter: while training, RandomBrightness, RandomContrast, RandomSaturation and RandomHue in turn (each only when its factor is given); identity at inference. */
export const RandomColorJitter = defineLayer({
  kind: 'RandomColorJitter',
  category: 'preprocessing',
  doc: 'While training, applies random brightness, contrast, saturation and hue changes in turn (each only when its factor is set), as the four Random* layers do; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    value_range: valueRange(),
    brightness_factor: subFactor(RandomBrightness.params.factor, 'brightnessFactor', 'As RandomBrightness(factor): the change as a fraction of value_range, f for [-f, f] or (lower, upper); None: no brightness step.'),
    contrast_factor: subFactor(RandomContrast.params.factor, 'contrastFactor', 'As RandomContrast(factor): the contrast factor is drawn from [1 - lower, 1 + upper]; None: no contrast step.'),
    saturation_factor: subFactor(RandomSaturation.params.factor, 'saturationFactor', 'As RandomSaturation(factor): saturation times f / (1 - f), f drawn from (lower, upper), 0.5 keeps it; None: no saturation step.'),
    hue_factor: subFactor(RandomHue.params.factor, 'hueFactor', 'As RandomHue(factor): hue shifted by ±f/2 of the wheel, f drawn from (lower, upper); None: no hue step.'),
    data_format: dataFormat(),
  },
  infer: ([x], p) => {
    const r = imageShape('RandomColorJitter', x, p.data_format);
    if (r) return r;
    // Keras' saturation and hue steps read RGB from the last axis, even for channels_first.
    const c = x[x.length - 1];
    if ((p.saturation_factor !== null || p.hue_factor !== null) && c !== null && c !== 3)
      return fail(`RandomColorJitter's saturation and hue steps need 3 channels (RGB) on the last axis (Keras runs them channels_last), got ${c} in ${fmtShape(x)}`);
    return ok([...x]);
  },
  weights: () => [],
  tfjs: buildWith(jitterClass),
  examples: [
    { inputs: [[null, 8, 8, 3]], params: { brightness_factor: 0.2, contrast_factor: 0.3, saturation_factor: [0.3, 0.7], hue_factor: 0.2 } },
    { inputs: [[null, 6, 5, 2]], params: { brightness_factor: [-0.1, 0.3], contrast_factor: 0.5, value_range: [0, 1] } },
  ],
});
