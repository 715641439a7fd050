import type * as tfjs from '@tensorflow/tfjs';
import { KernelScope, type Backend } from './kernelScope';
import { BACKEND_PRODUCT } from './matMul';
import { multiply, simdKernels, type HeapBackend } from './gemm';

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;

/**
 * Sum over the leading axes of a float32 tensor (every bias gradient: Dense over [0], Conv2D
 * over [0, 1, 2]) as one product ones[1, M] · x[M, C]: by our SIMD module (gemm.ts, A a single
 * 1.0 read with stride 0), else on XNNPACK. tfjs-backend-wasm 4.22 transposes the reduced axes to
 * the end first: ≈20 ms for a [64, 28, 28, 64] gradient against ≈0.5–0.9 ms either way; in a
 * training step ours costs the MNIST conv net's two bias sums ≈0.2 ms where XNNPACK's (a new
 * operator packing x each call) took ≈3 ms. Any other Sum takes the backend's own kernel.
 */
export function makeLeadingSum(tf: Tf, backendName: string, original?: tfjs.KernelConfig): tfjs.KernelFunc {
  if (original == null) throw new Error(`${backendName} has no Sum kernel to wrap`);
  return (args) => {
    const { x } = args.inputs as { x: Info };
    const { axis, keepDims } = args.attrs as unknown as tfjs.SumAttrs;
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const k = axes.length;
    const leading = k > 0 && k < x.shape.length && axes.every((a, i) => a === i);
    if (x.dtype !== 'float32' || !leading) return original.kernelFunc(args);
    const m = x.shape.slice(0, k).reduce((a, b) => a * b, 1);
    const rest = x.shape.slice(k);
    const c = rest.reduce((a, b) => a * b, 1);
    const shape = keepDims ? [...x.shape.slice(0, k).map(() => 1), ...rest] : rest;
    const heap = args.backend as HeapBackend;
    const simd = simdKernels(heap);
    if (simd) {
      // a 1-row product whose A is one 1.0 read at every κ (stride 0)
      const [out, one] = [heap.makeOutput(shape, 'float32'), heap.makeOutput([1], 'float32')];
      const [ov, onev, xv] = [out, one, x].map((t) => heap.typedArrayFromHeap(t));
      onev[0] = 1;
      multiply(simd, { a: onev.byteOffset, b: xv.byteOffset, c: ov.byteOffset, m: 1, n: c, k: m, aRow: 0, aK: 0, bRow: 4 * c, cRow: 4 * c });
      heap.disposeData(one.dataId);
      return out;
    }
    const s = new KernelScope(tf, args.backend as Backend, backendName);
    try {
      const ones = s.constant([1, 1, m], new Float32Array(m).fill(1));
      const sum = s.run('BatchMatMul', { a: ones, b: s.reshape(x, [1, m, c]) }, { transposeA: false, transposeB: false, [BACKEND_PRODUCT]: true });
      return s.finish(s.reshape(sum, shape));
    } catch (e) {
      s.abandon();
      throw e;
    }
  };
}
