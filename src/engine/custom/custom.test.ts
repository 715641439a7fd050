import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { evalExpr, evalShape, exprToPython } from './expr';
import { checkCustomDef, CUSTOM_DENSE, type CustomLayerDef } from './definition';
import { customKind } from './kind';
import { approvedRuntime, customLayerClass, probeOutputShape, tfjsCustomRuntime } from './tfjsLayer';
import { customClassPython } from './python';
import { kerasPython, runKeras } from '../../testing/python';
import { Dense } from '../../nodes/Dense';
import { buildTfjs, fillParams, paramCount } from '../../nodes/kind';

tf.setBackend('cpu');

describe('shape expressions', () => {
  const env = { input: [null, 28, 28, 3], units: 10 };
  it('evaluates arithmetic, negative indices and None', () => {
    expect(evalExpr('input[-1] * units', env)).toEqual({ ok: true, value: 30 });
    expect(evalExpr('input[1] // 3 + 1', env)).toEqual({ ok: true, value: 10 });
    expect(evalExpr('input[0]', env)).toEqual({ ok: true, value: null });
    expect(evalExpr('-(units - 12) % 5', env)).toEqual({ ok: true, value: 2 });
  });
  it('names the expression and the fault', () => {
    expect(evalExpr('input[7]', env)).toEqual({ ok: false, message: '"input[7]": input[7] is out of range for a rank-4 shape' });
    expect(evalExpr('unit', env)).toMatchObject({ ok: false, message: expect.stringContaining('unknown name "unit"') });
    expect(evalExpr('units // 0', env)).toMatchObject({ ok: false, message: expect.stringContaining('division by zero') });
  });
  it('is not JavaScript: code in an expression is refused, not run', () => {
    (globalThis as Record<string, unknown>).hacked = undefined;
    const r = evalExpr('globalThis.hacked = 1', env);
    expect(r.ok).toBe(false);
    expect((globalThis as Record<string, unknown>).hacked).toBeUndefined();
    expect(evalExpr('(() => 1)()', env).ok).toBe(false);
  });
  it('spreads slices into shapes', () => {
    expect(evalShape(['input[:-1]', 'units'], env)).toEqual({ ok: true, shape: [null, 28, 28, 10] });
    expect(evalShape(['input[0]', 'input[1:3]'], env)).toEqual({ ok: true, shape: [null, 28, 28] });
    expect(evalShape(['input[:units//0]'], env)).toMatchObject({ ok: false, message: expect.stringContaining('division by zero') });
  });
  it('prints Python', () => {
    expect(exprToPython('input[:-1]', (n) => n)).toBe('*input[:-1]');
    expect(exprToPython('(input[-1] + 1) * units', (n) => (n === 'input' ? 'input_shape' : `self.${n}`))).toBe('(input_shape[-1] + 1) * self.units');
  });
});

describe('CustomDense (the seed example)', () => {
  const kind = customKind(CUSTOM_DENSE, tfjsCustomRuntime);
  it('is a valid definition', () => expect(checkCustomDef(CUSTOM_DENSE)).toEqual([]));
  it('has the param count of Dense with the same units', () => {
    for (const [input, units] of [[[null, 4], 10], [[null, 784], 64], [[null, 7, 3], 5]] as const) {
      const custom = paramCount(kind, [input], fillParams(kind, { units }));
      const dense = paramCount(Dense, [input], fillParams(Dense, { units }));
      expect(custom).toEqual(dense);
      const inferred = kind.infer([input], fillParams(kind, { units }));
      expect(inferred).toEqual(Dense.infer([input], fillParams(Dense, { units })));
    }
  });
  it('builds a real tfjs layer that computes inputs·w + b and round-trips its config', () => {
    const layer = buildTfjs(kind, fillParams(kind, { units: 3 }), 'custom_dense', tf) as tf.layers.Layer;
    const x = tf.tensor2d([[1, 2], [3, 4]]);
    const y = layer.apply(x) as tf.Tensor;
    const [wv, bv] = layer.getWeights();
    const expected = tf.add(tf.matMul(x, wv), bv);
    expect(y.shape).toEqual([2, 3]);
    expect(tf.max(tf.abs(tf.sub(y, expected))).dataSync()[0]).toBeLessThan(1e-6);
    expect(layer.getConfig()).toMatchObject({ units: 3, name: 'custom_dense' });
    const input = tf.input({ shape: [2] });
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    const restored = tf.models.modelFromJSON({ modelTopology: model.toJSON(undefined, false) } as never);
    return restored.then((m) => expect(m.layers[1].getClassName()).toBe('CustomDense'));
  });
  it('trains: loss decreases on a linear target', async () => {
    const input = tf.input({ shape: [4] });
    const layer = buildTfjs(kind, fillParams(kind, { units: 1 }), 'cd', tf) as tf.layers.Layer;
    const model = tf.model({ inputs: input, outputs: layer.apply(input) as tf.SymbolicTensor });
    model.compile({ optimizer: tf.train.sgd(0.05), loss: 'meanSquaredError' });
    const xs = tf.randomNormal([64, 4], 0, 1, 'float32', 1);
    const ys = tf.matMul(xs, tf.tensor2d([[1], [-2], [0.5], [3]]));
    const h = await model.fit(xs, ys, { epochs: 20, batchSize: 16, verbose: 0 });
    const loss = h.history.loss as number[];
    expect(loss.at(-1)!).toBeLessThan(loss[0] / 4);
  });
});

