/**
 * `analyze(doc)`: pure, synchronous, never throws on user input. For every model: topological
 * order, per-node input/output shapes, per-layer params, totals, and Issues.
 *
 * Two passes. The model pass (modelPass.ts) infers shapes per model; it depends only on the
 * model, the layers it calls and the passes of the models it nests, so it is memoised on those
 * objects (documents are immutable). The project pass here decides what is project-wide, as
 * Keras does: a layer's weights are built by its first call (models in key order, nodes in
 * topological order), so a later call on an incompatible shape is an issue, and params and
 * totals count each distinct layer once.
 */
import type { Analysis, LayerInfo, ModelAnalysis, NodeInfo, ParamTotals } from './analysisTypes';
import { isLayerCall, type LayerId, type ModelId, type NodeId, type ProjectDoc } from './doc';
import { issue, type Issue } from './issues';
import { fmtShape, type Shape } from './shape';
import type { KindMap } from '../nodes';
import { kindsFor } from './custom/kind';
import { paramCount, type LayerKind } from '../nodes/kind';
import type { Params } from '../nodes/params';
import { modelCycles, modelPass, shapesKey, type ModelPass, type PassCtx } from './modelPass';

/** Kept as a name for callers; every Analysis carries the per-layer facts. */
export type FullAnalysis = Analysis;

const ZERO: ParamTotals = { trainable: 0, nonTrainable: 0 };

const paramMemo = new WeakMap<LayerKind, WeakMap<Params, Map<string, ParamTotals>>>();
function layerParams(kind: LayerKind, params: Params, shapes: Shape[]): ParamTotals {
  let byParams = paramMemo.get(kind);
  if (!byParams) paramMemo.set(kind, (byParams = new WeakMap()));
  let byShapes = byParams.get(params);
  if (!byShapes) byParams.set(params, (byShapes = new Map()));
  const key = shapesKey(shapes);
  let p = byShapes.get(key);
  if (!p) {
    try {
      p = paramCount(kind, shapes, params);
    } catch {
      p = ZERO;
    }
    byShapes.set(key, p);
  }
  return p;
}

function weightShapes(kind: LayerKind, params: Params, shapes: Shape[]): string {
  try {
    return JSON.stringify(kind.weights(shapes, params).map((w) => w.shape));
  } catch {
    return '';
  }
}

const nodeInfoMemo = new WeakMap<object, NodeInfo>();
const modelMemo = new WeakMap<ModelPass, ModelAnalysis>();

