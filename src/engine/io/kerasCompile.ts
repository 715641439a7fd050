/** A model's compile settings as Keras 3 writes them (`compile_config` in .keras) and as Python code. */
import type { CompileConfig, ModelId, ProjectDoc } from '../doc';
import { py } from '../../nodes/params';

/** Loss name → Keras 3 class; the cross-entropies take from_logits. */
const LOSS_CLASS: Record<string, { cls: string; logits: boolean }> = {
  sparse_categorical_crossentropy: { cls: 'SparseCategoricalCrossentropy', logits: true },
  categorical_crossentropy: { cls: 'CategoricalCrossentropy', logits: true },
  binary_crossentropy: { cls: 'BinaryCrossentropy', logits: true },
  mean_squared_error: { cls: 'MeanSquaredError', logits: false },
  mean_absolute_error: { cls: 'MeanAbsoluteError', logits: false },
  huber: { cls: 'Huber', logits: false },
};
/** Optimizer → Keras 3 class and extra arguments (Momentum is SGD with momentum 0.9 in Keras). */
const OPTIMIZER_CLASS: Record<string, { cls: string; extra: Record<string, number> }> = {
  SGD: { cls: 'SGD', extra: {} }, Momentum: { cls: 'SGD', extra: { momentum: 0.9 } }, Adam: { cls: 'Adam', extra: {} },
  RMSprop: { cls: 'RMSprop', extra: {} }, Adagrad: { cls: 'Adagrad', extra: {} }, Adadelta: { cls: 'Adadelta', extra: {} }, Adamax: { cls: 'Adamax', extra: {} },
};

export function kerasCompileConfig(doc: ProjectDoc, modelId: ModelId): { compile_config?: Record<string, unknown> } {
  const c = doc.models[modelId].compile;
  if (!c) return {};
  const o = OPTIMIZER_CLASS[c.optimizer];
  const outs = Object.keys(c.loss);
  const loss = Object.fromEntries(
    Object.entries(c.loss).map(([k, l]) => {
      const d = LOSS_CLASS[l.name];
      return [k, { module: 'keras.losses', class_name: d.cls, config: { name: l.name, reduction: 'sum_over_batch_size', ...(d.logits ? { from_logits: l.fromLogits } : {}) }, registered_name: null }];
    }),
  );
  return {
    compile_config: {
      optimizer: { module: 'keras.optimizers', class_name: o.cls, config: { name: o.cls.toLowerCase(), learning_rate: c.learningRate, ...o.extra }, registered_name: null },
      loss,
      loss_weights: Object.fromEntries(Object.entries(c.loss).map(([k, l]) => [k, l.weight])),
      metrics: outs.length === 1 ? [...c.metrics] : Object.fromEntries(outs.map((k) => [k, [...c.metrics]])),
      weighted_metrics: null,
      run_eagerly: false,
      steps_per_execution: 1,
      jit_compile: false,
    },
  };
}

/** `model.compile(...)` arguments in Python. */
export function pythonCompileArgs(c: CompileConfig): string[] {
  const o = OPTIMIZER_CLASS[c.optimizer];
  const extra = Object.entries(o.extra).map(([k, v]) => `, ${k}=${v}`).join('');
  const lossOf = (l: CompileConfig['loss'][string]) => {
    const d = LOSS_CLASS[l.name];
    return `keras.losses.${d.cls}(${d.logits && l.fromLogits ? 'from_logits=True' : ''})`;
  };
  const outs = Object.entries(c.loss);
  const args = [`optimizer=keras.optimizers.${o.cls}(learning_rate=${py(c.learningRate)}${extra})`];
  if (outs.length === 1) args.push(`loss=${lossOf(outs[0][1])}`);
  else {
    args.push(`loss={${outs.map(([k, l]) => `${py(k)}: ${lossOf(l)}`).join(', ')}}`);
    if (outs.some(([, l]) => l.weight !== 1)) args.push(`loss_weights={${outs.map(([k, l]) => `${py(k)}: ${py(l.weight)}`).join(', ')}}`);
  }
  if (c.metrics.length)
    args.push(outs.length === 1 ? `metrics=[${c.metrics.map((m) => py(m)).join(', ')}]` : `metrics={${outs.map(([k]) => `${py(k)}: [${c.metrics.map((m) => py(m)).join(', ')}]`).join(', ')}}`);
  return args;
}
