import type * as tfNs from '@tensorflow/tfjs';
import { defineLayer, fail, ok, type Tf } from './kind';
import { elementwiseMerge } from './merge';
import { perSample } from './flops';
import { bool, enumOf, float, py } from './params';
import { buildWith, ownConfig, tfjsClass } from './tfjsClass';
import { fmtShape } from '../engine/shape';

type T = tfNs.Tensor;

/**
 * A keras.ops function as a graph node. Keras 3 saves `x + 3.0`, `x * y`, `ops.relu6(x)` as
 * operations of keras.src.ops.numpy / .nn (class `Add`, `Relu6` …) whose call holds the scalar;
 * here one kind carries the function's name. Formulas follow keras.src.ops (hard_sigmoid is
 * Keras 3's relu6(x + 3) / 6, not tfjs's clip(0.2·x + 0.5)).
 */
interface OpDef {
  /** Class name and module (keras.src.ops.<module>) Keras 3 saves the operation under. */
  keras: string;
  module: 'numpy' | 'nn';
  /** Tensors-or-scalars the function takes: binary ones take a scalar for one side. */
  binary: boolean;
  fn: (tf: Tf, a: T, b: T | number) => T;
}

const hardSigmoid = (tf: Tf, x: T) => tf.div(tf.relu6(tf.add(x, 3)), 6);

export const OPS = {
  add: { keras: 'Add', module: 'numpy', binary: true, fn: (tf, a, b) => tf.add(a, b) },
  subtract: { keras: 'Subtract', module: 'numpy', binary: true, fn: (tf, a, b) => tf.sub(a, b) },
  multiply: { keras: 'Multiply', module: 'numpy', binary: true, fn: (tf, a, b) => tf.mul(a, b) },
  divide: { keras: 'Divide', module: 'numpy', binary: true, fn: (tf, a, b) => tf.div(a, b) },
  true_divide: { keras: 'TrueDivide', module: 'numpy', binary: true, fn: (tf, a, b) => tf.div(a, b) },
  maximum: { keras: 'Maximum', module: 'numpy', binary: true, fn: (tf, a, b) => tf.maximum(a, b) },
  minimum: { keras: 'Minimum', module: 'numpy', binary: true, fn: (tf, a, b) => tf.minimum(a, b) },
  power: { keras: 'Power', module: 'numpy', binary: true, fn: (tf, a, b) => tf.pow(a, b) },
  negative: { keras: 'Negative', module: 'numpy', binary: false, fn: (tf, a) => tf.neg(a) },
  absolute: { keras: 'Absolute', module: 'numpy', binary: false, fn: (tf, a) => tf.abs(a) },
  square: { keras: 'Square', module: 'numpy', binary: false, fn: (tf, a) => tf.square(a) },
  sqrt: { keras: 'Sqrt', module: 'numpy', binary: false, fn: (tf, a) => tf.sqrt(a) },
  exp: { keras: 'Exp', module: 'numpy', binary: false, fn: (tf, a) => tf.exp(a) },
  log: { keras: 'Log', module: 'numpy', binary: false, fn: (tf, a) => tf.log(a) },
  tanh: { keras: 'Tanh', module: 'numpy', binary: false, fn: (tf, a) => tf.tanh(a) },
  relu: { keras: 'Relu', module: 'nn', binary: false, fn: (tf, a) => tf.relu(a) },
  relu6: { keras: 'Relu6', module: 'nn', binary: false, fn: (tf, a) => tf.relu6(a) },
  sigmoid: { keras: 'Sigmoid', module: 'nn', binary: false, fn: (tf, a) => tf.sigmoid(a) },
  hard_sigmoid: { keras: 'HardSigmoid', module: 'nn', binary: false, fn: hardSigmoid },
  hard_silu: { keras: 'HardSilu', module: 'nn', binary: false, fn: (tf, a) => tf.mul(a, hardSigmoid(tf, a)) },
  silu: { keras: 'Silu', module: 'nn', binary: false, fn: (tf, a) => tf.mul(a, tf.sigmoid(a)) },
} satisfies Record<string, OpDef>;
export type OpName = keyof typeof OPS;
export const OP_NAMES = Object.keys(OPS) as OpName[];

