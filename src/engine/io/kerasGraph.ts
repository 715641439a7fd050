/**
 * Reads a Keras model config — Keras 3, Keras 2 / tf.keras, or tfjs's own form; Functional,
 * Model or Sequential (also the old bare-list config), nested at any depth — into one
 * normalized call graph. Structure is checked with zod; refusals are thrown as `Refusal`
 * and turned into Issues by the importer.
 */
import { z } from 'zod';
import { issue, type Issue } from '../issues';
import { functionalConfig, kerasTensor, keras3Node, layerEntry, listRef, sequentialConfig, zodMessage, type LayerEntry } from './schemas';
import { uniqueName } from '../names';
import { isOpEntry, readOpEntry } from './kerasOps';

export interface TensorRef {
  layer: string;
  node: number;
  tensor: number;
}

export interface KLayer {
  name: string;
  className: string;
  config: Record<string, unknown>;
  /** One entry per call: the tensors it takes, in port order. */
  calls: TensorRef[][];
  /** Set when this entry is itself a model (nested Functional / Sequential). */
  model?: KModel;
}

export interface KModel {
  name: string;
  /** Read from a Sequential (whose Keras `layers` list omits the InputLayer). */
  sequential?: boolean;
  trainable: boolean;
  layers: KLayer[];
  inputs: TensorRef[];
  outputs: TensorRef[];
}

export class Refusal extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => i.message).join('; '));
  }
}
export const refuse = (message: string, code: Issue['code'] = 'invalid-file'): never => {
  throw new Refusal([issue(code, message)]);
};

export const MODEL_CLASSES = new Set(['Functional', 'Model', 'Sequential']);

function parse<T>(schema: z.ZodType<T>, v: unknown, where: string): T {
  const r = schema.safeParse(v);
  if (!r.success) refuse(zodMessage(r.error, where));
  return (r as { data: T }).data;
}

const topEntry = layerEntry.extend({ config: z.unknown() });
const refList = z.array(listRef).max(10_000);
const refListMin1 = z.array(listRef).min(1).max(10_000);

/** Read a top-level `{class_name, config}` model object. */
export function readModel(obj: unknown, where: string, warnings: string[]): KModel {
  const top = parse(topEntry, obj, where);
  if (!MODEL_CLASSES.has(top.class_name)) refuse(`${where}: expected a Functional, Model or Sequential model, found class "${top.class_name}"`);
  return top.class_name === 'Sequential'
    ? readSequential(top.config, where, warnings)
    : readFunctional(top.config, where, warnings);
}

const entryName = (e: LayerEntry): string => {
  const n = e.name ?? (Array.isArray(e.config) ? undefined : (e.config as { name?: unknown }).name);
  return typeof n === 'string' && n.length > 0 && n.length <= 500 ? n : refuse(`a ${e.class_name} layer has no name`);
};

function configOf(e: LayerEntry): Record<string, unknown> {
  return Array.isArray(e.config) ? {} : (e.config as Record<string, unknown>);
}

function readFunctional(config: unknown, where: string, warnings: string[]): KModel {
  const c = parse(functionalConfig, config, where);
  const name = c.name ?? 'model';
  const layers = c.layers.map((e): KLayer => {
    const lname = entryName(e);
    if (isOpEntry(e)) return readOpEntry(e, lname, where);
    const calls = (e.inbound_nodes ?? []).map((n, i) => readNode(n, `${where}: layer "${lname}" call ${i}`, warnings));
    const model = MODEL_CLASSES.has(e.class_name) ? readModel(e, `${where} > ${lname}`, warnings) : undefined;
    return { name: lname, className: e.class_name, config: configOf(e), calls, model: model && { ...model, name: lname } };
  });
  const m: KModel = { name, trainable: c.trainable ?? true, layers, inputs: readRefs(c.input_layers, `${where}: input_layers`), outputs: readRefs(c.output_layers, `${where}: output_layers`) };
  const nested = new Map(layers.filter((l) => l.model).map((l) => [l.name, l.calls.length]));
  if (nested.size) {
    shiftNestedRefs(layers.flatMap((l) => l.calls.flat()), nested);
    shiftNestedRefs([...m.inputs, ...m.outputs], nested);
  }
  return m;
}

/**
 * A nested Functional starts with a built-in node, and files count it or not: tf.keras 2 counts
 * it everywhere, Keras 3 in input/output_layers only, tfjs nowhere. Within one group of refs,
 * an index equal to the number of calls can only mean the counted form, so shift that group.
 */
export function shiftNestedRefs(refs: TensorRef[], nested: ReadonlyMap<string, number>) {
  for (const [name, calls] of nested) {
    const mine = refs.filter((r) => r.layer === name);
    if (mine.some((r) => r.node === calls) && mine.every((r) => r.node >= 1)) for (const r of mine) r.node -= 1;
  }
}

