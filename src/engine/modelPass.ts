/**
 * The per-model pass of analysis: shapes and issues of every node of one model. Memoised on
 * the objects it reads — the ModelDef, each called LayerDef and its kind object, each nested
 * model's pass — and, per node, on (layer params, input shapes), so a single param edit re-infers only
 * the nodes whose inputs actually changed. An edit that keeps the model and every name
 * (a param edit) does not even walk the other nodes: passUpdate.ts starts from the last pass.
 */
import type { EdgeId, LayerDef, LayerId, ModelDef, ModelId, NodeId, ProjectDoc } from './doc';
import { isLayerCall } from './doc';
import { modelGraph, type ModelGraph } from './graph';
import { issue, type Issue } from './issues';
import { fmtShape, sameShape, type Shape } from './shape';
import type { KindMap } from '../nodes';
import { checkKindParams, outputCount, type Infer, type LayerKind } from '../nodes/kind';
import type { Params } from '../nodes/params';
import { callMemo, changedKinds, kindChangedAt, shapesKey } from './callMemo';
import { updatePass } from './passUpdate';

export interface NodeResult {
  inputShapes: (Shape | undefined)[];
  outputShapes: Shape[];
  outputCount: number;
  inputPorts: number;
  /** True when every input was known and inference succeeded. */
  inferred: boolean;
  issues: Issue[];
}

export interface ModelPass {
  model: ModelDef;
  kinds: KindMap;
  /** What each node called when this pass ran (layer objects, nested passes): the memo key. */
  deps: unknown[];
  depOf: Map<NodeId, unknown>;
  graph: ModelGraph;
  nodes: Map<NodeId, NodeResult>;
  edges: Record<EdgeId, Shape | undefined>;
  inputs: NodeId[];
  /** Shape of each model input (InputLayer node), in input order. */
  inputShapes: (Shape | undefined)[];
  /** Shape of each model output, undefined where unknown. */
  outputShapes: (Shape | undefined)[];
  /** Distinct layers called directly, in topological order. */
  layers: LayerId[];
  /** Model-level issues (cycle, no-inputs, ...); node issues live on the nodes. */
  modelIssues: Issue[];
  /** Nodes computable from the model's inputs. */
  grounded: Set<NodeId>;
  /** No error anywhere in this model (nested models included). */
  ok: boolean;
}

export interface PassCtx {
  doc: ProjectDoc;
  kinds: KindMap;
  passes: Map<ModelId, ModelPass>;
  /** Models on a model-call cycle, by the id of their cycle (strongly connected component). */
  cyclic: Map<ModelId, number>;
}

/** The dep of a call on a model-call cycle (it gets an issue, no shapes). */
export const RECURSIVE = { recursive: true };

/** Models that call themselves, directly or through others (component id per model). */
export function modelCycles(doc: ProjectDoc): Map<ModelId, number> {
  const ids = Object.keys(doc.models);
  const calls = (id: ModelId) => doc.models[id].nodes.flatMap((n) => (!isLayerCall(n.call) && doc.models[n.call.model] ? [n.call.model] : []));
  const reach = (from: ModelId) => {
    const seen = new Set<ModelId>();
    const stack = calls(from);
    while (stack.length) {
      const m = stack.pop()!;
      if (seen.has(m)) continue;
      seen.add(m);
      stack.push(...calls(m));
    }
    return seen;
  };
  const reaches = new Map(ids.map((id) => [id, reach(id)]));
  const out = new Map<ModelId, number>();
  let comp = 0;
  for (const id of ids) {
    if (out.has(id) || !reaches.get(id)!.has(id)) continue;
    for (const other of ids) if (other === id || (reaches.get(id)!.has(other) && reaches.get(other)!.has(id))) out.set(other, comp);
    comp++;
  }
  return out;
}

const passMemo = new WeakMap<ModelDef, ModelPass>();

/**
 * Moving nodes makes a new ModelDef whose analysis is the old one's: calls, edges, outputs and
 * name are the same objects. Such a model is analysed as (and keyed by) the last one of its id.
 */
