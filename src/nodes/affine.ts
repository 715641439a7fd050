/**
 * Keras 3's image affine_transform (JAX backend: jax.scipy.ndimage.map_coordinates, order 0 or
 * 1) in tfjs, for RandomRotation, RandomZoom, RandomTranslation and RandomShear. Each output
 * pixel (x = col, y = row) samples the input at (a0·x + a1·y + a2, b0·x + b1·y + b2); every
 * neighbour's index is folded back into the image by fill_mode (scipy's "reflect", "wrap",
 * "nearest"; "constant" reads fill_value outside), as map_coordinates does, and built from
 * gathers so gradients flow through it.
 */
import type * as tfNs from '@tensorflow/tfjs';
import type { Tf } from './kind';
import { enumOf, float } from './params';

export const FILL_MODES = ['reflect', 'wrap', 'constant', 'nearest'] as const;
export const AFFINE_INTERPOLATIONS = ['bilinear', 'nearest'] as const;

/** The params every affine random layer shares, as Keras names them. */
export const affineParams = () => ({
  fill_mode: enumOf(FILL_MODES, 'reflect', {
    tfjs: 'fillMode',
    doc: 'How points outside the image are filled: "reflect" (d c b a | a b c d | d c b a), "wrap" (a b c d | a b c d), "constant" (fill_value) or "nearest" (the edge pixel).',
  }),
  interpolation: enumOf(AFFINE_INTERPOLATIONS, 'bilinear', { tfjs: 'interpolation', doc: 'How a point between pixels is read: "bilinear" or "nearest".' }),
  fill_value: float({ default: 0, tfjs: 'fillValue', doc: 'The value points outside the image get with fill_mode="constant".' }),
});

export interface AffineOpts {
  interpolation: string;
  fillMode: string;
  fillValue: number;
  channelsFirst: boolean;
}

/** scipy's index folding for one axis of `size` (map_coordinates' _INDEX_FIXERS). */
function fixIndex(tf: Tf, i: tfNs.Tensor, size: number, mode: string): tfNs.Tensor {
  const mirror = (j: tfNs.Tensor, n: number) => (n === 1 ? tf.zerosLike(j) : tf.abs(tf.sub(tf.mod(tf.add(j, n - 1), 2 * (n - 1)), n - 1)));
  if (mode === 'nearest') return tf.clipByValue(i, 0, size - 1);
  if (mode === 'wrap') return tf.mod(i, size);
  if (mode === 'reflect') return tf.floor(tf.div(tf.sub(mirror(tf.add(tf.mul(i, 2), 1), 2 * size + 1), 1), 2));
  return tf.clipByValue(i, 0, size - 1); // constant: clipped only to gather; invalid reads become fill_value
}

/** Round half away from zero, as lax.round (tf.round rounds half to even). */
const roundAway = (tf: Tf, v: tfNs.Tensor) => tf.mul(tf.sign(v), tf.floor(tf.add(tf.abs(v), 0.5)));

/** Apply one affine transform per image; `transforms` is [batch, 6]: a0 a1 a2 b0 b1 b2. */
export function affineTransform(tf: Tf, images: tfNs.Tensor, transforms: tfNs.Tensor, o: AffineOpts): tfNs.Tensor {
  return tf.tidy(() => {
    const f = tf.cast(images, 'float32');
    const x = (o.channelsFirst ? tf.transpose(f, [0, 2, 3, 1]) : f) as tfNs.Tensor4D;
    const [b, h, w] = x.shape;
    const [a0, a1, a2, b0, b1, b2] = tf.split(tf.reshape(transforms, [b, 6, 1, 1]), 6, 1).map((t) => tf.reshape(t, [b, 1, 1]));
    const cols = tf.reshape(tf.range(0, w, 1, 'float32'), [1, 1, w]);
    const rows = tf.reshape(tf.range(0, h, 1, 'float32'), [1, h, 1]);
    const sx = tf.add(tf.add(tf.mul(a0, cols), tf.mul(a1, rows)), a2);
    const sy = tf.add(tf.add(tf.mul(b0, cols), tf.mul(b1, rows)), b2);
    const out = mapCoordinates(tf, x, sx, sy, o);
    return o.channelsFirst ? tf.transpose(out, [0, 3, 1, 2]) : out;
  });
}

/**
 * map_coordinates on channels-last images (batch, h, w, c): output pixel (row, col) of image i reads
 * the input at (sy, sx)[i, row, col] ([batch, h, w] each), every channel alike.
 */
export function mapCoordinates(tf: Tf, x: tfNs.Tensor, sx: tfNs.Tensor, sy: tfNs.Tensor, o: Omit<AffineOpts, 'channelsFirst'>): tfNs.Tensor {
  return tf.tidy(() => {
    const [b, h, w, c] = x.shape;
    // Per axis: the neighbours read and their weights.
    const nodes = (s: tfNs.Tensor): [tfNs.Tensor, tfNs.Tensor | number][] => {
      if (o.interpolation === 'nearest') return [[roundAway(tf, s), 1]];
      const lo = tf.floor(s);
      const up = tf.sub(s, lo);
      return [[lo, tf.sub(1, up)], [tf.add(lo, 1), up]];
    };
    const flat = tf.reshape(x, [b * h * w, c]);
    const base = tf.reshape(tf.mul(tf.range(0, b, 1, 'float32'), h * w), [b, 1, 1]);
    let out: tfNs.Tensor = tf.zeros([b, h, w, c]);
    for (const [iy, wy] of nodes(sy))
      for (const [ix, wx] of nodes(sx)) {
        const fy = fixIndex(tf, iy, h, o.fillMode);
        const fx = fixIndex(tf, ix, w, o.fillMode);
        const at = tf.cast(tf.add(base, tf.add(tf.mul(fy, w), fx)), 'int32');
        let v = tf.reshape(tf.gather(flat, tf.reshape(at, [-1])), [b, h, w, c]);
        if (o.fillMode === 'constant') {
          const valid = tf.logicalAnd(tf.logicalAnd(tf.greaterEqual(iy, 0), tf.less(iy, h)), tf.logicalAnd(tf.greaterEqual(ix, 0), tf.less(ix, w)));
          v = tf.where(tf.broadcastTo(tf.expandDims(valid, -1), v.shape), v, tf.fill(v.shape, o.fillValue));
        }
        const weight = tf.expandDims(tf.mul(wy, wx), -1);
        out = tf.add(out, tf.mul(v, weight));
      }
    return out;
  });
}

/**
 * Keras' _compute_affine_matrix for a rotation by `angle` radians about the image center
 * ((width - 1) / 2, (height - 1) / 2), per image: [batch, 6].
 */
export function rotationTransforms(tf: Tf, angle: tfNs.Tensor, h: number, w: number): tfNs.Tensor {
  return tf.tidy(() => {
    const [cx, cy] = [(w - 1) / 2, (h - 1) / 2];
    const cos = tf.cos(angle);
    const sin = tf.sin(angle);
    const a2 = tf.sub(tf.sub(cx, tf.mul(cx, cos)), tf.mul(cy, tf.neg(sin)));
    const b2 = tf.sub(tf.sub(cy, tf.mul(cx, sin)), tf.mul(cy, cos));
    return tf.stack([cos, tf.neg(sin), a2, sin, cos, b2], 1);
  });
}
