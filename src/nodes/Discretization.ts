import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, ok, type Tf } from './kind';
import { float, int, py, type Spec } from './params';
import { encodedShape, encodedTfShape, encodeModeParam, encodeTf, ENCODE_MODES, sparseParam, type EncodeMode } from './encodeCategorical';
import { buildWith, ownConfig, single, singleShape, tfjsClass } from './tfjsClass';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * The bin boundaries: required here. Keras can instead compute them from num_bins with adapt()
 * on a dataset, which Layerflow cannot run in the browser; a file saved after adapt() holds them.
 */
const boundariesSpec: Spec<readonly number[]> = {
  type: 'ints',
  default: [0, 1, 2],
  tfjs: 'binBoundaries',
  positional: false,
  doc: 'The increasing boundaries of the bins: x < b[0] is bin 0, b[0] ≤ x < b[1] bin 1, …, x ≥ b[-1] the last bin.',
  check(v) {
    if (v === null || v === undefined)
      return 'must be given: Keras computes bin_boundaries from num_bins with adapt() on a dataset, which Layerflow cannot run in the browser (import a file saved after adapt(), which holds them)';
    if (!Array.isArray(v) || v.length === 0 || !v.every(isNum)) return `must be a non-empty list of numbers, got ${py(v)}`;
    if (v.some((b, i) => i > 0 && b < v[i - 1])) return `must be increasing, got ${py(v)}`;
    return null;
  },
  toKeras: (v) => [...v],
  fromKeras: (x) => (x === null ? (null as unknown as number[]) : Array.isArray(x) && x.every(isNum) ? x : undefined),
  toTfjs: (v) => [...v],
  toPython: (v) => `[${v.join(', ')}]`,
};

const discretizationClass = tfjsClass((tf: Tf) => {
  class Discretization extends tf.layers.Layer {
    static className = 'Discretization';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    private get depth() {
      return (this.cfg.binBoundaries as number[]).length + 1;
    }
    computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
      const mode = this.cfg.outputMode as EncodeMode | 'int';
      return mode === 'int' ? singleShape(s) : encodedTfShape(singleShape(s), mode, this.depth);
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      return tf.tidy(() => {
        const x = tf.cast(single(inputs), 'float32');
        // numpy.digitize(x, b): how many boundaries are ≤ x.
        const b = tf.tensor1d(this.cfg.binBoundaries as number[]);
        const bins = tf.sum(tf.cast(tf.greaterEqual(tf.expandDims(x, -1), b), 'int32'), -1);
        const mode = this.cfg.outputMode as EncodeMode | 'int';
        return mode === 'int' ? bins : encodeTf(tf, bins, mode, this.depth);
      });
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return Discretization;
});

/** layers.Discretization(bin_boundaries=[...]): the index of the bin each value falls in (int32), or its one-hot / multi-hot / count encoding. */
export const Discretization = defineLayer({
  kind: 'Discretization',
  category: 'preprocessing',
  doc: 'Buckets each value by bin_boundaries: the index of its bin (int32), or that index one-hot, multi-hot or counted. Keras computes the boundaries from num_bins with adapt(); here they are given or read from a file saved after adapt().',
  inputs: { min: 1, max: 1 },
  params: {
    bin_boundaries: boundariesSpec,
    num_bins: int({ default: null, min: 0, nullable: true, tfjs: 'numBins', doc: 'How many bins adapt() computed the boundaries for (kept for export; the boundaries decide).' }),
    epsilon: float({ default: 0.01, min: 0, tfjs: 'epsilon', doc: 'The error tolerance adapt() used (kept for export; the boundaries decide).' }),
    output_mode: encodeModeParam(['int', ...ENCODE_MODES], 'int'),
    sparse: sparseParam,
  },
  infer([x], p) {
    if (p.output_mode === 'int') return ok([...x]);
    return encodedShape('Discretization', x, p.output_mode as EncodeMode, p.bin_boundaries.length + 1);
  },
  weights: () => [],
  tfjs: buildWith(discretizationClass),
  // Keras refuses bin_boundaries together with num_bins in the constructor (only from_config takes both).
  pythonArgs: (p) => [
    `bin_boundaries=${boundariesSpec.toPython(p.bin_boundaries)}`,
    ...(p.output_mode !== 'int' ? [`output_mode=${py(p.output_mode)}`] : []),
  ],
  examples: [
    { inputs: [[null, 4]], params: { bin_boundaries: [0, 1, 2] } },
    { inputs: [[null, 3, 2]], params: { bin_boundaries: [-0.5, 0.25], output_mode: 'one_hot' } },
    { inputs: [[null, 1]], params: { bin_boundaries: [-1, 0, 0.5, 1], output_mode: 'one_hot' } },
    { inputs: [[null, 5]], params: { bin_boundaries: [-0.3, 0.3], output_mode: 'multi_hot' } },
    { inputs: [[null, 6, 2]], params: { bin_boundaries: [0], output_mode: 'count', num_bins: 2, epsilon: 0.05 } },
  ],
});
