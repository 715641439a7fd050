import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, fail, ok, w, type Tf } from './kind';
import { bool, DOCS, float, initializer, int } from './params';
import { buildWith, ownConfig, tfInit, tfjsClass } from './tfjsClass';
import { fmtShape, type Shape } from '../engine/shape';

interface P {
  head_dim: number;
  num_query_heads: number;
  num_key_value_heads: number;
  use_bias: boolean;
  use_gate: boolean;
  sliding_window: number | null;
}

/** Weights in Keras order: query, key, (gate), value, attention_output — each kernel then bias. */
function weightsOf([q, v, k = v]: Shape[], p: P) {
  const dense = (name: string, d: number, heads: number) => [w(`${name}/kernel`, [d, heads, p.head_dim]), ...(p.use_bias ? [w(`${name}/bias`, [heads, p.head_dim])] : [])];
  const m = q.at(-1) as number;
  return [
    ...dense('query', m, p.num_query_heads),
    ...dense('key', k.at(-1) as number, p.num_key_value_heads),
    ...(p.use_gate ? dense('gate', m, p.num_query_heads) : []),
    ...dense('value', v.at(-1) as number, p.num_key_value_heads),
    w('attention_output/kernel', [p.num_query_heads, p.head_dim, m]),
    ...(p.use_bias ? [w('attention_output/bias', [m])] : []),
  ];
}