const lastOfId = new Map<ModelId, ModelDef>();
function canonical(model: ModelDef): ModelDef {
  if (passMemo.has(model)) return model;
  const last = lastOfId.get(model.id);
  if (last && samePlaces(last, model)) return last;
  lastOfId.set(model.id, model);
  return model;
}
const samePlaces = (a: ModelDef, b: ModelDef) =>
  a.name === b.name && a.edges === b.edges && a.outputs === b.outputs && a.nodes.length === b.nodes.length &&
  a.nodes.every((n, i) => n.id === b.nodes[i].id && n.call === b.nodes[i].call);

export function modelPass(ctx: PassCtx, id: ModelId): ModelPass {
  const done = ctx.passes.get(id);
  if (done) return done;
  const model = canonical(ctx.doc.models[id]);
  const comp = ctx.cyclic.get(id);
  const deps = model.nodes.map((n) => {
    if (isLayerCall(n.call)) return ctx.doc.layers[n.call.layer];
    if (!ctx.doc.models[n.call.model]) return undefined;
    if (n.call.model === id || (comp !== undefined && ctx.cyclic.get(n.call.model) === comp)) return RECURSIVE;
    return modelPass(ctx, n.call.model);
  });
  const prev = passMemo.get(model);
  const same = prev && prev.deps.every((d, i) => d === deps[i]) && !kindChangedAt(deps, changedKinds(prev.kinds, ctx.kinds)).length;
  const pass = same ? prev : ((prev && updatePass(ctx, model, deps, prev)) ?? runPass(ctx, model, deps, prev));
  passMemo.set(model, pass);
  ctx.passes.set(id, pass);
  return pass;
}

// ---- Per-node inference, memoised on (kind, params, input shapes) ----

const inferLayer = callMemo((kind: LayerKind, params: Params, shapes: Shape[]): Infer => {
  try {
    return kind.infer(shapes, params);
  } catch (e) {
    return { ok: false, message: `${kind.kind} cannot infer its output for ${shapes.map(fmtShape).join(' and ')}: ${e instanceof Error ? e.message : String(e)}`, code: 'invalid-param' };
  }
});

const paramIssueMemo = new WeakMap<LayerKind, WeakMap<Params, { param: string; message: string }[]>>();
function paramProblems(kind: LayerKind, params: Params) {
  let byParams = paramIssueMemo.get(kind);
  if (!byParams) paramIssueMemo.set(kind, (byParams = new WeakMap()));
  let r = byParams.get(params);
  if (!r) {
    try {
      r = checkKindParams(kind, params);
    } catch (e) {
      r = [{ param: '', message: `${kind.kind}: invalid params (${e instanceof Error ? e.message : String(e)})` }];
    }
    byParams.set(params, r);
  }
  return r;
}

/** Is `given` acceptable where a model declared `own`? Unknown (None) dims match anything. */
function compatible(own: Shape, given: Shape) {
  return own.length === given.length && own.every((d, i) => d === null || given[i] === null || d === given[i]);
}

/** Output shapes of a nested model called on `shapes` (re-inferred when they differ from its own inputs). */
const reinferMemo = new WeakMap<ModelPass, Map<string, { shapes: Shape[] } | { message: string }>>();
export function callModel(nested: ModelPass, shapes: Shape[]): { shapes: Shape[] } | { message: string } {
  const name = nested.model.name;
  if (!nested.ok || nested.outputShapes.some((s) => !s)) return { message: `model "${name}" has errors; fix them first` };
  for (let i = 0; i < shapes.length; i++) {
    const own = nested.inputShapes[i]!;
    if (!compatible(own, shapes[i]))
      return { message: `Input ${i} of model "${name}" is incompatible: expected shape ${fmtShape(own)}, got ${fmtShape(shapes[i])}` };
  }
  const merged = shapes.map((s, i) => s.map((d, j) => nested.inputShapes[i]![j] ?? d));
  if (merged.every((s, i) => sameShape(s, nested.inputShapes[i]!))) return { shapes: nested.outputShapes as Shape[] };
  let memo = reinferMemo.get(nested);
  if (!memo) reinferMemo.set(nested, (memo = new Map()));
  const key = shapesKey(merged);
  let r = memo.get(key);
  if (!r) memo.set(key, (r = reinfer(nested, merged)));
  return r;
}

