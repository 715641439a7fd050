/**
 * Keras model configs from a project, in two forms, each field written explicitly:
 * - 'keras3': what Keras 3 `model.to_json()` writes (module/registered_name on every object,
 *   DTypePolicy dtypes, batch_shape, {args, kwargs} inbound nodes, build_config);
 * - 'legacy': the Keras 2 layer form that both tfjs and Keras 3 `model_from_json` load
 *   (no module, string dtypes, batch_input_shape, list-form inbound nodes) under a Keras 3
 *   Functional top level.
 */
import { analyze, type FullAnalysis } from '../analyze';
import { isLayerCall, type ModelId, type Port, type ProjectDoc } from '../doc';
import type { Shape } from '../shape';
import { KINDS, type KindMap } from '../../nodes';
import { kerasParams, type LayerKind } from '../../nodes/kind';
import { kindsFor } from '../custom/kind';
import { OPS, type OpParams } from '../../nodes/Op';
import { kerasLayerOrder, modelCalls, targetKey, type CallInfo, type ModelCalls } from './exportGraph';

/** An op call's positional args: its tensors, or its tensor and scalar in their order. */
function opArgs(p: OpParams, ts: unknown[]): unknown[] {
  if (!OPS[p.op].binary || ts.length > 1) return ts;
  return p.scalar_first ? [p.scalar, ts[0]] : [ts[0], p.scalar];
}

export type KerasForm = 'keras3' | 'legacy';
type Json = Record<string, unknown>;

const DTYPE_POLICY = { module: 'keras', class_name: 'DTypePolicy', config: { name: 'float32' }, registered_name: null };
/** Kinds Keras calls with one list argument (merges, attention); RNNs take extra inputs as initial_state. */
const LIST_CALL = new Set(['Attention', 'AdditiveAttention']);

function callStyle(kind: LayerKind | undefined): 'single' | 'list' | 'state' | 'positional' {
  if (!kind || kind.inputs.max === 1) return 'single';
  // A custom layer's Python class takes its inputs as one list (custom/python.ts: input_shape[i]).
  if (kind.category === 'merging' || kind.category === 'custom' || LIST_CALL.has(kind.kind)) return 'list';
  if (kind.category === 'recurrent') return 'state';
  return 'positional';
}

/**
 * Legacy objects carry no module / registered_name and plain string dtypes — except a wrapped
 * layer, which Keras 3's wrappers deserialize by module (tfjs ignores the key).
 */
export function legacyValue(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(legacyValue);
  if (!v || typeof v !== 'object') return v;
  const o = v as Json;
  if (o.class_name === 'DTypePolicy') return (o.config as Json).name;
  const isObject = typeof o.class_name === 'string';
  const isLayer = isObject && Object.hasOwn(KINDS, o.class_name as string);
  const out: Json = {};
  for (const [k, x] of Object.entries(o)) {
    if (isObject && k === 'registered_name') continue;
    if (isObject && k === 'module' && !isLayer) continue;
    out[k] = legacyValue(x);
  }
  return out;
}

/**
 * The node index of call k of a nested model in the legacy form. tfjs (container.js fromConfig,
 * processNode) looks refs up in the nested model's inboundNodes, which start with the model's
 * built-in node: call k is node k + 1. Keras 3 (functional.py deserialize_node) looks inbound
 * refs up in _inbound_nodes, which has no built-in node — call k is node k — but get_tensor
 * subtracts 1 for a Functional in input/output_layers. No single index names call k for both,
 * so each call is written twice (calls 2k and 2k + 1 compute the same tensors from the same
 * inputs): node 2k + 1 is a copy of call k in tfjs (built-in, 2k, 2k + 1 → index 2k + 1 is the
 * first copy), in Keras 3's inbound refs (the second copy) and in its output refs (2k + 1 − 1 =
 * the first copy). The unused copy feeds no output, so neither loader keeps it in the model.
 */
export const legacyNestedRef = (callIndex: number) => 2 * callIndex + 1;