describe('custom code faults become messages', () => {
  const broken = (call: string): CustomLayerDef => ({ ...CUSTOM_DENSE, className: `Broken${Math.abs(call.length)}`, call });
  it('a syntax error is refused with the class named', () => {
    const r = customLayerClass(broken('return tf.add(('), tf);
    expect(r).toMatch(/^Broken\d+\.call has a syntax error/);
  });
  it('a throw inside call names the class', () => {
    const def = broken('throw new Error("boom")');
    const kind = customKind(def, tfjsCustomRuntime);
    const layer = buildTfjs(kind, fillParams(kind, { units: 2 }), 'b', tf) as tf.layers.Layer;
    expect(() => layer.apply(tf.ones([1, 3]))).toThrow(`${def.className}: call threw: boom`);
  });
  it('without a runtime (main thread) compile refuses instead of running code', () => {
    const kind = customKind(CUSTOM_DENSE);
    expect(buildTfjs(kind, fillParams(kind, {}), 'c', tf)).toEqual({ unsupported: expect.stringContaining('only in the training worker') });
  });
  it('reports invalid definitions naming the field', () => {
    expect(checkCustomDef({ ...CUSTOM_DENSE, params: [{ name: 'input', type: 'int', default: 1 }] })).toEqual([expect.stringContaining('"input" is reserved')]);
    expect(checkCustomDef({ ...CUSTOM_DENSE, weights: [{ ...CUSTOM_DENSE.weights[0], shape: ['input[-1', 'units'] }] })).toEqual([expect.stringContaining('w shape[0]')]);
  });
});

describe('Python export of a custom layer', () => {
  it('writes the seed CustomDense as a Keras class', () => {
    const text = customClassPython(CUSTOM_DENSE);
    expect(text).toContain('class CustomDense(layers.Layer):');
    expect(text).toContain('def __init__(self, units=32, **kwargs):');
    expect(text).toContain('self.w = self.add_weight(shape=(input_shape[-1], self.units), initializer="random_normal", trainable=True, name="w")');
    expect(text).toContain('self.b = self.add_weight(shape=(self.units,), initializer="random_normal", trainable=True, name="b")');
    expect(text).toContain('return (*input_shape[:-1], self.units)');
    expect(text).toContain('config.update({"units": self.units})');
  });
});

describe.skipIf(!kerasPython)('the exported class under real Keras 3', () => {
  it('builds, trains a step, and counts the params of Dense with the same units', () => {
    const script = [
      'import numpy as np, keras',
      'from keras import layers, ops',
      customClassPython(CUSTOM_DENSE),
      'inputs = keras.Input((4,))',
      'model = keras.Model(inputs, CustomDense(10)(inputs))',
      'model.compile(optimizer="sgd", loss="mse")',
      'model.fit(np.zeros((8, 4)), np.zeros((8, 10)), epochs=1, verbose=0)',
      'clone = keras.Model.from_config(model.get_config(), custom_objects={"CustomDense": CustomDense})',
      'print(model.count_params(), clone.count_params(), model.layers[1].get_config()["units"])',
    ].join('\n');
    const [count, cloneCount, units] = runKeras(script).trim().split(/\s+/).map(Number);
    const kind = customKind(CUSTOM_DENSE);
    const ours = paramCount(kind, [[null, 4]], fillParams(kind, { units: 10 }));
    expect(count).toBe(ours.trainable + ours.nonTrainable);
    expect(cloneCount).toBe(count);
    expect(units).toBe(10);
  });
});

describe('probing the output shape by running call', () => {
  it('finds CustomDense\'s output without an expression', () => {
    const def = { ...CUSTOM_DENSE, className: 'ProbeDense', outputShape: null };
    expect(probeOutputShape(def, [null, 4], { units: 6 }, tf)).toEqual({ ok: true, output: [null, 6] });
    const kind = customKind({ ...def, probed: { input: [null, 4], output: [null, 6] } });
    expect(kind.infer([[null, 4]], fillParams(kind, { units: 6 }))).toEqual({ ok: true, shapes: [[null, 6]] });
    expect(kind.infer([[null, 5]], fillParams(kind, { units: 6 }))).toMatchObject({ ok: false, message: expect.stringContaining('output shape unknown for input (None, 5)') });
  });
  it('refuses unapproved classes', () => {
    const runtime = approvedRuntime(['Other']);
    expect(runtime(CUSTOM_DENSE, { units: 2 }, tf, {})).toEqual({ unsupported: 'CustomDense runs custom code that is not approved for this project' });
  });
  it('reports a throwing call instead of crashing', () => {
    const def = { ...CUSTOM_DENSE, className: 'ProbeThrow', outputShape: null, call: 'throw new Error("nope")' };
    expect(probeOutputShape(def, [null, 4], { units: 2 }, tf)).toEqual({ ok: false, message: 'ProbeThrow: call threw: nope' });
  });
});
