/**
 * layers.SpectralNormalization(layer): while training, the wrapped layer runs with its kernel
 * divided by its largest singular value σ (estimated by power iteration from the persistent,
 * non-trainable vector_u, which each step updates); at inference it runs as it is. Keras on JAX
 * trains so (its eager call with training=True would also store kernel / σ; its fit does not).
 * Weights in Keras' order: kernel, vector_u, then the rest (bias).
 */
import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, w, type LayerKind, type Tf, type TfLayer } from './kind';
import { int } from './params';
import { Conv1D } from './Conv1D';
import { Conv2D } from './Conv2D';
import { Conv3D } from './Conv3D';
import { Dense } from './Dense';
import { buildInner, inner, wrappedLayer } from './wrapped';
import { singleShape, tfjsClass } from './tfjsClass';
import { snakeCase } from '../engine/names';

const WRAPPABLE: Readonly<Record<string, LayerKind>> = { Dense, Conv1D, Conv2D, Conv3D };
const kinds = () => WRAPPABLE;

/** x · min(rsqrt(Σx²), 1/ε): Keras' ops.normalize(x, axis=None) with backend.epsilon() = 1e-7. */
const l2normalize = (tf: Tf, x: tfNs.Tensor) => tf.mul(x, tf.minimum(tf.rsqrt(tf.sum(tf.square(x))), 1e7));

/** Identity whose gradient is zero (Keras' ops.stop_gradient; tfjs 4.22 has none). */
const stopGradient = (tf: Tf, x: tfNs.Tensor) => tf.customGrad((t) => ({ value: tf.clone(t as tfNs.Tensor), gradFunc: (dy: tfNs.Tensor) => tf.zerosLike(dy) }))(x);

const spectralClass = tfjsClass((tf: Tf) => {
  class SpectralNormalization extends tf.layers.Layer {
    static className = 'SpectralNormalization';
    private readonly inner: TfLayer;
    private vectorU!: tfNs.LayerVariable;
    private readonly iterations: number;
    constructor(cfg: Record<string, unknown>) {
      super(cfg);
      this.inner = cfg.layer as TfLayer;
      this.iterations = (cfg.powerIterations as number) ?? 1;
    }
    build(inputShape: tfNs.Shape | tfNs.Shape[]) {
      this.inner.build(singleShape(inputShape));
      this.inner.built = true;
      const kernel = this.inner.weights[0];
      this.vectorU = this.addWeight('vector_u', [1, kernel.shape.at(-1) as number], 'float32', tf.initializers.truncatedNormal({ stddev: 0.02 }), undefined, false);
      this.built = true;
    }
    // The wrapped layer's variables are this layer's, in Keras' order.
    get trainableWeights() {
      return this.trainable ? this.inner.trainableWeights : [];
    }
    get nonTrainableWeights() {
      return this.trainable ? [this.vectorU, ...this.inner.nonTrainableWeights] : this.weights;
    }
    get weights() {
      const [kernel, ...rest] = this.inner.weights;
      return this.vectorU ? [kernel, this.vectorU, ...rest] : this.inner.weights;
    }
    computeOutputShape(s: tfNs.Shape | tfNs.Shape[]) {
      return this.inner.computeOutputShape(singleShape(s));
    }
    /**
     * Keras' normalized_weights(): power iteration on the kernel as a (-1, last) matrix, u and v
     * held constant; returns kernel / σ (differentiable in the kernel) and stores the new u.
     */
    private normalized(kernel: tfNs.Tensor): tfNs.Tensor {
      const m = tf.reshape(kernel, [-1, kernel.shape.at(-1) as number]);
      const u0 = this.vectorU.read() as tfNs.Tensor2D;
      const [u, v] = tf.tidy(() => {
        const w = stopGradient(tf, m);
        let u = u0;
        let v = u0;
        for (let i = 0; i < this.iterations; i++) {
          v = l2normalize(tf, tf.matMul(u, w, false, true)) as tfNs.Tensor2D;
          u = l2normalize(tf, tf.matMul(v, w)) as tfNs.Tensor2D;
        }
        return [u, v];
      });
      const sigma = tf.reshape(tf.matMul(tf.matMul(v, m), u, false, true), []);
      // Keras keeps an all-zero kernel (σ = 0) and u as they are. A select keeps u; the kernel stays 0 / (0 + 1e-30) = 0, and
      // 1e-30 vanishes in float32 beside any other σ (no select or sync read on the differentiated path: tfjs has no gradient for Equal).
      this.vectorU.write(tf.tidy(() => tf.where(tf.all(tf.equal(sigma, 0)), u0, u)));
      return tf.div(kernel, tf.add(sigma, 1e-30));
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[], kwargs: Record<string, unknown>) {
      if (kwargs.training !== true) return this.inner.call(inputs, kwargs);
      // As Keras' fit on JAX does: the forward pass uses kernel / σ and the gradient flows through it
      // to the kernel, which itself is not overwritten (JAX's stateless step drops that assignment).
      const held = this.inner as unknown as { kernel: { read(): tfNs.Tensor } };
      const real = held.kernel;
      const scaled = this.normalized(real.read());
      held.kernel = { read: () => scaled };
      try {
        return this.inner.call(inputs, kwargs);
      } finally {
        held.kernel = real;
      }
    }
    getConfig() {
      const layer = { className: this.inner.getClassName(), config: this.inner.getConfig() };
      return { ...super.getConfig(), layer, powerIterations: this.iterations } as unknown as tfNs.serialization.ConfigDict;
    }
    static fromConfig<T extends tfNs.serialization.Serializable>(cls: tfNs.serialization.SerializableConstructor<T>, config: tfNs.serialization.ConfigDict): T {
      const { className, config: innerConfig } = config.layer as { className: string; config: tfNs.serialization.ConfigDict };
      const [innerCls, from] = tf.serialization.SerializationMap.getMap().classNameMap[className];
      return new cls({ ...config, layer: from(innerCls, innerConfig) });
    }
  }
  return SpectralNormalization;
});

