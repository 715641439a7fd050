/**
 * The Keras 3 `.keras` archive: a zip of metadata.json, config.json and model.weights.h5.
 * Keras keys weights by layer order, not name: `layers/<snake_class>[_n]/vars/<i>`, with a
 * nested model's layers under its own `layers/`, RNN weights under `cell/`, wrappers under
 * `layer/`, `forward_layer/`, `backward_layer/`. Written and read with h5wasm + fflate.
 */
import { zipSync, strToU8, strFromU8 } from 'fflate';
import { analyze, type FullAnalysis } from '../analyze';
import { isLayerCall, type LayerId, type ModelId, type ProjectDoc } from '../doc';
import { issue, type Issue } from '../issues';
import type { TensorData, WeightSet } from '../weights';
import { customDefs, kindsFor } from '../custom/kind';
import { KINDS } from '../../nodes';
import { kerasLayerOrder, modelCalls, targetKey } from './exportGraph';
import { Refusal, readModel, type KModel } from './kerasGraph';
import { precheckGraph } from './graphPrecheck';
import { kerasModelObject } from './kerasJson';
import { LIMITS, fmtBytes } from './limits';
import { parseJsonText } from './safeJson';
import { unsafeObjects } from './safety';
import { kerasCompileConfig } from './kerasCompile';
import type { NamedTensor } from './weightsFile';
import { isHdf5, readH5Model } from './h5Model';
import { unzipBounded } from './zipRead';

type H5Lib = typeof import('h5wasm');
type Group = import('h5wasm').Group;
interface H5 {
  File: H5Lib['File'];
  FS: { readFile(p: string): Uint8Array; writeFile(p: string, d: Uint8Array, opts?: { canOwn?: boolean }): void; unlink(p: string): void };
}
let h5: Promise<H5> | null = null;
/** h5wasm is 4 MB: loaded on first use. */
async function loadH5(): Promise<H5> {
  h5 ??= import('h5wasm').then(async (m) => {
    const lib = (m as unknown as { default?: H5Lib }).default ?? m;
    const mod = (await lib.ready) as unknown as { FS: H5['FS']; activate_throwing_error_handler(): number };
    // HDF5 errors as exceptions (turned into one message naming the dataset), not HDF5-DIAG dumps on stderr.
    mod.activate_throwing_error_handler();
    return { File: lib.File, FS: mod.FS };
  });
  return h5;
}
let fileCounter = 0;