function reinfer(pass: ModelPass, inputs: Shape[]): { shapes: Shape[] } | { message: string } {
  const out = new Map<NodeId, Shape[]>();
  for (const nodeId of pass.graph.order) {
    if (!pass.graph.feedsOutput.has(nodeId)) continue;
    const inputIndex = pass.inputs.indexOf(nodeId);
    if (inputIndex >= 0) {
      out.set(nodeId, [inputs[inputIndex]]);
      continue;
    }
    const shapes = pass.nodes.get(nodeId)!.inputShapes.map((_, port) => {
      const e = pass.graph.inEdges.get(nodeId)!.find((x) => x.to.input === port)!;
      return out.get(e.from.node)![e.from.output];
    });
    const dep = pass.depOf.get(nodeId);
    let r: { shapes: Shape[] } | { message: string };
    if (isLayerCall(pass.graph.nodes.get(nodeId)!.call)) {
      const layer = dep as LayerDef;
      const inf = inferLayer(pass.kinds[layer.kind], layer.params, shapes);
      r = inf.ok ? { shapes: inf.shapes } : { message: `${layer.name}: ${inf.message}` };
    } else r = callModel(dep as ModelPass, shapes);
    if ('message' in r) return { message: `inside model "${pass.model.name}", ${r.message}` };
    out.set(nodeId, r.shapes);
  }
  return { shapes: pass.model.outputs.map((o) => out.get(o.node)![o.output]) };
}

// ---- The pass ----

const sameShapes = (a: readonly (Shape | undefined)[], b: readonly (Shape | undefined)[]) =>
  a.length === b.length && a.every((s, i) => s === b[i] || (s !== undefined && b[i] !== undefined && sameShape(s, b[i]!)));
export const sameResult = (a: NodeResult, b: NodeResult) =>
  a.outputCount === b.outputCount &&
  a.inputPorts === b.inputPorts &&
  a.inferred === b.inferred &&
  sameShapes(a.inputShapes, b.inputShapes) &&
  sameShapes(a.outputShapes, b.outputShapes) &&
  a.issues.length === b.issues.length &&
  a.issues.every((x, i) => x.code === b.issues[i].code && x.message === b.issues[i].message && x.severity === b.issues[i].severity && x.edgeId === b.issues[i].edgeId && x.param === b.issues[i].param && x.layerId === b.issues[i].layerId);

