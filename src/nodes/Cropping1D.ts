import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, fail, needRank, ok, type Tf } from './kind';
import { ints, py, tuple } from './params';
import { buildWith, ownConfig, single, tfjsClass } from './tfjsClass';
import { fmtShape } from '../engine/shape';

const cropClass = tfjsClass((tf: Tf) => {
  class Cropping1D extends tf.layers.Layer {
    static className = 'Cropping1D';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
      const x = (Array.isArray(s[0]) ? s[0] : s) as tfNs.Shape;
      const [a, b] = this.cfg.cropping as number[];
      return [x[0], x[1] === null ? null : (x[1] as number) - a - b, x[2]];
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      const x = single(inputs);
      const [a, b] = this.cfg.cropping as number[];
      return tf.slice(x, [0, a, 0], [-1, (x.shape[1] as number) - a - b, -1]);
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return Cropping1D;
});

/** layers.Cropping1D(cropping): removes steps at the start and end of a sequence. */
export const Cropping1D = defineLayer({
  kind: 'Cropping1D',
  category: 'reshaping',
  doc: 'Removes steps at the start and end of a sequence (batch, steps, features).',
  inputs: { min: 1, max: 1 },
  params: { cropping: ints({ default: [1, 1], length: 2, min: 0, tfjs: 'cropping', positional: true, doc: 'int (both sides) or (start, end): how many steps to remove.' }) },
  infer([x], p) {
    const r = needRank('Cropping1D', x, 3, '(batch, steps, features)');
    if (r) return r;
    const [a, b] = tuple(p.cropping, 2);
    if (x[1] !== null && x[1] - a - b < 1)
      return fail(`Cropping1D cropping ${py(p.cropping)} leaves ${x[1] - a - b} of the ${x[1]} steps of ${fmtShape(x)}`, 'negative-size', 'cropping');
    return ok([x[0], x[1] === null ? null : x[1] - a - b, x[2]]);
  },
  weights: () => [],
  tfjs: buildWith(cropClass),
  examples: [{ inputs: [[null, 10, 4]] }, { inputs: [[null, 10, 4]], params: { cropping: [2, 3] } }, { inputs: [[null, 12, 2]], params: { cropping: 4 } }],
});
