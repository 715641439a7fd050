/**
 * A custom layer definition as a LayerKind, so analysis, summary, compile and export treat it
 * like any built-in kind. Shapes and weights come from the declared expressions (evaluated by
 * expr.ts, never by eval); the tfjs layer — which runs the user's code — is built only when
 * the project's code is approved, and only where `runtime` is given (the training worker).
 */
import type * as tfNs from '@tensorflow/tfjs';
import { fail, ok, type LayerKind, type Tf, type TfLayer, type WeightSpec } from '../../nodes/kind';
import type { Analysis } from '../analysisTypes';
import { analyze } from '../analyze';
import { compile } from '../compile';
import { bool, float, int, str, type ParamSchema, type Params, type Spec } from '../../nodes/params';
import { fmtShape, type Shape } from '../shape';
import { isLayerCall, type ProjectDoc } from '../doc';

type TfModel = tfNs.LayersModel;
import { KINDS, type KindMap } from '../../nodes';
import { checkCustomDef, customLayerSchema, type CustomLayerDef, type CustomParam } from './definition';
import { evalShape, type Env } from './expr';

/** Builds the tfjs layer of a definition, given the tfjs models it holds; supplied by the worker (tfjsLayer.ts). */
export type CustomRuntime = (def: CustomLayerDef, config: Record<string, unknown>, tf: Tf, models: Record<string, TfModel>) => TfLayer | { unsupported: string };

/** What a custom layer that holds project models needs from the project. */
export interface CustomContext {
  /** The weights of a project model, by model name (layer-name prefixed), or why not. */
  modelWeights(model: string): WeightSpec[] | string;
  /** The project model compiled for tfjs, a new one per tfjs layer that holds it (its calls share it), or why not. */
  compileModel(model: string, tf: Tf): TfModel | string;
}

