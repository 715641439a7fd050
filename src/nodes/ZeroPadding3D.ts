import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, needRank, ok, type Tf } from './kind';
import { layoutOf } from './convShape';
import { expandPairsN, pairsNd } from './pairs2d';
import { dataFormat } from './params';
import { buildWith, ownConfig, single, singleShape, tfjsClass } from './tfjsClass';

const spatialAxes = (dataFormat: unknown) => (dataFormat === 'channelsFirst' ? [2, 3, 4] : [1, 2, 3]);

const padClass = tfjsClass((tf: Tf) => {
  class ZeroPadding3D extends tf.layers.Layer {
    static className = 'ZeroPadding3D';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
      const pads = this.cfg.padding as [number, number][];
      const axes = spatialAxes(this.cfg.dataFormat);
      return singleShape(s).map((d, i) => (axes.includes(i) && d !== null ? d + pads[axes.indexOf(i)][0] + pads[axes.indexOf(i)][1] : d));
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      const pads: [number, number][] = [[0, 0], [0, 0], [0, 0], [0, 0], [0, 0]];
      spatialAxes(this.cfg.dataFormat).forEach((axis, k) => (pads[axis] = (this.cfg.padding as [number, number][])[k]));
      return tf.pad(single(inputs), pads);
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return ZeroPadding3D;
});

/** layers.ZeroPadding3D(padding): zeros around a volume along depth, rows and cols. */
export const ZeroPadding3D = defineLayer({
  kind: 'ZeroPadding3D',
  category: 'reshaping',
  doc: 'Adds zeros before and after depth, rows and cols of a volume (batch, depth, rows, cols, channels).',
  inputs: { min: 1, max: 1 },
  params: {
    padding: pairsNd(3, { default: 1, tfjs: 'padding', positional: true, doc: 'int, (depth, rows, cols), or ((before, after), (before, after), (before, after)).' }),
    data_format: dataFormat(),
  },
  infer([x], p) {
    const first = p.data_format === 'channels_first';
    const r = needRank('ZeroPadding3D', x, 5, layoutOf(3, first));
    if (r) return r;
    const pads = expandPairsN(p.padding, 3);
    const axes = first ? [2, 3, 4] : [1, 2, 3];
    return ok(x.map((d, i) => (axes.includes(i) && d !== null ? d + pads[axes.indexOf(i)][0] + pads[axes.indexOf(i)][1] : d)));
  },
  weights: () => [],
  tfjs: buildWith(padClass),
  examples: [
    { inputs: [[null, 3, 4, 5, 2]] },
    { inputs: [[null, 3, 4, 5, 2]], params: { padding: [0, 1, 2] } },
    { inputs: [[null, 2, 3, 4, 2]], params: { padding: [1, 2, 0, 3, 2, 0] } },
    { inputs: [[null, 2, 3, 3, 4]], params: { padding: 2, data_format: 'channels_first' } },
    { inputs: [[null, null, 3, null, 2]], params: { padding: [1, 0, 2] } },
  ],
});
