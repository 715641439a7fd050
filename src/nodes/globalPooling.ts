/** Params and shape rule shared by GlobalMaxPooling1D/2D and GlobalAveragePooling1D/2D. */
import type * as tfNs from '@tensorflow/tfjs';
import { layoutOf } from './convShape';
import { perSample } from './flops';
import { ownConfig, single, tfjsClass } from './tfjsClass';
import { needRank, ok, type Infer, type Tf } from './kind';
import { bool, dataFormat } from './params';
import type { Shape } from '../engine/shape';

/** tfjs 4.22 has no keepdims, and its 1D global pooling no data format (channels_last only). */
function globalPoolParams(n: 1 | 2 | 3) {
  return {
    data_format: n === 1 ? dataFormat({ tfjs: null }) : dataFormat(),
    // The 3D kinds, and the 2D ones with keepdims, are our own tfjs class, which keeps the dims when asked.
    keepdims: bool(false, { doc: 'Keep the pooled axes as size 1 instead of dropping them.', tfjs: n === 1 ? null : 'keepdims' }),
  };
}

/** (batch, steps…, channels) → (batch, channels), or (batch, 1…, channels) with keepdims. */
function inferGlobalPool(kind: string, n: number, x: Shape, p: { data_format: string; keepdims: boolean }): Infer {
  const first = p.data_format === 'channels_first';
  const r = needRank(kind, x, n + 2, layoutOf(n, first));
  if (r) return r;
  const ch = x[first ? 1 : n + 1];
  if (!p.keepdims) return ok([x[0], ch]);
  const ones = Array<number>(n).fill(1);
  return ok(first ? [x[0], ch, ...ones] : [x[0], ...ones, ch]);
}

/** The parts of a global pooling kind but its doc, tfjs and examples. */
export const globalPoolingKind = (kind: string, n: 1 | 2 | 3) => ({
  kind,
  category: 'pooling' as const,
  inputs: { min: 1, max: 1 },
  params: globalPoolParams(n),
  infer: ([x]: Shape[], p: { data_format: string; keepdims: boolean }) => inferGlobalPool(kind, n, x, p),
  weights: () => [],
  // One op per input element.
  flops: ([x]: Shape[]) => perSample(x),
});

/**
 * Global pooling over the n spatial axes in tfjs, for what 4.22 lacks: the 3D kinds, and
 * keepdims=True on the 2D ones (MobileNetV3's squeeze-excite blocks).
 */
const poolNd = (className: string, op: 'mean' | 'max', n: 2 | 3) =>
  tfjsClass((tf: Tf) => {
    class GlobalPooling extends tf.layers.Layer {
      static className = className;
      constructor(private readonly cfg: Record<string, unknown>) {
        super(cfg);
      }
      private axes = () => Array.from({ length: n }, (_, i) => i + (this.cfg.dataFormat === 'channelsFirst' ? 2 : 1));
      computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
        const x = (Array.isArray(s[0]) ? s[0] : s) as tfNs.Shape;
        const axes = this.axes();
        return this.cfg.keepdims ? x.map((d, i) => (axes.includes(i) ? 1 : d)) : x.filter((_, i) => !axes.includes(i));
      }
      call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
        return tf[op](single(inputs), this.axes(), this.cfg.keepdims === true);
      }
      getConfig() {
        return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
      }
    }
    return GlobalPooling;
  });

export const globalAveragePooling3dClass = poolNd('GlobalAveragePooling3D', 'mean', 3);
export const globalMaxPooling3dClass = poolNd('GlobalMaxPooling3D', 'max', 3);

/** A 2D kind's tfjs builder: tfjs's own layer, or ours (registered under the Keras name) when keepdims is on. */
export const pool2d = (className: string, op: 'mean' | 'max', factory: 'globalAveragePooling2d' | 'globalMaxPooling2d') => {
  const cls = poolNd(className, op, 2);
  return (p: { keepdims: boolean }, config: Record<string, unknown>, tf: Tf) => {
    if (p.keepdims) return new (cls(tf))(config);
    const { keepdims: _, ...rest } = config;
    return tf.layers[factory](rest as never);
  };
};
