/**
 * The structure of one model's call graph, independent of layer kinds and shapes: which edges
 * are valid, topological order, cycles (Tarjan's SCCs), and which nodes feed the outputs.
 * Depends only on the ModelDef object, so it is memoised by identity (documents are immutable).
 */
import type { CallNode, Edge, ModelDef, NodeId } from './doc';

export interface ModelGraph {
  nodes: Map<NodeId, CallNode>;
  /** Valid incoming edges of each node (both ends exist), in edge order. */
  inEdges: Map<NodeId, Edge[]>;
  /** Edges naming a node that is not in the model. */
  danglingEdges: Edge[];
  /** Indices into model.outputs whose node is not in the model. */
  danglingOutputs: number[];
  /** Topological order (dependencies first, otherwise node order), nodes on cycles excluded. */
  order: NodeId[];
  /** Each strongly connected component that forms a cycle, nodes in node order. */
  cycles: NodeId[][];
  onCycle: Set<NodeId>;
  /** Nodes an output depends on (outputs included). */
  feedsOutput: Set<NodeId>;
}

const cache = new WeakMap<ModelDef, ModelGraph>();

export function modelGraph(model: ModelDef): ModelGraph {
  let g = cache.get(model);
  if (!g) cache.set(model, (g = buildGraph(model)));
  return g;
}

function buildGraph(model: ModelDef): ModelGraph {
  const nodes = new Map(model.nodes.map((n) => [n.id, n]));
  const inEdges = new Map<NodeId, Edge[]>(model.nodes.map((n) => [n.id, []]));
  const succ = new Map<NodeId, NodeId[]>(model.nodes.map((n) => [n.id, []]));
  const danglingEdges: Edge[] = [];
  for (const e of model.edges) {
    if (!nodes.has(e.from.node) || !nodes.has(e.to.node)) {
      danglingEdges.push(e);
      continue;
    }
    inEdges.get(e.to.node)!.push(e);
    succ.get(e.from.node)!.push(e.to.node);
  }
  const danglingOutputs = model.outputs.flatMap((o, i) => (nodes.has(o.node) ? [] : [i]));

  const cycles = stronglyConnected(model.nodes.map((n) => n.id), succ).filter(
    (c) => c.length > 1 || succ.get(c[0])!.includes(c[0]),
  );
  const onCycle = new Set(cycles.flat());
  const rank = new Map(model.nodes.map((n, i) => [n.id, i]));
  for (const c of cycles) c.sort((a, b) => rank.get(a)! - rank.get(b)!);

  // Post-order DFS over predecessors, starting from nodes in node order: dependencies first.
  const order: NodeId[] = [];
  const done = new Set<NodeId>(onCycle);
  for (const start of model.nodes) {
    if (done.has(start.id)) continue;
    const stack: [NodeId, number][] = [[start.id, 0]];
    done.add(start.id);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const preds = inEdges.get(top[0])!;
      if (top[1] < preds.length) {
        const p = preds[top[1]++].from.node;
        if (!done.has(p)) {
          done.add(p);
          stack.push([p, 0]);
        }
      } else {
        stack.pop();
        order.push(top[0]);
      }
    }
  }

  const feedsOutput = new Set<NodeId>();
  const queue = model.outputs.map((o) => o.node).filter((n) => nodes.has(n));
  while (queue.length) {
    const n = queue.pop()!;
    if (feedsOutput.has(n)) continue;
    feedsOutput.add(n);
    for (const e of inEdges.get(n)!) queue.push(e.from.node);
  }
  return { nodes, inEdges, danglingEdges, danglingOutputs, order, cycles, onCycle, feedsOutput };
}

/** Tarjan's algorithm, iterative (graphs of thousands of nodes must not overflow the stack). */
function stronglyConnected(ids: NodeId[], succ: Map<NodeId, NodeId[]>): NodeId[][] {
  const index = new Map<NodeId, number>();
  const low = new Map<NodeId, number>();
  const onStack = new Set<NodeId>();
  const stack: NodeId[] = [];
  const out: NodeId[][] = [];
  let next = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: [NodeId, number][] = [[root, 0]];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const top = work[work.length - 1];
      const [v] = top;
      const ws = succ.get(v)!;
      if (top[1] < ws.length) {
        const w = ws[top[1]++];
        if (!index.has(w)) {
          index.set(w, next);
          low.set(w, next++);
          stack.push(w);
          onStack.add(w);
          work.push([w, 0]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const u = work[work.length - 1][0];
        low.set(u, Math.min(low.get(u)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const comp: NodeId[] = [];
        let w: NodeId;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.push(w);
        } while (w !== v);
        out.push(comp);
      }
    }
  }
  return out;
}
