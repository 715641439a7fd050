import type * as tfjs from '@tensorflow/tfjs';
import { KernelScope, type Backend } from './kernelScope';
import { checkDy, paddedInput, scatterTaps, stackTaps, unstackTaps } from './geometry';

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;

/**
 * MaxPool dx: each output's dy goes to the first tap (row-major, as tfjs-backend-cpu picks)
 * whose input equals the pooled max, then the taps are scattered back (overlapping windows)
 * or interleaved back (the usual pool_size = strides). Replaces
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
      // one output's dy goes to the first tap (in the order asked) equal to the pooled max
      let claimed: Info | null = null;
      const firstMax = (win: Info): Info => {
        const isMax = s.run('Equal', { a: win, b: output });
        const take: Info = claimed == null ? isMax
          : s.run('LogicalAnd', { a: isMax, b: s.run('LogicalNot', { x: claimed }) });
        claimed = claimed == null ? isMax : s.run('LogicalOr', { a: claimed, b: isMax });
        return s.run('Multiply', { a: dy, b: s.run('Cast', { x: take }, { dtype: 'float32' }) });
      };
      const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = g;
      if (sh >= fh && sw >= fw) {
        const taps = stackTaps(s, input, g, -Infinity); // padding can never be the max
        const size = taps.shape[1];
        const rows: Info[] = [];
        for (let i = 0; i < sh; i++) {
          for (let j = 0; j < sw; j++) {
            const row = i < fh && j < fw
              ? firstMax(s.reshape(s.run('Slice', { x: taps }, { begin: [i * sw + j, 0], size: [1, size] }), output.shape))
              : s.run('ZerosLike', { x: dy }); // between windows
            rows.push(s.reshape(row, [1, size]));
          }
        }
        return s.finish(unstackTaps(s, s.run('Concat', rows, { axis: 0 }), g));
      }
      const xp = paddedInput(s, input, g, -Infinity);
      return s.finish(scatterTaps(s, g, (i, j) =>
        firstMax(s.window(xp, i, j, g.outHeight, g.outWidth, g.strideHeight, g.strideWidth))));
    } catch (e) {
      s.abandon();
      throw e;
    }
  };
}