/** A Sequential becomes a functional chain; without an InputLayer the first layer's batch shape makes one. */
function readSequential(config: unknown, where: string, warnings: string[]): KModel {
  const c = parse(sequentialConfig, config, where);
  const entries = Array.isArray(c) ? c : c.layers;
  const name = (!Array.isArray(c) && c.name) || 'sequential';
  const trainable = Array.isArray(c) ? true : (c.trainable ?? true);
  if (entries.length === 0) refuse(`${where}: Sequential model "${name}" has no layers`);
  const layers: KLayer[] = [];
  let rest = entries;
  if (entries[0].class_name === 'InputLayer') {
    layers.push({ name: entryName(entries[0]), className: 'InputLayer', config: configOf(entries[0]), calls: [] });
    rest = entries.slice(1);
  } else {
    const first = configOf(entries[0]);
    const buildShape = Array.isArray(c) ? undefined : c.build_input_shape;
    const batchShape = first.batch_input_shape ?? first.batch_shape ?? buildShape ?? (entries[0] as { build_config?: { input_shape?: unknown } }).build_config?.input_shape;
    if (!Array.isArray(batchShape)) refuse(`${where}: Sequential model "${name}" has no input shape (no InputLayer, and its first layer has no batch_input_shape)`);
    // Keras 3 builds such a Sequential on an InputLayer of its own, named as any new one.
    const inName = uniqueName('input_layer', new Set(entries.map(entryName)));
    layers.push({ name: inName, className: 'InputLayer', config: { name: inName, batch_shape: batchShape, dtype: first.dtype ?? 'float32' }, calls: [] });
  }
  let prev: TensorRef = { layer: layers[0].name, node: 0, tensor: 0 };
  for (const e of rest) {
    const lname = entryName(e);
    if (e.class_name === 'InputLayer') refuse(`${where}: Sequential model "${name}" has a second InputLayer "${lname}"`);
    const model = MODEL_CLASSES.has(e.class_name) ? readModel(e, `${where} > ${lname}`, warnings) : undefined;
    layers.push({ name: lname, className: e.class_name, config: configOf(e), calls: [[prev]], model: model && { ...model, name: lname } });
    prev = { layer: lname, node: 0, tensor: 0 };
  }
  return { name, sequential: true, trainable, layers, inputs: [{ layer: layers[0].name, node: 0, tensor: 0 }], outputs: [prev] };
}

/** input_layers / output_layers: a list of triples, a single flat triple, or a dict of them. */
function readRefs(v: unknown, where: string): TensorRef[] {
  if (Array.isArray(v) && typeof v[0] === 'string') v = [v];
  if (v && typeof v === 'object' && !Array.isArray(v)) v = Object.values(v);
  const list = parse(refListMin1, v, where);
  return list.map(([layer, node, tensor]) => ({ layer, node, tensor }));
}

/** One inbound node, Keras 2 list form or Keras 3 {args, kwargs}, as the tensors it takes in port order. */
function readNode(n: unknown, where: string, warnings: string[]): TensorRef[] {
  if (Array.isArray(n)) {
    const refs = parse(refList, n, where);
    for (const r of refs) {
      const kw = r[3];
      if (kw && typeof kw === 'object' && Object.keys(kw).length) noteKwargs(kw as Record<string, unknown>, where, warnings);
    }
    return refs.map(([layer, node, tensor]) => ({ layer, node, tensor }));
  }
  const node = parse(keras3Node, n, where);
  const out: TensorRef[] = [];
  collectTensors(node.args, out, where, 0);
  const kwargs = node.kwargs ?? {};
  // Attention inputs given by keyword (mha(x, value=y, key=k)) follow the positional ones in call order.
  for (const k of ['query', 'value', 'key']) if (hasTensor(kwargs[k], 0)) collectTensors(kwargs[k], out, where, 0);
  for (const [k, v] of Object.entries(kwargs)) {
    if (k === 'initial_state') collectTensors(v, out, where, 0);
    else if (k === 'query' || k === 'value' || k === 'key') continue;
    else if (hasTensor(v, 0)) {
      if (k === 'mask') warnings.push(`${where}: the mask tensor is not modelled and was dropped`);
      else refuse(`${where}: keyword argument "${k}" carries a tensor; Layerflow models only positional inputs and initial_state`);
    }
  }
  return out;
}

function noteKwargs(kw: Record<string, unknown>, where: string, warnings: string[]) {
  for (const k of Object.keys(kw)) if (k !== 'training') warnings.push(`${where}: call argument "${k}" is not modelled and was dropped`);
}

function collectTensors(v: unknown, out: TensorRef[], where: string, depth: number) {
  if (depth > 8) refuse(`${where}: call arguments nest too deeply`);
  if (Array.isArray(v)) {
    for (const x of v) collectTensors(x, out, where, depth + 1);
    return;
  }
  if (v && typeof v === 'object' && (v as { class_name?: unknown }).class_name === '__keras_tensor__') {
    const t = parse(kerasTensor, v, where);
    const [layer, node, tensor] = t.config.keras_history;
    out.push({ layer, node, tensor });
    return;
  }
  if (v !== null && v !== undefined && typeof v === 'object') refuse(`${where}: unexpected call argument ${JSON.stringify(v).slice(0, 80)}`);
  // scalars (None, numbers) passed positionally carry no tensor
}

function hasTensor(v: unknown, depth: number): boolean {
  if (depth > 8) return false;
  if (Array.isArray(v)) return v.some((x) => hasTensor(x, depth + 1));
  return !!v && typeof v === 'object' && (v as { class_name?: unknown }).class_name === '__keras_tensor__';
}
