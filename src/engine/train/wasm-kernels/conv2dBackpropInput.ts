import type * as tfjs from '@tensorflow/tfjs';
import { KernelScope, type Backend } from './kernelScope';
import { checkDy } from './geometry';

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;

/**
 * dx as one forward convolution (the backend's fast Conv2D): dy spread out by the stride
 * (zeros between), convolved with the filter flipped in space and with in/out channels
 * swapped, padded so that output row p is padded-input row p + top. Replaces wasm's own
 * Conv2DBackpropInput (~8× slower), which is also Conv2DTranspose's forward pass.
 */
export function makeConv2DBackpropInput(tf: Tf, backendName: string): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { dy, filter } = inputs as { dy: Info; filter: Info };
    const a = attrs as unknown as tfjs.Conv2DBackpropInputAttrs;
    const format = tf.backend_util.convertConv2DDataFormat(a.dataFormat);
    const g = tf.backend_util.computeConv2DInfo(
      a.inputShape, filter.shape as [number, number, number, number], a.strides, 1, a.pad,
      a.dimRoundingMode, false, format);
    checkDy('Conv2DBackpropInput', dy, g);
    const s = new KernelScope(tf, backend as Backend, backendName);
    try {
      const nchw = g.dataFormat === 'channelsFirst';
      const { batchSize: n, outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = g;
      const co = g.outChannels;
      let spread = nchw ? s.transpose(dy, [0, 2, 3, 1]) : dy;
      if (sh > 1 || sw > 1) {
        const cells = s.run('PadV2', { x: s.reshape(spread, [n, oh, 1, ow, 1, co]) }, {
          paddings: [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]], constantValue: 0,
        });
        spread = s.reshape(cells, [n, oh * sh, ow * sw, co]);
      }
      // before/after padding of the spread dy per axis; a negative amount crops instead
      const axis = (len: number, f: number, top: number, size: number): [number, number] =>
        [f - 1 - top, size + top - len];
      const [t, b] = axis(oh * sh, g.filterHeight, g.padInfo.top, g.inHeight);
      const [l, r] = axis(ow * sw, g.filterWidth, g.padInfo.left, g.inWidth);
      if (t < 0 || b < 0 || l < 0 || r < 0) {
        const [h0, w0] = [Math.max(0, -t), Math.max(0, -l)];
        spread = s.run('Slice', { x: spread }, {
          begin: [0, h0, w0, 0],
          size: [n, oh * sh - h0 - Math.max(0, -b), ow * sw - w0 - Math.max(0, -r), co],
        });
      }
      const flipped = s.transpose(s.run('Reverse', { x: filter }, { dims: [0, 1] }), [0, 1, 3, 2]);
      const pad = [[0, 0], [Math.max(0, t), Math.max(0, b)], [Math.max(0, l), Math.max(0, r)], [0, 0]];
      const dx = s.run('Conv2D', { x: spread, filter: flipped }, {
        strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1],
      });
      return s.finish(nchw ? s.transpose(dx, [0, 3, 1, 2]) : dx);
    } catch (e) {
      s.abandon();
      throw e;
    }
  };
}
