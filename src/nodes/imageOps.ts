/**
 * The tfjs side of Keras 3's image augmentation layers: one class per kind, made by
 * `imageLayerClass` from a random draw and a transform written after the layer's Keras source
 * (same ops in the same order, so float32 results agree), plus the image ops they share.
 */
import type * as tfNs from '@tensorflow/tfjs';
import type { Tf } from './kind';
import { needRank, fail, type Infer } from './kind';
import { fmtShape, type Shape } from '../engine/shape';
import { ownConfig, single, tfjsClass, type LayerClass } from './tfjsClass';

type Tensor = tfNs.Tensor;
type Cfg = Record<string, unknown>;
/** A layer's random draw for one batch, keyed as Keras' get_random_transformation keys it. */
export type Transformation = Record<string, Tensor>;

export interface ImageOp {
  /** Also applied at inference (AutoContrast); otherwise inference is an identity copy, as in Keras. */
  atInference?: boolean;
  /** The random draw for a batch of images (batch, ·, ·, ·). */
  draw?(images: Tensor, cfg: Cfg, tf: Tf): Transformation;
  /** The images (float32, batched) under a drawn transformation. */
  transform(images: Tensor, t: Transformation, cfg: Cfg, tf: Tf): Tensor;
}

/** The layer a kind's class makes: a tfjs Layer that can also apply a given transformation (tests pass Keras' own). */
export interface ImageLayer extends tfNs.layers.Layer {
  run(x: Tensor, t?: Transformation): Tensor;
}

/** A tfjs class for an image layer, registered under its Keras class name. */
export function imageLayerClass(className: string, op: ImageOp): (tf: Tf) => LayerClass {
  return tfjsClass((tf: Tf) => {
    class ImageAugment extends tf.layers.Layer {
      static className = className;
      constructor(private readonly cfg: Cfg) {
        super(cfg);
      }
      call(inputs: Tensor | Tensor[], kwargs: Record<string, unknown>) {
        const x = single(inputs);
        if (kwargs.training !== true && !op.atInference) return tf.clone(x);
        return tf.tidy(() => this.run(x));
      }
      /** Keras' transform_images on the batch (a single image is a batch of one), drawing unless `t` is given. */
      run(x: Tensor, t?: Transformation): Tensor {
        return tf.tidy(() => {
          const images = tf.cast(x.rank === 3 ? tf.expandDims(x, 0) : x, 'float32');
          const y = op.transform(images, t ?? op.draw?.(images, this.cfg, tf) ?? {}, this.cfg, tf);
          return x.rank === 3 ? tf.squeeze(y, [0]) : y;
        });
      }
      getConfig() {
        return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
      }
    }
    return ImageAugment;
  });
}

// ---- Shape checks ----

/** The channels axis of a rank-3 or rank-4 image shape. */
export const channelAxis = (rank: number, dataFormat: unknown) => (dataFormat === 'channels_first' ? rank - 3 : rank - 1);

/** Rank 3 (one image) or 4 (a batch), and, when given, a channel count Keras can run. */
export function imageShape(kind: string, x: Shape, dataFormat: unknown, channels?: readonly number[]): Infer | null {
  const r = needRank(kind, x, [3, 4], dataFormat === 'channels_first' ? '(batch, channels, rows, cols)' : '(batch, rows, cols, channels)');
  if (r) return r;
  const c = x[channelAxis(x.length, dataFormat)];
  if (channels && c !== null && !channels.includes(c))
    return fail(`${kind} needs ${channels.join(' or ')} channels (RGB${channels.includes(1) ? ' or grayscale' : ''}), got ${c} in ${fmtShape(x)}`, 'shape-mismatch');
  return null;
}

// ---- Ops shared by the kinds (batched images, float32) ----

/** jnp.clip: min(max(x, lo), hi); NaN stays NaN, and lo > hi gives hi. */
export const clip = (tf: Tf, x: Tensor, lo: number, hi: number) => tf.minimum(tf.maximum(x, lo), hi);

/** The batch size and a per-image shape (batch, 1, 1, 1) for draws. */
export const perImage = (images: Tensor): [number, number, number, number] => [images.shape[0], 1, 1, 1];

/** Keras' _transform_value_range: map `from` onto `to` ((x - a) / (b - a) · (d - c) + c); none when equal. */
export function valueRangeTo(tf: Tf, x: Tensor, from: readonly number[], to: readonly number[]): Tensor {
  if (from[0] === to[0] && from[1] === to[1]) return x;
  const unit = tf.div(tf.sub(x, from[0]), tf.sub(tf.scalar(from[1]), tf.scalar(from[0])));
  return tf.add(tf.mul(unit, tf.sub(tf.scalar(to[1]), tf.scalar(to[0]))), to[0]);
}

/** Run `f` on channels-last images: channels_first (tfjs config "channelsFirst": batch, c, h, w) is moved there and back. */
export function channelsLast(tf: Tf, images: Tensor, dataFormat: unknown, f: (x: Tensor) => Tensor): Tensor {
  if (dataFormat !== 'channelsFirst') return f(images);
  return tf.transpose(f(tf.transpose(images, [0, 2, 3, 1])), [0, 3, 1, 2]);
}

/** keras.ops.image.rgb_to_grayscale on channels-last images: one channel, 0.2989 R + 0.5870 G + 0.1140 B; a 1-channel image as is. */
export function grayscale(tf: Tf, x: Tensor): Tensor {
  if (x.shape[3] === 1) return x;
  return tf.sum(tf.mul(x, tf.tensor1d([0.2989, 0.587, 0.114])), -1, true);
}

