/**
 * The graph check every file passes before tfjs (or anything else) builds it: duplicate names,
 * dangling references and cycles are refused. tfjs fromConfig loops forever on the last two,
 * so this must hold on its own: linear time, no recursion.
 */
import type { KLayer, KModel, TensorRef } from './kerasGraph';
import { refuse } from './kerasGraph';
import { LIMITS } from './limits';

/** A call of a layer: layer index in the model + call index. InputLayers have one call (index 0) with no args. */
export interface CallRef {
  layer: number;
  call: number;
}

export interface CheckedModel {
  model: KModel;
  /** Calls in an order where every call comes after the calls it takes tensors from. */
  order: CallRef[];
  index: Map<string, number>;
}

const isInput = (l: KLayer) => l.className === 'InputLayer';
const callsOf = (l: KLayer) => (isInput(l) ? 1 : l.calls.length);

export function checkGraph(m: KModel, where: string): CheckedModel {
  if (m.layers.length > LIMITS.layers) refuse(`${where}: ${m.layers.length} layers; more than ${LIMITS.layers} are refused`);
  const index = new Map<string, number>();
  m.layers.forEach((l, i) => {
    if (index.has(l.name)) refuse(`${where}: the layer name "${l.name}" is used twice; Keras needs unique names`);
    index.set(l.name, i);
    if (isInput(l) && l.calls.length) refuse(`${where}: InputLayer "${l.name}" has inbound nodes`);
  });
  const resolve = (r: TensorRef, what: string) => {
    const li = index.get(r.layer);
    if (li === undefined) refuse(`${where}: ${what} refers to the layer "${r.layer}", which is not in the model`);
    const n = callsOf(m.layers[li!]);
    if (r.node >= n) refuse(`${where}: ${what} refers to call ${r.node} of "${r.layer}", which is called ${n} time(s)`);
    return li!;
  };
  // Node ids: offset[layer] + call.
  const offset: number[] = [];
  let total = 0;
  for (const l of m.layers) {
    offset.push(total);
    total += callsOf(l);
  }
  const indegree = new Int32Array(total);
  const consumers: number[][] = Array.from({ length: total }, () => []);
  m.layers.forEach((l, li) => {
    l.calls.forEach((args, ci) => {
      const id = offset[li] + ci;
      for (const r of args) {
        const src = resolve(r, `layer "${l.name}" call ${ci}`);
        consumers[offset[src] + r.node].push(id);
        indegree[id]++;
      }
    });
  });
  for (const r of m.inputs) if (!isInput(m.layers[resolve(r, 'the model inputs')])) refuse(`${where}: model input "${r.layer}" is not an InputLayer`);
  for (const r of m.outputs) resolve(r, 'the model outputs');
  const refOf: CallRef[] = [];
  m.layers.forEach((l, li) => {
    for (let ci = 0; ci < callsOf(l); ci++) refOf.push({ layer: li, call: ci });
  });
  const queue: number[] = [];
  for (let i = 0; i < total; i++) if (indegree[i] === 0) queue.push(i);
  const order: CallRef[] = [];
  for (let q = 0; q < queue.length; q++) {
    const id = queue[q];
    order.push(refOf[id]);
    for (const c of consumers[id]) if (--indegree[c] === 0) queue.push(c);
  }
  if (order.length < total) {
    const stuck = [...new Set(refOf.filter((_, i) => indegree[i] > 0).map((r) => m.layers[r.layer].name))].slice(0, 6);
    refuse(`${where}: the layers ${stuck.map((s) => `"${s}"`).join(', ')} feed each other in a cycle`);
  }
  return { model: m, order, index };
}
