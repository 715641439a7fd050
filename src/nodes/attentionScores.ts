/**
 * What Attention (Luong, dot or concat scores) and AdditiveAttention (Bahdanau) share: the
 * [query, value, key?] inputs, the output shape, and one tfjs class computing
 * softmax(scores(query, key)) · value, with dropout on the distribution while training.
 */
import type * as tfNs from '@tensorflow/tfjs';
import { fail, ok, type Infer, type Tf } from './kind';
import { ownConfig, tfjsClass } from './tfjsClass';
import { fmtShape, type Shape } from '../engine/shape';

export function inferAttention(kind: string, [q, v, k = v]: Shape[]): Infer {
  for (const [what, s] of [['query', q], ['value', v], ['key', k]] as const)
    if (s.length !== 3) return fail(`${kind} needs a rank-3 ${what} (batch, steps, dim), got ${fmtShape(s)}`, 'rank');
  if (q[2] !== null && k[2] !== null && q[2] !== k[2]) return fail(`${kind} needs query and key of one last dimension: got query ${fmtShape(q)} and key ${fmtShape(k)}`);
  if (v[1] !== null && k[1] !== null && v[1] !== k[1]) return fail(`${kind} needs value and key of one length: got value ${fmtShape(v)} and key ${fmtShape(k)}`);
  return ok([q[0], q[1], v[2]]);
}

/** Scores (B, Tq, Tv) by mode: 'dot' q·kᵀ (× scale), 'concat' c·Σ tanh(scale·(q + k)), 'additive' Σ scale·tanh(q + k). */
type Mode = 'dot' | 'concat' | 'additive';

function makeClass(className: string, modeOf: (cfg: Record<string, unknown>) => Mode) {
  return tfjsClass((tf: Tf) => {
    class Cls extends tf.layers.Layer {
      static className = className;
      private scale: tfNs.LayerVariable | null = null;
      private concat: tfNs.LayerVariable | null = null;
      private readonly mode: Mode;
      constructor(private readonly cfg: Record<string, unknown>) {
        super(cfg);
        this.mode = modeOf(cfg);
      }
      build(inputShape: tfNs.Shape | tfNs.Shape[]) {
        const dim = (inputShape as tfNs.Shape[])[0][2] as number;
        if (this.cfg.useScale) this.scale = this.addWeight('scale', this.mode === 'additive' ? [dim] : [], 'float32', this.mode === 'additive' ? tf.initializers.glorotUniform({}) : tf.initializers.ones());
        if (this.mode === 'concat') this.concat = this.addWeight('concat_score_weight', [], 'float32', tf.initializers.ones());
        this.built = true;
      }
      computeOutputShape(inputShape: tfNs.Shape | tfNs.Shape[]) {
        const [q, v] = inputShape as tfNs.Shape[];
        return [q[0], q[1], v[2]];
      }
      call(inputs: tfNs.Tensor | tfNs.Tensor[], kwargs: Record<string, unknown>) {
        return tf.tidy(() => {
          const [q, v, k = v] = inputs as tfNs.Tensor[];
          let scores: tfNs.Tensor;
          if (this.mode === 'dot') {
            scores = tf.matMul(q, k, false, true);
            if (this.scale) scores = tf.mul(scores, this.scale.read());
          } else {
            let sum = tf.add(tf.expandDims(q, 2), tf.expandDims(k, 1)); // (B, Tq, Tv, dim)
            if (this.mode === 'concat' && this.scale) sum = tf.mul(this.scale.read(), sum);
            let t = tf.tanh(sum);
            if (this.mode === 'additive' && this.scale) t = tf.mul(this.scale.read(), t);
            scores = tf.sum(t, -1);
            if (this.concat) scores = tf.mul(this.concat.read(), scores);
          }
          let dist = tf.softmax(scores);
          const rate = (this.cfg.dropout as number) ?? 0;
          if (kwargs.training === true && rate > 0) dist = tf.dropout(dist, rate);
          return tf.matMul(dist, v);
        });
      }
      getConfig() {
        return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
      }
    }
    return Cls;
  });
}

export const attentionClass = makeClass('Attention', (cfg) => (cfg.scoreMode === 'concat' ? 'concat' : 'dot'));
export const additiveAttentionClass = makeClass('AdditiveAttention', () => 'additive');
