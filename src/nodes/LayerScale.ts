import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, fail, ok, w, type Tf } from './kind';
import { float, int } from './params';
import { buildWith, ownConfig, single, tfjsClass } from './tfjsClass';
import { fmtShape } from '../engine/shape';
import { perSample } from './flops';

const layerScaleClass = tfjsClass((tf: Tf) => {
  class LayerScale extends tf.layers.Layer {
    static className = 'LayerScale';
    private gamma!: tfNs.LayerVariable;
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    build() {
      this.gamma = this.addWeight('gamma', [this.cfg.projectionDim as number], 'float32', tf.initializers.constant({ value: this.cfg.initValues as number }));
      this.built = true;
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      return tf.tidy(() => tf.mul(single(inputs), this.gamma.read()));
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return LayerScale;
});

/**
 * keras.applications' LayerScale (ConvNeXt; CaiT's "layer scale"): x times a learned per-channel
 * gamma, initialised to init_values. Not a keras.layers class: Keras saves it under
 * keras.src.applications.convnext, and the Python export names it there.
 */
export const LayerScale = defineLayer({
  kind: 'LayerScale',
  category: 'normalization',
  kerasModule: 'keras.src.applications.convnext',
  doc: 'Multiplies each channel (last axis) by a learned gamma, initialised to init_values (ConvNeXt\'s residual branches start near zero).',
  inputs: { min: 1, max: 1 },
  params: {
    init_values: float({ default: 1e-6, tfjs: 'initValues', positional: true, doc: 'The value every gamma starts at.' }),
    projection_dim: int({ default: 32, min: 1, tfjs: 'projectionDim', positional: true, doc: 'The number of channels: the size of gamma, equal to the last axis of the input.' }),
  },
  infer([x], p) {
    if (x.length < 2 || x.at(-1) !== p.projection_dim) return fail(`LayerScale projection_dim=${p.projection_dim} must equal the last axis of the input, got ${fmtShape(x)}`, 'invalid-param', 'projection_dim');
    return ok([...x]);
  },
  weights: (_x, p) => [w('gamma', [p.projection_dim])],
  flops: (_, [y]) => perSample(y), // one multiply per value
  tfjs: buildWith(layerScaleClass),
  examples: [{ inputs: [[null, 32]] }, { inputs: [[null, 6, 6, 8]], params: { init_values: 0.5, projection_dim: 8 } }],
});
