import type * as tfjs from '@tensorflow/tfjs';
import { KernelScope, type Backend } from './kernelScope';

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;
type ResizeAttrs = tfjs.ResizeBilinearGradAttrs;

/**
 * A resize along one axis as a matrix W [outSize, inSize] (out = W · in); both tfjs resizes
 * are separable, out = Wrows · image · Wcolsᵀ, so their gradient is Wrowsᵀ · dy · Wcols.
 * `bilinear` and `nearest` mirror tfjs-backend-cpu's forward kernels arithmetic exactly.
 */
type AxisWeights = (inSize: number, outSize: number, a: ResizeAttrs) => Float32Array;

function ratio(inSize: number, outSize: number, alignCorners: boolean): number {
  const corners = alignCorners && outSize > 1;
  return (corners ? inSize - 1 : inSize) / (corners ? outSize - 1 : outSize);
}

export const nearest: AxisWeights = (inSize, outSize, { alignCorners, halfPixelCenters }) => {
  const r = ratio(inSize, outSize, alignCorners);
  const w = new Float32Array(outSize * inSize);
  for (let o = 0; o < outSize; o++) {
    const frac = halfPixelCenters ? r * (o + 0.5) : r * o;
    let src = Math.min(inSize - 1, alignCorners ? Math.round(frac) : Math.floor(frac));
    if (halfPixelCenters) src = Math.max(0, src);
    w[o * inSize + src] = 1;
  }
  return w;
};

export const bilinear: AxisWeights = (inSize, outSize, { alignCorners, halfPixelCenters }) => {
  const r = ratio(inSize, outSize, alignCorners);
  const w = new Float32Array(outSize * inSize);
  for (let o = 0; o < outSize; o++) {
    const frac = halfPixelCenters ? r * (o + 0.5) - 0.5 : r * o;
    const lo = Math.max(0, Math.floor(frac));
    const hi = Math.min(inSize - 1, Math.ceil(frac));
    const t = frac - lo;
    w[o * inSize + lo] += 1 - t;
    w[o * inSize + hi] += t;
  }
  return w;
};

/**
 * dx = Wrowsᵀ · dy · Wcols as two batched MatMuls (the weights are tiny constants). Replaces
 * the 4.22 wasm and cpu kernels: their ResizeNearestNeighborGrad reads dy at the images'
 * batch stride (wrong for every image after the first: UpSampling2D trained with batch > 1
 * got wrong gradients) and ignores halfPixelCenters; their ResizeBilinearGrad returns height
 * and width swapped (throws for non-square images).
 */
export function makeResizeGrad(weights: AxisWeights, tf: Tf, backendName: string): tfjs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { images, dy } = inputs as { images: Info; dy: Info };
    const a = attrs as unknown as ResizeAttrs;
    const [n, inH, inW, ch] = images.shape;
    const [, outH, outW] = dy.shape;
    const s = new KernelScope(tf, backend as Backend, backendName);
    try {
      const rows = s.constant([1, outH, inH], weights(inH, outH, a));
      const cols = s.constant([1, outW, inW], weights(inW, outW, a));
      const byRow = s.run('BatchMatMul', { a: rows, b: s.reshape(dy, [n, outH, outW * ch]) },
        { transposeA: true, transposeB: false });
      const byCol = s.run('BatchMatMul', { a: cols, b: s.reshape(byRow, [n * inH, outW, ch]) },
        { transposeA: true, transposeB: false });
      return s.finish(s.reshape(byCol, [n, inH, inW, ch]));
    } catch (e) {
      s.abandon();
      throw e;
    }
  };
}