export function analyze(doc: ProjectDoc, kinds: KindMap = kindsFor(doc)): FullAnalysis {
  const ctx: PassCtx = { doc, kinds, passes: new Map(), cyclic: modelCycles(doc) };
  const modelIds = Object.keys(doc.models);
  const passes = new Map<ModelId, ModelPass>();
  for (const id of modelIds) passes.set(id, modelPass(ctx, id));

  // ---- Calls of every layer and model, and the call that builds each layer's weights ----
  const layerCalls = new Map<string, { modelId: ModelId; nodeId: NodeId }[]>();
  const modelCalls = new Map<string, { modelId: ModelId; nodeId: NodeId }[]>();
  const builds = new Map<LayerId, Shape[]>();
  const extra = new Map<ModelId, Map<NodeId, Issue[]>>();
  for (const modelId of modelIds) {
    const pass = passes.get(modelId)!;
    for (const nodeId of pass.graph.order) {
      const call = pass.graph.nodes.get(nodeId)!.call;
      const site = { modelId, nodeId };
      if (!isLayerCall(call)) {
        const list = modelCalls.get(call.model);
        if (list) list.push(site);
        else modelCalls.set(call.model, [site]);
        continue;
      }
      const list = layerCalls.get(call.layer);
      if (list) list.push(site);
      else layerCalls.set(call.layer, [site]);
      const layer = doc.layers[call.layer];
      const kind = layer && kinds[layer.kind];
      const r = pass.nodes.get(nodeId)!;
      if (!kind || !r.inferred) continue;
      const shapes = r.inputShapes as Shape[];
      const first = builds.get(call.layer);
      if (!first) {
        builds.set(call.layer, shapes);
      } else if (shapesKey(first) !== shapesKey(shapes) && weightShapes(kind, layer.params, first) !== weightShapes(kind, layer.params, shapes)) {
        const msg = `${layer.name} is shared: its weights were built for input ${first.map(fmtShape).join(' and ')}, but this call gets ${shapes.map(fmtShape).join(' and ')}`;
        if (!extra.has(modelId)) extra.set(modelId, new Map());
        extra.get(modelId)!.set(nodeId, [issue('shape-mismatch', msg, { modelId, nodeId, layerId: call.layer })]);
      }
    }
  }

  const layers: Record<LayerId, LayerInfo> = {};
  for (const id in doc.layers) {
    const layer = doc.layers[id];
    const kind = kinds[layer.kind];
    const shapes = builds.get(id) ?? null;
    let params = kind && shapes ? layerParams(kind, layer.params, shapes) : ZERO;
    if (!layer.trainable && params.trainable) params = { trainable: 0, nonTrainable: params.trainable + params.nonTrainable };
    layers[id] = { params, buildShapes: shapes, calls: layerCalls.get(id) ?? [] };
  }

  // ---- Totals over distinct layers, nested models included (each counted once) ----
  const distinct = new Map<ModelId, Set<LayerId>>();
  const layersOf = (id: ModelId, seen: Set<ModelId>): Set<LayerId> => {
    const known = distinct.get(id);
    if (known) return known;
    const out = new Set<LayerId>();
    seen.add(id);
    for (const n of doc.models[id]?.nodes ?? []) {
      if (isLayerCall(n.call)) {
        if (doc.layers[n.call.layer]) out.add(n.call.layer);
      } else if (doc.models[n.call.model] && !seen.has(n.call.model)) {
        for (const l of layersOf(n.call.model, seen)) out.add(l);
      }
    }
    seen.delete(id);
    if (!seen.size) distinct.set(id, out);
    return out;
  };
  const totals = new Map<ModelId, ParamTotals>();
  for (const id of modelIds) {
    let trainable = 0;
    let nonTrainable = 0;
    for (const l of layersOf(id, new Set())) {
      trainable += layers[l].params.trainable;
      nonTrainable += layers[l].params.nonTrainable;
    }
    totals.set(id, { trainable, nonTrainable });
  }

  // ---- Assemble, reusing objects whose content did not change ----
  const models: Record<ModelId, ModelAnalysis> = {};
  const issues: Issue[] = [];
  for (const modelId of modelIds) {
    const pass = passes.get(modelId)!;
    const nodes: Record<NodeId, NodeInfo> = {};
    const modelIssues: Issue[] = [...pass.modelIssues];
    let reused = true;
    for (const [nodeId, r] of pass.nodes) {
      const call = pass.graph.nodes.get(nodeId)!.call;
      const sites = (isLayerCall(call) ? layerCalls.get(call.layer) : modelCalls.get(call.model)) ?? [];
      const sharedWith = sites.length > 1 ? sites.filter((s) => s.modelId !== modelId || s.nodeId !== nodeId) : [];
      const params = isLayerCall(call) ? (layers[call.layer]?.params ?? ZERO) : (totals.get(call.model) ?? ZERO);
      const more = extra.get(modelId)?.get(nodeId);
      const nodeIssues = more ? [...r.issues, ...more] : r.issues;
      const prev = nodeInfoMemo.get(r);
      const info =
        prev && sameParams(prev.params, params) && sameSites(prev.sharedWith, sharedWith) && sameIssues(prev.issues, nodeIssues)
          ? prev
          : { inputShapes: r.inputShapes, outputShapes: r.outputShapes, params, outputCount: r.outputCount, inputPorts: r.inputPorts, sharedWith, issues: nodeIssues };
      nodeInfoMemo.set(r, info);
      if (info !== prev) reused = false;
      nodes[nodeId] = info;
      modelIssues.push(...nodeIssues);
    }
    const total = totals.get(modelId)!;
    const prev = modelMemo.get(pass);
    const m: ModelAnalysis =
      prev && reused && sameParams(prev.totals, total) && sameIssues(prev.issues, modelIssues)
        ? prev
        : { id: modelId, order: pass.graph.order, nodes, edges: pass.edges, inputs: pass.inputs, outputs: pass.model.outputs, totals: total, layers: pass.layers, issues: modelIssues };
    modelMemo.set(pass, m);
    models[modelId] = m;
    issues.push(...modelIssues);
  }
  return { models, issues, layers };
}

const sameParams = (a: ParamTotals, b: ParamTotals) => a.trainable === b.trainable && a.nonTrainable === b.nonTrainable;
const sameSites = (a: NodeInfo['sharedWith'], b: NodeInfo['sharedWith']) =>
  a.length === b.length && a.every((s, i) => s.modelId === b[i].modelId && s.nodeId === b[i].nodeId);
const sameIssues = (a: readonly Issue[], b: readonly Issue[]) =>
  a.length === b.length && a.every((x, i) => x === b[i] || (x.code === b[i].code && x.message === b[i].message && x.nodeId === b[i].nodeId));

/** Models a model calls, transitively, itself first. */
export function modelClosure(doc: ProjectDoc, modelId: ModelId): ModelId[] {
  const out: ModelId[] = [];
  const visit = (id: ModelId) => {
    if (out.includes(id) || !doc.models[id]) return;
    out.push(id);
    for (const n of doc.models[id].nodes) if (!isLayerCall(n.call)) visit(n.call.model);
  };
  visit(modelId);
  return out;
}

/** The issues that stop `modelId` from being built: its own and those of every model it nests. */
export function issuesFor(doc: ProjectDoc, analysis: Analysis, modelId: ModelId): Issue[] {
  return modelClosure(doc, modelId).flatMap((id) => analysis.models[id]?.issues ?? []);
}
