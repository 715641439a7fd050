/**
 * AdaptiveAveragePooling1D/2D/3D and AdaptiveMaxPooling1D/2D/3D (Keras 3.12+): the spatial axes
 * are pooled to a fixed output_size whatever the input size. Output bin i of an axis of length L
 * pooled to n covers [floor(i·L/n), ceil((i+1)·L/n)) — Keras' "two-pool gather" in its JAX and
 * NumPy backends computes exactly these bins (as PyTorch does). tfjs 4.22 has no such layer: our
 * class slices each bin and reduces it (differentiable, so it trains), one axis after another.
 */
import type * as tfNs from '@tensorflow/tfjs';
import { layoutOf } from './convShape';
import { needRank, ok, type Tf } from './kind';
import { dataFormat, ints, tuple } from './params';
import { buildWith, ownConfig, single, singleShape, tfjsClass } from './tfjsClass';
import type { Shape } from '../engine/shape';

/** [start, end) of each of the n bins of an axis of length len. */
export const adaptiveBins = (len: number, n: number): [number, number][] =>
  Array.from({ length: n }, (_, i) => [Math.floor((i * len) / n), Math.ceil(((i + 1) * len) / n)]);

const spatialAxes = (n: number, first: boolean) => Array.from({ length: n }, (_, i) => i + (first ? 2 : 1));

const adaptiveClass = (className: string, n: number, op: 'mean' | 'max') =>
  tfjsClass((tf: Tf) => {
    class AdaptivePooling extends tf.layers.Layer {
      static className = className;
      constructor(private readonly cfg: Record<string, unknown>) {
        super(cfg);
      }
      private axes = () => spatialAxes(n, this.cfg.dataFormat === 'channelsFirst');
      computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
        const size = tuple(this.cfg.outputSize as number[], n);
        return singleShape(s).map((d, i) => (this.axes().includes(i) ? size[this.axes().indexOf(i)] : d));
      }
      call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
        return tf.tidy(() => {
          const size = tuple(this.cfg.outputSize as number[], n);
          return this.axes().reduce((x, axis, k) => {
            const bins = adaptiveBins(x.shape[axis], size[k]).map(([a, b]) => {
              const begin = x.shape.map((_, i) => (i === axis ? a : 0));
              return tf[op](tf.slice(x, begin, x.shape.map((d, i) => (i === axis ? b - a : d))), axis, true);
            });
            return tf.concat(bins, axis);
          }, single(inputs));
        });
      }
      getConfig() {
        return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
      }
    }
    return AdaptivePooling;
  });

const SPATIAL = ['steps', 'rows and cols', 'depth, rows and cols'];

/** The parts of an adaptive pooling kind but its doc and examples. */
export function adaptivePoolingKind(kind: string, n: 1 | 2 | 3, op: 'mean' | 'max') {
  return {
    kind,
    category: 'pooling' as const,
    inputs: { min: 1, max: 1 },
    params: {
      output_size: ints({ default: n === 3 ? 2 : 4, length: n, min: 1, tfjs: 'outputSize', positional: true, doc: `Output size of the ${SPATIAL[n - 1]}: one int for all, or one per axis.` }),
      data_format: dataFormat(),
    },
    infer([x]: Shape[], p: { output_size: number | readonly number[]; data_format: string }) {
      const first = p.data_format === 'channels_first';
      const r = needRank(kind, x, n + 2, layoutOf(n, first));
      if (r) return r;
      const size = tuple(p.output_size, n);
      const axes = spatialAxes(n, first);
      return ok(x.map((d, i) => (axes.includes(i) ? size[axes.indexOf(i)] : d)));
    },
    weights: () => [],
    // One op per element of every bin (bins of neighbouring outputs may overlap by one).
    flops([x]: Shape[], _y: Shape[], p: { output_size: number | readonly number[]; data_format: string }) {
      const first = p.data_format === 'channels_first';
      const axes = spatialAxes(n, first);
      const size = tuple(p.output_size, n);
      const dims = [...axes.map((a) => x[a]), x[first ? 1 : n + 1]];
      if (dims.some((d) => d === null)) return null;
      const covered = axes.map((a, k) => adaptiveBins(x[a] as number, size[k]).reduce((t, [s, e]) => t + e - s, 0));
      return covered.reduce((t, v) => t * v, 1) * (dims[n] as number);
    },
    tfjs: buildWith(adaptiveClass(kind, n, op)),
  };
}
