/** zod schemas for the structure of model files: validated before any field is trusted. */
import { z } from 'zod';
import { LIMITS } from './limits';

const name = z.string().min(1).max(500);
const index = z.number().int().min(0).max(LIMITS.callsPerLayer);

/** A Keras object as it appears in any config: class_name + config, maybe module/registered_name. */
export const kerasObject = z.looseObject({
  class_name: z.string().min(1).max(200),
  config: z.unknown().optional(),
  module: z.string().max(200).nullish(),
  registered_name: z.string().max(400).nullish(),
});

/** One entry of a Functional's or Sequential's `layers` list. */
export const layerEntry = z.looseObject({
  class_name: z.string().min(1).max(200),
  config: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]),
  name: name.optional(),
  module: z.string().max(200).nullish(),
  registered_name: z.string().max(400).nullish(),
  inbound_nodes: z.array(z.unknown()).max(LIMITS.callsPerLayer).optional(),
});
export type LayerEntry = z.infer<typeof layerEntry>;

export const functionalConfig = z.looseObject({
  name: name.optional(),
  trainable: z.boolean().optional(),
  layers: z.array(layerEntry).max(LIMITS.layers),
  input_layers: z.unknown(),
  output_layers: z.unknown(),
});

export const sequentialConfig = z.union([
  z.array(layerEntry).max(LIMITS.layers), // the old bare-list form
  z.looseObject({ name: name.optional(), trainable: z.boolean().optional(), layers: z.array(layerEntry).max(LIMITS.layers), build_input_shape: z.unknown().optional() }),
]);

/** Keras 2 / tfjs list form of a tensor reference: [layer_name, node_index, tensor_index, kwargs?]. */
export const listRef = z.tuple([name, index, index], z.unknown());
/** Keras 3: {class_name: "__keras_tensor__", config: {keras_history: [name, node, tensor]}}. */
export const kerasTensor = z.looseObject({
  class_name: z.literal('__keras_tensor__'),
  config: z.looseObject({ keras_history: z.tuple([name, index, index]), shape: z.unknown().optional() }),
});
export const keras3Node = z.looseObject({ args: z.array(z.unknown()), kwargs: z.record(z.string(), z.unknown()).optional() });

const dtype = z.enum(['float32', 'int32', 'bool', 'uint8', 'uint16', 'float16', 'string', 'complex64']);
export const manifestEntry = z.looseObject({
  name: z.string().min(1).max(1000),
  shape: z.array(z.number().int().min(0).max(LIMITS.dim)).max(8),
  dtype: dtype.optional(),
  quantization: z.looseObject({ dtype: z.enum(['uint8', 'uint16', 'float16']), scale: z.number().optional(), min: z.number().optional() }).optional(),
});
export type ManifestEntry = z.infer<typeof manifestEntry>;
export const weightsManifest = z.array(z.looseObject({ paths: z.array(z.string().min(1).max(1000)).max(10_000), weights: z.array(manifestEntry).max(100_000) })).max(10_000);
export type WeightsManifest = z.infer<typeof weightsManifest>;

/** model.json as tfjs writes it (JS save) or the Python converter writes it. */
export const modelJson = z.looseObject({
  format: z.string().max(100).optional(),
  generatedBy: z.string().max(200).optional(),
  convertedBy: z.string().max(200).nullish(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: weightsManifest.optional(),
  trainingConfig: z.record(z.string(), z.unknown()).nullish(),
});

/** tf.keras training_config / tfjs trainingConfig. */
export const trainingConfig = z.looseObject({
  loss: z.unknown().optional(),
  metrics: z.unknown().optional(),
  loss_weights: z.unknown().optional(),
  optimizer_config: z.looseObject({ class_name: z.string().max(100), config: z.record(z.string(), z.unknown()).optional() }).optional(),
});

/** A short readable path + message from a zod error. */
export function zodMessage(err: z.ZodError, where: string): string {
  const first = err.issues[0];
  const path = first.path.length ? first.path.join('.') : '(top level)';
  // zod says "received undefined" for a field that is not there: say it the user's way.
  const message = first.message.replace(/^Invalid input: expected (.+), received undefined$/, 'missing (expected $1)');
  return `${where}: ${path}: ${message}`;
}
