/**
 * Compile settings of a model: the stored CompileConfig (names) checked against the app's
 * allow-lists and resolved per output. Defaults follow the output layer's activation, the
 * way the seed compiles its models.
 */
import type { Analysis } from '../analysisTypes';
import type { CompileConfig, ModelDef, ProjectDoc } from '../doc';
import { isLayerCall } from '../doc';
import { issue, type Issue } from '../issues';
import { lossDef, type LossName } from './losses';
import { metricName, type MetricName } from './metrics';
import { OPTIMIZERS, optimizerDef, type OptimizerName } from './optimizers';

export interface OutputSpec {
  name: string;
  /** Output shape with the batch dim (null). */
  shape: (number | null)[];
}

export interface ResolvedOutput {
  name: string;
  loss: LossName;
  fromLogits: boolean;
  weight: number;
  metrics: MetricName[];
}

export interface ResolvedCompile {
  optimizer: OptimizerName;
  learningRate: number;
  outputs: ResolvedOutput[];
}

/** A model's outputs by Keras name (the called layer's or nested model's name) with their analysed shapes. */
export function outputSpecs(doc: ProjectDoc, modelId: string, analysis: Analysis): OutputSpec[] {
  const model = doc.models[modelId];
  const a = analysis.models[modelId];
  if (!model || !a) return [];
  return model.outputs.map((p) => {
    const node = model.nodes.find((n) => n.id === p.node);
    const name = !node ? p.node : isLayerCall(node.call) ? (doc.layers[node.call.layer]?.name ?? p.node) : (doc.models[node.call.model]?.name ?? p.node);
    return { name, shape: [...(a.nodes[p.node]?.outputShapes[p.output] ?? [null])] };
  });
}

/** The activation of the layer at an output port, when the doc says ("linear" when absent). */
function outputActivation(doc: ProjectDoc, model: ModelDef, i: number): string {
  const port = model.outputs[i];
  const node = port && model.nodes.find((n) => n.id === port.node);
  if (!node || !isLayerCall(node.call)) return 'linear';
  const a = doc.layers[node.call.layer]?.params.activation;
  return typeof a === 'string' ? a : 'linear';
}

/** A sensible compile config when the model has none: cross-entropy on classifier heads. */
export function defaultCompile(doc: ProjectDoc, modelId: string, outputs: OutputSpec[]): CompileConfig {
  const model = doc.models[modelId];
  const loss: CompileConfig['loss'] = {};
  outputs.forEach((o, i) => {
    const units = o.shape[o.shape.length - 1] ?? 1;
    const act = model ? outputActivation(doc, model, i) : 'linear';
    if (units === 1) loss[o.name] = act === 'sigmoid' || act === 'linear' ? { name: 'binary_crossentropy', fromLogits: act === 'linear', weight: 1 } : { name: 'mean_squared_error', fromLogits: false, weight: 1 };
    else if (act === 'softmax' || act === 'linear') loss[o.name] = { name: 'sparse_categorical_crossentropy', fromLogits: act === 'linear', weight: 1 };
    else loss[o.name] = { name: 'mean_squared_error', fromLogits: false, weight: 1 };
  });
  return { optimizer: 'RMSprop', learningRate: OPTIMIZERS.RMSprop.defaultLr, loss, metrics: ['accuracy'] };
}

/** Check a compile config against the allow-lists and the model's outputs. */
export function resolveCompile(config: CompileConfig, outputs: OutputSpec[]): { spec: ResolvedCompile | null; issues: Issue[] } {
  const issues: Issue[] = [];
  const opt = optimizerDef(config.optimizer);
  if (!opt) issues.push(issue('invalid-param', `unknown optimizer "${config.optimizer}"; choose one of ${Object.keys(OPTIMIZERS).join(', ')}`, { param: 'optimizer' }));
  if (!(Number.isFinite(config.learningRate) && config.learningRate > 0 && config.learningRate < 10))
    issues.push(issue('invalid-param', `learning rate must be a number in (0, 10), got ${config.learningRate}`, { param: 'learning_rate' }));
  const metrics: MetricName[] = [];
  for (const m of config.metrics) {
    const name = metricName(m);
    if (name) metrics.push(name);
    else issues.push(issue('invalid-param', `unknown metric "${m}"; choose accuracy, mae or mse`, { param: 'metrics' }));
  }
  const names = new Set(outputs.map((o) => o.name));
  for (const k of Object.keys(config.loss)) if (!names.has(k)) issues.push(issue('invalid-param', `the loss names output "${k}", but the model's outputs are ${[...names].map((n) => `"${n}"`).join(', ')}`, { param: 'loss' }));
  const resolved: ResolvedOutput[] = [];
  for (const o of outputs) {
    const l = config.loss[o.name];
    if (!l) {
      issues.push(issue('invalid-param', `output "${o.name}" has no loss`, { param: 'loss' }));
      continue;
    }
    const def = lossDef(l.name);
    if (!def) issues.push(issue('invalid-param', `unknown loss "${l.name}" for output "${o.name}"`, { param: 'loss' }));
    if (!(Number.isFinite(l.weight) && l.weight >= 0)) issues.push(issue('invalid-param', `loss weight of "${o.name}" must be ≥ 0, got ${l.weight}`, { param: 'loss_weights' }));
    if (def) resolved.push({ name: o.name, loss: l.name as LossName, fromLogits: def.logits && l.fromLogits, weight: l.weight, metrics });
  }
  if (issues.length || !opt) return { spec: null, issues };
  return { spec: { optimizer: config.optimizer as OptimizerName, learningRate: config.learningRate, outputs: resolved }, issues };
}