/** The op whose Keras 3 class (in keras.src.ops.numpy / .nn) this is, if Layerflow has it. */
export const opOfKerasClass = (cls: string): OpName | undefined => OP_NAMES.find((o) => OPS[o].keras === cls);

export interface OpParams {
  op: OpName;
  scalar: number;
  scalar_first: boolean;
}

const opClass = tfjsClass((tf: Tf) => {
  class Op extends tf.layers.Layer {
    static className = 'Op';
    constructor(private readonly cfg: Record<string, unknown>) {
      super(cfg);
    }
    call(inputs: T | T[]) {
      const xs = Array.isArray(inputs) ? inputs : [inputs];
      const { op, scalar, scalar_first } = this.cfg as unknown as OpParams;
      const def: OpDef = OPS[op];
      return tf.tidy(() => {
        if (!def.binary) return def.fn(tf, xs[0], 0);
        if (xs.length > 1) return def.fn(tf, xs[0], xs[1]);
        return scalar_first ? def.fn(tf, tf.fill(xs[0].shape, scalar), xs[0]) : def.fn(tf, xs[0], scalar);
      });
    }
    computeOutputShape(shapes: tfNs.Shape | tfNs.Shape[]) {
      const list = (Array.isArray(shapes[0]) ? shapes : [shapes]) as tfNs.Shape[];
      const r = elementwiseMerge('Op', list);
      return r.ok ? (r.shapes[0] as tfNs.Shape) : list[0];
    }
    getConfig() {
      return { ...super.getConfig(), ...ownConfig(this.cfg) } as tfNs.serialization.ConfigDict;
    }
  }
  return Op;
});

/** The Python expression of an op call on these argument texts: `keras.ops.add(x, 3.0)`. */
export function opPython(p: OpParams, args: string[]): string {
  if (!OPS[p.op].binary) return `keras.ops.${p.op}(${args[0]})`;
  const operands = args.length > 1 ? args : p.scalar_first ? [py(p.scalar), args[0]] : [args[0], py(p.scalar)];
  return `keras.ops.${p.op}(${operands.join(', ')})`;
}

/** keras.ops.add(x, 3.0), keras.ops.relu6(x), x * y as ops: one elementwise function, with a scalar for a one-tensor binary op. */
export const Op = defineLayer({
  kind: 'Op',
  category: 'ops',
  doc: 'A keras.ops function (add, multiply, relu6, hard_sigmoid …) applied elementwise; a binary op takes a second tensor or a scalar.',
  inputs: { min: 1, max: 2, names: ['x', 'y'] },
  params: {
    op: enumOf(OP_NAMES, 'add', { tfjs: 'op', positional: true, doc: 'The keras.ops function applied.' }),
    scalar: float({ default: 1, tfjs: 'scalar', doc: 'The other operand of a binary op called on one tensor (x + 3.0); unused with two tensors or a one-argument op.' }),
    scalar_first: bool(false, { tfjs: 'scalar_first', doc: 'Put the scalar first (3.0 - x instead of x - 3.0).' }),
  },
  infer(inputs, p) {
    const def: OpDef = OPS[p.op];
    if (!def.binary && inputs.length > 1) return fail(`keras.ops.${p.op} takes one tensor, got ${inputs.length}: ${inputs.map(fmtShape).join(' and ')}`, 'too-many-inputs', 'op');
    return inputs.length > 1 ? elementwiseMerge(`keras.ops.${p.op}`, inputs) : ok([...inputs[0]]);
  },
  weights: () => [],
  flops: (_inputs, [y]) => perSample(y),
  tfjs: buildWith(opClass),
  examples: [
    { inputs: [[null, 8]], params: { op: 'add', scalar: 3 } },
    { inputs: [[null, 4, 4, 16], [null, 1, 1, 16]], params: { op: 'multiply' } },
    { inputs: [[null, 8]], params: { op: 'subtract', scalar: 3, scalar_first: true } },
    { inputs: [[null, 5, 6]], params: { op: 'hard_sigmoid' } },
    { inputs: [[null, 6]], params: { op: 'relu6' } },
  ],
});