function runPass(ctx: PassCtx, model: ModelDef, deps: unknown[], prev: ModelPass | undefined): ModelPass {
  const graph = modelGraph(model);
  const nodes = new Map<NodeId, NodeResult>();
  const depOf = new Map(model.nodes.map((n, i) => [n.id, deps[i]]));
  const inputs: NodeId[] = [];
  const grounded = new Set<NodeId>(); // computable from the model's inputs
  const layerOrder: LayerId[] = [];
  const seenLayers = new Set<LayerId>();
  const names = new Map<string, string>(); // layer/model name → id of what carries it
  const edges: Record<EdgeId, Shape | undefined> = {};
  // Names claimed so far; false when `name` already belongs to something else.
  const claim = (name: string, id: string) => {
    const other = names.get(name);
    if (other === undefined) names.set(name, id);
    return other === undefined || other === id;
  };
  const env: NodeEnv = { ctx, model, graph, depOf, nodes, grounded, claim };
  const same = prev?.model === model ? prev : undefined;
  const seeLayer = (id: LayerId) => {
    if (seenLayers.has(id)) return;
    seenLayers.add(id);
    layerOrder.push(id);
  };

  // Nodes on cycles come last: they get issues but no shapes.
  for (const nodeId of [...graph.order, ...model.nodes.filter((n) => graph.onCycle.has(n.id)).map((n) => n.id)]) {
    const node = graph.nodes.get(nodeId)!;
    const dep = depOf.get(nodeId);

    // Fast path of an edit elsewhere: same call and kind object, same upstream results → same result.
    const before = same?.nodes.get(nodeId);
    if (before && dep && dep !== RECURSIVE && same!.depOf.get(nodeId) === dep && !before.issues.some((x) => x.code === 'duplicate-name')) {
      const ins = graph.inEdges.get(nodeId)!;
      let upstreamSame = true;
      // Groundedness too: a reused upstream result object may have changed it (a layer fixed upstream).
      for (const e of ins)
        if (nodes.get(e.from.node) !== same!.nodes.get(e.from.node) || grounded.has(e.from.node) !== same!.grounded.has(e.from.node)) upstreamSame = false;
      const layer = isLayerCall(node.call) ? (dep as LayerDef) : null;
      const owner = layer ?? (dep as ModelPass).model;
      if (upstreamSame && (!layer || same!.kinds[layer.kind] === ctx.kinds[layer.kind]) && claim(owner.name, owner.id)) {
        if (layer) {
          if (layer.kind === 'InputLayer') inputs.push(nodeId);
          seeLayer(layer.id);
        }
        if (same!.grounded.has(nodeId)) grounded.add(nodeId);
        nodes.set(nodeId, before);
        for (const e of ins) edges[e.id] = nodes.get(e.from.node)?.outputShapes[e.from.output];
        continue;
      }
    }

    const v = evalNode(env, nodeId);
    if (v.layerId) seeLayer(v.layerId);
    if (v.isInput) inputs.push(nodeId);
    if (v.grounded) grounded.add(nodeId);
    const previous = prev?.nodes.get(nodeId);
    // Keep the previous object when nothing changed, so consumers can compare by identity.
    nodes.set(nodeId, previous && sameResult(previous, v.result) ? previous : v.result);
    for (const e of graph.inEdges.get(nodeId)!) edges[e.id] = nodes.get(e.from.node)?.outputShapes[e.from.output];
  }
  return finishPass(ctx, model, deps, depOf, graph, nodes, edges, inputs, layerOrder, grounded);
}

/** What one node's evaluation reads, and the results of the nodes before it in topological order. */
export interface NodeEnv {
  ctx: PassCtx;
  model: ModelDef;
  graph: ModelGraph;
  depOf: Map<NodeId, unknown>;
  nodes: Map<NodeId, NodeResult>;
  grounded: Set<NodeId>;
  /** Claims a layer/model name for `id` in this model: false when another already has it. */
  claim(name: string, id: string): boolean;
}

const nameIn = (doc: ProjectDoc, graph: ModelGraph, nodeId: NodeId) => {
  const c = graph.nodes.get(nodeId)?.call;
  if (!c) return nodeId;
  return (isLayerCall(c) ? doc.layers[c.layer]?.name : doc.models[c.model]?.name) ?? nodeId;
};

