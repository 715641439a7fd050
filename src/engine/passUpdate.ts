/**
 * The model pass after an edit that changed what some nodes call but no name: a param edit,
 * a nested model's inner change, a new kind object for a layer (a held model changed). Instead of walking all nodes, it starts from the previous pass
 * and re-evaluates only the changed calls and, in topological order, the nodes whose inputs
 * they changed: on a 1,000-node model a param edit re-evaluates a handful of nodes. The result
 * is what runPass would return (the same node objects where nothing changed); when the edit is
 * not of that kind, or names clash, it returns null and the full pass runs.
 */
import type { EdgeId, LayerDef, ModelDef, NodeId } from './doc';
import type { Shape } from './shape';
import type { ModelGraph } from './graph';
import { changedKinds, kindChangedAt } from './callMemo';
import { evalNode, finishPass, sameResult, RECURSIVE, type ModelPass, type PassCtx } from './modelPass';

/** Position of each node in the topological order, and each node's consumers. */
const topology = new WeakMap<ModelGraph, { index: Map<NodeId, number>; consumers: Map<NodeId, NodeId[]> }>();
function topologyOf(graph: ModelGraph) {
  let t = topology.get(graph);
  if (t) return t;
  const consumers = new Map<NodeId, NodeId[]>();
  for (const [to, es] of graph.inEdges) for (const e of es) (consumers.get(e.from.node) ?? consumers.set(e.from.node, []).get(e.from.node)!).push(to);
  t = { index: new Map(graph.order.map((id, i) => [id, i])), consumers };
  topology.set(graph, t);
  return t;
}

/** A call whose target changed but kept its name (and, for a layer, its kind). */
function sameOwner(a: unknown, b: unknown): boolean {
  if (!a || !b || a === RECURSIVE || b === RECURSIVE) return false;
  if ('kind' in (a as object) && 'kind' in (b as object)) {
    const [x, y] = [a as LayerDef, b as LayerDef];
    return x.id === y.id && x.name === y.name && x.kind === y.kind;
  }
  if ('graph' in (a as object) && 'graph' in (b as object)) return (a as ModelPass).model.name === (b as ModelPass).model.name;
  return false;
}

export function updatePass(ctx: PassCtx, model: ModelDef, deps: unknown[], prev: ModelPass): ModelPass | null {
  const graph = prev.graph;
  if (prev.model !== model || graph.onCycle.size || deps.length !== prev.deps.length) return null;
  const { index, consumers } = topologyOf(graph);
  const dirty = new Set<NodeId>();
  const changed = new Map<NodeId, unknown>();
  let first = Infinity;
  for (let i = 0; i < deps.length; i++) {
    if (deps[i] === prev.deps[i]) continue;
    if (!sameOwner(prev.deps[i], deps[i])) return null;
    const id = model.nodes[i].id;
    changed.set(id, deps[i]);
    dirty.add(id);
    first = Math.min(first, index.get(id)!);
  }
  // Calls of a layer whose kind object changed (a kind holding a model whose state changed).
  for (const i of kindChangedAt(deps, changedKinds(prev.kinds, ctx.kinds))) {
    const id = model.nodes[i].id;
    dirty.add(id);
    first = Math.min(first, index.get(id)!);
  }
  // Names are unchanged, so every node claims its name as before: only valid without clashes.
  for (const r of prev.nodes.values()) if (r.issues.some((x) => x.code === 'duplicate-name')) return null;

  const depOf = new Map(prev.depOf);
  for (const [id, dep] of changed) depOf.set(id, dep);
  const nodes = new Map(prev.nodes);
  const grounded = new Set(prev.grounded);
  // Edge shapes that changed; the record is copied only if there are any (a spread of a
  // 1,000-key record costs more than the whole update).
  const moved = new Map<EdgeId, Shape | undefined>();
  const env = { ctx, model, graph, depOf, nodes, grounded, claim: () => true };
  for (let k = first; k < graph.order.length && dirty.size; k++) {
    const id = graph.order[k];
    if (!dirty.delete(id)) continue;
    const v = evalNode(env, id);
    const before = prev.nodes.get(id)!;
    const r = sameResult(before, v.result) ? before : v.result;
    nodes.set(id, r);
    for (const e of graph.inEdges.get(id)!) {
      const shape = nodes.get(e.from.node)?.outputShapes[e.from.output];
      if (shape !== prev.edges[e.id]) moved.set(e.id, shape);
    }
    const wasGrounded = grounded.has(id);
    if (v.grounded) grounded.add(id);
    else grounded.delete(id);
    if (r !== before || v.grounded !== wasGrounded) for (const c of consumers.get(id) ?? []) dirty.add(c);
  }
  let edges = prev.edges;
  if (moved.size) {
    edges = {} as Record<EdgeId, Shape | undefined>;
    for (const id in prev.edges) edges[id] = prev.edges[id];
    for (const [id, shape] of moved) edges[id] = shape;
  }
  return finishPass(ctx, model, deps, depOf, graph, nodes, edges, prev.inputs, prev.layers, grounded);
}