const gqaClass = tfjsClass((tf: Tf) => {
  class GroupQueryAttention extends tf.layers.Layer {
    static className = 'GroupQueryAttention';
    private vars: tfNs.LayerVariable[] = [];
    private readonly p: P & { dropout: number };
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
      this.p = {
        head_dim: cfg.headDim as number,
        num_query_heads: cfg.numQueryHeads as number,
        num_key_value_heads: cfg.numKeyValueHeads as number,
        use_bias: cfg.useBias !== false,
        use_gate: cfg.useGate === true,
        sliding_window: (cfg.slidingWindow as number | null) ?? null,
        dropout: (cfg.dropout as number) ?? 0,
      };
    }
    build(inputShape: tfNs.Shape | tfNs.Shape[]) {
      this.vars = weightsOf(inputShape as Shape[], this.p).map((s) =>
        this.addWeight(s.name, s.shape, 'float32', tfInit(tf, s.name.endsWith('kernel') ? this.cfg.kernelInitializer : this.cfg.biasInitializer)),
      );
      this.built = true;
    }
    computeOutputShape(inputShape: tfNs.Shape | tfNs.Shape[]) {
      return [...(inputShape as Shape[])[0]];
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[], kwargs: Record<string, unknown>) {
      return tf.tidy(() => {
        const [q, v, k = v] = inputs as tfNs.Tensor[];
        const { head_dim: hd, num_query_heads: H, num_key_value_heads: G, use_bias, use_gate, sliding_window } = this.p;
        const ws = this.vars.map((x) => x.read());
        const take = () => [ws.shift()!, use_bias ? ws.shift()! : null] as const;
        const [B, T, S] = [q.shape[0], q.shape[1] as number, v.shape[1] as number];
        // Project x (B, L, d) with kernel (d, heads, hd) to (B, heads, L, hd).
        const project = (x: tfNs.Tensor, [kernel, bias]: readonly [tfNs.Tensor, tfNs.Tensor | null], heads: number) => {
          const [L, d] = [x.shape[1] as number, x.shape[2] as number];
          let y = tf.matMul(tf.reshape(x, [B * L, d]), tf.reshape(kernel, [d, heads * hd]));
          if (bias) y = tf.add(y, tf.reshape(bias, [heads * hd]));
          return tf.transpose(tf.reshape(y, [B, L, heads, hd]), [0, 2, 1, 3]);
        };
        // ops.repeat on the heads axis: each key/value head serves H / G consecutive query heads.
        // (tfjs has no rank-5 tile gradient, so the repeat tiles a rank-4 view.)
        const repeat = (t: tfNs.Tensor) => tf.reshape(tf.tile(tf.reshape(t, [B, G, 1, S * hd]), [1, 1, H / G, 1]), [B, H, S, hd]);
        const query = tf.mul(project(q, take(), H), 1 / Math.sqrt(hd));
        const key = repeat(project(k, take(), G));
        const gate = use_gate ? tf.sigmoid(project(q, take(), H)) : null;
        const value = repeat(project(v, take(), G));
        let logits = tf.matMul(query, key, false, true); // (B, H, T, S)
        if (sliding_window !== null) {
          // Keras' band: query t sees value s when |t - s| < sliding_window (the band's width).
          const far = tf.greaterEqual(tf.abs(tf.sub(tf.reshape(tf.range(0, T), [T, 1]), tf.reshape(tf.range(0, S), [1, S]))), sliding_window);
          logits = tf.add(logits, tf.mul(tf.cast(far, 'float32'), -1e9));
        }
        let scores = tf.softmax(logits);
        if (kwargs.training === true && this.p.dropout > 0) scores = tf.dropout(scores, this.p.dropout);
        let att = tf.matMul(scores, value); // (B, H, T, hd)
        if (gate) att = tf.mul(att, gate);
        const [kernel, bias] = take();
        const m = kernel.shape[2] as number;
        let y = tf.matMul(tf.reshape(tf.transpose(att, [0, 2, 1, 3]), [B * T, H * hd]), tf.reshape(kernel, [H * hd, m]));
        if (bias) y = tf.add(y, bias);
        return tf.reshape(y, [B, T, m]);
      });
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return GroupQueryAttention;
});

/**
 * layers.GroupQueryAttention(head_dim, num_query_heads, num_key_value_heads): attention where
 * groups of query heads share one key/value head. Keras writes the class as GroupQueryAttention
 * (its Python class is GroupedQueryAttention), so that is the kind.
 */
export const GroupQueryAttention = defineLayer({
  kind: 'GroupQueryAttention',
  category: 'attention',
  doc: 'Grouped-query attention: query attends over value (key defaults to value) with num_query_heads heads sharing num_key_value_heads key/value heads; output has the query’s shape.',
  inputs: { min: 2, max: 3, names: ['query', 'value', 'key'] },
  params: {
    head_dim: int({ default: 16, min: 1, tfjs: 'headDim', positional: true, doc: 'Size of each attention head.' }),
    num_query_heads: int({ default: 4, min: 1, tfjs: 'numQueryHeads', positional: true, doc: 'Number of query heads.' }),
    num_key_value_heads: int({ default: 2, min: 1, tfjs: 'numKeyValueHeads', positional: true, doc: 'Number of key and value heads; must divide num_query_heads.' }),
    use_bias: bool(true, { tfjs: 'useBias', doc: DOCS.use_bias }),
    use_gate: bool(false, { tfjs: 'useGate', doc: 'Multiply the attention output by a sigmoid gate computed from the query before the output projection.' }),
    sliding_window: int({ default: null, nullable: true, min: 1, tfjs: 'slidingWindow', doc: 'Restrict attention to this many neighbouring positions; None: no restriction.' }),
    dropout: float({ default: 0, min: 0, max: 1, exclusiveMax: true, tfjs: 'dropout', doc: 'Dropout rate on the attention scores while training.' }),
    kernel_initializer: initializer('glorot_uniform', { tfjs: 'kernelInitializer', doc: DOCS.kernel_initializer }),
    bias_initializer: initializer('zeros', { tfjs: 'biasInitializer', doc: DOCS.bias_initializer }),
  },
  infer([q, v, k = v], p) {
    for (const [what, s] of [['query', q], ['value', v], ['key', k]] as const) {
      if (s.length !== 3) return fail(`GroupQueryAttention needs a ${what} of rank 3 (batch, sequence, features), got ${fmtShape(s)}`, 'rank');
      if (s.at(-1) === null) return fail(`GroupQueryAttention needs a known last dimension of ${what}, got ${fmtShape(s)}`);
    }
    if (p.num_query_heads % p.num_key_value_heads)
      return fail(`GroupQueryAttention num_key_value_heads=${p.num_key_value_heads} must divide num_query_heads=${p.num_query_heads}`, 'invalid-param', 'num_key_value_heads');
    if (q[2] !== v[2]) return fail(`GroupQueryAttention needs query and value with one last dimension: got query ${fmtShape(q)} and value ${fmtShape(v)}`);
    if (v[1] !== k[1]) return fail(`GroupQueryAttention needs value and key equal except in the last dimension: got value ${fmtShape(v)} and key ${fmtShape(k)}`);
    return ok([...q]);
  },
  weights: (inputs, p) => weightsOf(inputs, p),
  // Per sample: the projections, the scores and the weighted sum per query head, the output projection.
  flops([q, v, k = v], _y, p) {
    const [T, S, m, mk, mv] = [q[1], v[1], q[2], k[2], v[2]];
    if (T === null || S === null || m === null || mk === null || mv === null) return null;
    const [H, G, hd] = [p.num_query_heads, p.num_key_value_heads, p.head_dim];
    const b = p.use_bias ? 1 : 0;
    const proj = (L: number, d: number, heads: number) => L * heads * hd * (2 * d + b);
    return proj(T, m, H) * (p.use_gate ? 2 : 1) + proj(S, mk, G) + proj(S, mv, G) + 4 * H * T * S * hd + T * m * (2 * H * hd + b);
  },
  kerasBuildConfig: ([query_shape, value_shape, key_shape]) => ({ shapes_dict: { query_shape, value_shape, ...(key_shape ? { key_shape } : {}) } }),
  tfjs: buildWith(gqaClass),
  examples: [
    { inputs: [[null, 5, 8], [null, 5, 8]], params: { head_dim: 4, num_query_heads: 4, num_key_value_heads: 2 } },
    { inputs: [[null, 5, 8], [null, 6, 8], [null, 6, 3]], params: { head_dim: 3, num_query_heads: 6, num_key_value_heads: 3, use_bias: false } },
    { inputs: [[null, 6, 8], [null, 6, 8]], params: { head_dim: 2, num_query_heads: 4, num_key_value_heads: 1, use_gate: true, sliding_window: 2 } },
    { inputs: [[null, 4, 6], [null, 4, 6]], params: { head_dim: 3, num_query_heads: 2, num_key_value_heads: 2, dropout: 0.1 } },
  ],
});
