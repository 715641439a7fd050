/**
 * Keras 3 activations tfjs 4.22 lacks, written with tf ops so they train, and registered with the tf instance
 * the engine is given under their Keras names — so layers take them as `activation: "hard_silu"`
 * and a tfjs export names them as Keras does. Formulas follow keras.src.ops.nn.
 */
import type * as tfNs from '@tensorflow/tfjs';

type Tf = typeof tfNs;
type T = tfNs.Tensor;

/**
 * Keras name → the function of x (last axis for the normalizing ones). Comparisons are written
 * with step / relu / clip, which have gradients (tfjs has none for Greater or Less).
 */
const OWN: Record<string, (tf: Tf, x: T) => T> = {
  celu: (tf, x) => tf.add(tf.relu(x), tf.minimum(0, tf.sub(tf.exp(x), 1))),
  exponential: (tf, x) => tf.exp(x),
  hard_shrink: (tf, x) => tf.mul(x, tf.step(tf.sub(tf.abs(x), 0.5))),
  hard_silu: (tf, x) => tf.mul(x, tf.div(tf.relu6(tf.add(x, 3)), 6)),
  hard_tanh: (tf, x) => tf.clipByValue(x, -1, 1),
  leaky_relu: (tf, x) => tf.leakyRelu(x, 0.2),
  log_sigmoid: (tf, x) => tf.neg(tf.softplus(tf.neg(x))),
  log_softmax: (tf, x) => tf.logSoftmax(x, -1),
  soft_shrink: (tf, x) => tf.sub(tf.relu(tf.sub(x, 0.5)), tf.relu(tf.sub(tf.neg(x), 0.5))),
  sparse_plus: (tf, x) => tf.add(tf.div(tf.square(tf.add(tf.clipByValue(x, -1, 1), 1)), 4), tf.relu(tf.sub(x, 1))),
  sparse_sigmoid: (tf, x) => tf.clipByValue(tf.div(tf.add(x, 1), 2), 0, 1),
  squareplus: (tf, x) => tf.div(tf.add(x, tf.sqrt(tf.add(tf.square(x), 4))), 2),
  tanh_shrink: (tf, x) => tf.sub(x, tf.tanh(x)),
  sparsemax,
};
export const OWN_ACTIVATIONS: readonly string[] = Object.keys(OWN);

/**
 * Sparsemax on the last axis as Keras 3.15 computes it (keras.src.backend.*.nn.sparsemax):
 * max(x - tau, 0) over the support {i : 1 + k_i x_i > S_i}, where k_i / S_i count / sum the
 * entries ≥ x_i — but with tau = (Σ_support S_i − 1) / |support|, a sum of the cumulative sums
 * where the paper takes the last one; the two agree when one entry is in the support. Pairwise
 * comparisons instead of a sort, so the gradient flows through plain ops.
 */
function sparsemax(tf: Tf, x: T): T {
  const xi = tf.expandDims(x, -1); // [..., n, 1]
  const xj = tf.expandDims(x, -2); // [..., 1, n]
  const ge = tf.sub(1, tf.step(tf.sub(xi, xj))); // [..., n, n]: 1 where x_j ≥ x_i
  const k = tf.sum(ge, -1);
  const s = tf.sum(tf.mul(ge, xj), -1);
  const support = tf.step(tf.sub(tf.add(1, tf.mul(k, x)), s));
  const tau = tf.div(tf.sub(tf.sum(tf.mul(support, s), -1, true), 1), tf.sum(support, -1, true));
  return tf.relu(tf.sub(x, tau));
}

const registered = new WeakSet<object>();

/** Register the activations with this tf instance's serialization map (once per instance). */
export function registerActivations(tf: Tf) {
  if (registered.has(tf.serialization)) return;
  registered.add(tf.serialization);
  // tfjs camelCases names when it loads a model.json: register both spellings.
  const camel = (n: string) => n.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
  const names = Object.entries(OWN).flatMap(([keras, fn]) => [...new Set([keras, camel(keras)])].map((name) => ({ name, keras, fn })));
  for (const { name, keras, fn } of names) {
    class Act extends tf.serialization.Serializable {
      static className = name;
      getClassName() {
        return keras;
      }
      apply(x: T): T {
        return tf.tidy(() => fn(tf, x));
      }
      getConfig() {
        return {};
      }
    }
    tf.serialization.registerClass(Act as never);
  }
}
