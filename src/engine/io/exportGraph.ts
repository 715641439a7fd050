/**
 * The calls of one model as every exporter needs them: in topological order, only the calls the
 * outputs depend on (plus the inputs), each with its call index on its layer or nested model
 * (Keras node index) and its arguments in port order.
 */
import type { FullAnalysis } from '../analyze';
import { isLayerCall, type LayerId, type ModelDef, type ModelId, type NodeId, type Port, type ProjectDoc } from '../doc';
import { modelGraph } from '../graph';
import type { Shape } from '../shape';

export interface CallInfo {
  node: NodeId;
  target: { layer: LayerId } | { model: ModelId };
  /** Keras name of the layer or nested model called. */
  name: string;
  /** Which call of that layer/model this is within the model (Keras node index). */
  callIndex: number;
  args: Port[];
  inputShapes: Shape[];
  outputShapes: Shape[];
}

export interface ModelCalls {
  model: ModelDef;
  calls: CallInfo[];
  byNode: Map<NodeId, CallInfo>;
  inputs: NodeId[];
  outputs: Port[];
}

export const targetKey = (t: CallInfo['target']) => ('layer' in t ? `l:${t.layer}` : `m:${t.model}`);

export function modelCalls(doc: ProjectDoc, modelId: ModelId, analysis: FullAnalysis): ModelCalls {
  const model = doc.models[modelId];
  const ma = analysis.models[modelId];
  const g = modelGraph(model);
  const count = new Map<string, number>();
  const calls: CallInfo[] = [];
  const byNode = new Map<NodeId, CallInfo>();
  for (const id of ma.order) {
    if (!g.feedsOutput.has(id) && !ma.inputs.includes(id)) continue;
    const call = g.nodes.get(id)!.call;
    const key = isLayerCall(call) ? `l:${call.layer}` : `m:${call.model}`;
    const callIndex = count.get(key) ?? 0;
    count.set(key, callIndex + 1);
    const info: CallInfo = {
      node: id,
      target: call,
      name: isLayerCall(call) ? doc.layers[call.layer].name : doc.models[call.model].name,
      callIndex,
      args: g.inEdges.get(id)!.slice().sort((a, b) => a.to.input - b.to.input).map((e) => e.from),
      inputShapes: ma.nodes[id].inputShapes.filter((s): s is Shape => !!s),
      outputShapes: ma.nodes[id].outputShapes,
    };
    calls.push(info);
    byNode.set(id, info);
  }
  return { model, calls, byNode, inputs: ma.inputs, outputs: ma.outputs };
}

/** Models a model calls, directly or through others, innermost first, the model itself last. */
export function nestedOrder(doc: ProjectDoc, modelId: ModelId): ModelId[] {
  const out: ModelId[] = [];
  const visit = (id: ModelId, seen: Set<ModelId>) => {
    if (out.includes(id) || seen.has(id)) return;
    seen.add(id);
    for (const n of doc.models[id].nodes) if (!isLayerCall(n.call)) visit(n.call.model, seen);
    out.push(id);
  };
  visit(modelId, new Set());
  return out;
}

/**
 * The order Keras 3 gives a Functional's layers (keras.src.ops.function.map_graph): a DFS from
 * the outputs numbers operations on first visit; operations are sorted by depth (longest path
 * to an output, inputs deepest), ties by that number. Weights in a .keras file are keyed by it.
 */
export function kerasLayerOrder(mc: ModelCalls): string[] {
  const key = (n: string) => targetKey(mc.byNode.get(n)!.target);
  const opIndex = new Map<string, number>();
  const finished = new Set<string>();
  const post: string[] = [];
  for (const out of mc.outputs) {
    // iterative version of _build_map_helper: pre-order numbering, post-order node list
    const stack: { node: string; next: number }[] = [];
    const enter = (n: string) => {
      if (finished.has(n) || stack.some((s) => s.node === n)) return;
      if (!opIndex.has(key(n))) opIndex.set(key(n), opIndex.size);
      stack.push({ node: n, next: 0 });
    };
    enter(out.node);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const args = mc.byNode.get(top.node)!.args;
      if (top.next < args.length) enter(args[top.next++].node);
      else {
        stack.pop();
        finished.add(top.node);
        post.push(top.node);
      }
    }
  }
  const nodeDepth = new Map<string, number>();
  const opDepth = new Map<string, number>();
  for (let i = post.length - 1; i >= 0; i--) {
    const n = post[i];
    const depth = Math.max(nodeDepth.get(n) ?? 0, opDepth.get(key(n)) ?? 0);
    opDepth.set(key(n), depth);
    nodeDepth.set(n, depth);
    for (const a of mc.byNode.get(n)!.args) nodeDepth.set(a.node, Math.max(depth + 1, nodeDepth.get(a.node) ?? 0));
  }
  for (const n of mc.inputs)
    if (!opDepth.has(key(n))) {
      opDepth.set(key(n), 0);
      opIndex.set(key(n), -1);
    }
  return [...opDepth.keys()].sort((a, b) => opDepth.get(b)! - opDepth.get(a)! || opIndex.get(a)! - opIndex.get(b)!);
}
