import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, needRank, ok, type Tf } from './kind';
import { layoutOf } from './convShape';
import { dataFormat, ints, tuple } from './params';
import { buildWith, ownConfig, single, tfjsClass } from './tfjsClass';

const padClass = tfjsClass((tf: Tf) => {
  class ZeroPadding1D extends tf.layers.Layer {
    static className = 'ZeroPadding1D';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    private steps = () => (this.cfg.dataFormat === 'channelsFirst' ? 2 : 1);
    computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
      const x = [...((Array.isArray(s[0]) ? s[0] : s) as tfNs.Shape)];
      const [a, b] = this.cfg.padding as number[];
      const i = this.steps();
      x[i] = x[i] === null ? null : (x[i] as number) + a + b;
      return x;
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      const pads: [number, number][] = [[0, 0], [0, 0], [0, 0]];
      pads[this.steps()] = this.cfg.padding as [number, number];
      return tf.pad(single(inputs), pads);
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return ZeroPadding1D;
});

/** layers.ZeroPadding1D(padding): zeros before and after the steps of a sequence. */
export const ZeroPadding1D = defineLayer({
  kind: 'ZeroPadding1D',
  category: 'reshaping',
  doc: 'Adds steps of zeros at the start and end of a sequence (batch, steps, features).',
  inputs: { min: 1, max: 1 },
  params: {
    padding: ints({ default: 1, length: 2, min: 0, tfjs: 'padding', positional: true, doc: 'int (both sides) or (start, end): how many zero steps to add.' }),
    data_format: dataFormat(),
  },
  infer([x], p) {
    const first = p.data_format === 'channels_first';
    const r = needRank('ZeroPadding1D', x, 3, layoutOf(1, first));
    if (r) return r;
    const [a, b] = tuple(p.padding, 2);
    const i = first ? 2 : 1;
    return ok(x.map((d, j) => (j === i && d !== null ? d + a + b : d)));
  },
  weights: () => [],
  tfjs: buildWith(padClass),
  examples: [{ inputs: [[null, 10, 4]] }, { inputs: [[null, 10, 4]], params: { padding: [2, 3] } }, { inputs: [[null, 4, 10]], params: { padding: 2, data_format: 'channels_first' } }],
});
