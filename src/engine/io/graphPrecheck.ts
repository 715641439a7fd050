/**
 * The graph check on a minimal view of a file, run before the full zod schema: a cycle or a
 * dangling name (on which tfjs fromConfig loops forever) is refused in linear time even when
 * the file is large, without paying for schema validation of every config first. The view
 * reads only names and tensor references and refuses nothing itself: whatever it cannot read
 * is left to the schema, and everything it does read is read exactly as kerasGraph.ts reads
 * it, so it refuses no file the full import would accept.
 */
import { checkGraph } from './graphCheck';
import { MODEL_CLASSES, shiftNestedRefs, type KLayer, type KModel, type TensorRef } from './kerasGraph';
import { LIMITS } from './limits';

type O = Record<string, unknown>;
const isObj = (v: unknown): v is O => !!v && typeof v === 'object' && !Array.isArray(v);
const isName = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 500;
const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= LIMITS.callsPerLayer;

/** Not readable by the view: the schema decides. */
class Unreadable extends Error {}
const skip = (): never => {
  throw new Unreadable();
};

/** The model object of a parsed file (tfjs model.json, converter wrapper, or Keras JSON), or null. */
export function topologyOf(value: unknown): unknown {
  if (!isObj(value)) return null;
  if ('modelTopology' in value) {
    const mt = value.modelTopology;
    return isObj(mt) && 'model_config' in mt ? mt.model_config : mt;
  }
  return value;
}

function ref(v: unknown): TensorRef {
  if (!Array.isArray(v) || v.length < 3 || !isName(v[0]) || !isIndex(v[1]) || !isIndex(v[2])) return skip();
  return { layer: v[0], node: v[1], tensor: v[2] };
}

/** Keras 3 call arguments: the __keras_tensor__ objects in nested lists (as kerasGraph's collectTensors). */
function tensors(v: unknown, out: TensorRef[], depth: number) {
  if (depth > 8) skip();
  if (Array.isArray(v)) for (const x of v) tensors(x, out, depth + 1);
  else if (isObj(v)) {
    if (v.class_name !== '__keras_tensor__' || !isObj(v.config)) skip();
    out.push(ref((v.config as O).keras_history));
  }
}

function node(n: unknown): TensorRef[] {
  if (Array.isArray(n)) return n.map(ref);
  if (!isObj(n) || !Array.isArray(n.args)) return skip();
  const out: TensorRef[] = [];
  tensors(n.args, out, 0);
  if (isObj(n.kwargs) && 'initial_state' in n.kwargs) tensors(n.kwargs.initial_state, out, 0);
  return out;
}

function refs(v: unknown): TensorRef[] {
  if (Array.isArray(v) && typeof v[0] === 'string') v = [v];
  if (isObj(v)) v = Object.values(v);
  if (!Array.isArray(v) || !v.length) return skip();
  return v.map(ref);
}

function entryName(e: O): string {
  const n = e.name ?? (isObj(e.config) ? e.config.name : undefined);
  return isName(n) ? n : skip();
}

/** A view of a model object; Sequential chains cannot hold a cycle, so only their nested models are viewed. */
function view(obj: unknown, name: string, out: KModel[], depth: number) {
  if (depth > 32 || !isObj(obj) || typeof obj.class_name !== 'string' || !MODEL_CLASSES.has(obj.class_name)) return skip();
  const c = obj.config;
  if (!isObj(c) && !Array.isArray(c)) return skip();
  const entries = Array.isArray(c) ? c : c.layers;
  if (!Array.isArray(entries) || entries.length > LIMITS.layers) return skip();
  const nestedAt = (e: O) => {
    if (typeof e.class_name === 'string' && MODEL_CLASSES.has(e.class_name)) view(e, `${name}/${entryName(e)}`, out, depth + 1);
  };
  if (obj.class_name === 'Sequential') {
    for (const e of entries) if (isObj(e)) nestedAt(e);
    return;
  }
  const layers: KLayer[] = entries.map((e) => {
    if (!isObj(e) || typeof e.class_name !== 'string') return skip();
    const inbound = e.inbound_nodes ?? [];
    if (!Array.isArray(inbound)) return skip();
    nestedAt(e);
    return { name: entryName(e), className: e.class_name, config: {}, calls: inbound.map(node) };
  });
  const m: KModel = { name, trainable: true, layers, inputs: refs((c as O).input_layers), outputs: refs((c as O).output_layers) };
  const nested = new Map(layers.filter((l) => MODEL_CLASSES.has(l.className)).map((l) => [l.name, l.calls.length]));
  if (nested.size) {
    shiftNestedRefs(layers.flatMap((l) => l.calls.flat()), nested);
    shiftNestedRefs([...m.inputs, ...m.outputs], nested);
  }
  out.push(m);
}

/**
 * Throws the graph check's Refusal when a model of the file (nested ones included) has a
 * cycle, a dangling name or a duplicate name; returns quietly otherwise, also when the file is
 * not shaped for the view (the schema then refuses it with its own message).
 */
export function precheckGraph(value: unknown) {
  const top = topologyOf(value);
  const models: KModel[] = [];
  try {
    const c = isObj(top) && isObj(top.config) ? top.config : null;
    view(top, c && isName(c.name) ? c.name : 'model', models, 0);
  } catch (e) {
    if (e instanceof Unreadable) return;
    throw e;
  }
  for (const m of models) checkGraph(m, m.name);
}
