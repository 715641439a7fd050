/**
 * `compile(doc, modelId, tf)`: the tfjs LayersModel of a model, built the Keras way — tf.input,
 * layer.apply, tf.model({inputs, outputs, name}). One tfjs layer object per project layer (a
 * shared layer called twice reuses it) and one tfjs model per nested model (compiled once,
 * called like a layer). Refuses, with Issues and no model, when analysis finds errors or tfjs
 * 4.22 lacks a kind or an option; never substitutes silently, never throws on user input.
 */
import type * as tfNs from '@tensorflow/tfjs';
import { analyze, issuesFor, type FullAnalysis } from './analyze';
import { isLayerCall, type LayerId, type ModelId, type ProjectDoc } from './doc';
import { modelGraph } from './graph';
import { issue, type Issue } from './issues';
import { fmtShape } from './shape';
import type { TensorData, WeightSet } from './weights';
import type { KindMap } from '../nodes';
import { kindsFor } from './custom/kind';
import { buildTfjs } from '../nodes/kind';

type Tf = typeof tfNs;
type Sym = tfNs.SymbolicTensor;

export interface CompileResult {
  model: tfNs.LayersModel | null;
  layers: Map<LayerId, tfNs.layers.Layer>;
  issues: Issue[];
}

export interface CompileOptions {
  weights?: WeightSet;
  kinds?: KindMap;
  analysis?: FullAnalysis;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function compile(doc: ProjectDoc, modelId: ModelId, tf: Tf, opts: CompileOptions = {}): CompileResult {
  const kinds = opts.kinds ?? kindsFor(doc);
  const layers = new Map<LayerId, tfNs.layers.Layer>();
  if (!doc.models[modelId]) return { model: null, layers, issues: [issue('dangling-ref', `No model "${modelId}" in the project`)] };
  const analysis = opts.analysis ?? analyze(doc, kinds);
  const errors = issuesFor(doc, analysis, modelId).filter((i) => i.severity === 'error');
  if (errors.length) return { model: null, layers, issues: errors };

  const issues: Issue[] = [];
  const models = new Map<ModelId, tfNs.LayersModel | null>();

  const layerFor = (id: LayerId, where: Omit<Issue, 'code' | 'message' | 'severity'>): tfNs.layers.Layer | null => {
    const known = layers.get(id);
    if (known) return known;
    const def = doc.layers[id];
    const built = buildTfjs(kinds[def.kind], def.params, def.name, tf);
    if ('unsupported' in built) {
      issues.push(issue('unsupported-tfjs', `${def.name}: ${built.unsupported}`, { ...where, layerId: id }));
      return null;
    }
    built.trainable = def.trainable;
    if (!def.trainable && def.kind === 'BatchNormalization') inferenceOnly(built);
    layers.set(id, built);
    return built;
  };

  const build = (id: ModelId): tfNs.LayersModel | null => {
    if (models.has(id)) return models.get(id)!;
    models.set(id, null);
    const def = doc.models[id];
    const ma = analysis.models[id];
    const g = modelGraph(def);
    const outs = new Map<string, Sym[]>();
    const inputs: Sym[] = [];
    for (const nodeId of ma.order) {
      if (!g.feedsOutput.has(nodeId) && !ma.inputs.includes(nodeId)) continue;
      const call = g.nodes.get(nodeId)!.call;
      const where = { modelId: id, nodeId };
      const args = g.inEdges
        .get(nodeId)!
        .slice()
        .sort((a, b) => a.to.input - b.to.input)
        .map((e) => outs.get(e.from.node)?.[e.from.output]);
      if (args.some((a) => !a)) continue; // an upstream node was refused; its issue is reported
      let target: tfNs.layers.Layer | tfNs.LayersModel | null;
      if (isLayerCall(call)) {
        const layer = doc.layers[call.layer];
        if (layer.kind === 'InputLayer') {
          const p = layer.params as { shape: (number | null)[]; dtype: tfNs.DataType; batch_size: number | null };
          const t = tf.input({ batchShape: [p.batch_size, ...p.shape], dtype: p.dtype, name: layer.name });
          inputs.push(t);
          outs.set(nodeId, [t]);
          continue;
        }
        target = layerFor(call.layer, where);
      } else target = build(call.model);
      if (!target) continue;
      try {
        // tfjs 4.22's executor counts a tensor's consumers once per layer but releases it once per
        // input slot, so a layer taking one tensor twice (self-attention, mha(x, x)) frees it at
        // inference while later layers still need it. A linear Activation in front of each repeat
        // gives the repeat a tensor of its own.
        const seen = new Set<Sym>();
        const ins = (args as Sym[]).map((a) => (seen.has(a) ? (tf.layers.activation({ activation: 'linear' }).apply(a) as Sym) : (seen.add(a), a)));
        const r = target.apply(ins.length === 1 ? ins[0] : ins) as Sym | Sym[];
        outs.set(nodeId, Array.isArray(r) ? r : [r]);
      } catch (e) {
        const name = isLayerCall(call) ? doc.layers[call.layer].name : doc.models[call.model].name;
        const shapes = ma.nodes[nodeId].inputShapes.map((s) => (s ? fmtShape(s) : '?')).join(' and ');
        issues.push(issue('unsupported-tfjs', `tfjs 4.22 refused ${name} on ${shapes}: ${message(e)}`, where));
      }
    }
    const outputs = def.outputs.map((o) => outs.get(o.node)?.[o.output]);
    if (outputs.some((o) => !o)) return null;
    try {
      const m = tf.model({ inputs, outputs: outputs as Sym[], name: def.name });
      models.set(id, m);
      return m;
    } catch (e) {
      issues.push(issue('unsupported-tfjs', `tfjs 4.22 cannot build model "${def.name}": ${message(e)}`, { modelId: id }));
      return null;
    }
  };

  const model = build(modelId);
  if (!issues.length && model && opts.weights) issues.push(...setWeights(doc, layers, opts.weights, tf));
  if (issues.length || !model) {
    freeLayers(layers);
    return { model: null, layers, issues };
  }
  return { model, layers, issues };
}

/** A refused compile still built the layers before the refusal: free their variables (and those of models they hold). */
function freeLayers(layers: Map<LayerId, tfNs.layers.Layer>) {
  const seen = new Set<number>();
  for (const l of layers.values())
    for (const w of l.built ? l.weights : []) {
      if (seen.has(w.id)) continue;
      seen.add(w.id);
      w.dispose();
    }
}

/**
 * Keras 3 runs a frozen BatchNormalization in inference mode (moving statistics, never
 * updated), as fine-tuning needs; tfjs 4.22 would still use batch statistics and update them.
 */
function inferenceOnly(layer: tfNs.layers.Layer) {
  const call = layer.call.bind(layer);
  layer.call = (inputs, kwargs) => call(inputs, { ...kwargs, training: false });
}

/** tfjs names variables "dense/kernel_5" (unique per process); Keras calls it "kernel". */
const kerasWeightName = (tfjsName: string) => tfjsName.split('/').at(-1)!.replace(/_\d+$/, '');

/** Load a WeightSet into compiled layers; a list whose count or shapes differ is a 'weights' issue. */
export function setWeights(doc: ProjectDoc, layers: Map<LayerId, tfNs.layers.Layer>, weights: WeightSet, tf: Tf): Issue[] {
  const issues: Issue[] = [];
  for (const [id, layer] of layers) {
    const given = weights[id];
    if (!given) continue;
    const name = doc.layers[id]?.name ?? id;
    const want = layer.weights.map((v) => v.shape as number[]);
    const where = { layerId: id };
    if (given.length !== want.length) {
      issues.push(issue('weights', `${name} has ${want.length} weight arrays (${want.map((s) => fmtShape(s)).join(', ')}), the weight set gives ${given.length}`, where));
      continue;
    }
    const bad = given.findIndex((t, i) => t.shape.length !== want[i].length || t.shape.some((d, j) => d !== want[i][j]) || t.data.length !== want[i].reduce((a, b) => a * b, 1));
    if (bad >= 0) {
      issues.push(issue('weights', `${name}: weight ${kerasWeightName(layer.weights[bad].name)} has shape ${fmtShape(want[bad])}, the weight set gives ${fmtShape(given[bad].shape)}`, where));
      continue;
    }
    if (given.some((t) => t.data.some((v) => !Number.isFinite(v)))) {
      issues.push(issue('weights', `${name}: the weight set holds NaN or infinite values`, where));
      continue;
    }
    const tensors = given.map((t) => tf.tensor(t.data, t.shape, 'float32'));
    layer.setWeights(tensors);
    tf.dispose(tensors);
  }
  return issues;
}

/** The current weights of compiled layers, by layer id, in Keras order. */
export function readWeights(layers: Map<LayerId, tfNs.layers.Layer>): WeightSet {
  const out: WeightSet = {};
  for (const [id, layer] of layers) {
    const ws = layer.getWeights();
    out[id] = ws.map((t): TensorData => ({ shape: [...t.shape], data: Float32Array.from(t.dataSync()) }));
  }
  return out;
}
