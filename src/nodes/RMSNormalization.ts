import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, fail, ok, w, type Tf } from './kind';
import { float, py } from './params';
import { axesOf, axisSpec } from './LayerNormalization';
import { buildWith, ownConfig, single, singleShape, tfjsClass } from './tfjsClass';
import { fmtShape, type Shape } from '../engine/shape';
import { perSample } from './flops';

/** The scale's shape: the sizes on the normalized axes, in ascending axis order as Keras sorts them. */
const scaleShape = (x: Shape, axis: number | readonly number[]) =>
  axesOf(axis)
    .map((a) => (a < 0 ? a + x.length : a))
    .sort((a, b) => a - b)
    .map((a) => x[a] as number);

const rmsClass = tfjsClass((tf: Tf) => {
  class RMSNormalization extends tf.layers.Layer {
    static className = 'RMSNormalization';
    private scale!: tfNs.LayerVariable;
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    build(inputShape: tfNs.Shape | tfNs.Shape[]) {
      this.scale = this.addWeight('scale', scaleShape(singleShape(inputShape), this.cfg.axis as number), 'float32', tf.initializers.ones());
      this.built = true;
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      return tf.tidy(() => {
        const x = single(inputs);
        const axes = axesOf(this.cfg.axis as number).map((a) => (a < 0 ? a + x.rank : a));
        const bshape = x.shape.map((d, i) => (axes.includes(i) ? d : 1));
        const inv = tf.rsqrt(tf.add(tf.mean(tf.square(x), axes, true), this.cfg.epsilon as number));
        return tf.mul(tf.mul(x, inv), tf.reshape(this.scale.read(), bshape));
      });
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return RMSNormalization;
});

/** layers.RMSNormalization(): x / sqrt(mean(x²) + epsilon) over `axis`, times a learned scale. */
export const RMSNormalization = defineLayer({
  kind: 'RMSNormalization',
  category: 'normalization',
  doc: 'Divides each sample by the root mean square of its values over `axis` (no centering), then multiplies by a learned scale.',
  inputs: { min: 1, max: 1 },
  params: {
    axis: axisSpec,
    epsilon: float({ default: 1e-6, min: 0, exclusiveMin: true, tfjs: 'epsilon', doc: 'Added to the variance to avoid dividing by zero.' }),
  },
  infer([x], p) {
    for (const a of axesOf(p.axis)) {
      if (a < -x.length || a >= x.length || a === 0 || a === -x.length)
        return fail(`RMSNormalization axis=${a} is out of range (or the batch axis) for an input of rank ${x.length} ${fmtShape(x)}`, 'invalid-param', 'axis');
      if (x.at(a) === null) return fail(`RMSNormalization needs a known size on axis ${a}, got ${fmtShape(x)}`);
    }
    // Keras multiplies by a scale shaped like the normalized axes, which broadcasts only when they are the last ones.
    const axes = axesOf(p.axis).map((a) => (a < 0 ? a + x.length : a)).sort((a, b) => a - b);
    if (axes.some((a, i) => a !== x.length - axes.length + i))
      return fail(`RMSNormalization axis=${py(p.axis)} must be the last axes of ${fmtShape(x)} (Keras broadcasts the scale against the trailing axes)`, 'invalid-param', 'axis');
    return ok([...x]);
  },
  weights: ([x], p) => [w('scale', scaleShape(x, p.axis))],
  // Square, mean, normalize, scale: 4 ops per element.
  flops: (_, [y]) => (perSample(y) === null ? null : 4 * (perSample(y) as number)),
  tfjs: buildWith(rmsClass),
  examples: [{ inputs: [[null, 16]] }, { inputs: [[null, 5, 8]], params: { epsilon: 1e-5 } }, { inputs: [[null, 3, 4, 5]], params: { axis: [2, 3] } }],
});