/** keras.ops.image.rgb_to_hsv (after dm_pix) on channels-last images: hue and saturation in [0, 1], value as the input. */
export function rgbToHsv(tf: Tf, images: Tensor): Tensor {
  const eps = 1.1920928955078125e-7; // float32 eps
  const x = tf.where(tf.less(tf.abs(images), eps), tf.zerosLike(images), images);
  const [r, g, b] = tf.split(x, 3, -1);
  const value = tf.maximum(tf.maximum(r, g), b);
  const minimum = tf.minimum(tf.minimum(r, g), b);
  const range = tf.sub(value, minimum);
  const one = tf.onesLike(value);
  const safeValue = tf.where(tf.greater(value, 0), value, one);
  const safeRange = tf.where(tf.greater(range, 0), range, one);
  const saturation = tf.where(tf.greater(value, 0), tf.div(range, safeValue), tf.zerosLike(value));
  const norm = tf.div(1, tf.mul(6, safeRange));
  let hue = tf.where(tf.equal(value, g), tf.add(tf.mul(norm, tf.sub(b, r)), 2 / 6), tf.add(tf.mul(norm, tf.sub(r, g)), 4 / 6));
  hue = tf.where(tf.equal(value, r), tf.mul(norm, tf.sub(g, b)), hue);
  hue = tf.add(tf.where(tf.greater(range, 0), hue, tf.zerosLike(hue)), tf.cast(tf.less(hue, 0), 'float32'));
  return tf.concat([hue, saturation, value], -1);
}

/** keras.ops.image.hsv_to_rgb on channels-last images. */
export function hsvToRgb(tf: Tf, images: Tensor): Tensor {
  const [h, s, v] = tf.split(images, 3, -1);
  const dh = tf.mul(tf.mod(h, 1), 6);
  const dr = clip(tf, tf.sub(tf.abs(tf.sub(dh, 3)), 1), 0, 1);
  const dg = clip(tf, tf.sub(2, tf.abs(tf.sub(dh, 2))), 0, 1);
  const db = clip(tf, tf.sub(2, tf.abs(tf.sub(dh, 4))), 0, 1);
  const oneMinusS = tf.sub(1, s);
  const plane = (d: Tensor) => tf.mul(v, tf.add(oneMinusS, tf.mul(s, d)));
  return tf.concat([plane(dr), plane(dg), plane(db)], -1);
}

/** Per-image choice: `on` (batch,) or (batch, 1, 1, 1) picks `a` over `b`. */
export function pick(tf: Tf, on: Tensor, a: Tensor, b: Tensor): Tensor {
  const cond = on.rank === 1 ? tf.reshape(on, [on.shape[0], 1, 1, 1]) : on;
  return tf.where(tf.broadcastTo(cond, b.shape), tf.broadcastTo(a, b.shape), b);
}

/** Keras' "apply with probability drawn from factor" coin: uniform(threshold) < uniform(lower, upper), per image. */
export function coin(tf: Tf, batch: number, factor: readonly number[]): Tensor {
  return tf.less(tf.randomUniform([batch], 0, 1), tf.randomUniform([batch], factor[0], factor[1]));
}

/** Keras' _compute_crop_bounds: per image, a box side of ratio·length at a uniform start: [start, end]. */
export function cropBounds(tf: Tf, n: number, length: number, ratio: Tensor): [Tensor, Tensor] {
  const len = tf.mul(ratio, length);
  const start = tf.mul(tf.randomUniform([n], 0, 1), tf.sub(length, len));
  return [start, tf.add(start, len)];
}

/** The pixels with x0 ≤ col < x1 and y0 ≤ row < y1, per image, as a mask of the batch's shape (RandomErasing, CutMix). */
export function boxMask(tf: Tf, shape: number[], channelsFirst: boolean, [x0, x1]: Tensor[], [y0, y1]: Tensor[]): Tensor {
  const [n, h, w] = channelsFirst ? [shape[0], shape[2], shape[3]] : shape;
  const grid = (size: number, axis: number) => tf.reshape(tf.range(0, size), channelsFirst ? [1, 1, ...(axis ? [1, size] : [size, 1])] : [1, ...(axis ? [1, size] : [size, 1]), 1]);
  const [gy, gx] = [grid(h, 0), grid(w, 1)];
  const at = (v: Tensor) => tf.reshape(v, [n, 1, 1, 1]);
  const inside = tf.logicalAnd(tf.logicalAnd(tf.greaterEqual(gx, at(x0)), tf.less(gx, at(x1))), tf.logicalAnd(tf.greaterEqual(gy, at(y0)), tf.less(gy, at(y1))));
  return tf.broadcastTo(inside, shape);
}

/** A random permutation of 0..n-1 (Keras' random.shuffle of arange(n)), for the layers that mix images within a batch. */
export function permutation(tf: Tf, n: number): Tensor {
  const order = Array.from({ length: n }, (_, i) => i);
  tf.util.shuffle(order);
  return tf.tensor1d(order, 'int32');
}

/** Beta(a, a) draws, one per image, as G1 / (G1 + G2) of two Gamma(a) draws (tfjs has no beta sampler). */
export function betaDraw(tf: Tf, n: number, a: number): Tensor {
  const g1 = tf.randomGamma([n], a);
  const g2 = tf.randomGamma([n], a);
  return tf.div(g1, tf.add(g1, g2));
}
