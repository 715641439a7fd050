/**
 * Per-call cost against hand counts. Convention (nodes/flops.ts): FLOPs = 2 × multiply-adds for
 * Dense and convolutions, + 1 per output element for the bias; elementwise activations are not
 * counted; pooling is one op per window element per output; Add one op per element; a global
 * average pool one op per input element. Bytes are float32 per sample.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { compactNumber, formatBytes, modelCost } from './cost';
import { ProjectBuilder } from './build';
import type { ProjectDoc } from './doc';
import { TEMPLATES } from '../templates';
import { KINDS } from '../nodes';
import { callFlops, fillParams } from '../nodes/kind';

function costs(doc: ProjectDoc, modelName?: string) {
  const a = analyze(doc);
  const model = Object.values(doc.models).find((m) => m.name === (modelName ?? doc.models[doc.main].name))!;
  const cost = modelCost(doc, a, KINDS, model.id)!;
  const byName: Record<string, { flops: number | null; activationBytes: number | null; weightBytes: number }> = {};
  for (const n of model.nodes) {
    const c = cost.nodes[n.id];
    if (!c) continue;
    // Unnamed inputs are keyed "input" (their generated name follows Keras' naming, which may change).
    const layer = 'layer' in n.call ? doc.layers[n.call.layer] : null;
    byName[layer?.kind === 'InputLayer' && /^input_/.test(layer.name) ? 'input' : (layer?.name ?? doc.models[(n.call as { model: string }).model].name)] = c;
  }
  return { cost, byName };
}

describe('modelCost: hand counts', () => {
  it('the MLP (mnist_model: 784 → 64 → 64 → 10)', () => {
    const { cost, byName } = costs(TEMPLATES.mnist_model.build());
    const hand = {
      input: { flops: 0, activationBytes: 784 * 4, weightBytes: 0 },
      // 64 outputs, each a 784-long dot product (784 multiply-adds = 2 × 784 FLOPs) plus its bias.
      dense: { flops: 2 * 784 * 64 + 64, activationBytes: 64 * 4, weightBytes: (784 * 64 + 64) * 4 },
      dense_1: { flops: 2 * 64 * 64 + 64, activationBytes: 64 * 4, weightBytes: (64 * 64 + 64) * 4 },
      dense_2: { flops: 2 * 64 * 10 + 10, activationBytes: 10 * 4, weightBytes: (64 * 10 + 10) * 4 },
    };
    expect(byName).toEqual(hand);
    expect(cost.flops).toEqual({ value: 100_416 + 8_256 + 1_290, complete: true });
    expect(cost.weightBytes).toBe(55_050 * 4);
    expect(cost.activationBytes).toEqual({ value: (784 + 64 + 64 + 10) * 4, complete: true });
  });

  it('toy_resnet: Conv2D = H_out·W_out·C_out · (K·K·C_in) · 2 + H_out·W_out·C_out (bias)', () => {
    const { cost, byName } = costs(TEMPLATES.toy_resnet.build());
    const conv = (h: number, cin: number, cout: number) => h * h * cout * (3 * 3 * cin) * 2 + h * h * cout;
    const hand: Record<string, number> = {
      img: 0,
      conv2d_8: conv(30, 3, 32), // 32×32×3 → 30×30×32 (valid)
      conv2d_9: conv(28, 32, 64), // → 28×28×64
      max_pooling2d_2: 9 * 9 * 64 * (3 * 3), // pool 3, stride 3 → 9×9×64, 9 compares per output
      conv2d_10: conv(9, 64, 64), // same padding keeps 9×9
      conv2d_11: conv(9, 64, 64),
      add: 9 * 9 * 64, // one add per element
      conv2d_12: conv(9, 64, 64),
      conv2d_13: conv(9, 64, 64),
      add_1: 9 * 9 * 64,
      conv2d_14: conv(7, 64, 64), // valid → 7×7×64
      global_average_pooling2d: 7 * 7 * 64, // one add per input element
      dense_6: 2 * 64 * 256 + 256,
      dropout: 0, // identity at inference
      dense_7: 2 * 256 * 10 + 10,
    };
    expect(Object.fromEntries(Object.entries(byName).map(([k, v]) => [k, v.flops]))).toEqual(hand);
    // conv2d_8 by hand: 30·30·32·27·2 + 28,800 = 1,584,000.
    expect(byName.conv2d_8.flops).toBe(1_584_000);
    expect(cost.flops.value).toBe(Object.values(hand).reduce((a, b) => a + b, 0));
    expect(cost.flops.complete).toBe(true);
    expect(byName.conv2d_9.activationBytes).toBe(28 * 28 * 64 * 4);
    expect(byName.conv2d_9.weightBytes).toBe((3 * 3 * 32 * 64 + 64) * 4);
    expect(cost.weightBytes).toBe(223_242 * 4);
  });

  it('a nested model costs its own calls; its inputs are the caller’s tensors', () => {
    const doc = TEMPLATES.autoencoder_nested.build();
    const enc = costs(doc, 'encoder').cost;
    const dec = costs(doc, 'decoder').cost;
    const { cost, byName } = costs(doc, 'autoencoder');
    expect(byName.encoder.flops).toBe(enc.flops.value);
    expect(cost.flops.value).toBe(enc.flops.value + dec.flops.value);
    expect(byName.encoder.activationBytes).toBe(enc.activationBytes.value - 28 * 28 * 4);
    expect(byName.decoder.activationBytes).toBe(dec.activationBytes.value - 16 * 4);
    expect(cost.activationBytes.value).toBe(28 * 28 * 4 + byName.encoder.activationBytes! + byName.decoder.activationBytes!);
  });

  it('an unknown timestep count or a kind with no formula leaves the FLOPs unknown, and the total a lower bound', () => {
    const b = new ProjectBuilder('seq');
    const x = b.input([null, 8]);
    const y = b.layer('LSTM', { units: 4 }).call(x);
    const z = b.layer('Dense', { units: 2 }).call(y);
    b.model('seq', [x], [z]);
    const { cost, byName } = costs(b.build());
    expect(byName.lstm.flops).toBeNull();
    expect(byName.input.activationBytes).toBeNull();
    expect(byName.dense.flops).toBe(2 * 4 * 2 + 2);
    expect(cost.flops).toEqual({ value: 18, complete: false });

    const b2 = new ProjectBuilder('seq2');
    const x2 = b2.input([10, 8]);
    // LSTM per step: 4 gates × 2 × units × (features + units), + 4·units bias; 10 steps.
    const y2 = b2.layer('LSTM', { units: 4 }).call(x2);
    const t2 = b2.layer('TimeDistributed', { layer: { kind: 'Dense', params: { units: 3 } } }).call(b2.layer('RepeatVector', { n: 2 }).call(y2));
    b2.model('seq2', [x2], [t2]);
    const r2 = costs(b2.build());
    expect(r2.byName.lstm.flops).toBe(10 * (4 * 2 * 4 * (8 + 4) + 4 * 4));
    expect(r2.byName.repeat_vector.flops).toBe(0);
    // TimeDistributed has weights and no formula: not known, not guessed.
    expect(r2.byName.time_distributed.flops).toBeNull();
    expect(r2.cost.flops.complete).toBe(false);
  });

  it('attention: MultiHeadAttention, Attention and EinsumDense by hand', () => {
    const b = new ProjectBuilder('att');
    const x = b.input([5, 8]);
    // MHA, 2 heads of 4 over 5 steps of 8: q, k, v and output projections 5·8·(2·8 + 1) each,
    // the query's scaling 5·2·4, scores and weighted sum 2·2·5·5·(4 + 4).
    const m = b.layer('MultiHeadAttention', { num_heads: 2, key_dim: 4 }).call(x, x);
    // Dot attention: scores 5·5·2·8 (+ 5·5 with the scale), weighted sum 2·5·5·8.
    const a = b.layer('Attention', { use_scale: true }).call(m, x);
    // EinsumDense "abc,cd->abd" to 3 with a bias on d: 2·5·8·3 + 5·3.
    const e = b.layer('EinsumDense', { equation: 'abc,cd->abd', output_shape: [5, 3], bias_axes: 'd' }).call(a);
    b.model('att', [x], [e]);
    const r = costs(b.build());
    expect(r.byName.multi_head_attention.flops).toBe(4 * 5 * 8 * 17 + 5 * 2 * 4 + 2 * 2 * 5 * 5 * 8);
    expect(r.byName.attention.flops).toBe(5 * 5 * (2 * 8 + 1) + 2 * 5 * 5 * 8);
    expect(r.byName.einsum_dense.flops).toBe(2 * 5 * 8 * 3 + 5 * 3);
  });

  it('every kind example: FLOPs are a whole non-negative number, or not known; only wrappers and ConvLSTM2D lack a formula', () => {
    const noFormula = new Set<string>();
    for (const k of Object.values(KINDS)) {
      for (const ex of k.examples) {
        const p = fillParams(k, ex.params);
        const r = k.infer(ex.inputs, p);
        if (!r.ok) continue;
        const f = callFlops(k, ex.inputs, r.shapes, p);
        if (f === null) {
          if (!ex.inputs.some((s) => s.slice(1).includes(null))) noFormula.add(k.kind);
        } else expect(Number.isInteger(f) && f >= 0, `${k.kind} ${JSON.stringify(ex)}: ${f}`).toBe(true);
      }
    }
    expect([...noFormula].sort()).toEqual(['Bidirectional', 'ConvLSTM2D', 'TimeDistributed']);
  });

  it('formats compactly', () => {
    expect(compactNumber(109_962)).toBe('110K');
    expect(compactNumber(1_584_000)).toBe('1.58M');
    expect(compactNumber(650)).toBe('650');
    expect(formatBytes(3136)).toBe('3.06 KiB');
    expect(formatBytes(40)).toBe('40 B');
  });
});