/** `positional`: the Python call passes it by position, which holds only while every param before it is positional too. */
function paramSpec(p: CustomParam, positional: boolean): Spec<any> {
  switch (p.type) {
    case 'int': return int({ default: p.default as number, tfjs: p.name, positional });
    case 'float': return float({ default: p.default as number, tfjs: p.name, positional });
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

export function customKind(def: CustomLayerDef, runtime?: CustomRuntime, project?: CustomContext): LayerKind {
  const firstKeyword = def.params.findIndex((p) => p.type !== 'int' && p.type !== 'float');
  const params: ParamSchema = Object.fromEntries(def.params.map((p, i) => [p.name, paramSpec(p, firstKeyword < 0 || i < firstKeyword)]));
  const weights = (inputs: Shape[], p: Params): WeightSpec[] | string => {
    const out: WeightSpec[] = [];
    for (const w of def.weights) {
      const r = evalShape(w.shape, envOf(inputs, p));
      if (!r.ok) return `${def.className} weight ${w.name}: ${r.message}`;
      if (r.shape.some((d) => d === null || d < 1 || !Number.isInteger(d)))
        return `${def.className} weight ${w.name} needs known positive sizes, got ${fmtShape(r.shape)} for input ${fmtShape(inputs[0] ?? [])}`;
      out.push({ name: w.name, shape: r.shape as number[], trainable: w.trainable });
    }
    for (const m of def.models ?? []) {
      const held = project ? project.modelWeights(m.model) : `${def.className} holds model "${m.model}", which needs the project to resolve`;
      if (typeof held === 'string') return held;
      out.push(...held.map((w) => ({ ...w, name: `${m.name}/${w.name}` })));
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
    tfjs(_p, config, tf) {
      if (!runtime) return { unsupported: `${def.className} runs custom code, which runs only in the training worker once approved for this project` };
      const models: Record<string, TfModel> = {};
      for (const m of def.models ?? []) {
        const compiled = project ? project.compileModel(m.model, tf) : `no project to compile model "${m.model}"`;
        if (typeof compiled === 'string') return { unsupported: `${def.className} holds model "${m.model}": ${compiled}` };
        models[m.name] = compiled;
      }
      return runtime(def, config, tf, models);
    },
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

/** The custom kinds of a set of definitions with no project: a held model is "needs the project". */
const plainMemo = new WeakMap<object, Map<CustomRuntime | undefined, KindMap>>();
function plainKinds(custom: object, defs: CustomLayerDef[], runtime?: CustomRuntime): KindMap {
  let byRuntime = plainMemo.get(custom);
  if (!byRuntime) plainMemo.set(custom, (byRuntime = new Map()));
  let kinds = byRuntime.get(runtime);
  if (!kinds) byRuntime.set(runtime, (kinds = { ...Object.fromEntries(defs.map((d) => [d.className, customKind(d, runtime)])), ...KINDS }));
  return kinds;
}

/** For a kind map whose definitions hold models: the plain kinds (held models are analysed and compiled with those) and the holders. */
interface Holding {
  plain: KindMap;
  holders: CustomLayerDef[];
  runtime?: CustomRuntime;
}
const holdingOf = new WeakMap<KindMap, Holding>();
const docMemo = new WeakMap<ProjectDoc, Map<CustomRuntime | undefined, KindMap>>();

/**
 * Built-in kinds plus this project's custom kinds (built-ins win a name clash). Memoised per
 * custom definitions, or per document when a definition holds models: those kinds read the
 * document's models (their weights; compile builds them). Analysis does not key on such a map
 * (see analysisKinds), so its memos hold across documents.
 */
export function kindsFor(doc: ProjectDoc, runtime?: CustomRuntime): KindMap {
  const defs = Object.values(customDefs(doc));
  if (!defs.length) return KINDS;
  const plain = plainKinds(doc.custom!, defs, runtime);
  const holders = defs.filter((d) => d.models?.length);
  if (!holders.length) return plain;
  let byRuntime = docMemo.get(doc);
  if (!byRuntime) docMemo.set(doc, (byRuntime = new Map()));
  let kinds = byRuntime.get(runtime);
  if (kinds) return kinds;
  // A held model may not itself hold models: it is analysed and compiled with the plain kinds.
  const project = projectContext(doc, plain);
  kinds = { ...plain, ...Object.fromEntries(holders.map((d) => [d.className, customKind(d, runtime, project)])), ...KINDS };
  holdingOf.set(kinds, { plain, holders, runtime });
  byRuntime.set(runtime, kinds);
  return kinds;
}

const boundMemo = new WeakMap<KindMap, { key: string; kinds: KindMap }>();

/**
 * The kinds analysis runs with. A kind holding a model infers from that model's weights, so
 * its facts depend on the held model's state, not only on (kind, params, shapes): here the
 * holders are bound to the held models' weights in `doc` and the map is keyed on those
 * weights — an edit that leaves them as they were keeps the same kind objects (memos hold),
 * one that changes them (or breaks the held model) gives new holder objects, which the
 * (kind, params, shapes) memos and the pass reuse (modelPass.ts) see as a changed kind.
 * Maps without holders are returned as they are.
 */
export function analysisKinds(doc: ProjectDoc, kinds: KindMap): KindMap {
  const h = holdingOf.get(kinds);
  if (!h) return kinds;
  const held = new Map<string, WeightSpec[] | string>();
  let analysis: Analysis | undefined;
  for (const d of h.holders)
    for (const m of d.models!) {
      if (held.has(m.model)) continue;
      const id = modelIdOf(doc, m.model);
      try {
        held.set(m.model, id ? modelWeights(doc, (analysis ??= analyze(doc, h.plain)), id, h.plain) : `no model named "${m.model}" in the project`);
      } catch (e) {
        held.set(m.model, `model "${m.model}" cannot be sized: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  const key = JSON.stringify([...held]);
  const last = boundMemo.get(h.plain);
  if (last?.key === key) return last.kinds;
  const project: CustomContext = {
    modelWeights: (name) => held.get(name) ?? `no model named "${name}" in the project`,
    compileModel: () => 'held models are compiled from kindsFor(doc, runtime), not from the kinds of an analysis',
  };
  const bound = { ...h.plain, ...Object.fromEntries(h.holders.map((d) => [d.className, customKind(d, h.runtime, project)])), ...KINDS };
  boundMemo.set(h.plain, { key, kinds: bound });
  return bound;
}

const modelIdOf = (doc: ProjectDoc, name: string) => Object.values(doc.models).find((m) => m.name === name)?.id;

function projectContext(doc: ProjectDoc, kinds: KindMap): CustomContext {
  let analysis: Analysis | undefined;
  return {
    modelWeights(name) {
      const id = modelIdOf(doc, name);
      if (!id) return `no model named "${name}" in the project`;
      analysis ??= analyze(doc, kinds);
      return modelWeights(doc, analysis, id, kinds);
    },
    // Compiled anew for every tfjs layer that holds it: the model is the layer's, disposed with it,
    // and two compiles of one document (a retry, another backend) never share variables.
    compileModel(name, tf) {
      const id = modelIdOf(doc, name);
      if (!id) return `no model named "${name}" in the project`;
      const r = compile(doc, id, tf, { kinds });
      return r.model ?? r.issues.map((i) => i.message).join('; ');
    },
  };
}

/** Every weight of a model (nested models included), named `layer/weight`, as its layers were built. */
function modelWeights(doc: ProjectDoc, analysis: Analysis, modelId: string, kinds: KindMap, seen = new Set<string>()): WeightSpec[] | string {
  if (seen.has(modelId)) return [];
  seen.add(modelId);
  const m = analysis.models[modelId];
  if (m.issues.some((i) => i.severity === 'error')) return `model "${doc.models[modelId].name}" has errors: ${m.issues[0].message}`;
  const out: WeightSpec[] = [];
  for (const layerId of m.layers) {
    const layer = doc.layers[layerId];
    const shapes = analysis.layers[layerId]?.buildShapes;
    if (!shapes) return `layer ${layer.name} of model "${doc.models[modelId].name}" has unknown input shapes`;
    for (const w of kinds[layer.kind].weights(shapes, layer.params)) out.push({ ...w, name: `${layer.name}/${w.name}`, trainable: w.trainable && layer.trainable });
  }
  for (const n of doc.models[modelId].nodes) {
    if (isLayerCall(n.call)) continue;
    const nested = modelWeights(doc, analysis, n.call.model, kinds, seen);
    if (typeof nested === 'string') return nested;
    out.push(...nested);
  }
  return out;
}
