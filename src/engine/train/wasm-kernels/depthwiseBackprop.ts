import type * as tfjs from '@tensorflow/tfjs';
import { KernelScope, type Backend } from './kernelScope';
import { checkDy, paddedInput, scatterTaps } from './geometry';

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;

function geometry(tf: Tf, inShape: number[], filterShape: number[], a: Pick<tfjs.DepthwiseConv2dNativeBackpropFilterAttrs, 'strides' | 'dilations' | 'pad' | 'dimRoundingMode'>) {
  return tf.backend_util.computeConv2DInfo(
    inShape as [number, number, number, number], filterShape as [number, number, number, number],
    a.strides, a.dilations, a.pad, a.dimRoundingMode, true);
}

/**
 * Depthwise dW[i,j,c,m] = Σ window(x, tap i,j)[…,c] · dy[…,c·M+m]: per tap one broadcast
 * Multiply and one Sum over batch × output positions.
 */
export function makeDepthwiseBackpropFilter(tf: Tf, backendName: string): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: Info; dy: Info };
    const a = attrs as unknown as tfjs.DepthwiseConv2dNativeBackpropFilterAttrs;
    const g = geometry(tf, x.shape, a.filterShape, a);
    checkDy('DepthwiseConv2dNativeBackpropFilter', dy, g);
    const s = new KernelScope(tf, backend as Backend, backendName);
    try {
      const c = g.inChannels;
      const mult = g.outChannels / c;
      const m = g.batchSize * g.outHeight * g.outWidth;
      const xp = paddedInput(s, x, g);
      const dy3 = s.reshape(dy, [m, c, mult]);
      const taps: Info[] = [];
      for (let i = 0; i < g.filterHeight; i++) {
        for (let j = 0; j < g.filterWidth; j++) {
          const win = s.window(xp, i * g.dilationHeight, j * g.dilationWidth,
            g.outHeight, g.outWidth, g.strideHeight, g.strideWidth);
          const prod = s.run('Multiply', { a: s.reshape(win, [m, c, 1]), b: dy3 });
          taps.push(s.run('Sum', { x: prod }, { axis: [0], keepDims: true }));
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

/** Depthwise dx: per tap, dy weighted by that tap's filter (Σ over the channel multiplier), scattered back. */
export function makeDepthwiseBackpropInput(tf: Tf, backendName: string): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: Info; filter: Info };
    const a = attrs as unknown as tfjs.DepthwiseConv2dNativeBackpropInputAttrs;
    const g = geometry(tf, a.inputShape, filter.shape, a);
    checkDy('DepthwiseConv2dNativeBackpropInput', dy, g);
    const s = new KernelScope(tf, backend as Backend, backendName);
    try {
      const c = g.inChannels;
      const mult = g.outChannels / c;
      const dy3 = s.reshape(dy, [g.batchSize * g.outHeight * g.outWidth, c, mult]);
      const w3 = s.reshape(filter, [g.filterHeight * g.filterWidth, c, mult]);
      const dx = scatterTaps(s, g, (i, j) => {
        const wt = s.run('Slice', { x: w3 }, { begin: [i * g.filterWidth + j, 0, 0], size: [1, c, mult] });
        const weighted = s.run('Multiply', { a: dy3, b: s.reshape(wt, [c, mult]) });
        return mult === 1 ? weighted : s.run('Sum', { x: weighted }, { axis: [2], keepDims: false });
      });
      return s.finish(dx);
    } catch (e) {
      s.abandon();
      throw e;
    }
  };
}