export function kerasModelObject(doc: ProjectDoc, modelId: ModelId, form: KerasForm, analysis: FullAnalysis = analyze(doc)): Json {
  const kinds = kindsFor(doc);
  const mc = modelCalls(doc, modelId, analysis);
  const model = doc.models[modelId];
  const isNestedModel = (p: Port) => {
    const c = mc.byNode.get(p.node)!;
    return !isLayerCall(c.target);
  };
  // Keras 3 counts a nested Functional's built-in node in input/output_layers only. The legacy
  // form must satisfy two loaders that index a nested model's calls differently, so there each
  // call is written twice and call k is referred to as node 2k + 1 everywhere (see legacyNestedRef).
  const ref = (p: Port, inOutputs: boolean): [string, number, number] => {
    const c = mc.byNode.get(p.node)!;
    if (!isNestedModel(p)) return [c.name, c.callIndex, p.output];
    return [c.name, form === 'legacy' ? legacyNestedRef(c.callIndex) : c.callIndex + (inOutputs ? 1 : 0), p.output];
  };
  const shapeOf = (p: Port): Shape => mc.byNode.get(p.node)!.outputShapes[p.output] ?? [];
  const tensor = (p: Port) => ({ class_name: '__keras_tensor__', config: { shape: [...shapeOf(p)], dtype: 'float32', keras_history: ref(p, false) } });

  const seen = new Map<string, Json>();
  for (const c of mc.calls) {
    const key = targetKey(c.target);
    let entry = seen.get(key);
    if (!entry) {
      entry = isLayerCall(c.target) ? layerEntry(doc, c, form, analysis, kinds) : { ...kerasModelObject(doc, c.target.model, form, analysis), name: c.name, inbound_nodes: [] };
      if (form === 'legacy' && !isLayerCall(c.target)) {
        delete entry.module;
        delete entry.registered_name;
      }
      seen.set(key, entry);
    }
    if (isLayerCall(c.target) && doc.layers[c.target.layer].kind === 'InputLayer') continue;
    const node = form === 'legacy' ? c.args.map((a) => [...ref(a, false), {}]) : keras3Node(doc, c, tensor, kinds);
    (entry.inbound_nodes as unknown[]).push(...(form === 'legacy' && !isLayerCall(c.target) ? [node, node] : [node]));
  }
  // Layers in the order Keras itself derives from the graph, so .keras weight keys agree.
  const entries = kerasLayerOrder(mc).map((k) => seen.get(k)!);
  const config = {
    name: model.name,
    trainable: modelTrainable(doc, mc),
    layers: entries,
    input_layers: mc.inputs.map((n) => ref({ node: n, output: 0 }, false)),
    output_layers: mc.outputs.map((p) => ref(p, true)),
  };
  return { module: 'keras.src.models.functional', class_name: 'Functional', config, registered_name: 'Functional' };
}

/** A model all of whose weighted layers are frozen is written trainable: false, as Keras saves `model.trainable = False`. */
function modelTrainable(doc: ProjectDoc, mc: ModelCalls): boolean {
  const layers = mc.calls.flatMap((c) => (isLayerCall(c.target) && doc.layers[c.target.layer].kind !== 'InputLayer' ? [doc.layers[c.target.layer]] : []));
  return layers.length === 0 || layers.some((l) => l.trainable) || mc.calls.some((c) => !isLayerCall(c.target));
}

function keras3Node(doc: ProjectDoc, c: CallInfo, tensor: (p: Port) => unknown, kinds: KindMap): Json {
  const ts = c.args.map(tensor);
  if (!isLayerCall(c.target)) return { args: ts.length === 1 ? ts : [ts], kwargs: {} };
  const layer = doc.layers[c.target.layer];
  if (layer.kind === 'Op') return { args: opArgs(layer.params as unknown as OpParams, ts), kwargs: {} };
  const style = callStyle(kinds[layer.kind]);
  if (style === 'list') return { args: [ts], kwargs: {} };
  if (style === 'state' && ts.length > 1) return { args: [ts[0]], kwargs: { initial_state: ts.slice(1) } };
  return { args: ts, kwargs: {} };
}

/**
 * A custom layer is written as Keras writes an unregistered class: module null, registered_name
 * its class name, config = get_config (base fields + the params). Keras 3 loads it with
 * custom_objects={"<class>": <class>}; tfjs with the class registered under that name.
 */
function layerEntry(doc: ProjectDoc, c: CallInfo, form: KerasForm, analysis: FullAnalysis, kinds: KindMap): Json {
  const layer = doc.layers[(c.target as { layer: string }).layer];
  const kind = kinds[layer.kind];
  const custom = !Object.hasOwn(KINDS, layer.kind);
  const params = kerasParams(kind, layer.params);
  if (layer.kind === 'InputLayer') {
    const { batch_shape, dtype } = params as { batch_shape: Shape; dtype: string };
    return form === 'legacy'
      ? { class_name: 'InputLayer', config: { batch_input_shape: batch_shape, dtype, sparse: false, name: layer.name }, name: layer.name, inbound_nodes: [] }
      : { module: 'keras.layers', class_name: 'InputLayer', config: { batch_shape, dtype, sparse: false, name: layer.name }, registered_name: null, name: layer.name, inbound_nodes: [] };
  }
  if (layer.kind === 'Op') {
    // Keras 3 saves an operation by its class in keras.src.ops.*, with no weights, dtype or build config.
    const op = OPS[(layer.params as unknown as OpParams).op];
    return { module: `keras.src.ops.${op.module}`, class_name: op.keras, config: { name: layer.name }, registered_name: op.keras, name: layer.name, inbound_nodes: [] };
  }
  if (form === 'legacy')
    return { class_name: layer.kind, config: { name: layer.name, trainable: layer.trainable, dtype: 'float32', ...(legacyValue(params) as Json) }, name: layer.name, inbound_nodes: [] };
  const shapes = analysis.layers[layer.id]?.buildShapes ?? c.inputShapes;
  return {
    module: custom ? null : (kind.kerasModule ?? 'keras.layers'),
    class_name: layer.kind,
    config: { name: layer.name, trainable: layer.trainable, dtype: DTYPE_POLICY, ...params },
    registered_name: custom || kind.kerasModule ? layer.kind : null,
    build_config: kind.kerasBuildConfig?.(shapes) ?? { input_shape: shapes.length === 1 ? shapes[0] : shapes },
    name: layer.name,
    inbound_nodes: [],
  };
}

export function kerasJson(doc: ProjectDoc, modelId: ModelId, form: KerasForm): string {
  return JSON.stringify(kerasModelObject(doc, modelId, form), null, 1);
}

export type { ModelCalls };
