import type * as tfjs from '@tensorflow/tfjs';
import { KernelScope, type Backend } from './kernelScope';
import { paddedInput } from './geometry';
import { multiply, simdKernels, type HeapBackend } from './gemm';

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;

/**
 * Below this many values per filter row (filterWidth · inChannels: the product's depth) our
 * gemm's tiles are mostly loop overhead and XNNPACK's own conv is faster (an RGB input layer).
 */
const MIN_DEPTH = 32;

/**
 * Conv2D (NHWC, no dilation) by our gemm, reading the padded input where it lies: output row r
 * of image q is Σ_i A_i·F_i, where F_i = filter[i] as a [FW·Cin, Cout] matrix and A_i's row c is
 * the FW·Cin values at padded row r·sh + i, from column c·sw on — one contiguous run of NHWC
 * memory, so A_i is a strided view and no im2col is written. XNNPACK, the backend's own, packs
 * the filter into a new operator whenever it is a new tensor, i.e. at every training step, and
 * the backprop-input conv (conv2dBackpropInput.ts) passes it a new "filter" each call too.
 * NCHW, dilation, non-float32 and shallow filters go to the backend's own kernel.
 */
export function makeConv2D(tf: Tf, backendName: string, original?: tfjs.KernelConfig): tfjs.KernelFunc {
  if (original == null) throw new Error(`${backendName} has no Conv2D kernel to wrap`);
  const own = original.kernelFunc;
  return (args) => {
    const { inputs, backend, attrs } = args;
    const { x, filter } = inputs as { x: Info; filter: Info };
    const a = attrs as unknown as tfjs.Conv2DAttrs;
    const heap = backend as HeapBackend;
    const gemm = x.dtype === 'float32' && filter.dtype === 'float32' && a.dataFormat !== 'NCHW' ? simdKernels(heap) : null;
    if (gemm == null) return own(args);
    const g = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number], filter.shape as [number, number, number, number],
      a.strides, a.dilations, a.pad, a.dimRoundingMode, false, 'channelsLast');
    const depth = g.filterWidth * g.inChannels;
    if (g.dilationHeight !== 1 || g.dilationWidth !== 1 || depth < MIN_DEPTH) return own(args);
    const s = new KernelScope(tf, backend as Backend, backendName);
    let out: Info | null = null;
    try {
      const xp = paddedInput(s, x, g);
      const { batchSize: n, outHeight: oh, outWidth: ow, outChannels: cout, strideHeight: sh, strideWidth: sw } = g;
      out = heap.makeOutput([n, oh, ow, cout], 'float32');
      // views taken after the allocations: growing the heap detaches earlier ones
      const [xv, fv, ov] = [xp, filter, out].map((t) => heap.typedArrayFromHeap(t));
      const [rows, cols, cin] = [xp.shape[1], xp.shape[2], g.inChannels];
      for (let q = 0; q < n; q++) {
        for (let r = 0; r < oh; r++) {
          for (let i = 0; i < g.filterHeight; i++) {
            multiply(gemm, {
              a: xv.byteOffset + (q * rows + r * sh + i) * cols * cin * 4,
              b: fv.byteOffset + i * depth * cout * 4,
              c: ov.byteOffset + (q * oh + r) * ow * cout * 4,
              m: ow, n: cout, k: depth, aRow: 4 * sw * cin, aK: 4, bRow: 4 * cout, cRow: 4 * cout,
              accumulate: i > 0,
            });
          }
        }
      }
      return s.finish(out);
    } catch (e) {
      s.abandon();
      if (out) heap.disposeData(out.dataId);
      throw e;
    }
  };
}