export const SpectralNormalization = defineLayer({
  kind: 'SpectralNormalization',
  category: 'wrapper',
  doc: 'Wraps a Dense or convolution layer and, while training, divides its kernel by its spectral norm (largest singular value, by power iteration) before each step; at inference the wrapped layer runs unchanged.',
  inputs: { min: 1, max: 1 },
  params: {
    layer: wrappedLayer(() => Object.keys(WRAPPABLE), { kind: 'Dense', params: { units: 32 } }, kinds, 'The layer whose kernel is spectrally normalized.'),
    power_iterations: int({ default: 1, min: 1, tfjs: 'powerIterations', doc: 'Power iterations per training step to estimate the largest singular value.' }),
  },
  infer(inputs, p) {
    const { kind, params } = inner(p.layer, kinds);
    const r = kind.infer(inputs, params);
    return r.ok ? r : { ...r, message: `SpectralNormalization(${kind.kind}): ${r.message}` };
  },
  weights(inputs, p) {
    const { kind, params } = inner(p.layer, kinds);
    const name = snakeCase(kind.kind);
    const [kernel, ...rest] = kind.weights(inputs, params);
    return [w(`${name}/${kernel.name}`, kernel.shape), w('vector_u', [1, kernel.shape.at(-1)!], false), ...rest.map((v) => w(`${name}/${v.name}`, v.shape, v.trainable))];
  },
  flops(inputs, outputs, p) {
    const { kind, params } = inner(p.layer, kinds);
    return kind.flops ? kind.flops(inputs, outputs, params) : null;
  },
  tfjs(p, config, tf) {
    const layer = buildInner(p.layer, `${config.name}_${snakeCase(p.layer.kind)}`, tf, kinds);
    if ('unsupported' in layer) return layer;
    return new (spectralClass(tf))({ name: config.name, powerIterations: p.power_iterations, layer });
  },
  examples: [
    { inputs: [[null, 6]], params: { layer: { kind: 'Dense', params: { units: 4 } } } },
    { inputs: [[null, 7, 7, 3]], params: { layer: { kind: 'Conv2D', params: { filters: 5, kernel_size: 3, activation: 'relu' } }, power_iterations: 3 } },
    { inputs: [[null, 9, 4]], params: { layer: { kind: 'Conv1D', params: { filters: 3, kernel_size: 2, use_bias: false } } } },
    { inputs: [[null, 4, 4, 4, 2]], params: { layer: { kind: 'Conv3D', params: { filters: 2, kernel_size: 2 } } } },
  ],
});