/** keras.src.utils.naming.to_snake_case. */
export function kerasSnake(name: string): string {
  return name.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Keras names a layer's weights group after its Python class, which for some classes is not the name written in config files. */
const PYTHON_CLASS: Readonly<Record<string, string>> = { GroupQueryAttention: 'GroupedQueryAttention' };
const weightsGroup = (className: string) => kerasSnake(PYTHON_CLASS[className] ?? className);

/** Sub-paths of a layer's variables (relative to its group), one per weight in Keras order. */
export function varPaths(kind: string, params: Record<string, unknown>, count: number): string[] {
  const k = KINDS[kind];
  const flat = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}vars/${i}`);
  // RNN(StackedRNNCells([...])): each cell under cell/cells/<class>[_n]/, as Keras names the items of a list.
  if (kind === 'RNN' && Array.isArray(params.units)) {
    const per = count / params.units.length;
    const cls = kerasSnake(String(params.cell));
    return params.units.flatMap((_, i) => flat(`cell/cells/${i === 0 ? cls : `${cls}_${i}`}/`, per));
  }
  if (k?.category === 'recurrent') return flat('cell/', count);
  if (kind === 'MultiHeadAttention') {
    // Its projections are sublayers: kernel and (with use_bias) bias each, in Keras' weight order.
    const per = params.use_bias === false ? 1 : 2;
    const subs = ['query_dense', 'key_dense', ...(params.use_gate === true ? ['_gate_dense'] : []), 'value_dense', 'output_dense'];
    return subs.flatMap((s) => flat(`${s}/`, per));
  }
  if (kind === 'GroupQueryAttention') {
    const per = params.use_bias === false ? 1 : 2;
    const subs = ['_query_dense', '_key_dense', ...(params.use_gate === true ? ['_gate_dense'] : []), '_value_dense', '_output_dense'];
    return subs.flatMap((s) => flat(`${s}/`, per));
  }
  const inner = params.layer as { kind: string; params: Record<string, unknown> } | undefined;
  // SpectralNormalization keeps the wrapped kernel as its own vars/0 too (writeKerasFile adds it); vector_u is its vars/1.
  if (kind === 'SpectralNormalization' && inner) {
    const [kernel, ...rest] = varPaths(inner.kind, inner.params, count - 1).map((p) => `layer/${p}`);
    return [kernel, 'vars/1', ...rest];
  }
  if (inner && typeof inner === 'object' && 'kind' in inner) {
    if (kind === 'Bidirectional') {
      const half = count / 2;
      return [...varPaths(inner.kind, inner.params, half).map((p) => `forward_layer/${p}`), ...varPaths(inner.kind, inner.params, half).map((p) => `backward_layer/${p}`)];
    }
    return varPaths(inner.kind, inner.params, count).map((p) => `layer/${p}`);
  }
  return flat('', count);
}

function group(root: Group, path: string): Group {
  let g = root;
  for (const part of path.split('/').filter(Boolean)) g = (g.get(part) as Group | null) ?? g.create_group(part);
  return g;
}

export async function writeKerasFile(doc: ProjectDoc, modelId: ModelId, weights: WeightSet, analysis: FullAnalysis = analyze(doc)): Promise<{ bytes: Uint8Array | null; issues: Issue[] }> {
  const H = await loadH5();
  const path = `/layerflow-out-${fileCounter++}.h5`;
  const issues: Issue[] = [];
  const f = new H.File(path, 'w');
  const kinds = kindsFor(doc);
  const defs = customDefs(doc);
  const modelNamed = (name: string) => Object.values(doc.models).find((m) => m.name === name)!.id;
  /** A held model's share of its custom layer's weights, per layer, in the order custom/kind.ts lists them. */
  const splitHeld = (id: ModelId, tensors: TensorData[], out: Map<LayerId, TensorData[]>, seen: Set<ModelId>): number => {
    if (seen.has(id)) return 0;
    seen.add(id);
    let used = 0;
    for (const lid of analysis.models[id].layers) {
      const l = doc.layers[lid];
      const n = kinds[l.kind].weights(analysis.layers[lid]?.buildShapes ?? [], l.params).length;
      out.set(lid, tensors.slice(used, used + n));
      used += n;
    }
    for (const node of doc.models[id].nodes) if (!isLayerCall(node.call)) used += splitHeld(node.call.model, tensors.slice(used), out, seen);
    return used;
  };
  try {
    const writeModel = (id: ModelId, base: string, weightsOf: (layer: LayerId) => TensorData[]) => {
      const mc = modelCalls(doc, id, analysis);
      group(f, `${base}vars`).create_attribute('name', doc.models[id].name);
      const used = new Map<string, number>();
      for (const key of kerasLayerOrder(mc)) {
        const c = mc.calls.find((x) => targetKey(x.target) === key)!;
        // Operations are no Keras layers: they have no entry among the saved layers.
        if (isLayerCall(c.target) && doc.layers[c.target.layer].kind === 'Op') continue;
        const cls = isLayerCall(c.target) ? weightsGroup(doc.layers[c.target.layer].kind) : 'functional';
        const n = used.get(cls);
        used.set(cls, n === undefined ? 0 : n + 1);
        const at = `${base}layers/${n === undefined ? cls : `${cls}_${n + 1}`}/`;
        if (!isLayerCall(c.target)) {
          writeModel(c.target.model, at, weightsOf);
          continue;
        }
        const layer = doc.layers[c.target.layer];
        group(f, `${at}vars`).create_attribute('name', layer.name);
        const ws = weightsOf(layer.id);
        const want = analysis.layers[layer.id]?.params;
        if (want && want.trainable + want.nonTrainable > 0 && ws.length === 0) issues.push(issue('weights', `layer "${layer.name}" has no weights to write`, { layerId: layer.id }));
        // A custom layer's own variables, then each model it holds under the attribute's name (as Keras saves it).
        const held = defs[layer.kind]?.models ?? [];
        const own = held.length ? defs[layer.kind].weights.length : ws.length;
        varPaths(layer.kind, layer.params as Record<string, unknown>, own).forEach((p, i) => {
          const slash = p.lastIndexOf('/');
          group(f, `${at}${p.slice(0, slash)}`).create_dataset({ name: p.slice(slash + 1), data: ws[i].data, shape: ws[i].shape, dtype: '<f4' });
        });
        if (layer.kind === 'SpectralNormalization') group(f, `${at}vars`).create_dataset({ name: '0', data: ws[0].data, shape: ws[0].shape, dtype: '<f4' });
        let rest = ws.slice(own);
        for (const m of held) {
          const share = new Map<LayerId, TensorData[]>();
          rest = rest.slice(splitHeld(modelNamed(m.model), rest, share, new Set()));
          writeModel(modelNamed(m.model), `${at}${m.name}/`, (lid) => share.get(lid) ?? []);
        }
      }
    };
    writeModel(modelId, '', (lid) => weights[lid] ?? []);
  } finally {
    f.close();
  }
  const h5bytes = H.FS.readFile(path) as Uint8Array;
  H.FS.unlink(path);
  if (issues.length) return { bytes: null, issues };
  const config = { ...kerasModelObject(doc, modelId, 'keras3', analysis), ...kerasCompileConfig(doc, modelId) };
  const metadata = { keras_version: '3.11.0', date_saved: new Date().toISOString().slice(0, 16).replace('T', '@') };
  const bytes = zipSync({
    'metadata.json': strToU8(JSON.stringify(metadata)),
    'config.json': strToU8(JSON.stringify(config)),
    'model.weights.h5': h5bytes,
  });
  return { bytes, issues: [] };
}

/** A weight dataset found in the .h5, not yet read: its path (for messages) and shape. */
interface VarRef {
  path: string;
  dataset: import('h5wasm').Dataset;
  shape: number[];
}

/** Datasets under a layer's group in Keras order: own vars first, then cell / forward / backward / wrapped layer. */
function collectVars(g: Group, at: string, out: VarRef[], depth: number, where: { at: string }) {
  if (depth > 6) return;
  where.at = `${at}/vars`;
  const vars = g.get('vars') as Group | null;
  if (vars && 'keys' in vars) {
    const keys = vars.keys().filter((k) => /^\d+$/.test(k)).sort((a, b) => Number(a) - Number(b));
    for (const k of keys) {
      const path = `${at}/vars/${k}`;
      where.at = path;
      const d = vars.get(k) as import('h5wasm').Dataset | null;
      if (!d || !('shape' in d)) throw new Refusal([issue('invalid-file', `model.weights.h5: ${path} is not a dataset`)]);
      const shape = (d.shape ?? []) as number[];
      if (!Array.isArray(shape) || shape.some((n) => !Number.isInteger(n) || n < 0)) throw new Refusal([issue('invalid-file', `model.weights.h5: ${path} has no readable shape`)]);
      out.push({ path, dataset: d, shape });
    }
  }
  // Sublayers in weight order; MultiHeadAttention's are public properties, GroupQueryAttention's underscored attributes.
  const rank = (k: string) =>
    ['cell', 'forward_layer', 'backward_layer', 'layer', 'query_dense', '_query_dense', 'key_dense', '_key_dense', '_gate_dense', 'value_dense', '_value_dense', 'output_dense', '_output_dense'].indexOf(k);
  for (const k of g.keys().filter((x) => rank(x) >= 0).sort((a, b) => rank(a) - rank(b))) collectVars(g.get(k) as Group, `${at}/${k}`, out, depth + 1, where);
  // StackedRNNCells' cells, in list order: Keras names them lstm_cell, lstm_cell_1, … (Layerflow stacks one class).
  const cells = g.get('cells') as Group | null;
  if (cells && 'keys' in cells) {
    const nth = (k: string) => Number(/_(\d+)$/.exec(k)?.[1] ?? 0);
    for (const k of cells.keys().sort((a, b) => nth(a) - nth(b))) collectVars(cells.get(k) as Group, `${at}/cells/${k}`, out, depth + 1, where);
  }
}

function findH5(root: Group, m: KModel, base: string, out: { layer: string; vars: VarRef[] }[], seen: Set<string>, where: { at: string }) {
  const used = new Map<string, number>();
  for (const l of m.layers) {
    if (m.sequential && l.className === 'InputLayer') continue; // Sequential.layers omits its InputLayer
    const cls = l.model ? (l.className === 'Sequential' ? 'sequential' : 'functional') : weightsGroup(l.className);
    const n = used.get(cls);
    used.set(cls, n === undefined ? 0 : n + 1);
    const at = `${base}layers/${n === undefined ? cls : `${cls}_${n + 1}`}`;
    where.at = at;
    const g = root.get(at) as Group | null;
    if (!g) continue;
    if (l.model) findH5(root, l.model, `${at}/`, out, seen, where);
    else if (!seen.has(l.name)) {
      seen.add(l.name);
      const vars: VarRef[] = [];
      collectVars(g, at, vars, 0, where);
      // SpectralNormalization: vars/0 repeats the wrapped kernel (layer/vars/0); Keras' weight order is kernel, vector_u, the rest.
      if (l.className === 'SpectralNormalization' && vars.length >= 3) vars.splice(0, 3, vars[2], vars[1]);
      out.push({ layer: l.name, vars });
    }
  }
}

/**
 * Every weight dataset's size is summed and checked against the model's parameter count (and the
 * memory cap) before a single value is read: a dataset resized to 268 M elements is refused, not
 * allocated. Then the values, each read failure naming its dataset.
 */
function readH5(root: Group, m: KModel, maxParams: number, where: { at: string }): NamedTensor[] {
  const found: { layer: string; vars: VarRef[] }[] = [];
  findH5(root, m, '', found, new Set(), where);
  let total = 0;
  for (const { vars } of found) for (const v of vars) total += v.shape.reduce((a, b) => a * b, 1);
  if (total > maxParams || total * 4 > LIMITS.paramBytes)
    throw new Refusal([issue('invalid-file', `model.weights.h5 holds ${total.toLocaleString('en')} weight values, but the model has ${maxParams.toLocaleString('en')} parameters${total * 4 > LIMITS.paramBytes ? ` (and more than ${fmtBytes(LIMITS.paramBytes)} is refused)` : ''}: the file is damaged or belongs to another model`)]);
  const out: NamedTensor[] = [];
  for (const { layer, vars } of found)
    vars.forEach((v, i) => {
      let value: unknown;
      try {
        value = v.dataset.value;
        // A scalar dataset (Normalization's count) reads as a bare number.
        if (typeof value === 'number' && v.shape.length === 0) value = [value];
      } catch (e) {
        throw new Refusal([issue('invalid-file', `model.weights.h5: the dataset ${v.path} cannot be read (${h5Reason(e)})`)]);
      }
      const n = v.shape.reduce((a, b) => a * b, 1);
      if (!value || typeof value !== 'object' || (value as ArrayLike<number>).length !== n || typeof (value as ArrayLike<unknown>)[0] === 'string')
        throw new Refusal([issue('invalid-file', `model.weights.h5: the dataset ${v.path} does not hold ${n} numbers`)]);
      out.push({ name: `${layer}/${i}`, shape: v.shape, data: value instanceof Float32Array ? value : Float32Array.from(value as ArrayLike<number>) });
    });
  return out;
}

/** The gist of an HDF5 error stack (h5wasm's throwing handler puts all of it in the message). */
function h5Reason(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const minor = [...text.matchAll(/minor: (.+)/g)].map((m) => m[1].trim()).at(-1);
  return minor ?? text.split('\n').find((l) => l.trim())?.trim().slice(0, 200) ?? 'unknown error';
}

/**
 * Read a .keras archive: its config (checked by the caller like any model JSON) and its weights
 * by layer name. `projectClasses`: custom classes the project defines (let through safe mode).
 * `paramsOf`: the parameter count of the model the config describes (null: the config is
 * refused, and the caller will say why), checked against the weights before they are read.
 */
export async function readKerasFile(
  bytes: Uint8Array, file: string, projectClasses: readonly string[] = [], paramsOf?: (config: unknown) => number | null,
): Promise<{ config: unknown; tensors: NamedTensor[] } | { issues: Issue[] }> {
  if (isHdf5(bytes)) return readH5File(bytes, file, projectClasses, paramsOf);
  const entries = unzipBounded(bytes, new Set(['config.json', 'model.weights.h5', 'metadata.json']), LIMITS.archiveBytes);
  if (typeof entries === 'string') return { issues: [issue('invalid-file', `${file} is not a readable .keras archive: ${entries}`)] };
  if (!entries['config.json']) return { issues: [issue('invalid-file', `${file} has no config.json; it is not a Keras 3 .keras file`)] };
  const parsed = parseJsonText(strFromU8(entries['config.json']), `${file}/config.json`);
  if (!parsed.ok) return { issues: parsed.issues };
  const unsafe = unsafeObjects(parsed.value, `${file}/config.json`, new Set(projectClasses));
  if (unsafe.length) return { issues: unsafe };
  const h5bytes = entries['model.weights.h5'];
  if (!h5bytes) return { config: parsed.value, tensors: [] };
  let model: KModel;
  try {
    precheckGraph(parsed.value);
    model = readModel(parsed.value, file, []);
  } catch (e) {
    if (e instanceof Refusal) return { issues: e.issues.map((i) => ({ ...i, message: `${file}/config.json: ${i.message.startsWith(`${file}: `) ? i.message.slice(file.length + 2) : i.message}` })) };
    return { issues: [issue('invalid-file', `${file}/config.json could not be read: ${e instanceof Error ? e.message : String(e)}`)] };
  }
  const maxParams = paramsOf ? paramsOf(parsed.value) : LIMITS.paramBytes / 4;
  if (maxParams === null) return { config: parsed.value, tensors: [] }; // the caller refuses the config with its reasons
  const H = await loadH5();
  const path = `/layerflow-in-${fileCounter++}.h5`;
  // canOwn: the in-memory file is a view of these bytes, not a second copy (weights run to 1 GB).
  H.FS.writeFile(path, h5bytes, { canOwn: true });
  let f: import('h5wasm').File | null = null;
  const where = { at: 'the root group' };
  try {
    try {
      f = new H.File(path, 'r');
    } catch (e) {
      return { issues: [issue('invalid-file', `${file}: model.weights.h5 is not a readable HDF5 file (${h5Reason(e)})`)] };
    }
    return { config: parsed.value, tensors: readH5(f, model, maxParams, where) };
  } catch (e) {
    const issues = e instanceof Refusal ? e.issues : [issue('invalid-file', `model.weights.h5: ${where.at} cannot be read (${h5Reason(e)})`)];
    return { issues: issues.map((i) => (i.message.startsWith(file) ? i : { ...i, message: `${file}: ${i.message}` })) };
  } finally {
    try {
      f?.close();
    } finally {
      H.FS.unlink(path);
    }
  }
}

/** A legacy full-model .h5 file (h5Model.ts reads it once open). */
async function readH5File(
  bytes: Uint8Array, file: string, projectClasses: readonly string[], paramsOf?: (config: unknown) => number | null,
): Promise<{ config: unknown; tensors: NamedTensor[] } | { issues: Issue[] }> {
  const H = await loadH5();
  const path = `/layerflow-in-${fileCounter++}.h5`;
  H.FS.writeFile(path, bytes, { canOwn: true });
  let f: import('h5wasm').File | null = null;
  try {
    f = new H.File(path, 'r');
    return readH5Model(f, file, projectClasses, (config) => (paramsOf ? paramsOf(config) : LIMITS.paramBytes / 4));
  } catch (e) {
    if (e instanceof Refusal) return { issues: e.issues };
    return { issues: [issue('invalid-file', `${file} could not be read as an HDF5 model file (${h5Reason(e)})`)] };
  } finally {
    f?.close();
    H.FS.unlink(path);
  }
}

export type { LayerId };
