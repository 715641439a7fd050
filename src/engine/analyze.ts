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
import { isLayerCall, type LayerDef, type LayerId, type ModelDef, type ModelId, type NodeId, type ProjectDoc } from './doc';
import { issue, type Issue } from './issues';
import { fmtShape, type Shape } from './shape';
import type { KindMap } from '../nodes';
import { analysisKinds, kindsFor } from './custom/kind';
import { paramCount, type LayerKind } from '../nodes/kind';
import type { Params } from '../nodes/params';
import { modelCycles, modelPass, type ModelPass, type PassCtx } from './modelPass';
import { callMemo, shapesKey } from './callMemo';

/** Kept as a name for callers; every Analysis carries the per-layer facts. */
export type FullAnalysis = Analysis;

const ZERO: ParamTotals = { trainable: 0, nonTrainable: 0 };

const layerParams = callMemo((kind: LayerKind, params: Params, shapes: Shape[]): ParamTotals => {
  try {
    return paramCount(kind, shapes, params);
  } catch {
    return ZERO;
  }
});

/** Weight shapes of a call, to tell whether a shared layer's later call fits the weights its first call built. */
const weightShapes = callMemo((kind: LayerKind, params: Params, shapes: Shape[]): string => {
  try {
    return JSON.stringify(kind.weights(shapes, params).map((w) => w.shape));
  } catch {
    return '';
  }
});

const nodeInfoMemo = new WeakMap<object, NodeInfo>();
const modelMemo = new WeakMap<ModelPass, ModelAnalysis>();

type Site = { modelId: ModelId; nodeId: NodeId };
const NO_SITES: Site[] = [];

/** Call sites of one model, by layer and by nested model, in topological order; depends on the ModelDef only. */
interface ModelSites {
  layers: Map<LayerId, Site[]>;
  models: Map<ModelId, Site[]>;
  /**
   * Distinct layers called directly, and models nested directly, by calls that lead to an
   * output: as in Keras, a branch that feeds no output is not part of the model or its totals.
   */
  directLayers: LayerId[];
  nested: ModelId[];
}
const sitesMemo = new WeakMap<ModelDef, ModelSites>();
function sitesOf(model: ModelDef, graph: ModelPass['graph']): ModelSites {
  let s = sitesMemo.get(model);
  if (s) return s;
  s = { layers: new Map(), models: new Map(), directLayers: [], nested: [] };
  const counted = { layers: new Set<string>(), models: new Set<string>() };
  for (const nodeId of graph.order) {
    const call = graph.nodes.get(nodeId)!.call;
    const [map, id, list] = isLayerCall(call) ? [s.layers, call.layer, s.directLayers] : [s.models, call.model, s.nested];
    const sites = map.get(id);
    if (sites) sites.push({ modelId: model.id, nodeId });
    else map.set(id, [{ modelId: model.id, nodeId }]);
    const seen = isLayerCall(call) ? counted.layers : counted.models;
    if (graph.feedsOutput.has(nodeId) && !seen.has(id)) {
      seen.add(id);
      list.push(id);
    }
  }
  sitesMemo.set(model, s);
  return s;
}

/** Merge per-model site lists; a target called in one model keeps that model's (memoised) list. */
function mergeSites(all: ModelSites[], pick: (s: ModelSites) => Map<string, Site[]>): Map<string, Site[]> {
  const out = new Map<string, Site[]>();
  for (const s of all)
    for (const [id, sites] of pick(s)) {
      const have = out.get(id);
      out.set(id, have ? [...have, ...sites] : sites);
    }
  return out;
}

/** Call sites of all models together; the same maps while every model's sites are. */
let lastSites: { all: ModelSites[]; layerCalls: Map<string, Site[]>; modelCalls: Map<string, Site[]> } | null = null;
function allSites(all: ModelSites[]) {
  if (!lastSites || lastSites.all.length !== all.length || lastSites.all.some((s, i) => s !== all[i]))
    lastSites = { all, layerCalls: mergeSites(all, (s) => s.layers), modelCalls: mergeSites(all, (s) => s.models) };
  return lastSites;
}

/**
 * The last per-layer record: reused while every entry is the same object. (Records keyed by
 * 1,000 ids cost more to build than the rest of an incremental analysis.)
 */
let lastLayers: { record: Record<LayerId, LayerInfo>; size: number } | null = null;
function layerRecord(infos: Map<LayerId, LayerInfo>): Record<LayerId, LayerInfo> {
  const last = lastLayers;
  if (last && last.size === infos.size) {
    let same = true;
    for (const [id, info] of infos)
      if (last.record[id] !== info) {
        same = false;
        break;
      }
    if (same) return last.record;
  }
  const record: Record<LayerId, LayerInfo> = {};
  for (const [id, info] of infos) record[id] = info;
  lastLayers = { record, size: infos.size };
  return record;
}

