import type * as tfjs from '@tensorflow/tfjs';
import { simdKernels, type HeapBackend } from './gemm';

type Info = tfjs.TensorInfo;

/** Our kernel's name: one RMSprop update of one variable (see fusedRmsprop.ts). */
export const RMSPROP_UPDATE = 'LayerflowRMSPropUpdate';

export interface RmspropAttrs {
  learningRate: number;
  decay: number;
  momentum: number;
  epsilon: number;
}

/**
 * tfjs's RMSprop update (non-centered), as one pass over the wasm heap instead of ~14 kernels
 * per variable: ms' = decay·ms + (1−decay)·g², mom' = momentum·mom + lr·g/√(ms'+ε), w' = w − mom'.
 * Outputs [w', ms', mom'] as new tensors (the optimizer assigns them). The bulk runs in SIMD in
 * our wasm module (simdModule.ts; ~10× the JS loop's speed), the last len % 4 values in JS.
 */
export function makeRmspropUpdate(): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { value, ms, mom, grad } = inputs as Record<'value' | 'ms' | 'mom' | 'grad', Info>;
    const { learningRate: lr, decay, momentum, epsilon } = attrs as unknown as RmspropAttrs;
    const b = backend as HeapBackend;
    const outs = [b.makeOutput(value.shape, 'float32'), b.makeOutput(value.shape, 'float32'), b.makeOutput(value.shape, 'float32')];
    // views taken after the allocations: growing the heap detaches earlier ones
    const [w, s, m, g] = [value, ms, mom, grad].map((t) => b.typedArrayFromHeap(t));
    const [w2, s2, m2] = outs.map((t) => b.typedArrayFromHeap(t));
    const simd = simdKernels(b);
    const head = simd ? w.length - (w.length % 4) : 0;
    if (simd) simd.rmsprop(w.byteOffset, s.byteOffset, m.byteOffset, g.byteOffset, w2.byteOffset, s2.byteOffset, m2.byteOffset, 4 * head, lr, decay, momentum, epsilon);
    for (let i = head; i < w.length; i++) {
      const gi = g[i];
      const si = decay * s[i] + (1 - decay) * gi * gi;
      const mi = momentum * m[i] + (lr * gi) / Math.sqrt(si + epsilon);
      s2[i] = si;
      m2[i] = mi;
      w2[i] = w[i] - mi;
    }
    return outs;
  };
}
