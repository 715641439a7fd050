import type * as tfjs from '@tensorflow/tfjs';

type Tf = typeof tfjs;
type Info = tfjs.TensorInfo;
type Attrs = tfjs.NamedAttrMap;
export type Backend = tfjs.KernelBackend & { disposeData(dataId: object, force?: boolean): boolean };

/**
 * Runs the backend's own kernels on raw TensorInfos, inside a kernelFunc.
 * Going through tf ops there would record on the gradient tape and count as engine tensors;
 * calling the registered kernelFuncs directly keeps everything inside the backend. Every
 * intermediate is remembered and freed by `finish`, except the one handed back as the result.
 */
export class KernelScope {
  private readonly temps: Info[] = [];

  constructor(
    private readonly tf: Tf,
    private readonly backend: Backend,
    private readonly backendName: string,
  ) {}

  run(kernelName: string, inputs: Info[] | Record<string, Info>, attrs: Attrs = {}): Info {
    const config = this.tf.getKernel(kernelName, this.backendName);
    if (config == null) throw new Error(`kernel '${kernelName}' is not registered for '${this.backendName}'`);
    const out = config.kernelFunc({
      inputs: inputs as tfjs.NamedTensorInfoMap,
      backend: this.backend,
      attrs,
    }) as Info;
    this.temps.push(out);
    return out;
  }

  /** A float32 constant living on the backend, freed with the other intermediates. */
  constant(shape: number[], values: Float32Array): Info {
    const out = { dataId: this.backend.write(values, shape, 'float32'), shape, dtype: 'float32' as const };
    this.temps.push(out);
    return out;
  }

  reshape(x: Info, shape: number[]): Info {
    return this.run('Reshape', { x }, { shape });
  }

  transpose(x: Info, perm: number[]): Info {
    return this.run('Transpose', { x }, { perm });
  }

  /** Pads with a constant (0 unless told); a no-op padding returns x itself (no copy). */
  pad4(x: Info, paddings: [number, number][], constantValue = 0): Info {
    if (paddings.every(([a, b]) => a === 0 && b === 0)) return x;
    return this.run('PadV2', { x }, { paddings, constantValue });
  }

  /** x[:, r0 : r0+(n-1)*sr+1 : sr, c0 : … : sc, :] for a rank-4 NHWC tensor. */
  window(x: Info, r0: number, c0: number, rows: number, cols: number, sr: number, sc: number): Info {
    const [n, , , ch] = x.shape;
    if (sr === 1 && sc === 1) {
      return this.run('Slice', { x }, { begin: [0, r0, c0, 0], size: [n, rows, cols, ch] });
    }
    return this.run('StridedSlice', { x }, {
      begin: [0, r0, c0, 0],
      end: [n, r0 + (rows - 1) * sr + 1, c0 + (cols - 1) * sc + 1, ch],
      strides: [1, sr, sc, 1],
      beginMask: 0, endMask: 0, ellipsisMask: 0, newAxisMask: 0, shrinkAxisMask: 0,
    });
  }

  /** Frees every intermediate except `result` (which may share data with one of them). */
  finish(result: Info): Info {
    for (const t of this.temps) {
      if (t !== result) this.backend.disposeData(t.dataId);
    }
    this.temps.length = 0;
    return result;
  }

  /** Frees every intermediate (on error). */
  abandon(): void {
    for (const t of this.temps) this.backend.disposeData(t.dataId);
    this.temps.length = 0;
  }
}
