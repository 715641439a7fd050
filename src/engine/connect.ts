/**
 * `canConnect`: may output `from` feed input `to.input` of `to.node`? The answer the canvas's
 * isValidConnection shows, with the engine's reason when not: cycles, self-loops, an input that
 * is already fed, more inputs than the kind takes, and the shape error the target would get.
 */
import { analyze } from './analyze';
import type { Analysis } from './analysisTypes';
import { isLayerCall, type ModelId, type NodeId, type Port, type ProjectDoc } from './doc';
import { modelGraph } from './graph';
import { fmtShape, type Shape } from './shape';
import type { KindMap } from '../nodes';
import { analysisKinds, kindsFor } from './custom/kind';

export type ConnectCheck = { ok: true } | { ok: false; reason: string };

const no = (reason: string): ConnectCheck => ({ ok: false, reason });

export function canConnect(
  doc: ProjectDoc,
  modelId: ModelId,
  from: Port,
  to: { node: NodeId; input: number },
  projectKinds: KindMap = kindsFor(doc),
  analysis: Analysis = analyze(doc, projectKinds),
): ConnectCheck {
  // Kinds that hold a model must read that model as it is in this document (see analysisKinds).
  const kinds = analysisKinds(doc, projectKinds);
  const model = doc.models[modelId];
  if (!model) return no(`There is no model "${modelId}"`);
  const g = modelGraph(model);
  const src = g.nodes.get(from.node);
  const dst = g.nodes.get(to.node);
  if (!src || !dst) return no('Both ends must be nodes of this model');
  const ma = analysis.models[modelId];
  const nameOf = (n: NodeId) => {
    const c = g.nodes.get(n)!.call;
    return (isLayerCall(c) ? doc.layers[c.layer]?.name : doc.models[c.model]?.name) ?? n;
  };
  const [a, b] = [nameOf(from.node), nameOf(to.node)];
  if (from.node === to.node) return no(`${a} cannot feed itself`);
  const dstLayer = isLayerCall(dst.call) ? doc.layers[dst.call.layer] : undefined;
  if (dstLayer && kinds[dstLayer.kind]?.inputs.max === 0) return no(`${b} is an Input; nothing connects into it`);

  // Cycle: the target already reaches the source.
  const seen = new Set<NodeId>();
  const stack = [to.node];
  const out = new Map<NodeId, NodeId[]>();
  for (const e of model.edges) out.set(e.from.node, [...(out.get(e.from.node) ?? []), e.to.node]);
  while (stack.length) {
    const n = stack.pop()!;
    if (n === from.node) return no(`Connecting ${a} → ${b} would make a cycle: ${b} already feeds ${a}`);
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...(out.get(n) ?? []));
  }

  const srcInfo = ma?.nodes[from.node];
  const srcOuts = srcInfo?.outputCount ?? 1;
  if (from.output >= srcOuts) return no(`${a} has ${srcOuts} output${srcOuts === 1 ? '' : 's'}; there is no output ${from.output}`);

  const occupied = model.edges.find((e) => e.to.node === to.node && e.to.input === to.input);
  if (occupied) {
    if (occupied.from.node === from.node && occupied.from.output === from.output) return no(`${a} already feeds input ${to.input} of ${b}`);
    return no(`Input ${to.input} of ${b} is already fed by ${nameOf(occupied.from.node)}; remove that connection first`);
  }

  // Arity and shapes of the target with the new input in place.
  const call = dst.call;
  let min: number;
  let max: number | null;
  let infer: (shapes: Shape[]) => string | null;
  let named = 0; // ports with fixed meanings (LSTM: inputs, h, c): check shapes once all are fed
  if (isLayerCall(call)) {
    const layer = doc.layers[call.layer];
    const kind = layer && kinds[layer.kind];
    if (!kind) return { ok: true }; // unknown target: analysis reports it, nothing to check against
    ({ min, max } = kind.inputs);
    named = kind.inputs.names?.length ?? 0;
    infer = (shapes) => {
      try {
        const r = kind.infer(shapes, layer.params);
        if (!r.ok) return r.message;
      } catch {
        return null; // invalid params: the inspector shows that issue
      }
      const built = analysis.layers[call.layer]?.buildShapes;
      const firstCall = analysis.layers[call.layer]?.calls[0];
      if (built && firstCall && !(firstCall.modelId === modelId && firstCall.nodeId === to.node)) {
        const weights = (s: Shape[]) => JSON.stringify(kind.weights(s, layer.params).map((w) => w.shape));
        if (weights(built) !== weights(shapes))
          return `${layer.name} is shared: its weights were built for input ${built.map(fmtShape).join(' and ')}, but this call would get ${shapes.map(fmtShape).join(' and ')}`;
      }
      return null;
    };
  } else {
    const nested = analysis.models[call.model];
    if (!nested) return { ok: true };
    min = max = nested.inputs.length;
    infer = (shapes) => {
      for (let i = 0; i < shapes.length; i++) {
        const own = nested.nodes[nested.inputs[i]]?.outputShapes[0];
        const s = shapes[i];
        if (own && (own.length !== s.length || own.some((d, j) => d !== null && s[j] !== null && d !== s[j])))
          return `Input ${i} of model "${doc.models[call.model].name}" is incompatible: expected shape ${fmtShape(own)}, got ${fmtShape(s)}`;
      }
      return null;
    };
  }
  if (max !== null && to.input >= max)
    return no(`${b} takes ${max === 1 ? 'one input' : `${max} inputs`}; there is no input ${to.input}`);

  const shape = srcInfo?.outputShapes[from.output];
  if (!shape) return { ok: true };
  const inShapes = [...(ma.nodes[to.node]?.inputShapes ?? [])];
  inShapes[to.input] = shape;
  let count = Math.max(inShapes.length, min);
  if (named > 1 && count < named) count = Math.max(min, 1); // partially fed states: check the main input only
  const complete = Array.from({ length: count }, (_, i) => inShapes[i]);
  if (complete.every((s) => s)) {
    const reason = infer(complete as Shape[]);
    if (reason) return no(reason);
  }
  return { ok: true };
}
