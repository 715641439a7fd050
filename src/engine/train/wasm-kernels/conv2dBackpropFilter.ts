import type * as tfjs from '@tensorflow/tfjs';
import { KernelScope, type Backend } from './kernelScope';
import { checkDy, paddedInput, reach } from './geometry';

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;

/**
 * dW as one forward convolution (the backend's fast Conv2D): with batch and channels of x
 * swapped, x becomes a [Cin, H, W, N] image and dy a [OH, OW, N, Cout] filter; convolving
 * them with dilation = the forward stride gives [Cin, FH, FW, Cout], i.e.
 * dW[i,j,ci,co] = Σ_{n,oh,ow} xpad[n, oh·sh+i, ow·sw+j, ci] · dy[n,oh,ow,co].
 * ~13× faster on wasm than a MatMul per filter tap.
 */
export function makeConv2DBackpropFilter(tf: Tf, backendName: string): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: Info; dy: Info };
    const a = attrs as unknown as tfjs.Conv2DBackpropFilterAttrs;
    const g = tf.backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad,
      a.dimRoundingMode, false, tf.backend_util.convertConv2DDataFormat(a.dataFormat));
    checkDy('Conv2DBackpropFilter', dy, g);
    const s = new KernelScope(tf, backend as Backend, backendName);
    try {
      const nchw = g.dataFormat === 'channelsFirst';
      const xp = paddedInput(s, nchw ? s.transpose(x, [0, 2, 3, 1]) : x, g);
      const rows = reach(g.outHeight, g.strideHeight, g.filterHeight, 1);
      const cols = reach(g.outWidth, g.strideWidth, g.filterWidth, 1);
      // exactly the rows/cols some tap reads, so the 'valid' conv yields FH × FW
      const used = xp.shape[1] === rows && xp.shape[2] === cols ? xp
        : s.run('Slice', { x: xp }, { begin: [0, 0, 0, 0], size: [g.batchSize, rows, cols, g.inChannels] });
      const image = s.transpose(used, [3, 1, 2, 0]);
      const filter = nchw ? s.transpose(dy, [2, 3, 0, 1]) : s.transpose(dy, [1, 2, 0, 3]);
      const out = s.run('Conv2D', { x: image, filter }, {
        strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [g.strideHeight, g.strideWidth],
      });
      return s.finish(s.transpose(out, [1, 2, 0, 3]));
    } catch (e) {
      s.abandon();
      throw e;
    }
  };
}
