import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, ok, type Tf } from './kind';
import { buildWith, single, tfjsClass } from './tfjsClass';

const identityClass = tfjsClass((tf: Tf) => {
  class Identity extends tf.layers.Layer {
    static className = 'Identity';
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      return tf.clone(single(inputs));
    }
  }
  return Identity;
});

/** layers.Identity(): returns its input unchanged (a placeholder that keeps a name in the graph). */
export const Identity = defineLayer({
  kind: 'Identity',
  category: 'core',
  doc: 'Returns its input unchanged.',
  inputs: { min: 1, max: 1 },
  params: {},
  infer: ([x]) => ok([...x]),
  weights: () => [],
  tfjs: buildWith(identityClass),
  examples: [{ inputs: [[null, 8]] }, { inputs: [[null, 4, 4, 3]] }],
});
