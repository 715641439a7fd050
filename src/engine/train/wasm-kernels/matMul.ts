import type * as tfjs from '@tensorflow/tfjs';
import { simdKernels, gemmProduct, type HeapBackend } from './gemm';
import { KernelScope, type Backend } from './kernelScope';

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;

/**
 * BatchMatMul / _FusedMatMul on wasm by our own SIMD kernel (gemm.ts), which reads the
 * operands where they lie: tfjs-backend-wasm 4.22 either packs B into a new XNNPACK operator
 * (B is new at every training step: updated weights, gradients; ≈0.7 ms for a 784×64 weight)
 * or, with transposeA / transposeB set (every Dense gradient), runs a naive loop (≈2 GFLOP/s).
 * _FusedMatMul keeps ours only for a bias over the last axis and linear / relu; otherwise,
 * and where our module cannot run, the flagged operand is transposed into a scratch tensor
 * and the backend's own product (XNNPACK's fast path) runs.
 */
/** An attr of ours: true sends an untransposed product to the backend's own kernel (XNNPACK). */
export const BACKEND_PRODUCT = 'layerflowBackendProduct';

export function makeUntransposedMatMul(tf: Tf, backendName: string, original?: tfjs.KernelConfig): tfjs.KernelFunc {
  if (original == null) throw new Error(`${backendName} has no matmul kernel to wrap`);
  const fast = original.kernelFunc;
  return (args) => {
    const { inputs, backend, attrs } = args;
    const { transposeA, transposeB } = attrs as unknown as tfjs.BatchMatMulAttrs;
    const { a, b, bias, preluActivationWeights } = inputs as { a: Info; b: Info; bias?: Info; preluActivationWeights?: Info };
    const activation = (attrs as unknown as { activation?: string }).activation ?? 'linear';
    const heap = backend as HeapBackend;
    const own = (attrs as Record<string, unknown>)[BACKEND_PRODUCT] === true;
    const g = !own && a.dtype === 'float32' && b.dtype === 'float32' ? simdKernels(heap) : null;
    const n = b.shape[transposeB ? b.shape.length - 2 : b.shape.length - 1];
    const epilogueOk = (bias == null || tf.util.sizeFromShape(bias.shape) === 1 || (tf.util.sizeFromShape(bias.shape) === n && bias.shape[bias.shape.length - 1] === n))
      && (activation === 'linear' || activation === 'relu') && preluActivationWeights == null;
    if (g && epilogueOk) {
      const lead = tf.broadcast_util.assertAndGetBroadcastShape(a.shape.slice(0, -2), b.shape.slice(0, -2));
      const out = gemmProduct(heap, g, { a, b, transposeA, transposeB }, lead);
      if (out) {
        if (bias != null || activation === 'relu') epilogue(heap, out, bias, activation === 'relu');
        return out;
      }
    }
    if (!transposeA && !transposeB) return fast(args);
    const s = new KernelScope(tf, backend as Backend, backendName);
    try {
      const swapLast = (x: Info) => {
        const perm = x.shape.map((_, i) => i);
        [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
        return s.transpose(x, perm);
      };
      const out = fast({
        inputs: { ...inputs, a: transposeA ? swapLast(a) : a, b: transposeB ? swapLast(b) : b },
        backend,
        attrs: { ...attrs, transposeA: false, transposeB: false },
      }) as Info;
      return s.finish(out);
    } catch (e) {
      s.abandon();
      throw e;
    }
  };
}

/** out += bias (over the last axis, or a scalar), then max(out, 0) if asked; in place. */
function epilogue(heap: HeapBackend, out: Info, bias: Info | undefined, relu: boolean): void {
  const c = heap.typedArrayFromHeap(out);
  const n = out.shape[out.shape.length - 1];
  const bv = bias && heap.typedArrayFromHeap(bias);
  const scalar = bv != null && bv.length === 1;
  for (let o = 0; o < c.length; o += n) {
    for (let j = 0; j < n; j++) {
      let v = c[o + j];
      if (bv) v += bv[scalar ? 0 : j];
      c[o + j] = relu && v < 0 ? 0 : v;
    }
  }
}
