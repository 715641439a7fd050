import { defineLayer, fail, needKnown, ok, w } from './kind';
import { perSample } from './flops';
import { bool, DOCS, float, initializer, int } from './params';
import { fmtShape } from '../engine/shape';

/** layers.BatchNormalization(): normalizes each feature on `axis` with batch (train) or moving (inference) statistics. */
export const BatchNormalization = defineLayer({
  kind: 'BatchNormalization',
  category: 'normalization',
  doc: 'Normalizes each feature on `axis` to mean 0 / variance 1 (batch statistics in training, moving averages in inference).',
  inputs: { min: 1, max: 1 },
  params: {
    axis: int({ default: -1, tfjs: 'axis', doc: 'The features axis (-1: last; 1 for channels_first images).' }),
    momentum: float({ default: 0.99, min: 0, max: 1, tfjs: 'momentum', doc: 'Momentum of the moving averages.' }),
    epsilon: float({ default: 0.001, min: 0, exclusiveMin: true, tfjs: 'epsilon', doc: 'Added to the variance to avoid dividing by zero.' }),
    center: bool(true, { tfjs: 'center', doc: 'Learn an offset beta.' }),
    scale: bool(true, { tfjs: 'scale', doc: 'Learn a factor gamma.' }),
    beta_initializer: initializer('zeros', { tfjs: 'betaInitializer', doc: DOCS.beta_initializer }),
    gamma_initializer: initializer('ones', { tfjs: 'gammaInitializer', doc: DOCS.gamma_initializer }),
    moving_mean_initializer: initializer('zeros', { tfjs: 'movingMeanInitializer', doc: 'Initializer for the moving mean.' }),
    moving_variance_initializer: initializer('ones', { tfjs: 'movingVarianceInitializer', doc: 'Initializer for the moving variance.' }),
  },
  infer([x], p) {
    if (p.axis < -x.length || p.axis >= x.length)
      return fail(`BatchNormalization axis=${p.axis} is out of range for an input of rank ${x.length} ${fmtShape(x)}`, 'invalid-param', 'axis');
    return needKnown('BatchNormalization', x, p.axis, `size on axis ${p.axis}`) ?? ok([...x]);
  },
  // Keras order: gamma, beta (trainable), then the moving statistics (non-trainable).
  weights([x], p) {
    const n = x.at(p.axis) as number;
    return [
      ...(p.scale ? [w('gamma', [n])] : []),
      ...(p.center ? [w('beta', [n])] : []),
      w('moving_mean', [n], false),
      w('moving_variance', [n], false),
    ];
  },
  // Inference: the statistics, gamma and beta fold into one scale and one shift per element.
  flops: (_, [y]) => (perSample(y) === null ? null : 2 * (perSample(y) as number)),
  tfjs: 'batchNormalization',
  examples: [
    { inputs: [[null, 64]] },
    { inputs: [[null, 28, 28, 32]], params: { momentum: 0.9, epsilon: 1e-5 } },
    { inputs: [[null, 16, 8, 8]], params: { axis: 1 } },
    { inputs: [[null, 10, 6]], params: { center: false } },
    { inputs: [[null, 12]], params: { scale: false, center: false, gamma_initializer: 'random_normal' } },
  ],
});
