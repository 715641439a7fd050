import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, fail, ok, w, type Tf } from './kind';
import { bool, DOCS, float, initializer, int } from './params';
import { buildWith, ownConfig, single, singleShape, tfInit, tfjsClass } from './tfjsClass';
import { fmtShape, type Shape } from '../engine/shape';
import { perSample } from './flops';

/** The channels axis as a positive index, or null when out of range. */
const channelAxis = (x: Shape, axis: number) => (axis < -x.length || axis >= x.length || axis === 0 || axis === -x.length ? null : axis < 0 ? axis + x.length : axis);

const groupClass = tfjsClass((tf: Tf) => {
  class GroupNormalization extends tf.layers.Layer {
    static className = 'GroupNormalization';
    private gamma: tfNs.LayerVariable | null = null;
    private beta: tfNs.LayerVariable | null = null;
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    build(inputShape: tfNs.Shape | tfNs.Shape[]) {
      const s = singleShape(inputShape);
      const c = s[channelAxis(s, this.cfg.axis as number)!] as number;
      if (this.cfg.scale !== false) this.gamma = this.addWeight('gamma', [c], 'float32', tfInit(tf, this.cfg.gammaInitializer));
      if (this.cfg.center !== false) this.beta = this.addWeight('beta', [c], 'float32', tfInit(tf, this.cfg.betaInitializer));
      this.built = true;
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      return tf.tidy(() => {
        const x = single(inputs);
        const a = channelAxis(x.shape, this.cfg.axis as number)!;
        const c = x.shape[a];
        const g = (this.cfg.groups as number) === -1 ? c : (this.cfg.groups as number);
        const grouped = [...x.shape.slice(0, a), g, c / g, ...x.shape.slice(a + 1)];
        const xg = tf.reshape(x, grouped);
        const axes = grouped.map((_, i) => i).filter((i) => i !== 0 && i !== a);
        const { mean, variance } = tf.moments(xg, axes, true);
        let y = tf.reshape(tf.mul(tf.sub(xg, mean), tf.rsqrt(tf.add(variance, this.cfg.epsilon as number))), x.shape);
        const bshape = x.shape.map((d, i) => (i === a ? d : 1));
        if (this.gamma) y = tf.mul(y, tf.reshape(this.gamma.read(), bshape));
        if (this.beta) y = tf.add(y, tf.reshape(this.beta.read(), bshape));
        return y;
      });
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return GroupNormalization;
});

/** layers.GroupNormalization(groups): normalizes each sample over groups of channels (and all spatial axes). */
export const GroupNormalization = defineLayer({
  kind: 'GroupNormalization',
  category: 'normalization',
  doc: 'Splits the channels on `axis` into `groups` groups and normalizes each sample over each group (with its spatial axes); -1 groups: one per channel.',
  inputs: { min: 1, max: 1 },
  params: {
    groups: int({ default: 32, min: -1, tfjs: 'groups', positional: true, doc: 'Number of groups the channels are split into; -1: one group per channel (instance normalization).' }),
    axis: int({ default: -1, tfjs: 'axis', doc: 'The channels axis (-1: last).' }),
    epsilon: float({ default: 0.001, min: 0, exclusiveMin: true, tfjs: 'epsilon', doc: 'Added to the variance to avoid dividing by zero.' }),
    center: bool(true, { tfjs: 'center', doc: 'Learn an offset beta.' }),
    scale: bool(true, { tfjs: 'scale', doc: 'Learn a factor gamma.' }),
    beta_initializer: initializer('zeros', { tfjs: 'betaInitializer', doc: DOCS.beta_initializer }),
    gamma_initializer: initializer('ones', { tfjs: 'gammaInitializer', doc: DOCS.gamma_initializer }),
  },
  infer([x], p) {
    const a = channelAxis(x, p.axis);
    if (a === null) return fail(`GroupNormalization axis=${p.axis} is out of range (or the batch axis) for the input ${fmtShape(x)}`, 'invalid-param', 'axis');
    const c = x[a];
    if (c === null) return fail(`GroupNormalization needs a known size on axis ${p.axis}, got ${fmtShape(x)}`);
    if (p.groups === 0) return fail('GroupNormalization groups must be a positive integer or -1, got 0', 'invalid-param', 'groups');
    if (p.groups > c) return fail(`GroupNormalization groups=${p.groups} is more than the ${c} channels of ${fmtShape(x)}`, 'invalid-param', 'groups');
    if (p.groups !== -1 && c % p.groups !== 0) return fail(`GroupNormalization groups=${p.groups} must divide the ${c} channels of ${fmtShape(x)}`, 'invalid-param', 'groups');
    return ok([...x]);
  },
  weights([x], p) {
    const c = x[channelAxis(x, p.axis) ?? x.length - 1] as number;
    return [...(p.scale ? [w('gamma', [c])] : []), ...(p.center ? [w('beta', [c])] : [])];
  },
  // As LayerNormalization: mean, variance, normalize, scale and shift — 7 ops per element.
  flops: (_, [y]) => (perSample(y) === null ? null : 7 * (perSample(y) as number)),
  tfjs: buildWith(groupClass),
  examples: [
    { inputs: [[null, 8, 8, 32]] },
    { inputs: [[null, 6, 12]], params: { groups: 4, epsilon: 1e-5 } },
    { inputs: [[null, 6, 4, 4]], params: { groups: 3, axis: 1, center: false } },
    { inputs: [[null, 5, 5, 6]], params: { groups: -1, scale: false } },
  ],
});
