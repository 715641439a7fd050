import type * as tfjs from '@tensorflow/tfjs';
import { KernelScope, type Backend } from './kernelScope';
import { paddedInput } from './geometry';

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

/**
 * Depthwise dx: per tap, dy weighted by that tap's filter (Σ over the channel multiplier),
 * spread out by the stride (zeros between), shifted to the tap's offset; all taps summed
 * with one AddN on the padded grid, then the forward padding cropped off.
 */
export function makeDepthwiseBackpropInput(tf: Tf, backendName: string): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: Info; filter: Info };
    const a = attrs as unknown as tfjs.DepthwiseConv2dNativeBackpropInputAttrs;
    const g = geometry(tf, a.inputShape, filter.shape, a);
    const s = new KernelScope(tf, backend as Backend, backendName);
    try {
      const { batchSize: n, outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = g;
      const c = g.inChannels;
      const mult = g.outChannels / c;
      const taps = g.filterHeight * g.filterWidth;
      const { top, left } = g.padInfo;
      const rows = Math.max(top + g.inHeight, (g.filterHeight - 1) * g.dilationHeight + oh * sh);
      const cols = Math.max(left + g.inWidth, (g.filterWidth - 1) * g.dilationWidth + ow * sw);
      const dy3 = s.reshape(dy, [n * oh * ow, c, mult]);
      const w3 = s.reshape(filter, [taps, c, mult]);
      const placed: Info[] = [];
      for (let i = 0; i < g.filterHeight; i++) {
        for (let j = 0; j < g.filterWidth; j++) {
          const wt = s.run('Slice', { x: w3 }, { begin: [i * g.filterWidth + j, 0, 0], size: [1, c, mult] });
          const weighted = s.run('Multiply', { a: dy3, b: s.reshape(wt, [c, mult]) });
          const summed = mult === 1 ? weighted : s.run('Sum', { x: weighted }, { axis: [2], keepDims: false });
          let spread = s.reshape(summed, [n, oh, 1, ow, 1, c]);
          if (sh > 1 || sw > 1) {
            spread = s.run('PadV2', { x: spread }, {
              paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0,
            });
          }
          const grid = s.reshape(spread, [n, oh * sh, ow * sw, c]);
          const r0 = i * g.dilationHeight;
          const c0 = j * g.dilationWidth;
          placed.push(s.pad4(grid, [[0, 0], [r0, rows - r0 - oh * sh], [c0, cols - c0 - ow * sw], [0, 0]]));
        }
      }
      const total = placed.length === 1 ? placed[0] : s.run('AddN', placed);
      const dx = s.run('Slice', { x: total }, { begin: [0, top, left, 0], size: [n, g.inHeight, g.inWidth, c] });
      return s.finish(dx);
    } catch (e) {
      s.abandon();
      throw e;
    }
  };
}
