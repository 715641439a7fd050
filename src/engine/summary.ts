/**
 * `summary(doc, modelId)`: the text tf.keras 2.x `model.summary()` prints (keras/utils/
 * layer_utils.py print_summary), as the seed guide shows it: the same layer order (Keras sorts
 * layers by graph depth, then by traversal order), the same decision between the sequential
 * layout (65 columns) and the one with "Connected to" (98 columns), the same cell wrapping.
 * The seed's copy has each line's leading " " (Keras prints one before the first column) and
 * trailing blanks stripped; so does this.
 */
import { analyze, type FullAnalysis } from './analyze';
import { isLayerCall, type ModelId, type NodeId, type ProjectDoc } from './doc';
import { modelGraph } from './graph';
import { fmtShape, sameShape, type Shape } from './shape';
import type { KindMap } from '../nodes';

type Target = string; // 'l:<layerId>' or 'm:<modelId>'
const targetOf = (call: { layer: string } | { model: string }): Target => (isLayerCall(call) ? `l:${call.layer}` : `m:${call.model}`);

/** print_row of tf.keras 2.x: each cell cut to its column, broken after "),", "},", "]," or "',". */
export function printRow(fields: string[], positions: number[]): string[] {
  const left = [...fields];
  const lines: string[] = [];
  while (left.some((s) => s.length)) {
    let line = '';
    for (let col = 0; col < left.length; col++) {
      const start = col > 0 ? positions[col - 1] : 0;
      const end = positions[col];
      const space = col !== positions.length - 1 ? 2 : 0;
      let cutoff = end - start - space;
      let fit = left[col].slice(0, cutoff);
      const breaks = ['),', '},', '],', "',"].map((b) => fit.indexOf(b)).flatMap((i) => (i >= 0 ? [i + 2] : []));
      if (breaks.length) {
        cutoff = Math.min(...breaks);
        fit = fit.slice(0, cutoff);
      }
      if (col === 0) line += ' ';
      line += fit + ' '.repeat(space);
      left[col] = left[col].slice(cutoff);
      line += ' '.repeat(Math.max(0, end - line.length));
    }
    lines.push(line);
  }
  return lines;
}

