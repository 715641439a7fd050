/**
 * UnsortedSegmentSum — the gradient of Embedding (gather) — as one linear pass. tfjs-backend-wasm
 * 4.22 has no such kernel (so no Embedding model trains on wasm), and the cpu backend's loops
 * once per segment over the whole input: minutes per batch for the seed's 10,000-word
 * vocabulary. Registered for both, replacing cpu's.
 */
import type * as tfNs from '@tensorflow/tfjs';

type Tf = typeof tfNs;
const KERNEL = 'UnsortedSegmentSum';
const OURS = Symbol.for('layerflow.segmentSum');

type Backend = tfNs.KernelBackend & {
  makeTensorInfo?(shape: number[], dtype: tfNs.DataType, values: tfNs.backend_util.BackendValues): tfNs.TensorInfo;
  makeOutput?(shape: number[], dtype: tfNs.DataType, memoryOffset?: number, values?: tfNs.backend_util.BackendValues): tfNs.TensorInfo;
};

function kernelFunc(backendName: string): tfNs.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const { x, segmentIds } = inputs as { x: tfNs.TensorInfo; segmentIds: tfNs.TensorInfo };
    const numSegments = (attrs as { numSegments: number }).numSegments;
    const b = backend as Backend;
    const values = b.readSync(x.dataId) as Float32Array | Int32Array;
    const ids = b.readSync(segmentIds.dataId) as Int32Array | Float32Array;
    const rows = segmentIds.shape.reduce((a, d) => a * d, 1);
    const inner = rows ? values.length / rows : 0;
    const out = x.dtype === 'int32' ? new Int32Array(numSegments * inner) : new Float32Array(numSegments * inner);
    for (let i = 0; i < rows; i++) {
      const s = ids[i];
      if (s < 0 || s >= numSegments) continue;
      const src = i * inner;
      const dst = s * inner;
      for (let j = 0; j < inner; j++) out[dst + j] += values[src + j];
    }
    const shape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
    return backendName === 'wasm' ? b.makeOutput!(shape, x.dtype, undefined, out) : b.makeTensorInfo!(shape, x.dtype, out);
  };
}

/** Idempotent; call before training on cpu or wasm. */
export function registerSegmentSumKernels(tf: Tf): void {
  for (const backendName of ['cpu', 'wasm']) {
    const existing = tf.getKernel(KERNEL, backendName) as (tfNs.KernelConfig & { [OURS]?: true }) | undefined;
    if (existing?.[OURS]) continue;
    if (existing) tf.unregisterKernel(KERNEL, backendName);
    tf.registerKernel({ kernelName: KERNEL, backendName, kernelFunc: kernelFunc(backendName), [OURS]: true } as tfNs.KernelConfig);
  }
}