/** Shapes and issues of one node, from its call and the results of the nodes that feed it. */
export function evalNode(env: NodeEnv, nodeId: NodeId): { result: NodeResult; grounded: boolean; isInput: boolean; layerId?: LayerId } {
  const { ctx: { doc, kinds }, model, graph, nodes, grounded } = env;
  const nameOf = (id: NodeId) => nameIn(doc, graph, id);
  const node = graph.nodes.get(nodeId)!;
  const dep = env.depOf.get(nodeId);
  const at = { modelId: model.id, nodeId };
  const issues: Issue[] = [];
  // null while the target is unknown: then ports are not checked.
  let arity: { min: number; max: number | null } | null = null;
  let outs = 0;
  let label = nodeId;
  let evaluate: ((shapes: Shape[]) => { shapes: Shape[] } | { message: string; code?: Issue['code']; param?: string }) | null = null;
  let isInput = false;
  let layerId: LayerId | undefined;
  const claimName = (name: string, id: string, what: string) => {
    if (!env.claim(name, id))
      issues.push(issue('duplicate-name', `Model "${model.name}" uses two layers named "${name}" (this one is a ${what}); names must be unique within a model`, at));
  };

  if (isLayerCall(node.call)) {
    const layer = dep as (typeof doc.layers)[string] | undefined;
    const kind = layer && kinds[layer.kind];
    if (!layer) issues.push(issue('dangling-ref', `This node calls layer "${node.call.layer}", which is not in the project`, at));
    else {
      label = layer.name;
      layerId = layer.id;
      if (!kind) issues.push(issue('unknown-kind', `${layer.name}: unknown layer kind "${layer.kind}"`, { ...at, layerId: layer.id }));
      else {
        isInput = layer.kind === 'InputLayer';
        arity = { min: kind.inputs.min, max: kind.inputs.max };
        const problems = paramProblems(kind, layer.params);
        for (const p of problems) issues.push(issue('invalid-param', `${layer.name}: ${p.message}`, { ...at, layerId: layer.id, param: p.param || undefined }));
        if (!problems.length) {
          try {
            outs = outputCount(kind, layer.params);
          } catch {
            outs = 1;
          }
          evaluate = (shapes) => {
            const r = inferLayer(kind, layer.params, shapes);
            return r.ok ? { shapes: r.shapes } : r;
          };
        } else outs = 1;
      }
      claimName(layer.name, layer.id, layer.kind);
    }
  } else {
    const target = doc.models[node.call.model];
    if (!target) issues.push(issue('dangling-ref', `This node calls model "${node.call.model}", which is not in the project`, at));
    else if (dep === RECURSIVE)
      issues.push(issue('recursive-model', `Model "${model.name}" cannot call model "${target.name}": ${target.id === model.id ? 'a model cannot call itself' : `"${target.name}" calls "${model.name}" back`}`, at));
    else {
      const nested = dep as ModelPass;
      label = target.name;
      arity = { min: nested.inputs.length, max: nested.inputs.length };
      outs = target.outputs.length;
      evaluate = (shapes) => callModel(nested, shapes);
      claimName(target.name, target.id, 'Functional');
    }
  }

  // Ports: what arrives at each input, and whether the kind takes that many.
  const byPort: (typeof model.edges)[] = [];
  for (const e of graph.inEdges.get(nodeId)!) (byPort[e.to.input] ??= []).push(e);
  const inputShapes: (Shape | undefined)[] = [];
  let portsOk = true;
  const connected = byPort.length;
  const min = arity?.min ?? 0;
  const max = arity ? arity.max : null;
  for (let p = 0; p < Math.max(connected, min); p++) {
    const es = byPort[p];
    if (!es?.length) {
      if (arity) {
        portsOk = false;
        issues.push(issue('missing-input', `${label} has nothing connected to input ${p}${min > 1 ? ` (it needs ${min} inputs)` : ''}`, at));
      }
      inputShapes.push(undefined);
      continue;
    }
    if (es.length > 1) {
      portsOk = false;
      issues.push(issue('too-many-inputs', `Input ${p} of ${label} has ${es.length} connections (from ${es.map((e) => nameOf(e.from.node)).join(', ')}); it takes one`, { ...at, edgeId: es[1].id }));
    }
    const e = es[0];
    const src = nodes.get(e.from.node);
    if (src && e.from.output >= src.outputCount && src.outputCount > 0) {
      portsOk = false;
      issues.push(issue('dangling-ref', `${label} takes output ${e.from.output} of ${nameOf(e.from.node)}, which has ${src.outputCount} output${src.outputCount === 1 ? '' : 's'}`, { ...at, edgeId: e.id }));
    }
    inputShapes.push(src?.outputShapes[e.from.output]);
  }
  if (max !== null && connected > max) {
    portsOk = false;
    issues.push(issue('too-many-inputs', `${label} takes ${max === 0 ? 'no inputs' : `at most ${max} input${max === 1 ? '' : 's'}`}, got ${graph.inEdges.get(nodeId)!.length} connected`, at));
    inputShapes.length = max;
  }

  let outputShapes: Shape[] = [];
  let inferred = false;
  const upstream = graph.inEdges.get(nodeId)!.every((e) => grounded.has(e.from.node));
  if (evaluate && portsOk && inputShapes.every((s) => s)) {
    const r = evaluate(inputShapes as Shape[]);
    if ('shapes' in r) {
      outputShapes = r.shapes;
      inferred = true;
    }
    else issues.push(issue(('code' in r && r.code) || 'shape-mismatch', isLayerCall(node.call) ? r.message : `${label}: ${r.message}`, { ...at, param: ('param' in r && r.param) || undefined }));
  }
  if (!graph.feedsOutput.has(nodeId))
    issues.push(issue('disconnected', `${label} does not lead to any output of model "${model.name}", so it is not part of the model`, at, 'warning'));

  let inputPorts = connected;
  if (max === null || connected < max) inputPorts++;
  inputPorts = Math.max(inputPorts, min);
  return {
    result: { inputShapes, outputShapes, outputCount: outs, inputPorts, inferred, issues },
    grounded: !!evaluate && portsOk && upstream && (isInput || min > 0),
    isInput,
    layerId,
  };
}

