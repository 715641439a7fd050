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
 * Every window position of a non-overlapping pooling (stride ≥ filter, no dilation) as one
 * row: x padded/cropped to the outH·sh × outW·sw grid and regrouped to [sh·sw, N·outH·outW·C],
 * row i·sw + j holding tap (i, j) of every window; only rank ≤ 4 Transposes (wasm's rank-5
 * ones and strided slices are several times slower).
 */
export function stackTaps(s: KernelScope, x: Info, g: Geometry, padValue: number): Info {
  const { batchSize: n, outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = g;
  const c = g.inChannels;
  const { top, left } = g.padInfo;
  const [bottom, right] = [oh * sh - top - g.inHeight, ow * sw - left - g.inWidth];
  let xp = s.pad4(x, [[0, 0], [top, Math.max(0, bottom)], [left, Math.max(0, right)], [0, 0]], padValue);
  if (bottom < 0 || right < 0) {
    xp = s.run('Slice', { x: xp }, { begin: [0, 0, 0, 0], size: [n, oh * sh, ow * sw, c] });
  }
  const rowsFirst = s.transpose(s.reshape(xp, [n * oh * sh, ow, sw, c]), [0, 2, 1, 3]); // [N·oh, sh, sw, ow, c]
  const taps = s.transpose(s.reshape(rowsFirst, [n * oh, sh * sw, ow * c]), [1, 0, 2]);
  return s.reshape(taps, [sh * sw, n * oh * ow * c]);
}

/** The inverse of stackTaps: rows of per-tap values [sh·sw, N·outH·outW·C] back to dx. */
export function unstackTaps(s: KernelScope, stacked: Info, g: Geometry): Info {
  const { batchSize: n, outHeight: oh, outWidth: ow, strideHeight: sh, strideWidth: sw } = g;
  const c = g.inChannels;
  const { top, left } = g.padInfo;
  const byWindowRow = s.transpose(s.reshape(stacked, [sh * sw, n * oh, ow * c]), [1, 0, 2]); // [N·oh, sh, sw, ow, c]
  const grid = s.reshape(s.transpose(s.reshape(byWindowRow, [n * oh * sh, sw, ow, c]), [0, 2, 1, 3]),
    [n, oh * sh, ow * sw, c]);
  const full = s.pad4(grid, [[0, 0], [0, Math.max(0, top + g.inHeight - oh * sh)],
    [0, Math.max(0, left + g.inWidth - ow * sw)], [0, 0]]);
  return s.run('Slice', { x: full }, { begin: [0, top, left, 0], size: [n, g.inHeight, g.inWidth, c] });
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