/** Python's str() of a list of strings: ['img[0][0]', 'add[0][0]']. */
const pyList = (items: string[]) => `[${items.map((s) => (s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s}'`)).join(', ')}]`;
/** Python's "{:,}". */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export function summary(doc: ProjectDoc, modelId: ModelId, analysis?: FullAnalysis, kinds?: KindMap): string {
  const a = analysis ?? analyze(doc, kinds);
  const model = doc.models[modelId];
  const ma = a.models[modelId];
  if (!model || !ma) throw new Error(`summary: no model "${modelId}" in the project`); // callers check names first
  const g = modelGraph(model);
  const nodeTarget = (n: NodeId) => targetOf(g.nodes.get(n)!.call);

  // _build_map: post-order DFS from the outputs; layers indexed in the order first reached.
  const finished = new Set<NodeId>();
  const decreasing: NodeId[] = [];
  const layerIndex = new Map<Target, number>();
  const inProgress = new Set<NodeId>();
  const visit = (start: NodeId) => {
    const stack: [NodeId, number][] = [];
    const enter = (n: NodeId) => {
      if (finished.has(n) || g.onCycle.has(n) || inProgress.has(n)) return;
      if (!layerIndex.has(nodeTarget(n))) layerIndex.set(nodeTarget(n), layerIndex.size);
      inProgress.add(n);
      stack.push([n, 0]);
    };
    enter(start);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const ins = g.inEdges.get(top[0])!.slice().sort((x, y) => x.to.input - y.to.input);
      if (top[1] < ins.length) enter(ins[top[1]++].from.node);
      else {
        stack.pop();
        inProgress.delete(top[0]);
        finished.add(top[0]);
        decreasing.push(top[0]);
      }
    }
  };
  for (const o of model.outputs) if (g.nodes.has(o.node)) visit(o.node);

  // _map_graph_network: node depth = longest distance to an output; a layer takes its deepest node's.
  const nodeDepth = new Map<NodeId, number>();
  const layerDepth = new Map<Target, number>();
  for (const n of [...decreasing].reverse()) {
    const t = nodeTarget(n);
    const depth = Math.max(nodeDepth.get(n) ?? 0, layerDepth.get(t) ?? 0);
    layerDepth.set(t, depth);
    nodeDepth.set(n, depth);
    for (const e of g.inEdges.get(n)!) nodeDepth.set(e.from.node, Math.max(depth + 1, nodeDepth.get(e.from.node) ?? 0));
  }
  for (const n of ma.inputs) {
    const t = nodeTarget(n);
    if (!layerDepth.has(t)) {
      layerDepth.set(t, 0);
      layerIndex.set(t, -1);
      nodeDepth.set(n, 0);
    }
  }
  const layers = [...layerDepth.keys()].sort((x, y) => layerDepth.get(y)! - layerDepth.get(x)! || layerIndex.get(x)! - layerIndex.get(y)!);

  // Sequential-like: one node per depth, each with at most one input, and no layer called twice.
  const perDepth = new Map<number, number>();
  for (const d of nodeDepth.values()) perDepth.set(d, (perDepth.get(d) ?? 0) + 1);
  const nodes = [...nodeDepth.keys()];
  const callsOf = new Map<Target, NodeId[]>();
  for (const n of ma.order) if (nodeDepth.has(n)) callsOf.set(nodeTarget(n), [...(callsOf.get(nodeTarget(n)) ?? []), n]);
  const sequential =
    [...perDepth.values()].every((c) => c === 1) && nodes.every((n) => g.inEdges.get(n)!.length <= 1) && [...callsOf.values()].every((c) => c.length === 1);

  const lineLength = sequential ? 65 : 98;
  const positions = (sequential ? [0.45, 0.85, 1] : [0.33, 0.55, 0.67, 1]).map((p) => Math.floor(lineLength * p));
  const header = ['Layer (type)', 'Output Shape', 'Param #', ...(sequential ? [] : ['Connected to'])];

  // A broken graph (the editor shows its summary live) may name layers or models that are gone.
  const nameOf = (t: Target) => (t.startsWith('l:') ? doc.layers[t.slice(2)]?.name : doc.models[t.slice(2)]?.name) ?? t.slice(2);
  // Keras numbers a layer's calls in creation order; a model's own construction is its call 0.
  const nodeIndex = (n: NodeId) => {
    const t = nodeTarget(n);
    return callsOf.get(t)!.indexOf(n) + (t.startsWith('m:') ? 1 : 0);
  };

  const out = [`Model: "${model.name}"`, '_'.repeat(lineLength), ...printRow(header, positions), '='.repeat(lineLength)];
  for (const t of layers) {
    const isLayer = t.startsWith('l:');
    const id = t.slice(2);
    const kind = isLayer ? (doc.layers[id]?.kind ?? '?') : 'Functional';
    const params = (isLayer ? a.layers[id]?.params : a.models[id]?.totals) ?? { trainable: 0, nonTrainable: 0 };
    const connections = (callsOf.get(t) ?? []).flatMap((n) =>
      g.inEdges
        .get(n)!
        .slice()
        .sort((x, y) => x.to.input - y.to.input)
        .map((e) => `${nameOf(nodeTarget(e.from.node))}[${nodeIndex(e.from.node)}][${e.from.output}]`),
    );
    const fields = [`${nameOf(t)} (${kind})`, outputShape(doc, a, t), String(params.trainable + params.nonTrainable)];
    if (!sequential) fields.push(pyList(connections));
    out.push(...printRow(fields, positions), '');
  }
  const { trainable, nonTrainable } = ma.totals;
  out.push('='.repeat(lineLength), `Total params: ${thousands(trainable + nonTrainable)}`, `Trainable params: ${thousands(trainable)}`, `Non-trainable params: ${thousands(nonTrainable)}`, '_'.repeat(lineLength));
  return out.map((l) => (l.startsWith(' ') ? l.slice(1) : l).trimEnd()).join('\n');
}

/**
 * Keras `layer.output_shape`: the output shapes of the layer's calls when they all agree
 * (a list for an InputLayer or several outputs), else "multiple". A model's own graph counts as a call.
 */
function outputShape(doc: ProjectDoc, a: FullAnalysis, t: Target): string {
  const id = t.slice(2);
  const lists: Shape[][] = [];
  if (t.startsWith('l:')) {
    for (const c of a.layers[id]?.calls ?? []) lists.push(a.models[c.modelId].nodes[c.nodeId].outputShapes);
  } else {
    const own = a.models[id];
    if (!own) return '?';
    const shapes = doc.models[id].outputs.map((o) => own.nodes[o.node]?.outputShapes[o.output]);
    lists.push(shapes.every((s) => s) ? (shapes as Shape[]) : []);
    for (const m of Object.values(a.models))
      for (const [nid, info] of Object.entries(m.nodes)) {
        const call = doc.models[m.id].nodes.find((n) => n.id === nid)?.call;
        if (call && !isLayerCall(call) && call.model === id) lists.push(info.outputShapes);
      }
  }
  const known = lists.filter((l) => l.length);
  if (!known.length) return '?';
  const first = known[0];
  if (!known.every((l) => l.length === first.length && l.every((s, i) => sameShape(s, first[i])))) return 'multiple';
  const isInput = t.startsWith('l:') && doc.layers[id]?.kind === 'InputLayer';
  return first.length === 1 && !isInput ? fmtShape(first[0]) : `[${first.map(fmtShape).join(', ')}]`;
}
