import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, needRank, ok, type Tf } from './kind';
import { layoutOf } from './convShape';
import { dataFormat, ints, tuple } from './params';
import { buildWith, ownConfig, single, tfjsClass } from './tfjsClass';

const upClass = tfjsClass((tf: Tf) => {
  class UpSampling3D extends tf.layers.Layer {
    static className = 'UpSampling3D';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    private axes = () => (this.cfg.dataFormat === 'channelsFirst' ? [2, 3, 4] : [1, 2, 3]);
    computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
      const x = (Array.isArray(s[0]) ? s[0] : s) as tfNs.Shape;
      const size = this.cfg.size as number[];
      return x.map((d, i) => (this.axes().includes(i) && d !== null ? d * size[this.axes().indexOf(i)] : d));
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      return tf.tidy(() => {
        let x = single(inputs);
        const size = this.cfg.size as number[];
        // Repeat each entry along one axis at a time: (…, n, …) → (…, n, s, …) tiled → (…, n·s, …).
        this.axes().forEach((axis, k) => {
          const s = x.shape;
          const rep = [...s, 1].map((_, i) => (i === axis + 1 ? size[k] : 1));
          const expanded = tf.tile(tf.expandDims(x, axis + 1), rep);
          x = tf.reshape(expanded, s.map((d, i) => (i === axis ? d * size[k] : d)));
        });
        return x;
      });
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return UpSampling3D;
});

/** layers.UpSampling3D(size): repeats each voxel size times along depth, rows and cols. */
export const UpSampling3D = defineLayer({
  kind: 'UpSampling3D',
  category: 'reshaping',
  doc: 'Repeats every entry size times along depth, rows and cols of a volume (batch, depth, rows, cols, channels).',
  inputs: { min: 1, max: 1 },
  params: {
    size: ints({ default: 2, length: 3, min: 1, tfjs: 'size', positional: true, doc: 'Upsampling factors for depth, rows and cols.' }),
    data_format: dataFormat(),
  },
  infer([x], p) {
    const first = p.data_format === 'channels_first';
    const r = needRank('UpSampling3D', x, 5, layoutOf(3, first));
    if (r) return r;
    const size = tuple(p.size, 3);
    const axes = first ? [2, 3, 4] : [1, 2, 3];
    return ok(x.map((d, i) => (axes.includes(i) && d !== null ? d * size[axes.indexOf(i)] : d)));
  },
  weights: () => [],
  tfjs: buildWith(upClass),
  examples: [{ inputs: [[null, 2, 3, 4, 2]] }, { inputs: [[null, 2, 3, 4, 2]], params: { size: [1, 2, 3] } }, { inputs: [[null, 2, 2, 3, 3]], params: { data_format: 'channels_first' } }],
});
