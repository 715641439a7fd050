import type * as tfjs from '@tensorflow/tfjs';
import { KernelScope, type Backend } from './kernelScope';
import { paddedInput } from './geometry';

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;

/**
 * dW[i,j,:,:] = window(x, tap i,j)ᵀ · dy, one MatMul per filter tap over all
 * batch × output positions (an im2col done tap by tap, so only one window is alive at a
 * time). Every step is an existing kernel of the backend.
 */
export function makeConv2DBackpropFilter(tf: Tf, backendName: string): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: Info; dy: Info };
    const a = attrs as unknown as tfjs.Conv2DBackpropFilterAttrs;
    const info = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad,
      a.dimRoundingMode, false, tf.backend_util.convertConv2DDataFormat(a.dataFormat));
    const s = new KernelScope(tf, backend as Backend, backendName);
    try {
      const nchw = info.dataFormat === 'channelsFirst';
      const xh = nchw ? s.transpose(x, [0, 2, 3, 1]) : x;
      const dyh = nchw ? s.transpose(dy, [0, 2, 3, 1]) : dy;
      const xp = paddedInput(s, xh, info);
      const m = info.batchSize * info.outHeight * info.outWidth;
      const dy3 = s.reshape(dyh, [1, m, info.outChannels]);
      const taps: Info[] = [];
      for (let i = 0; i < info.filterHeight; i++) {
        for (let j = 0; j < info.filterWidth; j++) {
          const win = s.window(xp, i, j, info.outHeight, info.outWidth, info.strideHeight, info.strideWidth);
          const a3 = s.reshape(win, [1, m, info.inChannels]);
          taps.push(s.run('BatchMatMul', { a: a3, b: dy3 }, { transposeA: true, transposeB: false }));
        }
      }
      const all = taps.length === 1 ? taps[0] : s.run('Concat', taps, { axis: 0 });
      return s.finish(s.reshape(all, a.filterShape));
    } catch (e) {
      s.abandon();
      throw e;
    }
  };
}
