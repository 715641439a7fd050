import type * as tfjs from '@tensorflow/tfjs';
import type { KernelScope } from './kernelScope';

type Info = tfjs.TensorInfo;
export type Geometry = tfjs.backend_util.Conv2DInfo;

/** Rows (or cols) of padded input the windows of every tap reach. */
export function reach(out: number, stride: number, filter: number, dilation: number): number {
  return (out - 1) * stride + (filter - 1) * dilation + 1;
}

/**
 * NHWC x padded so that tap (i, j)'s window starts at row i·dilation, col j·dilation:
 * top/left padding as the forward conv used it, bottom/right just enough for the last tap
 * (the forward conv may ignore trailing input rows; those are simply never windowed).
 */
export function paddedInput(s: KernelScope, x: Info, g: Geometry, padValue = 0): Info {
  const { top, left } = g.padInfo;
  const rows = reach(g.outHeight, g.strideHeight, g.filterHeight, g.dilationHeight);
  const cols = reach(g.outWidth, g.strideWidth, g.filterWidth, g.dilationWidth);
  const bottom = Math.max(0, rows - top - g.inHeight);
  const right = Math.max(0, cols - left - g.inWidth);
  return s.pad4(x, [[0, 0], [top, bottom], [left, right], [0, 0]], padValue);
}

/**
 * The adjoint of windowing. `tapValue(i, j)` is what filter tap (i, j) sends back from every
 * output position, [N, outH, outW, C]; each is spread out by the stride (zeros between),
 * shifted to where the tap read, summed with one AddN on the padded grid, and the forward
 * padding is cropped off: dx [N, inH, inW, C].
 */
export function scatterTaps(s: KernelScope, g: Geometry, tapValue: (i: number, j: number) => Info): Info {
  const { batchSize: n, outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = g;
  const c = g.inChannels;
  const { top, left } = g.padInfo;
  const rows = Math.max(top + g.inHeight, (g.filterHeight - 1) * g.dilationHeight + oh * sh);
  const cols = Math.max(left + g.inWidth, (g.filterWidth - 1) * g.dilationWidth + ow * sw);
  const placed: Info[] = [];
  for (let i = 0; i < g.filterHeight; i++) {
    for (let j = 0; j < g.filterWidth; j++) {
      let spread = s.reshape(tapValue(i, j), [n, oh, 1, ow, 1, c]);
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
  return s.run('Slice', { x: total }, { begin: [0, top, left, 0], size: [n, g.inHeight, g.inWidth, c] });
}

/**
 * Throws unless dy has the output shape the geometry implies: a kernel called with
 * inconsistent shapes would otherwise read outside its tensors on the wasm heap.
 */
export function checkDy(kernel: string, dy: Info, g: Geometry): void {
  const expected = g.dataFormat === 'channelsFirst'
    ? [g.batchSize, g.outChannels, g.outHeight, g.outWidth]
    : [g.batchSize, g.outHeight, g.outWidth, g.outChannels];
  if (dy.shape.join() !== expected.join()) {
    throw new Error(`${kernel}: dy has shape [${dy.shape}], the convolution gives [${expected}]`);
  }
}
