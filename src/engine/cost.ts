/**
 * `modelCost(doc, analysis, modelId)`: what each call of a model costs for one sample, beside
 * its params — FLOPs (the convention of nodes/flops.ts: 2 × multiply-adds, bias adds counted,
 * activations not), activation memory (the bytes of the call's output tensors) and weight bytes
 * (its layer's params), all float32 (4 bytes; int32 inputs are 4 bytes too), and the model's
 * totals. Derived from the analysis' shapes; pure, memoised per analysis and layer pool.
 */
import type { Analysis, ModelAnalysis, NodeInfo } from './analysisTypes';
import { isLayerCall, type Call, type CallNode, type LayerDef, type LayerId, type ModelId, type NodeId, type ProjectDoc } from './doc';
import { modelGraph } from './graph';
import { numElements, type Shape } from './shape';
import type { KindMap } from '../nodes';
import { callFlops } from '../nodes/kind';

export const BYTES_PER_VALUE = 4;

export interface CallCost {
  /** FLOPs per sample; null when not known (an unknown dim, or a kind with no formula). */
  flops: number | null;
  /** Bytes of the call's output tensors per sample; null when a dim is unknown. */
  activationBytes: number | null;
  /** Bytes of the called layer's (or nested model's) weights. */
  weightBytes: number;
}

export interface ModelCost {
  /** Every node of the model that feeds an output, by node id. */
  nodes: Record<NodeId, CallCost>;
  /** Sums over those nodes; `complete` is false when some node's value is not known (the sum is then a lower bound). */
  flops: { value: number; complete: boolean };
  activationBytes: { value: number; complete: boolean };
  weightBytes: number;
}

/** Bytes of one sample of each shape (batch dim dropped), summed; null if any dim is unknown. */
function outputBytes(shapes: Shape[]): number | null {
  if (!shapes.length) return null;
  let total = 0;
  for (const s of shapes) {
    const n = numElements(s.slice(1));
    if (n === null) return null;
    total += n * BYTES_PER_VALUE;
  }
  return total;
}

const memo = new WeakMap<Analysis, { layers: Record<LayerId, LayerDef>; costs: Map<ModelId, ModelCost | null> }>();

/** The cache of one analysis over one layer pool (params change FLOPs without changing shapes). */
function cacheFor(doc: ProjectDoc, analysis: Analysis) {
  let entry = memo.get(analysis);
  if (!entry || entry.layers !== doc.layers) memo.set(analysis, (entry = { layers: doc.layers, costs: new Map() }));
  return entry.costs;
}

/** The cost of one call: its layer's formula, or a nested model's own calls. */
export function callCost(doc: ProjectDoc, analysis: Analysis, kinds: KindMap, modelId: ModelId, node: Pick<CallNode, 'id' | 'call'>): CallCost | null {
  const info = analysis.models[modelId]?.nodes[node.id];
  return info ? costOfCall(doc, analysis, kinds, info, node.call, new Set([modelId])) : null;
}

function costOfCall(doc: ProjectDoc, analysis: Analysis, kinds: KindMap, info: NodeInfo, call: Call, visiting: Set<ModelId>): CallCost {
  const weightBytes = (info.params.trainable + info.params.nonTrainable) * BYTES_PER_VALUE;
  let flops: number | null = null;
  let activationBytes = outputBytes(info.outputShapes);
  if (isLayerCall(call)) {
    const layer = doc.layers[call.layer];
    const kind = layer && kinds[layer.kind];
    const inputs = info.inputShapes;
    if (kind && info.outputShapes.length && inputs.every((s) => s !== undefined)) flops = callFlops(kind, inputs as Shape[], info.outputShapes, layer.params);
  } else {
    // A nested model costs its own calls; its tensors are its activations (less its inputs, the caller's tensors).
    const inner = costOfModel(doc, analysis, kinds, call.model, visiting);
    if (inner) {
      flops = inner.flops.complete ? inner.flops.value : null;
      activationBytes = inner.activationBytes.complete ? inner.activationBytes.value - inputBytes(analysis.models[call.model]) : null;
    }
  }
  return { flops, activationBytes, weightBytes };
}

/** Bytes of a model's input tensors (they belong to whoever calls it). */
const inputBytes = (ma: ModelAnalysis) => ma.inputs.reduce((sum, n) => sum + (outputBytes(ma.nodes[n]?.outputShapes ?? []) ?? 0), 0);

export function modelCost(doc: ProjectDoc, analysis: Analysis, kinds: KindMap, modelId: ModelId): ModelCost | null {
  return costOfModel(doc, analysis, kinds, modelId, new Set());
}

function costOfModel(doc: ProjectDoc, analysis: Analysis, kinds: KindMap, id: ModelId, visiting: Set<ModelId>): ModelCost | null {
  const costs = cacheFor(doc, analysis);
  if (costs.has(id)) return costs.get(id)!;
  const model = doc.models[id];
  const ma = analysis.models[id];
  if (!model || !ma || visiting.has(id)) return null;
  visiting.add(id);
  const g = modelGraph(model);
  const nodes: Record<NodeId, CallCost> = {};
  const flops = { value: 0, complete: true };
  const act = { value: 0, complete: true };
  for (const nodeId of ma.order) {
    if (!g.feedsOutput.has(nodeId)) continue;
    const c = costOfCall(doc, analysis, kinds, ma.nodes[nodeId], g.nodes.get(nodeId)!.call, visiting);
    nodes[nodeId] = c;
    if (c.flops === null) flops.complete = false;
    else flops.value += c.flops;
    if (c.activationBytes === null) act.complete = false;
    else act.value += c.activationBytes;
  }
  visiting.delete(id);
  const cost: ModelCost = { nodes, flops, activationBytes: act, weightBytes: (ma.totals.trainable + ma.totals.nonTrainable) * BYTES_PER_VALUE };
  costs.set(id, cost);
  return cost;
}

/** 1234567 → "1.23M"; the unit is given by the caller (FLOPs). */
export function compactNumber(n: number): string {
  const units = ['', 'K', 'M', 'G', 'T'];
  let i = 0;
  let v = n;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return i === 0 ? String(Math.round(v)) : `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)}${units[i]}`;
}

/** 3136 → "3.06 KiB" (binary units: what a buffer of float32 values takes). */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let i = 0;
  let v = n;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${v} B` : `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ${units[i]}`;
}
