/**
 * tfjs layer classes for Keras layers tfjs 4.22 lacks (MultiHeadAttention, EinsumDense,
 * GroupNormalization, …). A kind's `tfjs` builder gets `tf` injected, so the class is made on
 * first use for that tf module (the engine never imports tfjs at run time), registered with
 * tf.serialization under the Keras class name so an exported model.json loads back, and cached.
 */
import type * as tfNs from '@tensorflow/tfjs';
import type { Tf, TfLayer } from './kind';
import { initializer, INITIALIZERS, kerasInitializerClass } from './params';

type Cfg = Record<string, unknown>;
export type LayerClass = new (config: Cfg) => TfLayer;

/** One class per tf module, made and registered on first use. */
export function tfjsClass(make: (tf: Tf) => LayerClass & { className: string }): (tf: Tf) => LayerClass {
  const cache = new WeakMap<Tf, LayerClass>();
  return (tf) => {
    let cls = cache.get(tf);
    if (!cls) {
      cls = make(tf);
      tf.serialization.registerClass(cls as never);
      cache.set(tf, cls);
    }
    return cls;
  };
}

/** A kind's `tfjs` builder for a class made with tfjsClass: the mapped config goes to the constructor. */
export const buildWith = (cls: (tf: Tf) => LayerClass) => (_p: unknown, config: Cfg, tf: Tf) => new (cls(tf))(config);

/** The initializer a tfjs config field names ('glorotUniform', …), or an initializer object as given. */
type Init = ReturnType<Tf['initializers']['zeros']>;
export function tfInit(tf: Tf, v: unknown): Init {
  // A config read back from JSON names the initializer as {class_name | className, config}.
  if (v && typeof v === 'object' && !('apply' in v)) {
    const cls = (v as { class_name?: string; className?: string }).class_name ?? (v as { className?: string }).className;
    // An initializer with arguments (VarianceScaling(mode="fan_out")) as the kind's tfjs config gives it.
    const make = cls && (tf.initializers as unknown as Record<string, ((c: object) => Init) | undefined>)[cls[0].toLowerCase() + cls.slice(1)];
    if (make && 'config' in v && !('class_name' in v)) return make((v as { config: object }).config);
    const hit = INITIALIZERS.find((i) => kerasInitializerClass(i) === cls);
    v = hit ? initializer(hit).toTfjs(hit) : 'glorotUniform';
  }
  if (typeof v !== 'string') return v as Init;
  const make = (tf.initializers as unknown as Record<string, (c: object) => Init>)[v];
  return make({});
}

/** The config a class was built from, minus the base Layer fields, for getConfig (model.json). */
export function ownConfig(config: Cfg): Cfg {
  const out: Cfg = {};
  for (const [k, v] of Object.entries(config)) {
    if (['name', 'trainable', 'dtype', 'batchInputShape', 'inputShape', 'batchSize', 'inputDType'].includes(k)) continue;
    // An initializer object (fast orthogonal) serialises by its class name.
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && 'getClassName' in v ? { className: (v as { getClassName(): string }).getClassName(), config: {} } : v;
  }
  return out;
}

/** The one tensor of a call's inputs (tfjs passes a list of one for a single input). */
export const single = (inputs: tfNs.Tensor | tfNs.Tensor[]): tfNs.Tensor => (Array.isArray(inputs) ? inputs[0] : inputs);

/** The shape of a call's one input. */
export const singleShape = (s: tfNs.Shape | tfNs.Shape[]): tfNs.Shape => (Array.isArray(s[0]) ? (s[0] as tfNs.Shape) : (s as tfNs.Shape));

/** The activation a tfjs config names, as a function (built once, for classes of our own). */
export function activationFn(tf: Tf, name: unknown): (x: tfNs.Tensor) => tfNs.Tensor {
  if (name === undefined || name === null || name === 'linear') return (x) => x;
  const act = tf.layers.activation({ activation: name as never });
  return (x) => act.apply(x) as tfNs.Tensor;
}
