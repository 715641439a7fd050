import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, ok, type Tf } from './kind';
import { float } from './params';
import { buildWith, ownConfig, single, tfjsClass } from './tfjsClass';

const rescalingClass = tfjsClass((tf: Tf) => {
  class Rescaling extends tf.layers.Layer {
    static className = 'Rescaling';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      return tf.tidy(() => tf.add(tf.mul(tf.cast(single(inputs), 'float32'), this.cfg.scale as number), this.cfg.offset as number));
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return Rescaling;
});

/** layers.Rescaling(scale, offset): x * scale + offset, e.g. Rescaling(1/255) for [0, 255] pixels. */
export const Rescaling = defineLayer({
  kind: 'Rescaling',
  category: 'preprocessing',
  doc: 'Multiplies the input by scale and adds offset: Rescaling(1/255) maps [0, 255] pixels to [0, 1].',
  inputs: { min: 1, max: 1 },
  params: {
    scale: float({ default: 1 / 255, tfjs: 'scale', positional: true, doc: 'The factor every value is multiplied by.' }),
    offset: float({ default: 0, tfjs: 'offset', doc: 'Added after scaling.' }),
  },
  infer: ([x]) => ok([...x]),
  weights: () => [],
  tfjs: buildWith(rescalingClass),
  examples: [{ inputs: [[null, 28, 28, 1]] }, { inputs: [[null, 10]], params: { scale: 2, offset: -1 } }],
});
