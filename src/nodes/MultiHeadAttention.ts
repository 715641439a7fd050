import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, fail, genericPythonArgs, ok, w, type LayerKind, type Tf } from './kind';
import { bool, DOCS, float, initializer, int, py, type Spec } from './params';
import { orNone } from './optional';
import { einsumOutputShape } from './EinsumDense';
import { buildWith, ownConfig, tfInit, tfjsClass } from './tfjsClass';
import { fmtShape, type Shape } from '../engine/shape';

const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** attention_axes: None (every axis between batch and features), an int, or a tuple of ints. */
const axesSpec: Spec<readonly number[] | null> = {
  type: 'ints',
  default: null,
  tfjs: 'attentionAxes',
  doc: 'Axes over which attention is applied; None: every axis except the batch, heads and features.',
  check: (v) => (v === null || (Array.isArray(v) && v.length > 0 && v.every(isInt)) ? null : `must be None or a tuple of integers, got ${py(v)}`),
  toKeras: (v) => (v === null ? null : [...v]),
  fromKeras: (x) => (x === null ? null : isInt(x) ? [x] : Array.isArray(x) && x.length > 0 && x.every(isInt) ? x : undefined),
  toTfjs: (v) => (v === null ? null : [...v]),
  toPython: (v) => py(v),
};

interface P {
  num_heads: number;
  key_dim: number;
  value_dim: number | null;
  use_bias: boolean;
  use_gate: boolean;
  output_shape: number | readonly (number | null)[] | null;
  attention_axes: readonly number[] | null;
}

/** The attention axes as positive indices, for a query of this rank; a message when one is out of range. */
function attentionAxes(p: Pick<P, 'attention_axes'>, rank: number): number[] | string {
  if (p.attention_axes === null) return Array.from({ length: rank - 2 }, (_, i) => i + 1);
  const axes = p.attention_axes.map((a) => (a < 0 ? a + rank : a));
  const bad = axes.findIndex((a) => a < 1 || a > rank - 2);
  return bad >= 0 ? `MultiHeadAttention attention_axes ${py(p.attention_axes)} must name axes between the batch and the features (1..${rank - 2}) of a rank-${rank} query` : axes;
}

const outTail = (p: P, q: Shape): number[] => (p.output_shape === null ? [q.at(-1) as number] : typeof p.output_shape === 'number' ? [p.output_shape] : (p.output_shape as number[]));

/**
 * FLOPs per sample: the query, key, (gate), value and output projections (2 per multiply-add, one
 * per bias element), the query's scaling, then per head and per attention group (the positions
 * along the other axes) a Tq × Tk score matrix over key_dim and a weighted sum over value_dim.
 */
function flopsOf([q, v, k = v]: Shape[], p: P): number | null {
  const axes = attentionAxes(p, q.length);
  const dims = [...q.slice(1), ...k.slice(1), ...v.slice(1)];
  if (typeof axes === 'string' || dims.includes(null) || outTail(p, q).includes(null as unknown as number)) return null;
  const prod = (s: Shape, keep: (i: number) => boolean) => s.reduce<number>((a, d, i) => (keep(i) ? a * (d as number) : a), 1);
  const steps = (s: Shape) => prod(s, (i) => i > 0 && i < s.length - 1);
  const [H, kd, vd, units] = [p.num_heads, p.key_dim, p.value_dim ?? p.key_dim, outTail(p, q).reduce((a, b) => a * b, 1)];
  const proj = (n: number, d: number, out: number) => n * out * (2 * d + (p.use_bias ? 1 : 0));
  const [tq, tk] = [steps(q), steps(k)];
  const tkAtt = prod(k, (i) => axes.includes(i));
  return (
    proj(tq, q.at(-1) as number, H * kd) + proj(tk, k.at(-1) as number, H * kd) + proj(tk, v.at(-1) as number, H * vd) +
    (p.use_gate ? proj(tq, q.at(-1) as number, H * vd) + tq * H * vd : 0) +
    tq * H * kd + 2 * H * tq * tkAtt * (kd + vd) + proj(tq, H * vd, units)
  );
}

/** Weights in Keras order: query, key, (gate), value, attention_output — each kernel then bias. */
function weightsOf([q, v, k = v]: Shape[], p: P) {
  const vd = p.value_dim ?? p.key_dim;
  const H = p.num_heads;
  const dense = (name: string, d: number, units: number) => [w(`${name}/kernel`, [d, H, units]), ...(p.use_bias ? [w(`${name}/bias`, [H, units])] : [])];
  const out = outTail(p, q);
  return [
    ...dense('query', q.at(-1) as number, p.key_dim),
    ...dense('key', k.at(-1) as number, p.key_dim),
    ...(p.use_gate ? dense('gate', q.at(-1) as number, vd) : []),
    ...dense('value', v.at(-1) as number, vd),
    w('attention_output/kernel', [H, vd, ...out]),
    ...(p.use_bias ? [w('attention_output/bias', out)] : []),
  ];
}

