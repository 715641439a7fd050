/**
 * EinsumDense's equation, read as Keras 3 reads it (keras/src/layers/core/einsum_dense.py,
 * `_analyze_einsum_string`): the kernel and bias shapes and the full output shape, and — for
 * the tfjs class — the equation as one transpose + matMul + transpose (tfjs 4.22's einsum has
 * no gradient). Supported: "abc,cd->abd" and a left ellipsis "...b,bc->...c".
 */
import { fmtShape as fmt, type Shape } from '../engine/shape';

export interface EinsumShapes {
  kernel: number[];
  /** The bias shape (Keras broadcasts it against the output's tail), or null without bias_axes. */
  bias: number[] | null;
  output: Shape;
  /** The equation with the ellipsis spelled out for this input rank. */
  input: string;
  weight: string;
  out: string;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function analyzeEinsum(equation: string, biasAxes: string | null, inputShape: Shape, outputShape: number | readonly (number | null)[]): EinsumShapes | string {
  const plain = /^([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)$/.exec(equation);
  const left = /^\.\.\.([a-zA-Z]+),([a-zA-Z]+)->\.\.\.([a-zA-Z]+)$/.exec(equation);
  if (!plain && !left) return `EinsumDense equation "${equation}" is not supported: write "ab,bc->ac" or "...b,bc->...c" (one input, one kernel)`;
  const [, inSpec, wSpec, outSpec] = (plain ?? left)!;
  const elided = inputShape.length - inSpec.length;
  if (plain && elided !== 0) return `EinsumDense equation "${equation}" names ${inSpec.length} input axes, but the input ${fmt(inputShape)} has ${inputShape.length}`;
  if (left && elided < 1) return `EinsumDense equation "${equation}" needs an input of rank > ${inSpec.length} for its "...", got ${fmt(inputShape)}`;
  for (const s of [inSpec, wSpec, outSpec]) if (new Set(s).size !== s.length) return `EinsumDense equation "${equation}" repeats a letter in "${s}"`;
  const given = typeof outputShape === 'number' ? [outputShape] : [...outputShape];
  // The elided axes (batch first) are spelled as capitals, which Keras equations never use.
  const pre = left ? LETTERS.slice(0, elided) : '';
  const input = pre + inSpec;
  const out = pre + outSpec;
  const full: Shape = left ? [...inputShape.slice(0, elided), ...given] : [inputShape[0], ...given];
  if (full.length !== out.length) return `EinsumDense output_shape ${fmt(given)} gives ${full.length} output axes, but the equation "${equation}" has ${out.length}`;
  const inDim = new Map([...input].map((c, i) => [c, inputShape[i]]));
  const outIdx = new Map([...out].map((c, i) => [c, i]));
  for (const [c, d] of inDim) {
    const i = outIdx.get(c);
    if (i !== undefined && full[i] !== null && full[i] !== d)
      return `EinsumDense input and output_shape disagree on axis '${c}': the input ${fmt(inputShape)} has ${d ?? 'None'}, output_shape says ${full[i]}`;
  }
  for (const c of out) if (!inDim.has(c) && !wSpec.includes(c)) return `EinsumDense output axis '${c}' of "${equation}" is in neither the input nor the kernel`;
  for (const c of input) if (!out.includes(c) && !wSpec.includes(c)) return `EinsumDense input axis '${c}' of "${equation}" is in neither the output nor the kernel (summing it away is not supported)`;
  const kernel: number[] = [];
  for (const c of wSpec) {
    const d = outIdx.has(c) ? full[outIdx.get(c)!] : inDim.get(c);
    if (d === undefined) return `EinsumDense kernel axis '${c}' of "${equation}" is in neither the input nor the output`;
    if (d === null) return `EinsumDense needs a known size for kernel axis '${c}' of "${equation}": give it in output_shape or the input ${fmt(inputShape)}`;
    kernel.push(d);
  }
  for (const c of wSpec) if (inDim.has(c) && outIdx.has(c)) return `EinsumDense kernel axis '${c}' of "${equation}" is in both the input and the output; that is not supported`;
  let bias: number[] | null = null;
  if (biasAxes !== null) {
    for (const c of biasAxes) if (!outSpec.includes(c)) return `EinsumDense bias_axes "${biasAxes}" names '${c}', which is not an output axis of "${equation}"`;
    const first = Math.min(...[...biasAxes].map((c) => out.indexOf(c)));
    bias = [];
    for (const c of out.slice(first)) {
      const d = biasAxes.includes(c) ? full[outIdx.get(c)!] : 1;
      if (d === null) return `EinsumDense needs a known size for bias axis '${c}'`;
      bias.push(d);
    }
  }
  return { kernel, bias, output: full, input, weight: wSpec, out };
}

/**
 * x·W for the spelled-out equation as tfjs ops: transpose x to (free…, contracted…), W to
 * (contracted…, free…), one matMul, reshape, transpose to the output order.
 */
export interface EinsumPlan {
  xPerm: number[];
  wPerm: number[];
  contracted: number;
  /** Output axes in (input free…, kernel free…) order, then the permutation to the equation's order. */
  outPerm: number[];
}

export function einsumPlan(s: Pick<EinsumShapes, 'input' | 'weight' | 'out'>): EinsumPlan {
  const xFree = [...s.input].filter((c) => s.out.includes(c));
  const con = [...s.input].filter((c) => s.weight.includes(c));
  const wFree = [...s.weight].filter((c) => !s.input.includes(c));
  const mid = [...xFree, ...wFree];
  return {
    xPerm: [...xFree, ...con].map((c) => s.input.indexOf(c)),
    wPerm: [...con, ...wFree].map((c) => s.weight.indexOf(c)),
    contracted: con.length,
    outPerm: [...s.out].map((c) => mid.indexOf(c)),
  };
}

