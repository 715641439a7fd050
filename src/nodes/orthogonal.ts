/**
 * The orthogonal initializer (Keras' default recurrent_initializer) computed fast. tfjs 4.22
 * runs its QR as a long chain of small tensor ops: building the seed's ticket classifier
 * (LSTM(128): a 128×512 recurrent kernel) takes tens of seconds on the cpu backend. This is
 * the same distribution — QR of a Gaussian draw from tfjs, Q's columns signed by R's
 * diagonal, transposed for wide shapes, times the gain — with the QR done by Householder
 * reflections in plain JS (milliseconds). It serialises as Keras/tfjs "Orthogonal".
 */
import type { Tf } from './kind';

/** Thin Q (rows × cols, rows ≥ cols) of A, with column k multiplied by sign(R[k][k]). */
export function signedThinQ(a: Float64Array, rows: number, cols: number): Float64Array {
  const A = Float64Array.from(a);
  const vs: Float64Array[] = [];
  const signs = new Float64Array(cols);
  for (let k = 0; k < cols; k++) {
    let norm = 0;
    for (let i = k; i < rows; i++) norm += A[i * cols + k] ** 2;
    norm = Math.sqrt(norm);
    const x0 = A[k * cols + k];
    const alpha = x0 >= 0 ? -norm : norm; // R[k][k] after the reflection
    const v = new Float64Array(rows - k);
    for (let i = k; i < rows; i++) v[i - k] = A[i * cols + k];
    v[0] -= alpha;
    let vn = 0;
    for (const e of v) vn += e * e;
    vn = Math.sqrt(vn);
    if (vn > 0) for (let i = 0; i < v.length; i++) v[i] /= vn;
    for (let j = k; j < cols; j++) {
      let dot = 0;
      for (let i = k; i < rows; i++) dot += v[i - k] * A[i * cols + j];
      for (let i = k; i < rows; i++) A[i * cols + j] -= 2 * v[i - k] * dot;
    }
    vs.push(v);
    signs[k] = alpha < 0 ? -1 : 1;
  }
  // Q = H_0 … H_{cols-1} applied to the first `cols` columns of the identity.
  const Q = new Float64Array(rows * cols);
  for (let j = 0; j < cols; j++) Q[j * cols + j] = 1;
  for (let k = cols - 1; k >= 0; k--) {
    const v = vs[k];
    for (let j = 0; j < cols; j++) {
      let dot = 0;
      for (let i = k; i < rows; i++) dot += v[i - k] * Q[i * cols + j];
      for (let i = k; i < rows; i++) Q[i * cols + j] -= 2 * v[i - k] * dot;
    }
  }
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) Q[i * cols + j] *= signs[j];
  return Q;
}

const cache = new WeakMap<object, unknown>();

/** An Orthogonal initializer instance for tfjs layer configs (one class per tfjs instance). */
export function fastOrthogonal(tf: Tf, gain = 1): unknown {
  let Cls = cache.get(tf) as (new (gain: number) => unknown) | undefined;
  if (!Cls) {
    // tfjs does not export its Initializer base class; every initializer instance has it as its prototype's prototype.
    const Base = Object.getPrototypeOf(tf.initializers.zeros().constructor) as new () => object;
    class Orthogonal extends Base {
      static className = 'Orthogonal';
      constructor(private readonly gain: number) {
        super();
      }
      apply(shape: number[]) {
        const numRows = shape.slice(0, -1).reduce((x, y) => x * y, 1);
        const numCols = shape[shape.length - 1];
        const [rows, cols] = [Math.max(numRows, numCols), Math.min(numRows, numCols)];
        const draw = tf.tidy(() => tf.randomNormal([rows, cols]).dataSync());
        const q = signedThinQ(Float64Array.from(draw), rows, cols);
        const out = new Float32Array(numRows * numCols);
        for (let i = 0; i < rows; i++)
          for (let j = 0; j < cols; j++) out[numRows < numCols ? j * numCols + i : i * numCols + j] = this.gain * q[i * cols + j];
        return tf.tensor(out, shape, 'float32');
      }
      getConfig() {
        return { gain: this.gain, seed: null };
      }
    }
    Cls = Orthogonal as never;
    cache.set(tf, Cls);
  }
  return new Cls!(gain);
}
