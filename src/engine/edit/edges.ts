/** Edge edits: connect (replacing what fed that input) and disconnect (merge ports close up). */
import type { EdgeId, ModelId, NodeId, Port, ProjectDoc } from '../doc';
import { KINDS, type KindMap } from '../../nodes';
import { idAllocator } from './ids';
import { withModel } from './model';

/**
 * Connect output `from` to input `to.input` of `to.node`. An input takes one tensor: an input
 * already fed is left as it is (doc unchanged), as canConnect refuses it with the reason.
 * Validity (shapes, arity, cycles) is the engine's `canConnect`; this transform only keeps the
 * document well-formed.
 */
export function connect(doc: ProjectDoc, modelId: ModelId, from: Port, to: { node: NodeId; input: number }): { doc: ProjectDoc; edgeId: EdgeId } {
  const m = doc.models[modelId];
  const ids = new Set(m?.nodes.map((n) => n.id));
  if (!m || !ids.has(from.node) || !ids.has(to.node) || from.node === to.node) return { doc, edgeId: '' };
  const fed = m.edges.find((e) => e.to.node === to.node && e.to.input === to.input);
  if (fed) return { doc, edgeId: fed.from.node === from.node && fed.from.output === from.output ? fed.id : '' };
  const edgeId = idAllocator(doc)('e');
  return { doc: withModel(doc, modelId, (mm) => ({ ...mm, edges: [...mm.edges, { id: edgeId, from: { ...from }, to: { ...to } }] })), edgeId };
}

/**
 * Remove edges. On kinds that take any number of inputs (Add, Concatenate) the later inputs
 * move up, so ports stay 0..n-1 in order; fixed ports (LSTM initial states) keep their index.
 */
export function disconnect(doc: ProjectDoc, modelId: ModelId, edgeIds: Iterable<EdgeId>, kinds: KindMap = KINDS): ProjectDoc {
  const gone = new Set(edgeIds);
  return withModel(doc, modelId, (m) => {
    const removed = m.edges.filter((e) => gone.has(e.id));
    if (!removed.length) return m;
    const variadic = (nodeId: NodeId) => {
      const n = m.nodes.find((x) => x.id === nodeId);
      if (!n || !('layer' in n.call)) return false;
      return kinds[doc.layers[n.call.layer]?.kind]?.inputs.max === null;
    };
    const edges = m.edges
      .filter((e) => !gone.has(e.id))
      .map((e) => {
        if (!variadic(e.to.node)) return e;
        const shift = removed.filter((r) => r.to.node === e.to.node && r.to.input < e.to.input).length;
        return shift ? { ...e, to: { ...e.to, input: e.to.input - shift } } : e;
      });
    return { ...m, edges };
  });
}
