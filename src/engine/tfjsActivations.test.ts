/**
 * Every Keras 3 activation name works wherever an activation option exists: computed in tfjs
 * (Activation layer and Dense's activation), equal to real Keras on a seeded input (≤ 1e-5)
 * where Keras builds the layer from Layerflow's Keras config and from its Python call; it
 * trains (finite gradients) and survives a tfjs model.json round trip.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KINDS } from '../nodes';
import { buildTfjs, fillParams, kerasParams, pythonCall } from '../nodes/kind';
import { ACTIVATIONS } from '../nodes/params';
import { kerasPython, runKeras } from '../testing/python';
import { maxDiff, rng, tmp, writeJson } from './io/fixtures/judge';

tf.setBackend('cpu');

const r = rng(7);
const X = { shape: [2, 3, 5], data: Array.from({ length: 30 }, () => r() * 8 - 4) };
const KERNEL = Array.from({ length: 20 }, () => r() * 2 - 1);
const BIAS = Array.from({ length: 4 }, () => r() - 0.5);

function tfjsOutputs(a: string) {
  const x = tf.tensor(X.data, X.shape);
  const act = buildTfjs(KINDS.Activation, fillParams(KINDS.Activation, { activation: a }), `act_${a}`, tf) as tf.layers.Layer;
  const dense = buildTfjs(KINDS.Dense, fillParams(KINDS.Dense, { units: 4, activation: a }), `dense_${a}`, tf) as tf.layers.Layer;
  dense.build([null, 3, 5]);
  dense.setWeights([tf.tensor(KERNEL, [5, 4]), tf.tensor(BIAS, [4])]);
  const ys = [act.apply(x) as tf.Tensor, dense.apply(x) as tf.Tensor];
  const out = ys.map((y) => Array.from(y.dataSync()));
  const grad = tf.grad((v: tf.Tensor) => tf.sum(dense.apply(v) as tf.Tensor))(x);
  const g = Array.from(grad.dataSync());
  tf.dispose([x, ...ys, grad]);
  return { out, dense, grad: g };
}

describe('activations in tfjs', () => {
  it.each([...ACTIVATIONS])('%s trains (finite gradients) and round-trips through a tfjs model.json', async (a) => {
    const { out, dense, grad } = tfjsOutputs(a);
    expect(grad.every(Number.isFinite)).toBe(true);
    const inp = tf.input({ batchShape: [null, 3, 5] });
    const m = tf.model({ inputs: inp, outputs: dense.apply(inp) as tf.SymbolicTensor });
    const json = m.toJSON(null, false) as { config: { layers: { config: { activation?: string } }[] } };
    const loaded = await tf.models.modelFromJSON({ modelTopology: json as never });
    loaded.setWeights(m.getWeights());
    const y = loaded.predict(tf.tensor(X.data, X.shape)) as tf.Tensor;
    expect(maxDiff([Array.from(y.dataSync())], [out[1]])).toBeLessThan(1e-6);
  });
});

describe.skipIf(!kerasPython)('activations against real Keras 3', () => {
  let keras: Record<string, { config: number[][]; python: number[][] }> & { keras2_hard_sigmoid: number[] };
  beforeAll(() => {
    const cases = ACTIVATIONS.map((a) => ({
      a,
      dense: kerasParams(KINDS.Dense, fillParams(KINDS.Dense, { units: 4, activation: a })),
      act: kerasParams(KINDS.Activation, fillParams(KINDS.Activation, { activation: a })),
      densePy: pythonCall(KINDS.Dense, fillParams(KINDS.Dense, { units: 4, activation: a })),
      actPy: pythonCall(KINDS.Activation, fillParams(KINDS.Activation, { activation: a })),
    }));
    const path = writeJson(tmp('act'), 'cases.json', { cases, x: X, kernel: KERNEL, bias: BIAS });
    keras = JSON.parse(
      runKeras(`
import json, numpy as np, keras
from keras import layers
d = json.load(open(${JSON.stringify(path)}))
x = np.array(d["x"]["data"], "float32").reshape(d["x"]["shape"])
w = [np.array(d["kernel"], "float32").reshape(5, 4), np.array(d["bias"], "float32")]
def run(act, dense):
    dense.build((None, 3, 5)); dense.set_weights(w)
    return [np.asarray(act(x)).reshape(-1).tolist(), np.asarray(dense(x)).reshape(-1).tolist()]
out = {}
for c in d["cases"]:
    out[c["a"]] = {
        "config": run(layers.Activation.from_config(c["act"]), layers.Dense.from_config(c["dense"])),
        "python": run(eval(c["actPy"]), eval(c["densePy"])),
    }
out["keras2_hard_sigmoid"] = np.clip(0.2 * x + 0.5, 0, 1).reshape(-1).tolist()
print(json.dumps(out))`),
    );
  }, 300_000);

  it.each(ACTIVATIONS.filter((a) => a !== 'hard_sigmoid'))('%s: tfjs equals Keras (from the Keras config and from the Python call)', (a) => {
    const { out } = tfjsOutputs(a);
    expect(maxDiff(out, keras[a].config)).toBeLessThan(1e-5);
    expect(maxDiff(out, keras[a].python)).toBeLessThan(1e-5);
  });

  // A known gap: tfjs writes its clip(0.2·x + 0.5) as "hard_sigmoid" too, so Layerflow keeps that
  // meaning for files it reads; Keras 3's hard_sigmoid is relu6(x + 3) / 6.
  it('hard_sigmoid computes the tfjs / Keras 2 formula, not Keras 3 relu6(x + 3) / 6', () => {
    const { out } = tfjsOutputs('hard_sigmoid');
    expect(maxDiff([out[0]], [keras.keras2_hard_sigmoid])).toBeLessThan(1e-6);
    expect(maxDiff([out[0]], [keras.hard_sigmoid.config[0]])).toBeGreaterThan(1e-3);
  });
});
