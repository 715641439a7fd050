/**
 * Compile settings across formats: tf.keras `training_config`, tfjs `trainingConfig`, Keras 3
 * `compile_config`, and Layerflow's own CompileConfig. Every name goes through an explicit table.
 */
import type { CompileConfig } from '../doc';
import { LOSS_NAMES } from '../train/losses';
import { metricName } from '../train/metrics';
import { OPTIMIZER_NAMES, OPTIMIZERS } from '../train/optimizers';
import { z } from 'zod';

/** Spellings of each loss in Keras 2/3 and tfjs files (class names, functions, camelCase). */
const LOSS_ALIASES: Record<string, string> = {
  sparse_categorical_crossentropy: 'sparse_categorical_crossentropy', SparseCategoricalCrossentropy: 'sparse_categorical_crossentropy', sparseCategoricalCrossentropy: 'sparse_categorical_crossentropy',
  categorical_crossentropy: 'categorical_crossentropy', CategoricalCrossentropy: 'categorical_crossentropy', categoricalCrossentropy: 'categorical_crossentropy',
  binary_crossentropy: 'binary_crossentropy', BinaryCrossentropy: 'binary_crossentropy', binaryCrossentropy: 'binary_crossentropy',
  mean_squared_error: 'mean_squared_error', mse: 'mean_squared_error', MeanSquaredError: 'mean_squared_error', meanSquaredError: 'mean_squared_error',
  mean_absolute_error: 'mean_absolute_error', mae: 'mean_absolute_error', MeanAbsoluteError: 'mean_absolute_error', meanAbsoluteError: 'mean_absolute_error',
  huber: 'huber', Huber: 'huber', huber_loss: 'huber',
};
/** Loss name → the tfjs layers loss identifier (tfjs camelCases the snake name itself); huber has none. */
export const TFJS_LOSS: Record<string, string | undefined> = {
  sparse_categorical_crossentropy: 'sparse_categorical_crossentropy', categorical_crossentropy: 'categorical_crossentropy',
  binary_crossentropy: 'binary_crossentropy', mean_squared_error: 'mean_squared_error', mean_absolute_error: 'mean_absolute_error', huber: undefined,
};
/** Keras class name → tfjs optimizer class name. */
export const TFJS_OPTIMIZER: Record<string, string> = { SGD: 'SGD', Momentum: 'Momentum', Adam: 'Adam', RMSprop: 'RMSProp', Adagrad: 'Adagrad', Adadelta: 'Adadelta', Adamax: 'Adamax' };

/** Layerflow's CompileConfig, validated when read back from a file's metadata. */
export const compileConfigSchema = z.object({
  optimizer: z.enum(OPTIMIZER_NAMES as [string, ...string[]]),
  learningRate: z.number().positive().lt(10),
  loss: z.record(z.string().max(500), z.object({ name: z.enum(LOSS_NAMES as [string, ...string[]]), fromLogits: z.boolean(), weight: z.number().min(0).max(1e6) })),
  metrics: z.array(z.enum(['accuracy', 'mae', 'mse'])).max(10),
});

function lossOf(v: unknown): { name: string; fromLogits: boolean } | null {
  if (typeof v === 'string') return Object.hasOwn(LOSS_ALIASES, v) ? { name: LOSS_ALIASES[v], fromLogits: false } : null;
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as { class_name?: unknown; config?: { from_logits?: unknown; name?: unknown } };
    const cls = typeof o.class_name === 'string' ? o.class_name : '';
    const name = Object.hasOwn(LOSS_ALIASES, cls) ? LOSS_ALIASES[cls] : null;
    return name ? { name, fromLogits: o.config?.from_logits === true } : null;
  }
  return null;
}

/**
 * A file's training config → CompileConfig for the model with these output names, or null with
 * a warning naming what could not be read.
 */
export function compileFromFile(raw: unknown, outputNames: readonly string[], warnings: string[]): CompileConfig | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const tc = raw as Record<string, unknown>;
  const opt = tc.optimizer_config ?? tc.optimizer;
  // An uncompiled model: Keras 3 writes compile_config {} (keras.applications), with nothing to import.
  if (opt === undefined || opt === null) return null;
  const oc = (typeof opt === 'string' ? { class_name: opt } : opt) as { class_name?: unknown; config?: Record<string, unknown> };
  const cls = typeof oc.class_name === 'string' ? oc.class_name : '';
  const optimizer = OPTIMIZER_NAMES.find((n) => n.toLowerCase() === cls.toLowerCase());
  if (!optimizer) {
    warnings.push(`training config: optimizer ${JSON.stringify(cls)} is not supported; compile settings were not imported`);
    return null;
  }
  const c = oc.config ?? {};
  const lrRaw = c.learning_rate ?? c.lr ?? c.learningRate;
  const learningRate = typeof lrRaw === 'number' && lrRaw > 0 && lrRaw < 10 ? lrRaw : OPTIMIZERS[optimizer].defaultLr;
  const loss: CompileConfig['loss'] = {};
  const lw = tc.loss_weights;
  const weightOf = (name: string, i: number) => {
    const w = Array.isArray(lw) ? lw[i] : lw && typeof lw === 'object' ? (lw as Record<string, unknown>)[name] : undefined;
    return typeof w === 'number' && w >= 0 ? w : 1;
  };
  for (const [i, name] of outputNames.entries()) {
    const given = Array.isArray(tc.loss) ? tc.loss[i] : tc.loss && typeof tc.loss === 'object' && !lossOf(tc.loss) ? (tc.loss as Record<string, unknown>)[name] : tc.loss;
    const l = lossOf(given);
    if (!l) {
      warnings.push(`training config: the loss ${JSON.stringify(given)?.slice(0, 60)} of output "${name}" is not supported; compile settings were not imported`);
      return null;
    }
    loss[name] = { ...l, weight: weightOf(name, i) };
  }
  const metrics = new Set<'accuracy' | 'mae' | 'mse'>();
  const flat = (Array.isArray(tc.metrics) ? tc.metrics : tc.metrics && typeof tc.metrics === 'object' ? Object.values(tc.metrics) : []).flat(2);
  for (const m of flat) {
    const name = typeof m === 'string' ? m : (m as { class_name?: unknown; config?: { name?: unknown } } | null)?.config?.name;
    const hit = typeof name === 'string' ? metricName(name === 'acc' ? 'accuracy' : name) : undefined;
    if (hit) metrics.add(hit);
    else warnings.push(`training config: metric ${JSON.stringify(m)?.slice(0, 60)} is not supported and was dropped`);
  }
  return { optimizer, learningRate, loss, metrics: [...metrics] };
}
