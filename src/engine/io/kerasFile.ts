/**
 * The Keras 3 `.keras` archive: a zip of metadata.json, config.json and model.weights.h5.
 * Keras keys weights by layer order, not name: `layers/<snake_class>[_n]/vars/<i>`, with a
 * nested model's layers under its own `layers/`, RNN weights under `cell/`, wrappers under
 * `layer/`, `forward_layer/`, `backward_layer/`. Written and read with h5wasm + fflate.
 */
import { unzipSync, zipSync, strToU8, strFromU8 } from 'fflate';
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

type H5Lib = typeof import('h5wasm');
type Group = import('h5wasm').Group;
interface H5 {
  File: H5Lib['File'];
  FS: { readFile(p: string): Uint8Array; writeFile(p: string, d: Uint8Array): void; unlink(p: string): void };
}
let h5: Promise<H5> | null = null;
/** h5wasm is 4 MB: loaded on first use. */
async function loadH5(): Promise<H5> {
  h5 ??= import('h5wasm').then(async (m) => {
    const lib = (m as unknown as { default?: H5Lib }).default ?? m;
    const mod = (await lib.ready) as unknown as { FS: H5['FS'] };
    return { File: lib.File, FS: mod.FS };
  });
  return h5;
}
let fileCounter = 0;

/** keras.src.utils.naming.to_snake_case. */
export function kerasSnake(name: string): string {
  return name.replace(/\W+/g, '').replace(/(.)([A-Z][a-z]+)/g, '$1_$2').replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

/** Sub-paths of a layer's variables (relative to its group), one per weight in Keras order. */
export function varPaths(kind: string, params: Record<string, unknown>, count: number): string[] {
  const k = KINDS[kind];
  const flat = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}vars/${i}`);
  if (k?.category === 'recurrent') return flat('cell/', count);
  if (kind === 'MultiHeadAttention') {
    // Its projections are sublayers: kernel and (with use_bias) bias each, in Keras' weight order.
    const per = params.use_bias === false ? 1 : 2;
    const subs = ['query_dense', 'key_dense', ...(params.use_gate === true ? ['_gate_dense'] : []), 'value_dense', 'output_dense'];
    return subs.flatMap((s) => flat(`${s}/`, per));
  }
  const inner = params.layer as { kind: string; params: Record<string, unknown> } | undefined;
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
        const cls = isLayerCall(c.target) ? kerasSnake(doc.layers[c.target.layer].kind) : 'functional';
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

/** Datasets under a layer's group in Keras order: own vars first, then cell / forward / backward / wrapped layer. */
function collectVars(g: Group, out: { shape: number[]; data: Float32Array }[], depth: number) {
  if (depth > 6) return;
  const vars = g.get('vars') as Group | null;
  if (vars && 'keys' in vars) {
    const keys = vars.keys().filter((k) => /^\d+$/.test(k)).sort((a, b) => Number(a) - Number(b));
    for (const k of keys) {
      const d = vars.get(k) as import('h5wasm').Dataset;
      const shape = (d.shape ?? []) as number[];
      const n = shape.reduce((a, b) => a * b, 1);
      if (n * 4 > LIMITS.paramBytes) throw new Refusal([issue('invalid-file', `a weight of shape [${shape.join(', ')}] is larger than ${fmtBytes(LIMITS.paramBytes)}`)]);
      const v = d.value as ArrayLike<number>;
      out.push({ shape, data: v instanceof Float32Array ? v : Float32Array.from(v) });
    }
  }
  const rank = (k: string) => ['cell', 'forward_layer', 'backward_layer', 'layer', 'query_dense', 'key_dense', '_gate_dense', 'value_dense', 'output_dense'].indexOf(k);
  for (const k of g.keys().filter((x) => rank(x) >= 0).sort((a, b) => rank(a) - rank(b))) collectVars(g.get(k) as Group, out, depth + 1);
}

function readH5(root: Group, m: KModel, base: string, out: NamedTensor[], seen: Set<string>) {
  const used = new Map<string, number>();
  for (const l of m.layers) {
    if (m.sequential && l.className === 'InputLayer') continue; // Sequential.layers omits its InputLayer
    const cls = l.model ? (l.className === 'Sequential' ? 'sequential' : 'functional') : kerasSnake(l.className);
    const n = used.get(cls);
    used.set(cls, n === undefined ? 0 : n + 1);
    const at = `${base}layers/${n === undefined ? cls : `${cls}_${n + 1}`}`;
    const g = root.get(at) as Group | null;
    if (!g) continue;
    if (l.model) readH5(root, l.model, `${at}/`, out, seen);
    else if (!seen.has(l.name)) {
      seen.add(l.name);
      const vs: { shape: number[]; data: Float32Array }[] = [];
      collectVars(g, vs, 0);
      vs.forEach((v, i) => out.push({ name: `${l.name}/${i}`, ...v }));
    }
  }
}

/**
 * Read a .keras archive: its config (checked by the caller like any model JSON) and its weights
 * by layer name. `projectClasses`: custom classes the project defines (let through safe mode).
 */
export async function readKerasFile(bytes: Uint8Array, file: string, projectClasses: readonly string[] = []): Promise<{ config: unknown; tensors: NamedTensor[] } | { issues: Issue[] }> {
  let entries: Record<string, Uint8Array>;
  try {
    let total = 0;
    entries = unzipSync(bytes, {
      filter: (f) => {
        total += f.originalSize;
        if (f.originalSize > LIMITS.fileBytes || total > LIMITS.fileBytes) throw new Error(`it unpacks to more than ${fmtBytes(LIMITS.fileBytes)}`);
        return f.name === 'config.json' || f.name === 'model.weights.h5' || f.name === 'metadata.json';
      },
    });
  } catch (e) {
    return { issues: [issue('invalid-file', `${file} is not a readable .keras archive: ${e instanceof Error ? e.message : String(e)}`)] };
  }
  if (!entries['config.json']) return { issues: [issue('invalid-file', `${file} has no config.json; it is not a Keras 3 .keras file`)] };
  const parsed = parseJsonText(strFromU8(entries['config.json']), `${file}/config.json`);
  if (!parsed.ok) return { issues: parsed.issues };
  const unsafe = unsafeObjects(parsed.value, `${file}/config.json`, new Set(projectClasses));
  if (unsafe.length) return { issues: unsafe };
  const h5bytes = entries['model.weights.h5'];
  if (!h5bytes) return { config: parsed.value, tensors: [] };
  const H = await loadH5();
  const path = `/layerflow-in-${fileCounter++}.h5`;
  H.FS.writeFile(path, h5bytes);
  let f: import('h5wasm').File | null = null;
  try {
    f = new H.File(path, 'r');
    precheckGraph(parsed.value);
    const model = readModel(parsed.value, file, []);
    const tensors: NamedTensor[] = [];
    readH5(f, model, '', tensors, new Set());
    return { config: parsed.value, tensors };
  } catch (e) {
    if (e instanceof Refusal) return { issues: e.issues };
    return { issues: [issue('invalid-file', `${file}: model.weights.h5 could not be read: ${e instanceof Error ? e.message : String(e)}`)] };
  } finally {
    f?.close();
    H.FS.unlink(path);
  }
}

export type { LayerId };