/** The last facts of a layer, with the kind object they were computed with (a kind holding a model changes with that model). */
const layerInfoMemo = new WeakMap<LayerDef, { info: LayerInfo; kind: LayerKind | undefined }>();
const uncalledMemo = new WeakMap<LayerDef, LayerInfo>();
/** The facts of a layer no model calls (one object per layer object, so records can be reused). */
function uncalled(layer: LayerDef): LayerInfo {
  let info = uncalledMemo.get(layer);
  if (!info) uncalledMemo.set(layer, (info = { params: ZERO, buildShapes: null, calls: NO_SITES }));
  return info;
}

export function analyze(doc: ProjectDoc, given: KindMap = kindsFor(doc)): FullAnalysis {
  const kinds = analysisKinds(doc, given);
  const ctx: PassCtx = { doc, kinds, passes: new Map(), cyclic: modelCycles(doc) };
  const modelIds = Object.keys(doc.models);
  const passes = new Map<ModelId, ModelPass>();
  for (const id of modelIds) passes.set(id, modelPass(ctx, id));
  const sites = new Map(modelIds.map((id) => [id, sitesOf(passes.get(id)!.model, passes.get(id)!.graph)]));
  const { layerCalls, modelCalls } = allSites([...sites.values()]);

  // ---- Each layer's weights are built by its first call with known shapes; later calls must fit them ----
  const extra = new Map<ModelId, Map<NodeId, Issue[]>>();
  const infos = new Map<LayerId, LayerInfo>();
  for (const [id, calls] of layerCalls) {
    const layer = doc.layers[id];
    if (!layer) continue;
    const kind = kinds[layer.kind];
    let first: Shape[] | null = null;
    for (const c of calls) {
      const r = passes.get(c.modelId)!.nodes.get(c.nodeId)!;
      if (!kind || !r.inferred) continue;
      const shapes = r.inputShapes as Shape[];
      if (!first) first = shapes;
      else if (shapes !== first && shapesKey(first) !== shapesKey(shapes) && weightShapes(kind, layer.params, first) !== weightShapes(kind, layer.params, shapes)) {
        const msg = `${layer.name} is shared: its weights were built for input ${first.map(fmtShape).join(' and ')}, but this call gets ${shapes.map(fmtShape).join(' and ')}`;
        if (!extra.has(c.modelId)) extra.set(c.modelId, new Map());
        extra.get(c.modelId)!.set(c.nodeId, [issue('shape-mismatch', msg, { ...c, layerId: id })]);
      }
    }
    const prev = layerInfoMemo.get(layer);
    if (prev && prev.kind === kind && prev.info.buildShapes === first && prev.info.calls === calls) {
      infos.set(id, prev.info);
      continue;
    }
    let params = kind && first ? layerParams(kind, layer.params, first) : ZERO;
    if (!layer.trainable && params.trainable) params = { trainable: 0, nonTrainable: params.trainable + params.nonTrainable };
    // A layer edit that changes no fact (an activation) keeps the last object: records stay reusable.
    const was = lastLayers?.record[id];
    const info = was && was.buildShapes === first && was.calls === calls && sameParams(was.params, params) ? was : { params, buildShapes: first, calls };
    layerInfoMemo.set(layer, { info, kind });
    infos.set(id, info);
  }
  for (const id in doc.layers) if (!infos.has(id)) infos.set(id, uncalled(doc.layers[id]));
  const layers = layerRecord(infos);

  // ---- Totals over distinct layers, nested models included (each counted once) ----
  const distinct = new Map<ModelId, Set<LayerId>>();
  const layersOf = (id: ModelId, seen: Set<ModelId>): Set<LayerId> => {
    const known = distinct.get(id);
    if (known) return known;
    const s = sites.get(id)!;
    seen.add(id);
    let out: Set<LayerId>;
    const nested = s.nested.filter((m) => doc.models[m] && !seen.has(m));
    if (!nested.length) out = new Set(s.directLayers);
    else {
      out = new Set(s.directLayers);
      for (const m of nested) for (const l of layersOf(m, seen)) out.add(l);
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
      const p = layers[l]?.params;
      if (!p) continue;
      trainable += p.trainable;
      nonTrainable += p.nonTrainable;
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
      const calls = (isLayerCall(call) ? layerCalls.get(call.layer) : modelCalls.get(call.model)) ?? NO_SITES;
      const sharedWith = calls.length > 1 ? calls.filter((s) => s.modelId !== modelId || s.nodeId !== nodeId) : NO_SITES;
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
