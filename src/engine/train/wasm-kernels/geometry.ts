import type * as tfjs from '@tensorflow/tfjs';
import type { KernelScope } from './kernelScope';

type Info = tfjs.TensorInfo;
export type Geometry = tfjs.backend_util.Conv2DInfo;

/** Rows (or cols) of padded input the windows of every tap reach. */
function reach(out: number, stride: number, filter: number, dilation: number): number {
  return (out - 1) * stride + (filter - 1) * dilation + 1;
}

/**
 * NHWC x padded so that tap (i, j)'s window starts at row i·dilation, col j·dilation:
 * top/left padding as the forward conv used it, bottom/right just enough for the last tap
 * (the forward conv may ignore trailing input rows; those are simply never windowed).
 */
export function paddedInput(s: KernelScope, x: Info, g: Geometry): Info {
  const { top, left } = g.padInfo;
  const rows = reach(g.outHeight, g.strideHeight, g.filterHeight, g.dilationHeight);
  const cols = reach(g.outWidth, g.strideWidth, g.filterWidth, g.dilationWidth);
  const bottom = Math.max(0, rows - top - g.inHeight);
  const right = Math.max(0, cols - left - g.inWidth);
  return s.pad4(x, [[0, 0], [top, bottom], [left, right], [0, 0]]);
}
