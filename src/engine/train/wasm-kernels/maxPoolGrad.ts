import type * as tfjs from '@tensorflow/tfjs';
import { KernelScope, type Backend } from './kernelScope';
import { checkDy, interleaveTaps, paddedInput, scatterTaps } from './geometry';

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;

/**
 * MaxPool dx: each output's dy goes to the first tap (row-major, as tfjs-backend-cpu picks)
 * whose input equals the pooled max, then the taps are scattered back. Replaces
 * tfjs-backend-wasm 4.22's MaxPoolGrad, which drops the gradient of any window whose
 * values are all negative.
 */
export function makeMaxPoolGrad(tf: Tf, backendName: string): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, input, output } = inputs as { dy: Info; input: Info; output: Info };
    const a = attrs as unknown as tfjs.MaxPoolGradAttrs;
    const g = tf.backend_util.computePool2DInfo(
      input.shape as [number, number, number, number], a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode);
    checkDy('MaxPoolGrad', dy, g);
    const s = new KernelScope(tf, backend as Backend, backendName);
    try {
      // padding can never be the max
      const xp = paddedInput(s, input, g, -Infinity);
      let claimed: Info | null = null;
      const tapGrad = (i: number, j: number): Info => {
        const win = s.window(xp, i, j, g.outHeight, g.outWidth, g.strideHeight, g.strideWidth);
        const isMax = s.run('Equal', { a: win, b: output });
        const take: Info = claimed == null ? isMax
          : s.run('LogicalAnd', { a: isMax, b: s.run('LogicalNot', { x: claimed }) });
        claimed = claimed == null ? isMax : s.run('LogicalOr', { a: claimed, b: isMax });
        return s.run('Multiply', { a: dy, b: s.run('Cast', { x: take }, { dtype: 'float32' }) });
      };
      const disjoint = g.strideHeight >= g.filterHeight && g.strideWidth >= g.filterWidth;
      if (!disjoint) return s.finish(scatterTaps(s, g, tapGrad));
      const values: Info[] = [];
      for (let i = 0; i < g.filterHeight; i++) for (let j = 0; j < g.filterWidth; j++) values.push(tapGrad(i, j));
      return s.finish(interleaveTaps(s, g, values));
    } catch (e) {
      s.abandon();
      throw e;
    }
  };
}
