import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, ok, type Tf } from './kind';
import { float } from './params';
import { single, tfjsClass } from './tfjsClass';

const passThrough = tfjsClass((tf: Tf) => {
  class ActivityRegularization extends tf.layers.Layer {
    static className = 'ActivityRegularization';
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      return tf.clone(single(inputs));
    }
  }
  return ActivityRegularization;
});

/** layers.ActivityRegularization(l1, l2): identity that adds l1·Σ|x| + l2·Σx² to the training loss. */
export const ActivityRegularization = defineLayer({
  kind: 'ActivityRegularization',
  category: 'regularization',
  doc: 'Passes its input through unchanged and adds l1·sum(|x|) + l2·sum(x²) of it to the training loss.',
  inputs: { min: 1, max: 1 },
  params: {
    l1: float({ default: 0, min: 0, tfjs: 'l1', doc: 'L1 regularization factor.' }),
    l2: float({ default: 0, min: 0, tfjs: 'l2', doc: 'L2 regularization factor.' }),
  },
  infer: ([x]) => ok([...x]),
  weights: () => [],
  // The browser's training loop sums the outputs' losses only; a penalty it would skip is refused instead.
  tfjs: (p, config, tf) =>
    p.l1 === 0 && p.l2 === 0 ? new (passThrough(tf))(config) : { unsupported: `the browser's tfjs trainer does not add activity regularization to the loss; ActivityRegularization(l1=${p.l1}, l2=${p.l2}) trains in the exported Keras script only` },
  examples: [{ inputs: [[null, 8]] }, { inputs: [[null, 4, 6]], params: { l1: 0.01 }, tfjsUnsupported: true }],
});
