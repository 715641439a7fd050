/**
 * Custom layers: a layer class whose definition lives in the project — constructor params
 * (they form get_config), declared weights (shapes as expressions of the input shape and the
 * params), and a `call` body in JavaScript with tfjs ops. The code is data here: nothing in
 * this module runs it.
 */
import { z } from 'zod';
import { INITIALIZERS, type Initializer } from '../../nodes/params';
import { checkExpr } from './expr';

export interface CustomParam {
  name: string;
  type: 'int' | 'float' | 'bool' | 'string';
  default: number | boolean | string;
}

export interface CustomWeight {
  name: string;
  /** One expression per dimension, e.g. ["input[-1]", "units"]. */
  shape: string[];
  initializer: Initializer;
  trainable: boolean;
}

export interface CustomLayerDef {
  /** Python/JS class name, e.g. CustomDense. */
  className: string;
  doc: string;
  inputs: { min: number; max: number };
  params: CustomParam[];
  weights: CustomWeight[];
  /** Output shape expressions, batch dim first ("input[:-1]", "units": slices spread); null: found by running call once in the worker. */
  outputShape: string[] | null;
  /** What the worker saw when it ran `call` on zeros: for this input shape, this output shape. */
  probed?: { input: (number | null)[]; output: (number | null)[] };
  /**
   * Models of the project the layer holds (mixed styles: the seed's CustomRNN holds a functional
   * classifier). `name` is how call reaches it (ctx.models.classifier.apply(x)); their weights
   * count as the layer's.
   */
  models?: { name: string; model: string }[];
  /** Body of `call(inputs, ctx)`: JavaScript with tfjs ops; ctx = { tf, weights, params, models, training, mask }. */
  call: string;
  /** Body of the Python `call(self, inputs)` for the exported script: keras `ops`, self.<weight>, self.<param>. */
  pythonCall: string;
}

const ident = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an identifier (letters, digits, _)').max(100);
const RESERVED = new Set(['input', 'inputs', 'name', 'trainable', 'dtype', 'self', 'ctx', 'tf', 'None']);

export const customLayerSchema = z.object({
  className: ident.regex(/^[A-Z]/, 'a class name starts with a capital letter'),
  doc: z.string().max(2000),
  inputs: z.object({ min: z.number().int().min(1).max(8), max: z.number().int().min(1).max(8) }),
  params: z.array(z.object({ name: ident, type: z.enum(['int', 'float', 'bool', 'string']), default: z.union([z.number(), z.boolean(), z.string().max(500)]) })).max(50),
  weights: z
    .array(z.object({ name: ident, shape: z.array(z.string().max(500)).max(8), initializer: z.enum(INITIALIZERS), trainable: z.boolean() }))
    .max(50),
  outputShape: z.array(z.string().max(500)).max(9).nullable(),
  models: z.array(z.object({ name: ident, model: z.string().min(1).max(500) })).max(20).optional(),
  probed: z.object({ input: z.array(z.number().nullable()), output: z.array(z.number().nullable()) }).optional(),
  call: z.string().max(100_000),
  pythonCall: z.string().max(100_000),
});

/** Problems of a definition, as messages naming the field; empty when it is usable. */
export function checkCustomDef(raw: unknown): string[] {
  const r = customLayerSchema.safeParse(raw);
  if (!r.success) return r.error.issues.map((i) => `${i.path.join('.') || 'definition'}: ${i.message}`);
  const def = r.data as CustomLayerDef;
  const out: string[] = [];
  const names = new Set<string>();
  for (const n of [...def.params.map((p) => p.name), ...def.weights.map((w) => w.name), ...(def.models ?? []).map((m) => m.name)]) {
    if (RESERVED.has(n)) out.push(`${def.className}: "${n}" is reserved; choose another name`);
    if (names.has(n)) out.push(`${def.className}: "${n}" is declared twice`);
    names.add(n);
  }
  for (const p of def.params) {
    const okType = p.type === 'bool' ? typeof p.default === 'boolean' : p.type === 'string' ? typeof p.default === 'string' : typeof p.default === 'number';
    if (!okType || (p.type === 'int' && !Number.isInteger(p.default))) out.push(`${def.className}.${p.name}: default ${JSON.stringify(p.default)} is not a ${p.type}`);
  }
  if (def.inputs.min > def.inputs.max) out.push(`${def.className}: inputs min ${def.inputs.min} exceeds max ${def.inputs.max}`);
  for (const w of def.weights)
    w.shape.forEach((e, i) => {
      const m = checkExpr(e);
      if (m) out.push(`${def.className}.${w.name} shape[${i}] "${e}": ${m}`);
    });
  def.outputShape?.forEach((e, i) => {
    const m = checkExpr(e);
    if (m) out.push(`${def.className} output shape[${i}] "${e}": ${m}`);
  });
  return out;
}

/** The seed's CustomDense: w, b, matmul + b; get_config → units. */
export const CUSTOM_DENSE: CustomLayerDef = {
  className: 'CustomDense',
  doc: 'The guide\'s CustomDense: inputs · w + b.',
  inputs: { min: 1, max: 1 },
  params: [{ name: 'units', type: 'int', default: 32 }],
  weights: [
    { name: 'w', shape: ['input[-1]', 'units'], initializer: 'random_normal', trainable: true },
    { name: 'b', shape: ['units'], initializer: 'random_normal', trainable: true },
  ],
  outputShape: ['input[:-1]', 'units'],
  call: 'const { tf, weights } = ctx;\nreturn tf.add(tf.matMul(inputs, weights.w), weights.b);',
  pythonCall: 'return ops.matmul(inputs, self.w) + self.b',
};
