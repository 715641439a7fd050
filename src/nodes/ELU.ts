import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, ok, type Tf } from './kind';
import { float } from './params';
import { buildWith, ownConfig, single, tfjsClass } from './tfjsClass';

/** tfjs 4.22's ELU layer refuses any alpha but 1. */
const eluClass = tfjsClass((tf: Tf) => {
  class ELU extends tf.layers.Layer {
    static className = 'ELU';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      return tf.tidy(() => {
        const x = single(inputs);
        return tf.where(tf.greater(x, 0), x, tf.mul(this.cfg.alpha as number, tf.expm1(x)));
      });
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return ELU;
});

/** layers.ELU(alpha): x for x > 0, alpha·(exp(x) − 1) below. */
export const ELU = defineLayer({
  kind: 'ELU',
  category: 'activation',
  doc: 'Exponential linear unit: x for x > 0, alpha·(exp(x) - 1) otherwise.',
  inputs: { min: 1, max: 1 },
  params: { alpha: float({ default: 1, min: 0, tfjs: 'alpha', doc: 'Scale of the negative part.' }) },
  infer: ([x]) => ok([...x]),
  weights: () => [],
  tfjs: buildWith(eluClass),
  examples: [{ inputs: [[null, 8]] }, { inputs: [[null, 4, 6]], params: { alpha: 0.5 } }],
});
