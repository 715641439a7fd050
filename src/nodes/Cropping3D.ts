import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, fail, needRank, ok, type Tf } from './kind';
import { layoutOf } from './convShape';
import { expandPairsN, pairsNd } from './pairs2d';
import { dataFormat, py } from './params';
import { buildWith, ownConfig, single, singleShape, tfjsClass } from './tfjsClass';
import { fmtShape } from '../engine/shape';

const spatialAxes = (dataFormat: unknown) => (dataFormat === 'channelsFirst' ? [2, 3, 4] : [1, 2, 3]);

const cropClass = tfjsClass((tf: Tf) => {
  class Cropping3D extends tf.layers.Layer {
    static className = 'Cropping3D';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    private cut = (axis: number) => {
      const k = spatialAxes(this.cfg.dataFormat).indexOf(axis);
      return k < 0 ? [0, 0] : (this.cfg.cropping as [number, number][])[k];
    };
    computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
      return singleShape(s).map((d, i) => (d === null ? null : d - this.cut(i)[0] - this.cut(i)[1]));
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      const x = single(inputs);
      return tf.slice(x, x.shape.map((_, i) => this.cut(i)[0]), x.shape.map((d, i) => d - this.cut(i)[0] - this.cut(i)[1]));
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return Cropping3D;
});

/** layers.Cropping3D(cropping): removes the edges of a volume along depth, rows and cols. */
export const Cropping3D = defineLayer({
  kind: 'Cropping3D',
  category: 'reshaping',
  doc: 'Crops entries off the start and end of depth, rows and cols of a volume (batch, depth, rows, cols, channels).',
  inputs: { min: 1, max: 1 },
  params: {
    cropping: pairsNd(3, { default: 1, tfjs: 'cropping', positional: true, doc: 'int, (depth, rows, cols), or ((before, after), (before, after), (before, after)).' }),
    data_format: dataFormat(),
  },
  infer([x], p) {
    const first = p.data_format === 'channels_first';
    const r = needRank('Cropping3D', x, 5, layoutOf(3, first));
    if (r) return r;
    const cuts = expandPairsN(p.cropping, 3);
    const axes = first ? [2, 3, 4] : [1, 2, 3];
    const out = x.map((d, i) => (axes.includes(i) && d !== null ? d - cuts[axes.indexOf(i)][0] - cuts[axes.indexOf(i)][1] : d));
    // Keras: every cropping sum must be smaller than its spatial dim.
    if (out.some((v, i) => axes.includes(i) && v !== null && v <= 0))
      return fail(`Cropping3D cropping ${py(p.cropping)} leaves ${fmtShape(out)} of ${fmtShape(x)}; crop less than each spatial size`, 'negative-size', 'cropping');
    return ok(out);
  },
  weights: () => [],
  tfjs: buildWith(cropClass),
  examples: [
    { inputs: [[null, 4, 5, 6, 2]] },
    { inputs: [[null, 4, 5, 6, 2]], params: { cropping: [0, 1, 2] } },
    { inputs: [[null, 5, 6, 7, 2]], params: { cropping: [1, 2, 0, 3, 2, 0] } },
    { inputs: [[null, 2, 5, 5, 6]], params: { cropping: 2, data_format: 'channels_first' } },
    { inputs: [[null, null, 4, null, 2]], params: { cropping: [1, 0, 1] } },
  ],
});
