/** SpatialDropout1D/2D/3D: dropout of whole feature maps (one keep/drop decision per sample and channel). */
import type * as tfNs from '@tensorflow/tfjs';
import { needRank, ok, type Tf } from './kind';
import { dataFormat, float } from './params';
import { layoutOf } from './convShape';
import { ownConfig, single, tfjsClass } from './tfjsClass';
import type { Shape } from '../engine/shape';

const makeClass = (className: string) =>
  tfjsClass((tf: Tf) => {
  class SpatialDropout extends tf.layers.Layer {
    static className = className;
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[], kwargs: Record<string, unknown>) {
      const x = single(inputs);
      const rate = this.cfg.rate as number;
      if (kwargs.training !== true || rate === 0) return tf.clone(x);
      const first = this.cfg.dataFormat === 'channelsFirst';
      const noise = x.shape.map((d, i) => (i === 0 || (first ? i === 1 : i === x.rank - 1) ? d : 1));
      return tf.dropout(x, rate, noise);
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return SpatialDropout;
});

export const spatialDropoutClasses = { 1: makeClass('SpatialDropout1D'), 2: makeClass('SpatialDropout2D'), 3: makeClass('SpatialDropout3D') };

/** The parts of SpatialDropoutND but its doc, tfjs and examples. */
export const spatialDropoutKind = (kind: string, n: 1 | 2 | 3) => ({
  kind,
  category: 'regularization' as const,
  inputs: { min: 1, max: 1 },
  params: {
    rate: float({ default: 0.5, min: 0, max: 1, tfjs: 'rate', positional: true, doc: 'Fraction of the feature maps (channels) to drop.' }),
    ...(n === 1 ? {} : { data_format: dataFormat() }),
  },
  infer: ([x]: Shape[], p: { data_format?: string }) => needRank(kind, x, n + 2, layoutOf(n, p.data_format === 'channels_first')) ?? ok([...x]),
  weights: () => [],
});
