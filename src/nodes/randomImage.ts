/**
 * What Keras' random image layers (RandomRotation, RandomZoom, RandomTranslation, RandomContrast,
 * RandomBrightness, RandomShear) share: a factor given as one number or a (lower, upper) pair,
 * and a tfjs class that transforms only while training and passes the input through otherwise.
 */
import type * as tfNs from '@tensorflow/tfjs';
import type { Tf } from './kind';
import { py, type Spec } from './params';
import { ownConfig, single, tfjsClass, type LayerClass } from './tfjsClass';
import type { ImageOp } from './imageOps';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export type Factor = number | readonly number[];

/** A factor: a number f (the range [-f, f], cut at `min`) or a (lower, upper) pair, each within [min, max]. */
export function factorSpec(o: { default: Factor; min: number; max: number; tfjs: string; doc: string; positional?: boolean }): Spec<Factor> {
  const inRange = (x: unknown) => isNum(x) && x >= o.min && x <= o.max;
  return {
    type: 'ints',
    default: o.default,
    tfjs: o.tfjs,
    doc: o.doc,
    positional: o.positional,
    check: (v) =>
      inRange(v) || (Array.isArray(v) && v.length === 2 && v.every(inRange))
        ? null
        : `must be a number or a (lower, upper) pair, each in [${o.min}, ${o.max}]; got ${py(v)}`,
    toKeras: (v) => (typeof v === 'number' ? v : [...v]),
    fromKeras: (x) => (isNum(x) ? x : Array.isArray(x) && x.length === 2 && x.every(isNum) ? x : undefined),
    toTfjs: (v) => (typeof v === 'number' ? v : [...v]),
    toPython: (v) => py(v),
  };
}

/** Keras' (lower, upper) of a factor: a pair sorted, a number f as [max(-|f|, floor), |f|]. */
export function factorRange(v: Factor, floor = -Infinity): [number, number] {
  if (typeof v === 'number') return [Math.max(-Math.abs(v), floor), Math.abs(v)];
  return v[0] <= v[1] ? [v[0], v[1]] : [v[1], v[0]];
}

/** One uniform draw in [lo, hi) per image: shape [batch]. */
export const perImage = (tf: Tf, batch: number, [lo, hi]: [number, number]) => (lo === hi ? tf.fill([batch], lo) : tf.randomUniform([batch], lo, hi));

/**
 * A tfjs class named `className` that applies `transform` to the image batch while training and
 * returns a copy of the input at inference, as Keras' random layers do.
 */
export function randomImageClass(className: string, transform: (tf: Tf, x: tfNs.Tensor, cfg: Record<string, unknown>) => tfNs.Tensor): (tf: Tf) => LayerClass {
  return tfjsClass((tf: Tf) => {
    const cls = class extends tf.layers.Layer {
      static className = className;
      constructor(private readonly cfg: Record<string, unknown>) {
        super(cfg);
      }
      call(inputs: tfNs.Tensor | tfNs.Tensor[], kwargs: Record<string, unknown>) {
        const x = single(inputs);
        if (kwargs.training !== true) return tf.clone(x);
        return tf.tidy(() => transform(tf, x, this.cfg));
      }
      getConfig() {
        return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
      }
    };
    return cls;
  });
}

/** An ImageOp as a randomImageClass transform: a fresh draw, then the transform. */
export const drawn = (op: ImageOp) => (tf: Tf, x: tfNs.Tensor, cfg: Record<string, unknown>) => op.transform(x, op.draw?.(x, cfg, tf) ?? {}, cfg, tf);

/** Rows and cols of an image batch. */
export const imageSize = (x: tfNs.Tensor, channelsFirst: boolean): [number, number] => (channelsFirst ? [x.shape[2] as number, x.shape[3] as number] : [x.shape[1] as number, x.shape[2] as number]);

/** value_range: the (min, max) pixel values of the images; outputs are clipped to it. */
export function valueRange(): Spec<readonly number[]> {
  return {
    type: 'ints',
    default: [0, 255],
    tfjs: 'valueRange',
    doc: 'The (min, max) range of the pixel values, e.g. (0, 255) or (0, 1); outputs are clipped to it.',
    check: (v) => (Array.isArray(v) && v.length === 2 && v.every(isNum) && v[0] < v[1] ? null : `must be a (min, max) pair of numbers with min < max, got ${py(v)}`),
    toKeras: (v) => [...v],
    fromKeras: (x) => (Array.isArray(x) && x.length === 2 && x.every(isNum) ? x : undefined),
    toTfjs: (v) => [...v],
    toPython: (v) => py(v),
  };
}
