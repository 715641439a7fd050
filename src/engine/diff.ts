/**
 * `diffModels(before, after)`: how one model differs from another — two models of a project,
 * or a model against a saved version, another project or an imported file. Calls are matched
 * by layer name first (the k-th call of a shared layer to its k-th call), then by structure:
 * a call left unmatched pairs with one of the same kind whose inputs come from matched calls
 * that are themselves paired, else with the next unmatched call of that kind in topological
 * order. Each pair is `same` or `changed` (kind, params, output shapes, param counts,
 * trainable); the rest is `added` (only after) or `removed` (only before). Pure; never throws.
 */
import { analyze } from './analyze';
import type { Analysis } from './analysisTypes';
import { isLayerCall, type ModelId, type NodeId, type ProjectDoc } from './doc';
import { modelGraph } from './graph';
import { fmtShape } from './shape';
import type { KindMap } from '../nodes';
import { sameValue } from '../nodes/params';

export interface Side {
  doc: ProjectDoc;
  modelId: ModelId;
  analysis?: Analysis;
  kinds?: KindMap;
}

/** One call as the diff sees it. */
export interface CallFacts {
  nodeId: NodeId;
  name: string;
  kind: string;
  params: Record<string, unknown>;
  shapes: string[];
  paramCount: number;
  trainable: boolean;
}

export type DiffStatus = 'added' | 'removed' | 'changed' | 'same';

export interface ParamChange {
  key: string;
  before: unknown;
  after: unknown;
}

export interface DiffEntry {
  status: DiffStatus;
  before?: CallFacts;
  after?: CallFacts;
  /** How the pair was matched. */
  matchedBy?: 'name' | 'structure';
  kindChanged: boolean;
  params: ParamChange[];
  shapesChanged: boolean;
  /** after − before (added: +after, removed: −before). */
  paramDelta: number;
  trainableChanged: boolean;
}

export interface ModelDiff {
  entries: DiffEntry[];
  counts: Record<DiffStatus, number>;
  totals: { before: number; after: number; delta: number };
}

function facts(side: Side): { calls: CallFacts[]; preds: Map<NodeId, NodeId[]>; total: number } {
  const { doc, modelId } = side;
  const a = side.analysis ?? analyze(doc, side.kinds);
  const model = doc.models[modelId];
  const ma = a.models[modelId];
  if (!model || !ma) return { calls: [], preds: new Map(), total: 0 };
  const g = modelGraph(model);
  const calls: CallFacts[] = [];
  for (const nodeId of ma.order) {
    if (!g.feedsOutput.has(nodeId)) continue;
    const call = g.nodes.get(nodeId)!.call;
    const info = ma.nodes[nodeId];
    const layer = isLayerCall(call) ? doc.layers[call.layer] : undefined;
    const nested = isLayerCall(call) ? undefined : doc.models[call.model];
    calls.push({
      nodeId,
      name: layer?.name ?? nested?.name ?? nodeId,
      kind: layer?.kind ?? 'Functional',
      params: layer?.params ?? {},
      shapes: info.outputShapes.map(fmtShape),
      paramCount: info.params.trainable + info.params.nonTrainable,
      trainable: layer?.trainable ?? true,
    });
  }
  const preds = new Map(calls.map((c) => [c.nodeId, (g.inEdges.get(c.nodeId) ?? []).slice().sort((x, y) => x.to.input - y.to.input).map((e) => e.from.node)]));
  return { calls, preds, total: ma.totals.trainable + ma.totals.nonTrainable };
}

/** Name keys: a shared layer's k-th call is "name#k". */
function keyed(calls: CallFacts[]): Map<string, CallFacts> {
  const seen = new Map<string, number>();
  const out = new Map<string, CallFacts>();
  for (const c of calls) {
    const k = seen.get(c.name) ?? 0;
    seen.set(c.name, k + 1);
    out.set(k ? `${c.name}#${k}` : c.name, c);
  }
  return out;
}

function compare(before: CallFacts, after: CallFacts, matchedBy: 'name' | 'structure'): DiffEntry {
  const kindChanged = before.kind !== after.kind;
  const params: ParamChange[] = [];
  if (!kindChanged)
    for (const key of new Set([...Object.keys(before.params), ...Object.keys(after.params)]))
      if (!sameValue(before.params[key], after.params[key])) params.push({ key, before: before.params[key], after: after.params[key] });
  const shapesChanged = before.shapes.join('|') !== after.shapes.join('|');
  const paramDelta = after.paramCount - before.paramCount;
  const trainableChanged = before.trainable !== after.trainable;
  const changed = kindChanged || params.length > 0 || shapesChanged || paramDelta !== 0 || trainableChanged || before.name !== after.name;
  return { status: changed ? 'changed' : 'same', before, after, matchedBy, kindChanged, params, shapesChanged, paramDelta, trainableChanged };
}

const lone = (status: 'added' | 'removed', c: CallFacts): DiffEntry => ({
  status,
  [status === 'added' ? 'after' : 'before']: c,
  kindChanged: false,
  params: [],
  shapesChanged: false,
  paramDelta: status === 'added' ? c.paramCount : c.paramCount ? -c.paramCount : 0,
  trainableChanged: false,
});

export function diffModels(beforeSide: Side, afterSide: Side): ModelDiff {
  const A = facts(beforeSide);
  const B = facts(afterSide);
  const pairOf = new Map<NodeId, CallFacts>(); // after nodeId → before call
  const taken = new Set<NodeId>(); // before nodeIds matched
  const how = new Map<NodeId, 'name' | 'structure'>();

  // 1. By name.
  const aByName = keyed(A.calls);
  for (const [k, b] of keyed(B.calls)) {
    const a = aByName.get(k);
    if (a) {
      pairOf.set(b.nodeId, a);
      taken.add(a.nodeId);
      how.set(b.nodeId, 'name');
    }
  }
  // 2. By structure: same kind, inputs from paired calls; then same kind in order.
  const beforeOf = (afterId: NodeId) => pairOf.get(afterId)?.nodeId;
  for (const strict of [true, false]) {
    for (const b of B.calls) {
      if (pairOf.has(b.nodeId)) continue;
      const wantPreds = (B.preds.get(b.nodeId) ?? []).map(beforeOf);
      const a = A.calls.find(
        (c) => !taken.has(c.nodeId) && c.kind === b.kind && (!strict || (wantPreds.every(Boolean) && sameValue(A.preds.get(c.nodeId) ?? [], wantPreds))),
      );
      if (!a) continue;
      pairOf.set(b.nodeId, a);
      taken.add(a.nodeId);
      how.set(b.nodeId, 'structure');
    }
  }

  const entries: DiffEntry[] = B.calls.map((b) => {
    const a = pairOf.get(b.nodeId);
    return a ? compare(a, b, how.get(b.nodeId)!) : lone('added', b);
  });
  for (const a of A.calls) if (!taken.has(a.nodeId)) entries.push(lone('removed', a));
  const counts: Record<DiffStatus, number> = { added: 0, removed: 0, changed: 0, same: 0 };
  for (const e of entries) counts[e.status]++;
  return { entries, counts, totals: { before: A.total, after: B.total, delta: B.total - A.total } };
}