/** The model-level issues and summary facts of a pass whose nodes are done. */
export function finishPass(
  ctx: PassCtx, model: ModelDef, deps: unknown[], depOf: Map<NodeId, unknown>, graph: ModelGraph, nodes: Map<NodeId, NodeResult>,
  edges: Record<EdgeId, Shape | undefined>, inputs: NodeId[], layerOrder: LayerId[], grounded: Set<NodeId>,
): ModelPass {
  const where = { modelId: model.id };
  const nameOf = (id: NodeId) => nameIn(ctx.doc, graph, id);
  const modelIssues: Issue[] = [];
  for (const c of graph.cycles)
    modelIssues.push(issue('cycle', `Model "${model.name}" has a cycle: ${[...c, c[0]].map(nameOf).join(' → ')}`, { ...where, nodeId: c[0] }));
  for (const e of graph.danglingEdges)
    modelIssues.push(issue('dangling-ref', `An edge connects ${graph.nodes.has(e.from.node) ? nameOf(e.from.node) : `missing node "${e.from.node}"`} to ${graph.nodes.has(e.to.node) ? nameOf(e.to.node) : `missing node "${e.to.node}"`}`, { ...where, edgeId: e.id }));
  for (const i of graph.danglingOutputs)
    modelIssues.push(issue('dangling-ref', `Output ${i} of model "${model.name}" names missing node "${model.outputs[i].node}"`, where));
  if (!model.outputs.length) modelIssues.push(issue('no-outputs', `Model "${model.name}" has no outputs; mark at least one node as an output`, where));
  if (!inputs.length) modelIssues.push(issue('no-inputs', `Model "${model.name}" has no Input; add an Input node`, where));
  model.outputs.forEach((o, i) => {
    if (!graph.nodes.has(o.node) || graph.onCycle.has(o.node) || grounded.has(o.node)) return;
    const own = nodes.get(o.node)!.issues.some((x) => x.code === 'missing-input');
    if (!own)
      modelIssues.push(issue('disconnected', `Graph disconnected: output ${i} (${nameOf(o.node)}) of model "${model.name}" cannot be computed from its inputs`, { ...where, nodeId: o.node }));
  });

  const inputShapes = inputs.map((n) => nodes.get(n)!.outputShapes[0]);
  const outputShapes = model.outputs.map((o) => nodes.get(o.node)?.outputShapes[o.output]);
  let ok = !modelIssues.some((x) => x.severity === 'error');
  for (const r of nodes.values()) if (r.issues.some((x) => x.severity === 'error')) ok = false;
  for (const d of deps) if (d && typeof d === 'object' && 'ok' in d && !(d as ModelPass).ok) ok = false;
  return { model, kinds: ctx.kinds, deps, depOf, graph, nodes, edges, inputs, inputShapes, outputShapes, layers: layerOrder, modelIssues, grounded, ok };
}
