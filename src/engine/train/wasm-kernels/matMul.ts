import type * as tfjs from '@tensorflow/tfjs';
import { KernelScope, type Backend } from './kernelScope';

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;

/**
 * tfjs-backend-wasm 4.22 multiplies untransposed operands with XNNPACK (≈20–30 GFLOP/s here)
 * but falls back to a naive loop (≈2 GFLOP/s) when transposeA or transposeB is set — which is
 * every gradient of a Dense layer (dW = xᵀ·dy, dx = dy·Wᵀ). This wraps the backend's own
 * BatchMatMul / _FusedMatMul: the flagged operand is transposed into a scratch tensor first
 * (one linear pass, far cheaper than the slow product) and the fast path does the product.
 */
export function makeUntransposedMatMul(tf: Tf, backendName: string, original?: tfjs.KernelConfig): tfjs.KernelFunc {
  if (original == null) throw new Error(`${backendName} has no matmul kernel to wrap`);
  const fast = original.kernelFunc;
  return (args) => {
    const { inputs, backend, attrs } = args;
    const { transposeA, transposeB } = attrs as unknown as tfjs.BatchMatMulAttrs;
    if (!transposeA && !transposeB) return fast(args);
    const { a, b } = inputs as { a: Info; b: Info };
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
