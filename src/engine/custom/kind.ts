/**
 * A custom layer definition as a LayerKind, so analysis, summary, compile and export treat it
 * like any built-in kind. Shapes and weights come from the declared expressions (evaluated by
 * expr.ts, never by eval); the tfjs layer — which runs the user's code — is built only when
 * the project's code is approved, and only where `runtime` is given (the training worker).
 */
import { fail, ok, type LayerKind, type Tf, type TfLayer, type WeightSpec } from '../../nodes/kind';
import { bool, float, int, str, type ParamSchema, type Params, type Spec } from '../../nodes/params';
import { fmtShape, type Shape } from '../shape';
import type { ProjectDoc } from '../doc';
import { KINDS, type KindMap } from '../../nodes';
import { checkCustomDef, customLayerSchema, type CustomLayerDef, type CustomParam } from './definition';
import { evalShape, type Env } from './expr';

/** Builds the tfjs layer class of a definition; supplied by the worker (customLayer.ts). */
export type CustomRuntime = (def: CustomLayerDef, config: Record<string, unknown>, tf: Tf) => TfLayer | { unsupported: string };

function paramSpec(p: CustomParam): Spec<any> {
  switch (p.type) {
    case 'int': return int({ default: p.default as number, tfjs: p.name, positional: true });
    case 'float': return float({ default: p.default as number, tfjs: p.name, positional: true });
    case 'bool': return bool(p.default as boolean, { tfjs: p.name });
    case 'string': return str(p.default as string, { tfjs: p.name });
  }
}

export function envOf(inputs: Shape[], p: Params): Env {
  const env: Record<string, Env[string]> = {};
  for (const [k, v] of Object.entries(p)) if (typeof v === 'number' || typeof v === 'boolean') env[k] = v;
  inputs.forEach((s, i) => (env[i === 0 ? 'input' : `input${i}`] = s));
  return env;
}

export function customKind(def: CustomLayerDef, runtime?: CustomRuntime): LayerKind {
  const params: ParamSchema = Object.fromEntries(def.params.map((p) => [p.name, paramSpec(p)]));
  const weights = (inputs: Shape[], p: Params): WeightSpec[] | string => {
    const out: WeightSpec[] = [];
    for (const w of def.weights) {
      const r = evalShape(w.shape, envOf(inputs, p));
      if (!r.ok) return `${def.className} weight ${w.name}: ${r.message}`;
      if (r.shape.some((d) => d === null || d < 1 || !Number.isInteger(d)))
        return `${def.className} weight ${w.name} needs known positive sizes, got ${fmtShape(r.shape)} for input ${fmtShape(inputs[0] ?? [])}`;
      out.push({ name: w.name, shape: r.shape as number[], trainable: w.trainable });
    }
    return out;
  };
  return {
    kind: def.className,
    category: 'custom',
    doc: def.doc,
    inputs: { min: def.inputs.min, max: def.inputs.max },
    params,
    infer(inputs, p) {
      const problems = checkCustomDef(def);
      if (problems.length) return fail(problems[0], 'invalid-param');
      const ws = weights(inputs, p);
      if (typeof ws === 'string') return fail(ws);
      if (def.outputShape) {
        const r = evalShape(def.outputShape, envOf(inputs, p));
        return r.ok ? ok(r.shape) : fail(`${def.className} output shape: ${r.message}`);
      }
      if (def.probed && fmtShape(def.probed.input.slice(1)) === fmtShape(inputs[0].slice(1))) return ok([inputs[0][0], ...def.probed.output.slice(1)]);
      return fail(`${def.className}: output shape unknown for input ${fmtShape(inputs[0])} — give an output shape expression, or approve the code so the worker can run call once`, 'shape-mismatch');
    },
    weights(inputs, p) {
      const ws = weights(inputs, p);
      return typeof ws === 'string' ? [] : ws;
    },
    tfjs: (_p, config, tf) =>
      runtime ? runtime(def, config, tf) : { unsupported: `${def.className} runs custom code, which runs only in the training worker once approved for this project` },
    // Keras: the custom class with its get_config (the params); Python: positional params as the class takes them.
    kerasConfig: (p) => ({ ...p }),
    examples: [],
  };
}

/** The project's custom definitions that have the definition's structure, keyed by class name (other problems surface in analysis). */
export function customDefs(doc: ProjectDoc): Record<string, CustomLayerDef> {
  const out: Record<string, CustomLayerDef> = {};
  for (const [name, raw] of Object.entries(doc.custom ?? {})) if (!(name in KINDS) && customLayerSchema.safeParse(raw).success) out[name] = raw as CustomLayerDef;
  return out;
}

/** Built-in kinds plus this project's custom kinds (built-ins win a name clash). */
export function kindsFor(doc: ProjectDoc, runtime?: CustomRuntime): KindMap {
  const defs = customDefs(doc);
  if (!Object.keys(defs).length) return KINDS;
  const custom = Object.fromEntries(Object.values(defs).map((d) => [d.className, customKind(d, runtime)]));
  return { ...custom, ...KINDS };
}
