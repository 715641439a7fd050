import type * as tfjs from '@tensorflow/tfjs';
import { checkDy } from './geometry';
import { simdKernels, type HeapBackend } from './gemm';

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;

/**
 * MaxPool dx as one pass over the wasm heap (no intermediate tensors): each output's dy goes
 * to the first tap of its window, row-major, holding the window's max — the position
 * tfjs-backend-cpu picks; padding is never the max. Replaces tfjs-backend-wasm 4.22's
 * MaxPoolGrad, which drops the gradient of any window whose values are all negative; ~20×
 * faster than the earlier version composed of Equal/LogicalAnd/… kernels per tap. Windows that do
 * not overlap (the usual pool_size = strides), channels a multiple of 4: in SIMD in our module.
 */
export function makeMaxPoolGrad(tf: Tf): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, input } = inputs as { dy: Info; input: Info; output: Info };
    const a = attrs as unknown as tfjs.MaxPoolGradAttrs;
    const g = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
    checkDy('MaxPoolGrad', dy, g);
    const b = backend as HeapBackend;
    const out = b.makeOutput(input.shape, 'float32');
    // views taken after the allocation: growing the heap detaches earlier ones
    const [dx, x, dyv] = [out, input, dy].map((t) => b.typedArrayFromHeap(t));
    const simd = simdKernels(b);
    if (simd && g.inChannels % 4 === 0 && g.strideHeight >= g.filterHeight && g.strideWidth >= g.filterWidth) {
      dx.fill(0);
      simd.maxpoolgrad(x.byteOffset, dyv.byteOffset, dx.byteOffset, g.batchSize, g.inHeight, g.inWidth, g.inChannels, g.outHeight, g.outWidth,
        g.strideHeight, g.strideWidth, g.filterHeight, g.filterWidth, g.padInfo.top, g.padInfo.left);
    } else maxPoolGradInto(dx, x, dyv, g);
    return out;
  };
}

/** dx (every element written) from x and dy, NHWC, for the pooling geometry g. */
export function maxPoolGradInto(dx: Float32Array, x: Float32Array, dy: Float32Array, g: tfjs.backend_util.Conv2DInfo): void {
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = g;
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = g;
  const { top, left } = g.padInfo;
  dx.fill(0);
  let o = 0; // index of (b, r, q, 0) in dy
  for (let bi = 0; bi < n; bi++) {
    const base = bi * h * w * c;
    for (let r = 0; r < oh; r++) {
      const r0 = r * sh - top;
      const i0 = Math.max(0, r0);
      const i1 = Math.min(h, r0 + fh);
      for (let q = 0; q < ow; q++, o += c) {
        const c0 = q * sw - left;
        const j0 = Math.max(0, c0);
        const j1 = Math.min(w, c0 + fw);
        // one channel at a time, its window's taps in row-major order: the first max wins
        for (let k = 0; k < c; k++) {
          let best = -Infinity;
          let at = -1;
          for (let i = i0; i < i1; i++) {
            for (let p = base + (i * w + j0) * c + k, pEnd = base + (i * w + j1) * c + k; p < pEnd; p += c) {
              if (x[p] > best) {
                best = x[p];
                at = p;
              }
            }
          }
          if (at >= 0) dx[at] += dy[o + k];
        }
      }
    }
  }
}