const mhaClass = tfjsClass((tf: Tf) => {
  class MultiHeadAttention extends tf.layers.Layer {
    static className = 'MultiHeadAttention';
    private vars: tfNs.LayerVariable[] = [];
    private readonly p: P & { dropout: number };
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
      this.p = {
        num_heads: cfg.numHeads as number,
        key_dim: cfg.keyDim as number,
        value_dim: (cfg.valueDim as number | null) ?? null,
        use_bias: cfg.useBias !== false,
        use_gate: cfg.useGate === true,
        output_shape: (cfg.outputShape as P['output_shape']) ?? null,
        attention_axes: (cfg.attentionAxes as number[] | null) ?? null,
        dropout: (cfg.dropout as number) ?? 0,
      };
    }
    build(inputShape: tfNs.Shape | tfNs.Shape[]) {
      const shapes = inputShape as Shape[];
      const axes = attentionAxes(this.p, shapes[0].length);
      if (typeof axes === 'string') throw new Error(axes);
      if (axes.length !== shapes[0].length - 2) throw new Error(`MultiHeadAttention attends over all axes between batch and features in the browser; attention_axes ${py(this.p.attention_axes)} leaves some out`);
      this.vars = weightsOf(shapes, this.p).map((s) =>
        this.addWeight(s.name, s.shape, 'float32', tfInit(tf, s.name.endsWith('kernel') ? this.cfg.kernelInitializer : this.cfg.biasInitializer)),
      );
      this.built = true;
    }
    computeOutputShape(inputShape: tfNs.Shape | tfNs.Shape[]) {
      const q = (inputShape as Shape[])[0];
      return [...q.slice(0, -1), ...outTail(this.p, q)];
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[], kwargs: Record<string, unknown>) {
      return tf.tidy(() => {
        const [q, v, k = v] = inputs as tfNs.Tensor[];
        const { num_heads: H, key_dim: kd, use_bias, use_gate } = this.p;
        const vd = this.p.value_dim ?? kd;
        const ws = this.vars.map((x) => x.read());
        const take = () => [ws.shift()!, use_bias ? ws.shift()! : null] as const;
        const B = q.shape[0];
        const seq = (t: tfNs.Tensor) => t.shape.slice(1, -1).reduce((a, b) => a * b, 1);
        // Project x (B, …T, d) with kernel (d, H, n) to (B, H, T, n), the attention axes flattened into T.
        const project = (x: tfNs.Tensor, [kernel, bias]: readonly [tfNs.Tensor, tfNs.Tensor | null], n: number) => {
          const d = x.shape.at(-1)!;
          let y = tf.matMul(tf.reshape(x, [B * seq(x), d]), tf.reshape(kernel, [d, H * n]));
          if (bias) y = tf.add(y, tf.reshape(bias, [H * n]));
          return tf.transpose(tf.reshape(y, [B, seq(x), H, n]), [0, 2, 1, 3]);
        };
        const query = tf.mul(project(q, take(), kd), 1 / Math.sqrt(kd));
        const key = project(k, take(), kd);
        const gate = use_gate ? tf.sigmoid(project(q, take(), vd)) : null;
        const value = project(v, take(), vd);
        let scores = tf.softmax(tf.matMul(query, key, false, true)); // (B, H, Tq, Tk)
        if (kwargs.training === true && this.p.dropout > 0) scores = tf.dropout(scores, this.p.dropout);
        let att = tf.matMul(scores, value); // (B, H, Tq, vd)
        if (gate) att = tf.mul(att, gate);
        const [kernel, bias] = take();
        const tail = kernel.shape.slice(2);
        const units = tail.reduce((a, b) => a * b, 1);
        let y = tf.matMul(tf.reshape(tf.transpose(att, [0, 2, 1, 3]), [B * seq(q), H * vd]), tf.reshape(kernel, [H * vd, units]));
        if (bias) y = tf.add(y, tf.reshape(bias, [units]));
        return tf.reshape(y, [...q.shape.slice(0, -1), ...tail]);
      });
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return MultiHeadAttention;
});

/** layers.MultiHeadAttention(num_heads, key_dim): scaled dot-product attention of query over value (and key), per head. */
export const MultiHeadAttention: LayerKind = defineLayer({
  kind: 'MultiHeadAttention',
  category: 'attention',
  doc: 'Multi-head attention: query attends over value (key defaults to value); each of num_heads heads projects to key_dim, then the heads are projected back.',
  inputs: { min: 2, max: 3, names: ['query', 'value', 'key'] },
  params: {
    num_heads: int({ default: 2, min: 1, tfjs: 'numHeads', doc: 'Number of attention heads.' }),
    key_dim: int({ default: 16, min: 1, tfjs: 'keyDim', doc: 'Size of each attention head for query and key.' }),
    value_dim: int({ default: null, nullable: true, min: 1, tfjs: 'valueDim', doc: 'Size of each attention head for value; None: key_dim.' }),
    dropout: float({ default: 0, min: 0, max: 1, exclusiveMax: true, tfjs: 'dropout', doc: 'Dropout rate on the attention scores while training.' }),
    use_bias: bool(true, { tfjs: 'useBias', doc: DOCS.use_bias }),
    use_gate: bool(false, { tfjs: 'useGate', doc: 'Multiply the attention output by a sigmoid gate computed from the query before the output projection.' }),
    output_shape: orNone({ ...einsumOutputShape, positional: false, doc: 'Size of the output projection (int or tuple, batch and sequence excluded); None: the query’s last dimension.' }),
    attention_axes: axesSpec,
    sliding_window: int({ default: null, nullable: true, min: 1, doc: 'Restrict attention to this many neighbouring positions; None: no restriction.' }),
    kernel_initializer: initializer('glorot_uniform', { tfjs: 'kernelInitializer', doc: DOCS.kernel_initializer }),
    bias_initializer: initializer('zeros', { tfjs: 'biasInitializer', doc: DOCS.bias_initializer }),
  },
  infer([q, v, k = v], p) {
    for (const [what, s] of [['query', q], ['value', v], ['key', k]] as const) {
      if (s.length < 3) return fail(`MultiHeadAttention needs a ${what} of rank ≥ 3 (batch, …, features), got ${fmtShape(s)}`, 'rank');
      if (s.at(-1) === null) return fail(`MultiHeadAttention needs a known last dimension of ${what}, got ${fmtShape(s)}`);
    }
    if (v.length !== k.length || v.slice(1, -1).some((d, i) => d !== k[i + 1]))
      return fail(`MultiHeadAttention needs value and key equal except in the last dimension: got value ${fmtShape(v)} and key ${fmtShape(k)}`);
    if (q.length !== v.length) return fail(`MultiHeadAttention needs query and value of one rank: got query ${fmtShape(q)} and value ${fmtShape(v)}`, 'rank');
    const axes = attentionAxes(p, q.length);
    if (typeof axes === 'string') return fail(axes, 'invalid-param', 'attention_axes');
    return ok([...q.slice(0, -1), ...(p.output_shape === null ? [q.at(-1)!] : typeof p.output_shape === 'number' ? [p.output_shape] : p.output_shape)]);
  },
  weights: (inputs, p) => weightsOf(inputs, p),
  kerasBuildConfig: ([query_shape, value_shape, key_shape]) => ({ shapes_dict: { query_shape, value_shape, ...(key_shape ? { key_shape } : {}) } }),
  flops: (inputs, _y, p) => flopsOf(inputs, p),
  tfjs: buildWith(mhaClass),
  pythonArgs(p): string[] {
    const rest: string[] = genericPythonArgs(MultiHeadAttention as LayerKind, p).filter((a) => !a.startsWith('num_heads=') && !a.startsWith('key_dim='));
    return [`num_heads=${p.num_heads}`, `key_dim=${p.key_dim}`, ...rest];
  },
  examples: [
    { inputs: [[null, 5, 8], [null, 5, 8]], params: { num_heads: 2, key_dim: 4 } },
    { inputs: [[null, 5, 8], [null, 6, 4]], params: { num_heads: 3, key_dim: 2, value_dim: 5, use_bias: false } },
    { inputs: [[null, 5, 8], [null, 6, 4], [null, 6, 3]], params: { num_heads: 2, key_dim: 3, output_shape: 10 } },
    { inputs: [[null, 3, 4, 8], [null, 2, 2, 8]], params: { num_heads: 2, key_dim: 4, dropout: 0.1 } },
    { inputs: [[null, 5, 8], [null, 5, 8]], params: { num_heads: 2, key_dim: 4, use_gate: true, output_shape: [2, 3] } },
  ],
});
