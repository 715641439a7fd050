import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, needRank, ok, type Tf } from './kind';
import { dataFormat, enumOf } from './params';
import { buildWith, ownConfig, single, tfjsClass } from './tfjsClass';

const flipClass = tfjsClass((tf: Tf) => {
  class RandomFlip extends tf.layers.Layer {
    static className = 'RandomFlip';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[], kwargs: Record<string, unknown>) {
      const x = single(inputs);
      if (kwargs.training !== true) return tf.clone(x);
      return tf.tidy(() => {
        const mode = this.cfg.mode as string;
        const first = this.cfg.dataFormat === 'channelsFirst';
        const [rows, cols] = x.rank === 3 ? (first ? [1, 2] : [0, 1]) : first ? [2, 3] : [1, 2];
        // One coin per image (per call for a single unbatched image) and per direction.
        const coinShape = x.shape.map((d, i) => (x.rank === 4 && i === 0 ? d : 1));
        let y = x;
        for (const [on, axis] of [[mode !== 'vertical', cols], [mode !== 'horizontal', rows]] as const) {
          if (!on) continue;
          const coin = tf.less(tf.randomUniform(coinShape), 0.5);
          y = tf.where(tf.broadcastTo(coin, y.shape), tf.reverse(y, axis), y);
        }
        return y;
      });
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return RandomFlip;
});

/** layers.RandomFlip(mode): flips images left-right and/or up-down at random while training; identity at inference. */
export const RandomFlip = defineLayer({
  kind: 'RandomFlip',
  category: 'preprocessing',
  doc: 'While training, flips each image horizontally and/or vertically with probability 1/2 per direction; identity at inference.',
  inputs: { min: 1, max: 1 },
  params: {
    mode: enumOf(['horizontal', 'vertical', 'horizontal_and_vertical'], 'horizontal_and_vertical', { tfjs: 'mode', positional: true, doc: 'Which flips to apply: "horizontal" (left-right), "vertical" (up-down) or both.' }),
    data_format: dataFormat(),
  },
  infer: ([x]) => needRank('RandomFlip', x, [3, 4], '(batch, rows, cols, channels)') ?? ok([...x]),
  weights: () => [],
  tfjs: buildWith(flipClass),
  examples: [{ inputs: [[null, 8, 8, 3]] }, { inputs: [[null, 6, 5, 1]], params: { mode: 'horizontal' } }, { inputs: [[null, 3, 6, 5]], params: { mode: 'vertical', data_format: 'channels_first' } }],
});
