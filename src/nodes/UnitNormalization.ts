import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, fail, ok, type Tf } from './kind';
import { axesOf, axisSpec } from './LayerNormalization';
import { buildWith, ownConfig, single, tfjsClass } from './tfjsClass';
import { fmtShape } from '../engine/shape';

const unitClass = tfjsClass((tf: Tf) => {
  class UnitNormalization extends tf.layers.Layer {
    static className = 'UnitNormalization';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      return tf.tidy(() => {
        const x = single(inputs);
        // keras.ops.normalize(order=2, epsilon=1e-12): x / max(‖x‖, ε).
        const norm = tf.sqrt(tf.sum(tf.square(x), axesOf(this.cfg.axis as number), true));
        return tf.div(x, tf.maximum(norm, 1e-12));
      });
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return UnitNormalization;
});

/** layers.UnitNormalization(): scales each sample to unit L2 norm over `axis`. */
export const UnitNormalization = defineLayer({
  kind: 'UnitNormalization',
  category: 'normalization',
  doc: 'Scales each sample so that its L2 norm over `axis` is 1.',
  inputs: { min: 1, max: 1 },
  params: { axis: { ...axisSpec, doc: 'Axis or axes along which to normalize (-1: the last).' } },
  infer([x], p) {
    for (const a of axesOf(p.axis))
      if (a < -x.length || a >= x.length) return fail(`UnitNormalization axis=${a} is out of range for an input of rank ${x.length} ${fmtShape(x)}`, 'invalid-param', 'axis');
    return ok([...x]);
  },
  weights: () => [],
  tfjs: buildWith(unitClass),
  examples: [{ inputs: [[null, 16]] }, { inputs: [[null, 4, 6]], params: { axis: [1, 2] } }, { inputs: [[null, 4, 6]], params: { axis: 1 } }],
});
