import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, fail, ok, w, type Tf } from './kind';
import { activation, DOCS, initializer, py, str, type Spec } from './params';
import { orNone } from './optional';
import { analyzeEinsum, einsumPlan } from './einsum';
import { activationFn, buildWith, ownConfig, single, singleShape, tfInit, tfjsClass } from './tfjsClass';
import type { Shape } from '../engine/shape';

const isDim = (d: unknown) => d === null || (typeof d === 'number' && Number.isInteger(d) && d >= 1);

/** output_shape: an int or a tuple (None for a size taken from the input), batch excluded. */
export const einsumOutputShape: Spec<number | readonly (number | null)[]> = {
  type: 'shape',
  default: 32,
  tfjs: 'outputShape',
  positional: true,
  doc: 'Expected output shape without the batch dimension; None where the size comes from the input.',
  check: (v) => (typeof v === 'number' ? (isDim(v) ? null : `must be a positive integer, got ${py(v)}`) : Array.isArray(v) && v.length > 0 && v.every(isDim) ? null : `must be an integer or a tuple of positive integers or None, got ${py(v)}`),
  toKeras: (v) => (typeof v === 'number' ? v : [...v]),
  fromKeras: (x) => (typeof x === 'number' ? x : Array.isArray(x) ? (x as (number | null)[]) : undefined),
  toTfjs: (v) => (typeof v === 'number' ? v : [...v]),
  toPython: (v) => py(v),
};

const math = (inputs: Shape, p: { equation: string; bias_axes: string | null; output_shape: number | readonly (number | null)[] }) =>
  analyzeEinsum(p.equation, p.bias_axes, inputs, p.output_shape);

const einsumClass = tfjsClass((tf: Tf) => {
  class EinsumDense extends tf.layers.Layer {
    static className = 'EinsumDense';
    private kernel!: tfNs.LayerVariable;
    private bias: tfNs.LayerVariable | null = null;
    private readonly act: (x: tfNs.Tensor) => tfNs.Tensor;
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
      this.act = activationFn(tf, cfg.activation);
    }
    private shapes(s: tfNs.Shape) {
      const r = math(s, { equation: this.cfg.equation as string, bias_axes: (this.cfg.biasAxes as string | null) ?? null, output_shape: this.cfg.outputShape as number });
      if (typeof r === 'string') throw new Error(r);
      return r;
    }
    build(inputShape: tfNs.Shape | tfNs.Shape[]) {
      const s = this.shapes(singleShape(inputShape));
      this.kernel = this.addWeight('kernel', s.kernel, 'float32', tfInit(tf, this.cfg.kernelInitializer));
      if (s.bias) this.bias = this.addWeight('bias', s.bias, 'float32', tfInit(tf, this.cfg.biasInitializer));
      this.built = true;
    }
    computeOutputShape(inputShape: tfNs.Shape | tfNs.Shape[]) {
      return [...this.shapes(singleShape(inputShape)).output];
    }
    call(inputs: tfNs.Tensor | tfNs.Tensor[]) {
      return tf.tidy(() => {
        const x = single(inputs);
        const y = einsumMatMul(tf, x, this.kernel.read(), this.shapes(x.shape));
        return this.act(this.bias ? tf.add(y, this.bias.read()) : y);
      });
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return EinsumDense;
});

/** x·W as the spelled-out equation says, by transpose + one matMul (differentiable in tfjs). */
export function einsumMatMul(tf: Tf, x: tfNs.Tensor, kernel: tfNs.Tensor, s: { input: string; weight: string; out: string }): tfNs.Tensor {
  const plan = einsumPlan(s);
  const prod = (d: number[]) => d.reduce((a, b) => a * b, 1);
  const xt = tf.transpose(x, plan.xPerm);
  const free = xt.shape.slice(0, xt.rank - plan.contracted);
  const con = prod(xt.shape.slice(xt.rank - plan.contracted));
  const wt = tf.transpose(kernel, plan.wPerm);
  const wFree = wt.shape.slice(plan.contracted);
  const y = tf.matMul(tf.reshape(xt, [prod(free), con]), tf.reshape(wt, [con, prod(wFree)]));
  return tf.transpose(tf.reshape(y, [...free, ...wFree]), plan.outPerm);
}

/** layers.EinsumDense(equation, output_shape): a dense layer whose kernel contraction is an einsum equation. */
export const EinsumDense = defineLayer({
  kind: 'EinsumDense',
  category: 'core',
  doc: 'A dense layer written as an einsum equation between the input and a kernel ("abc,cd->abd"), plus an optional bias on bias_axes.',
  inputs: { min: 1, max: 1 },
  params: {
    equation: str('ab,bc->ac', { tfjs: 'equation', positional: true, doc: 'The einsum equation: input spec, kernel spec -> output spec, e.g. "abc,cd->abd".' }),
    output_shape: einsumOutputShape,
    activation: activation('linear'),
    bias_axes: orNone(str('', { tfjs: 'biasAxes', doc: 'Output axes (letters of the output spec) that get a bias; None for no bias.' })),
    kernel_initializer: initializer('glorot_uniform', { tfjs: 'kernelInitializer', doc: DOCS.kernel_initializer }),
    bias_initializer: initializer('zeros', { tfjs: 'biasInitializer', doc: DOCS.bias_initializer }),
  },
  infer([x], p) {
    const r = math(x, p);
    return typeof r === 'string' ? fail(r, 'invalid-param', 'equation') : ok(r.output);
  },
  weights([x], p) {
    const r = math(x, p);
    if (typeof r === 'string') return [];
    return [w('kernel', r.kernel), ...(r.bias ? [w('bias', r.bias)] : [])];
  },
  // One multiply-add per combination of the equation's axes (batch excluded), a bias add per output element.
  flops([x], _y, p) {
    const r = math(x, p);
    if (typeof r === 'string') return null;
    const dim = (c: string) => (r.weight.includes(c) ? r.kernel[r.weight.indexOf(c)] : x[r.input.indexOf(c)]);
    const size = (axes: string) => [...axes].reduce<number | null>((a, c) => (a === null || dim(c) === null ? null : a * (dim(c) as number)), 1);
    const all = [...new Set(r.input.slice(1) + r.weight + r.out.slice(1))].join('');
    const macs = size(all);
    const outs = size(r.out.slice(1));
    return macs === null || outs === null ? null : 2 * macs + (r.bias ? outs : 0);
  },
  tfjs: buildWith(einsumClass),
  examples: [
    { inputs: [[null, 32]], params: { equation: 'ab,bc->ac', output_shape: 64, bias_axes: 'c' } },
    { inputs: [[null, 5, 8]], params: { equation: 'abc,cde->abde', output_shape: [null, 2, 3], bias_axes: 'de' } },
    { inputs: [[null, 5, 8]], params: { equation: '...b,bc->...c', output_shape: 7, bias_axes: 'c', activation: 'relu' } },
    { inputs: [[null, 4, 2, 3]], params: { equation: 'abcd,cde->abe', output_shape: [null, 6] } },
    { inputs: [[null, 5, 8]], params: { equation: 'abc,cd->abd', output_shape: [5, 7], bias_axes: 'd' } },
  ],
});
