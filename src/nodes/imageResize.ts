/**
 * Keras 3's image resize (keras.src.backend.jax.image.resize) in tfjs, for the tfjs classes of
 * Resizing, CenterCrop and RandomCrop: crop or pad to the target aspect ratio first (Keras'
 * integer arithmetic), then bilinear or nearest with half-pixel centers and no antialiasing,
 * which is what jax.image.resize computes for those methods.
 */
import type * as tfNs from '@tensorflow/tfjs';
import type { Tf } from './kind';
import { fail, needRank, type Infer } from './kind';
import type { Shape } from '../engine/shape';

/** The interpolations Keras' resize knows; tfjs can match the first two. */
export const RESIZE_INTERPOLATIONS = ['bilinear', 'nearest', 'bicubic', 'lanczos3', 'lanczos5'] as const;
export const TFJS_RESIZE = ['bilinear', 'nearest'];

export interface ResizeOpts {
  interpolation: string;
  crop?: boolean;
  pad?: boolean;
  fillValue?: number;
  channelsFirst: boolean;
}

/** A rank-4 image batch, as Keras' image layers take it (a rank-3 input would be one image without its batch axis). */
export const needImages = (kind: string, x: Shape): Infer | null => needRank(kind, x, 4, '(batch, rows, cols, channels)');

/** The (rows, cols) axes of an image batch. */
export const hwAxes = (channelsFirst: boolean): [number, number] => (channelsFirst ? [2, 3] : [1, 2]);

/** A batch of images with rows and cols set to `h`, `w`. */
export function withSize(x: Shape, h: number, w: number, channelsFirst: boolean): Shape {
  const [r, c] = hwAxes(channelsFirst);
  return x.map((d, i) => (i === r ? h : i === c ? w : d));
}

/** height and width must be positive integers; refuses a case naming the values. */
export function checkSize(kind: string, h: number, w: number): Infer | null {
  if (h < 1 || w < 1) return fail(`${kind} needs a positive height and width, got ${h}×${w}`, 'invalid-param', h < 1 ? 'height' : 'width');
  return null;
}

/** Resize NHWC or NCHW images to h×w as Keras does (crop_to_aspect_ratio / pad_to_aspect_ratio first). */
export function resizeImages(tf: Tf, images: tfNs.Tensor, h: number, w: number, o: ResizeOpts): tfNs.Tensor {
  return tf.tidy(() => {
    const f = tf.cast(images, 'float32');
    let x = (o.channelsFirst ? tf.transpose(f, [0, 2, 3, 1]) : f) as tfNs.Tensor4D;
    const [, height, width] = x.shape;
    if (o.crop) {
      const ch = Math.max(Math.min(height, Math.trunc((width * h) / w)), 1);
      const cw = Math.max(Math.min(width, Math.trunc((height * w) / h)), 1);
      x = tf.slice(x, [0, Math.trunc((height - ch) / 2), Math.trunc((width - cw) / 2), 0], [-1, ch, cw, -1]);
    } else if (o.pad) {
      const hs = Math.trunc((Math.max(height, Math.trunc((width * h) / w)) - height) / 2);
      const ws = Math.trunc((Math.max(width, Math.trunc((height * w) / h)) - width) / 2);
      // Keras pads rows when they are short, else cols, by the same amount on both sides.
      if (hs > 0) x = tf.pad(x, [[0, 0], [hs, hs], [0, 0], [0, 0]], o.fillValue ?? 0);
      else if (ws > 0) x = tf.pad(x, [[0, 0], [0, 0], [ws, ws], [0, 0]], o.fillValue ?? 0);
    }
    const y = o.interpolation === 'nearest' ? tf.image.resizeNearestNeighbor(x, [h, w], false, true) : tf.image.resizeBilinear(x, [h, w], false, true);
    return o.channelsFirst ? tf.transpose(y, [0, 3, 1, 2]) : y;
  });
}
